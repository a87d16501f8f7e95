"""A very long free text in a table cell splits across pages instead of making the meeting
summary unprintable (issue 13: reportlab LayoutError on >= 5,000 characters in a cell)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from report_checks import GENERATED, all_text, render_all

from netboard.domain.snapshot import CaseSnapshot, MeetingSnapshot
from netboard.reports.meeting_summary import build_meeting_summary

Meeting = tuple[MeetingSnapshot, dict[str, CaseSnapshot]]


def _long(label: str, chars: int = 9000) -> str:
    words = []
    i = 0
    while sum(len(w) + 1 for w in words) < chars:
        words.append(f"{label.lower()}{i}")
        i += 1
    return f"START-{label} " + " ".join(words) + f" END-{label}"


def test_long_texts_in_cells_split_across_pages(tmp_path: Path, meeting: Meeting) -> None:
    snapshot, cases = meeting
    item = next(i for i in snapshot.agenda if i.discussion.options)
    discussion = item.discussion
    option = replace(discussion.options[0], rationale=_long("RATIONALE"))
    long_discussion = replace(
        discussion,
        question=_long("QUESTION", 6000),
        notes=_long("NOTES", 6000),
        options=(option, *discussion.options[1:]),
    )
    one = replace(snapshot, agenda=(replace(item, discussion=long_discussion),))
    out = build_meeting_summary(one, cases, tmp_path / "long.pdf", generated_at=GENERATED)
    text = all_text(out)
    for label in ("RATIONALE", "QUESTION", "NOTES"):
        assert f"START-{label}" in text and f"END-{label}" in text
    assert "rationale333" in text  # the middle of the split cell is printed too
    pages = render_all(out, tmp_path)
    assert len(pages) >= 4
