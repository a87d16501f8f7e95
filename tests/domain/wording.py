"""The wording check: clinical text explains and cites; it never instructs.

Shared by the wording test and the property tests. A text fails when it uses an instructing verb
anywhere ("give", "start", "must", "should", "administer", "recommend" in any form) or opens a
sentence or clause with an imperative ("Consider ...", "Hold ...").
"""

from __future__ import annotations

import re

INSTRUCTING = re.compile(
    r"\b(giv(e|es|en|ing)|gave|start(s|ed|ing)?|must|should|ought|"
    r"administer\w*|recommend\w*|advis\w*|prescrib\w*)\b",
    re.IGNORECASE,
)
IMPERATIVE_OPENERS = (
    "consider avoid add begin check continue do hold obtain offer order perform prefer "
    "refer repeat stop switch treat try use"
).split()
_CLAUSE_START = re.compile(r"(?:^|[.;:!?]\s+|\n)\s*([A-Za-z]+)")


def instructions_in(text: str) -> list[str]:
    """The instructing words found in ``text`` (empty when it only explains)."""
    found = [m.group(0) for m in INSTRUCTING.finditer(text)]
    found.extend(
        m.group(1) for m in _CLAUSE_START.finditer(text) if m.group(1).lower() in IMPERATIVE_OPENERS
    )
    return found
