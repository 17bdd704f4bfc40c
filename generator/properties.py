"""The Word core properties of a decree (File > Info), cut to what a .docx can hold.

python-docx refuses a title, subject or author longer than 255 characters; a long kecamatan name or
subject must not make ``buat`` fail after ``periksa`` passed, so both read the same texts from here.
"""

from __future__ import annotations

from . import limits

LABELS = {"title": "Judul", "subject": "Subjek", "author": "Penulis", "keywords": "Kata Kunci"}


def property_texts(kecamatan: str, regency: str, title: str) -> dict[str, str]:
    """Title, subject and author as the decree would fill them, before any cut."""
    return {
        "title": f"Keputusan Camat {kecamatan} tentang {title}",
        "subject": title,
        "author": f"Kecamatan {kecamatan} {regency}".strip(),
        "keywords": f"Keputusan Camat; Kecamatan {kecamatan}",
    }


def fit(text: str) -> str:
    """``text`` within the property limit, cut at a word with an ellipsis when longer."""
    limit = limits.PROPERTY_CHARS.value
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


def document_properties(kecamatan: str, regency: str, title: str) -> dict[str, str]:
    """Title, subject and author, each within the limit."""
    return {key: fit(text) for key, text in property_texts(kecamatan, regency, title).items()}


SOURCES = {
    "title": ("kecamatan", "title"),
    "subject": ("title",),
    "author": ("kecamatan", "regency"),
    "keywords": ("kecamatan",),
}
"""Which workbook fields each property is made of."""


def overlong(kecamatan: str, regency: str, title: str) -> dict[str, list[str]]:
    """Field ("kecamatan", "regency" or "title") -> labels ("Judul", ...) of the properties that will
    be cut, each charged to the longest field it is made of."""
    fields = {"kecamatan": kecamatan, "regency": regency, "title": title}
    charged: dict[str, list[str]] = {}
    for key, text in property_texts(kecamatan, regency, title).items():
        if len(text) > limits.PROPERTY_CHARS.value:
            longest = max(SOURCES[key], key=lambda field: len(fields[field]))
            charged.setdefault(longest, []).append(LABELS[key])
    return charged
