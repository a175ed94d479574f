"""An event as an iCalendar file (RFC 5545): UTC times, escaped texts, folded lines."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.groups.models import Group, GroupEvent

PRODID = "-//CoachBot//Group events//EN"
LINE_OCTETS = 75


def escape(text: str) -> str:
    """TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and newlines."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next with one leading space (3.1),
    never splitting a UTF-8 character."""
    parts: list[str] = []
    current, size, limit = "", 0, LINE_OCTETS
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_ics(event: GroupEvent, group: Group, title: str, now: datetime, host: str) -> bytes:
    """One VEVENT; the location is the meeting point's text, GEO only when it is precise."""
    point = event.draft.meeting_point
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:group-event-{event.id}@{host}",
        f"DTSTAMP:{utc(now)}",
        f"DTSTART:{utc(event.starts_at)}",
        f"DTEND:{utc(event.ends_at)}",
        f"SUMMARY:{escape(title)}",
        f"DESCRIPTION:{escape(group.name)}",
    ]
    if point.text:
        lines.append(f"LOCATION:{escape(point.text)}")
    if point.precise and point.latitude is not None and point.longitude is not None:
        lines.append(f"GEO:{point.latitude:.6f};{point.longitude:.6f}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode()
