"""Login sessions of the workspace pages: kept in the server, named by a signed token in a cookie.

The cookie carries only a random token signed with the server's key (itsdangerous), HttpOnly and
SameSite=Lax, Secure when the page came over https; the session itself (which account, since when,
last used) stays in the server, so logging out, a password change or an account switched off ends it
at once. A session ends when idle too long or, however busy, when it is too old; a login always makes
a new one (the token a visitor had before is never promoted). Forms carry a CSRF token derived from
the session (or, on the login form, from a one-time cookie) with the same key.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from itsdangerous import BadSignature, Signer

SESSION_COOKIE = "sesi"
LOGIN_COOKIE = "masuk"  # the login form's own CSRF seed, before there is a session
TOKEN_BYTES = 32
MOST_SESSIONS = 5000  # the oldest go first beyond this: logins cannot fill the server's memory


@dataclass
class LoginSession:
    """One logged-in browser: the account it acts as, and when it began and was last used."""

    token: str
    account_id: int
    username: str
    is_admin: bool
    created: float
    last_used: float


class Sessions:
    """Live sessions by token; thread-safe. ``clock`` is injectable so a test can let hours pass."""

    def __init__(
        self,
        idle_seconds: float,
        absolute_seconds: float,
        *,
        key: bytes | None = None,
        clock: Callable[[], float] = time.monotonic,
        most: int = MOST_SESSIONS,
    ) -> None:
        self.idle_seconds, self.absolute_seconds = idle_seconds, absolute_seconds
        self.clock, self.most = clock, most
        self._key = key or secrets.token_bytes(32)
        self._cookie = Signer(self._key, salt="keputusan-sesi")
        self._csrf = Signer(self._key, salt="keputusan-csrf")
        self._live: dict[str, LoginSession] = {}
        self._lock = threading.Lock()

    # --- the cookie ---------------------------------------------------------------------------

    def cookie_value(self, session: LoginSession) -> str:
        return self._cookie.sign(session.token).decode("ascii")

    def token_of(self, cookie: str | None) -> str | None:
        """The token a cookie carries, when its signature is this server's; None otherwise."""
        if not cookie or len(cookie) > 200:
            return None
        try:
            return self._cookie.unsign(cookie).decode("ascii")
        except (BadSignature, UnicodeError):
            return None

    # --- sessions -----------------------------------------------------------------------------

    def create(self, account_id: int, username: str, is_admin: bool) -> LoginSession:
        now = self.clock()
        session = LoginSession(secrets.token_urlsafe(TOKEN_BYTES), account_id, username, is_admin, now, now)
        with self._lock:
            self._drop_expired(now)
            while len(self._live) >= self.most:
                oldest = min(self._live.values(), key=lambda s: s.last_used)
                del self._live[oldest.token]
            self._live[session.token] = session
        return session

    def get(self, cookie: str | None, *, touch: bool = True) -> tuple[LoginSession | None, bool]:
        """(the live session of a cookie, whether the cookie named one that has expired)."""
        token = self.token_of(cookie)
        if token is None:
            return None, False
        now = self.clock()
        with self._lock:
            session = self._live.get(token)
            if session is None:
                return None, False
            if self._expired(session, now):
                del self._live[token]
                return None, True
            if touch:
                session.last_used = now
            return session, False

    def end(self, session: LoginSession) -> None:
        with self._lock:
            self._live.pop(session.token, None)

    def end_account(self, account_id: int, keep: LoginSession | None = None) -> int:
        """End every session of an account (password reset, account switched off), but ``keep``."""
        with self._lock:
            gone = [
                t
                for t, s in self._live.items()
                if s.account_id == account_id and (keep is None or s is not keep)
            ]
            for token in gone:
                del self._live[token]
        return len(gone)

    def __len__(self) -> int:
        with self._lock:
            return len(self._live)

    def _expired(self, session: LoginSession, now: float) -> bool:
        return now - session.last_used > self.idle_seconds or now - session.created > self.absolute_seconds

    def _drop_expired(self, now: float) -> None:
        for token in [t for t, s in self._live.items() if self._expired(s, now)]:
            del self._live[token]

    # --- CSRF ---------------------------------------------------------------------------------

    def csrf_token(self, seed: str) -> str:
        """The token a form carries for the session (or login seed) ``seed``."""
        return self._csrf.get_signature(seed).decode("ascii")

    def csrf_valid(self, seed: str | None, token: str | None) -> bool:
        if not seed or not token or len(token) > 200:
            return False
        return hmac.compare_digest(self.csrf_token(seed), token)


def new_seed() -> str:
    """A login form's CSRF seed (its own cookie), random like a session token."""
    return secrets.token_urlsafe(TOKEN_BYTES)
