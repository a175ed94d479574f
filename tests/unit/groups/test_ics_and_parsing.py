"""The .ics file (RFC 5545) and what organizers type."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.errors import InvalidValueError
from domain.groups.ics import escape, event_ics, fold
from domain.groups.models import EventDraft, GroupEvent, MeetingPoint
from domain.groups.parsing import parse_event_distance, parse_pace, parse_when
from domain.workouts.models import Activity
from tests.unit.groups.test_search_and_schedule import group

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def event(**changes: object) -> GroupEvent:
    values: dict[str, object] = {
        "sport": Activity.RUN,
        "starts_at": datetime(2026, 11, 25, 4, 30, tzinfo=UTC),
        "meeting_point": MeetingPoint("Gorky Park, main gate; by the fountain", 55.73, 37.6, True),
        "distance_m": 10_000.0,
        "pace_s_per_km": (300, 330),
    }
    values.update(changes)
    return GroupEvent(7, 1, EventDraft(**values), 1, NOW)  # type: ignore[arg-type]


def test_the_calendar_file_has_utc_times_escaped_texts_and_crlf_lines() -> None:
    content = event_ics(
        event(), group(1, name="Runners, Inc."), "Run · Runners", NOW, "coachbot"
    ).decode()
    lines = content.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2:] == ["END:VCALENDAR", ""]
    assert "DTSTART:20261125T043000Z" in lines
    assert "DTEND:20261125T052230Z" in lines, "10 km at 5:15 /km"
    assert "DTSTAMP:20261124T080000Z" in lines
    assert "UID:group-event-7@coachbot" in lines
    assert "LOCATION:Gorky Park\\, main gate\\; by the fountain" in lines
    assert "DESCRIPTION:Runners\\, Inc." in lines
    assert "GEO:55.730000;37.600000" in lines
    assert "\n" not in content.replace("\r\n", "")


def test_an_approximate_meeting_point_gets_no_geo() -> None:
    coarse = MeetingPoint("Park", 55.7, 37.6, precise=False)
    content = event_ics(event(meeting_point=coarse), group(1), "Run", NOW, "x").decode()
    assert "GEO:" not in content


def test_escaping_and_folding_follow_the_rfc() -> None:
    assert escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    long = "SUMMARY:" + "Бег " * 40
    folded = fold(long)
    parts = folded.split("\r\n ")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert "".join(parts) == long, "unfolding gives the line back, characters unsplit"


def test_an_events_duration_comes_from_distance_and_pace_else_an_hour() -> None:
    assert event().duration == timedelta(seconds=3150)
    assert event(distance_m=None).duration == timedelta(hours=1)


def test_the_start_is_read_in_the_groups_zone_and_must_lie_ahead() -> None:
    assert parse_when("25.11 07:30", "Europe/Moscow", NOW) == datetime(
        2026, 11, 25, 4, 30, tzinfo=UTC
    )
    assert parse_when("2026-12-05 7:30", "UTC", NOW) == datetime(2026, 12, 5, 7, 30, tzinfo=UTC)
    assert parse_when("01.01 10:00", "UTC", NOW).year == 2027, "the next such date"
    for text in ("2026-11-20 10:00", "31.02 10:00", "tomorrow", "2028-01-01 10:00"):
        with pytest.raises(InvalidValueError):
            parse_when(text, "UTC", NOW)


def test_pace_ranges_and_distances() -> None:
    assert parse_pace("5:30-5:00") == (300, 330)
    assert parse_pace("6:00") == (360, 360)
    assert parse_event_distance("10 km") == 10_000
    assert parse_event_distance("800 m") == 800
    assert parse_event_distance("5к") == 5000
    with pytest.raises(InvalidValueError):
        parse_pace("fast")
    with pytest.raises(InvalidValueError):
        parse_event_distance("0")
