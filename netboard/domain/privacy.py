"""Privacy: the one accent fold (search and de-identification compare names through it).

NFKD splits most accented letters (é -> e + accent) and compatibility forms (ﬁ -> fi); the accents,
invisible characters (soft hyphen, zero-width space, direction marks) and case then go. The letters
NFKD does not split (ł ø đ ß æ œ þ, dotless i …) are mapped by hand. Typographic apostrophes and
dashes become ASCII ones, so "O'Brien" typed either way compares equal.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_LETTERS = {
    "ł": "l",
    "ŀ": "l",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "ħ": "h",
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
    "\u0131": "i",
    "ȷ": "j",
    "ŧ": "t",
    "ŋ": "n",
    "ĸ": "k",
    "\u017f": "s",
    "ƀ": "b",
    "ɨ": "i",
    "ʉ": "u",
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u2032": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
}
_DROPPED = frozenset({"Mn", "Me", "Cf"})
"""Accents (combining marks) and invisible format characters (soft hyphen, zero-width space...)."""


@lru_cache(maxsize=16384)
def fold_char(char: str) -> str:
    """One character folded: '' (accent, invisible), one letter, or a few ('ß' -> 'ss')."""
    out: list[str] = []
    for part in unicodedata.normalize("NFKD", char).casefold():
        part = _LETTERS.get(part, part)
        for piece in unicodedata.normalize("NFKD", part):
            if unicodedata.category(piece) not in _DROPPED:
                out.append(piece)
    return "".join(out)


def fold(text: str) -> str:
    """Lower case without accents or invisible characters: 'Żółć' -> 'zolc'."""
    return "".join(fold_char(c) for c in text)


def fold_with_origins(text: str) -> tuple[str, tuple[int, ...]]:
    """``fold(text)`` and, for each of its characters, the index in ``text`` it came from."""
    chars: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char)
        chars.append(folded)
        origins.extend([index] * len(folded))
    return "".join(chars), tuple(origins)
