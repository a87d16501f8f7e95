"""A meeting invitation as an .ics file (``icalendar``): title, time, place and video link — and
no patient data (no names, MRNs or agenda)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from netboard.domain import snapshot as s

if TYPE_CHECKING:
    from netboard.db.store import Store

DESCRIPTION = (
    "Tumor board meeting. The agenda and the patients' records are in NETboard; this invitation "
    "deliberately carries no patient data."
)


def invitation(
    meeting: s.Meeting, *, minutes: int = 60, video_url: str = "", organizer: str = ""
) -> bytes:
    """The iCalendar bytes of one event for ``meeting``."""
    from icalendar import Calendar, Event, vCalAddress, vText

    if minutes <= 0:
        raise ValueError(f"duration: must be at least 1 minute (got {minutes})")
    start = meeting.starts_at.astimezone(UTC)
    event = Event()
    event.add("uid", f"{meeting.id}@netboard")
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=minutes))
    event.add("summary", meeting.title)
    location = meeting.location or ""
    if video_url:
        event.add("url", video_url)
        location = f"{location} / {video_url}" if location else video_url
    if location:
        event.add("location", location)
    text = DESCRIPTION + (f"\nVideo: {video_url}" if video_url else "")
    event.add("description", text)
    if organizer or meeting.chair:
        address = vCalAddress("MAILTO:noreply@netboard.invalid")
        address.params["cn"] = vText(organizer or meeting.chair)
        event["organizer"] = address
    calendar = Calendar()
    calendar.add("prodid", "-//NETboard//tumor board//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def write_invitation(meeting: s.Meeting, path: Path, **kw: object) -> Path:
    path = Path(path).expanduser()
    path.write_bytes(invitation(meeting, **kw))  # type: ignore[arg-type]
    return path


def export_invitation(store: Store, meeting: s.Meeting, path: Path, **kw: object) -> Path:
    """Write the invitation and note it in the audit log (an entry for the meeting: the file
    carries no patient data, so no patient's history lists it)."""
    from netboard.db.operations import record_export

    written = write_invitation(meeting, path, **kw)
    record_export(store, [meeting.id], "meeting invitation (.ics)", written, entity="meeting")
    return written
