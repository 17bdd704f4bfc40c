"""Lists written as prose: "A, B, dan C", "A dan B", "yaitu A", split back into their items."""

from __future__ import annotations

import re

LEAD = re.compile(r"^(?:yaitu|antara\s+lain|adalah|meliputi)\s*[,:]?\s*", re.IGNORECASE)
CONJUNCTION = re.compile(r"^(?:dan|serta|atau)\s+", re.IGNORECASE)
LAST_JOIN = re.compile(r"\s+(?:dan|serta)\s+", re.IGNORECASE)


def split_listing(
    text: str, count: int | None = None, known: list[str] | None = None
) -> tuple[list[str], bool]:
    """Items of a prose list and whether the split is certain.

    ``count`` (when the sentence says how many) and ``known`` names (processes already read) decide
    between splits of names that themselves contain "dan" or commas.
    """
    lead = LEAD.match(text.strip())
    body = LEAD.sub("", text.strip()).rstrip(" .;:")
    if count is None and lead and "," not in body:
        single = lead.group(0).lower().startswith(("yaitu", "adalah"))
        count = 1 if single else (2 if len(LAST_JOIN.findall(body)) == 1 else None)
    if count == 1:
        return [body], True
    if known:
        found = _by_known(body, known)
        if found is not None and (count is None or len(found) == count):
            return found, True
    parts = [CONJUNCTION.sub("", p.strip()) for p in re.split(r"\s*,\s*", body) if p.strip()]
    if not parts:
        return [], count in (None, 0)
    if count is not None and len(parts) == count - 1:
        last = parts[-1]
        joins = list(LAST_JOIN.finditer(last))
        if joins:
            cut = joins[-1] if len(joins) == 1 else _best_join(last, joins, _first_word(parts[:-1]))
            parts = [*parts[:-1], last[: cut.start()], last[cut.end() :]]
            return parts, len(joins) == 1
    if count is None and len(parts) == 1:
        joins = list(LAST_JOIN.finditer(parts[0]))
        if len(joins) == 1:
            return [parts[0][: joins[0].start()], parts[0][joins[0].end() :]], False
    return parts, count is None or len(parts) == count


def _first_word(parts: list[str]) -> str:
    words = [p.split()[0] for p in parts if p.split()]
    return max(set(words), key=words.count) if words else ""


def _best_join(text: str, joins: list[re.Match[str]], first: str) -> re.Match[str]:
    """Of several "dan", the one after which a name starts as the others do ("Proses ..."), else with
    a capital letter."""
    for join in reversed(joins):
        if first and text[join.end() :].split(" ", 1)[0] == first:
            return join
    for join in reversed(joins):
        if text[join.end() :][:1].isupper():
            return join
    return joins[-1]


def _by_known(body: str, known: list[str]) -> list[str] | None:
    """The list read as a sequence of known names joined by commas and "dan"; None if it is not one."""
    names = sorted({k for k in known if k}, key=len, reverse=True)
    if not names:
        return None
    alternation = "|".join(re.escape(n) for n in names)
    pattern = re.compile(
        rf"(?:,\s*)?(?:(?:dan|serta)\s+)?(?P<name>{alternation})(?=\s*(?:,|\s(?:dan|serta)\s|$))",
        re.IGNORECASE,
    )
    found: list[str] = []
    position = 0
    body = body.strip()
    while position < len(body):
        match = pattern.match(body, position)
        if not match:
            return None
        found.append(match["name"])
        position = match.end()
        while position < len(body) and body[position] == " ":
            position += 1
    return found
