"""Passwords: argon2id hashes (argon2-cffi) and the rule that refuses one too easy to guess."""

from __future__ import annotations

import re
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from .errors import WeakPassword

MIN_LENGTH = 10
MAX_LENGTH = 256
# Words a guesser tries first, with digits and signs around them ("Rahasia2026!").
COMMON_WORDS = frozenset(
    {
        "password", "passw0rd", "katasandi", "sandi", "rahasia", "admin", "administrator", "qwerty",
        "qwertyuiop", "asdfgh", "abcdef", "abcdefgh", "abc", "letmein", "welcome", "iloveyou",
        "indonesia", "bismillah", "kecamatan", "kabupaten", "pemda", "camat", "operator",
        "masuk", "login", "sayang", "merdeka",
    }
)  # fmt: skip

LEET = str.maketrans("4@31!05$7", "aaeiioost")  # "R4h4s1a" is "rahasia" to a guesser
hasher = PasswordHasher()  # argon2id with the library's current recommended cost


def hash_password(password: str) -> str:
    return hasher.hash(password)


def verify(stored_hash: str, password: str) -> bool:
    try:
        return hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker settings than the hasher's current ones."""
    try:
        return hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


@lru_cache(maxsize=4)
def _dummy_hash(params: object) -> str:
    return hasher.hash("bukan-sandi-siapa-pun")


def verify_nobody(password: str) -> None:
    """Spend the time one verification takes, so an unknown user name answers no faster."""
    verify(_dummy_hash(hasher), password)


def check_strength(password: str, username: str = "") -> None:
    """Refuse, in one sentence, a password someone could guess."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"Kata sandi terlalu pendek: paling sedikit {MIN_LENGTH} karakter.")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"Kata sandi terlalu panjang: paling banyak {MAX_LENGTH} karakter.")
    if password != password.strip():
        raise WeakPassword("Kata sandi tidak boleh diawali atau diakhiri spasi.")
    folded = password.casefold()
    if len(set(folded)) < 5:
        raise WeakPassword("Kata sandi terlalu mudah ditebak: pakai paling sedikit 5 karakter yang berbeda.")
    if not re.search(r"[^\W\d_]", folded):
        raise WeakPassword("Kata sandi tanpa huruf mudah ditebak; campurkan huruf dan angka.")
    name = username.casefold()
    if len(name) >= 3 and name in folded:
        raise WeakPassword("Kata sandi tidak boleh memuat nama pengguna.")
    core = re.sub(r"^[\d\W_]+|[\d\W_]+$", "", folded)  # "Rahasia2026!" -> "rahasia"
    if core in COMMON_WORDS or core.translate(LEET) in COMMON_WORDS or _repeats(core):
        raise WeakPassword(
            "Kata sandi terlalu mudah ditebak (kata umum ditambah angka atau tanda); pakai kalimat "
            "pendek yang hanya Anda ketahui."
        )


def _repeats(text: str) -> bool:
    """ "abcabcabc", "aaaa": one short piece repeated."""
    return any(len(text) % n == 0 and text == text[:n] * (len(text) // n) for n in range(1, 4))
