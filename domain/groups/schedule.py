"""A group's weekly schedule: typed slots, overlap with an athlete's days, the next meeting."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.errors import InvalidValueError
from domain.groups.models import Slot
from domain.users.models import Weekday

MAX_SLOTS = 14
_NAMES: dict[str, Weekday] = {}
for _day, _aliases in zip(
    Weekday,
    (
        ("mon", "monday", "пн", "пон", "понедельник"),
        ("tue", "tuesday", "вт", "вторник"),
        ("wed", "wednesday", "ср", "среда"),
        ("thu", "thursday", "чт", "четверг"),
        ("fri", "friday", "пт", "пятница"),
        ("sat", "saturday", "сб", "суббота"),
        ("sun", "sunday", "вс", "воскресенье"),
    ),
    strict=True,
):
    for _alias in _aliases:
        _NAMES[_alias] = _day
_SLOT = re.compile(r"^([a-zа-яё]+)\.?\s+([01]?\d|2[0-3])[:.]([0-5]\d)$")


def parse_schedule(text: str) -> tuple[Slot, ...]:
    """`mon 7:00, wed 19:30` (or `пн 7:00; ср 19:30`): weekly slots, sorted, no repeats."""
    slots = set()
    for part in re.split(r"[,;\n]+", text.strip().lower()):
        if not part.strip():
            continue
        match = _SLOT.match(" ".join(part.split()))
        if match is None or match.group(1) not in _NAMES:
            raise InvalidValueError("schedule", "not_understood")
        minute = int(match.group(2)) * 60 + int(match.group(3))
        slots.add(Slot(_NAMES[match.group(1)], minute))
    if not slots:
        raise InvalidValueError("schedule", "not_understood")
    if len(slots) > MAX_SLOTS:
        raise InvalidValueError("schedule", "too_many", limit=MAX_SLOTS)
    return tuple(sorted(slots, key=Slot.key))


def days_mask(days: frozenset[Weekday]) -> int:
    return sum(1 << index for index, day in enumerate(Weekday) if day in days)


def days_of_mask(mask: int) -> frozenset[Weekday]:
    return frozenset(day for index, day in enumerate(Weekday) if mask & (1 << index))


def overlap(group_days: frozenset[Weekday], athlete_days: frozenset[Weekday]) -> float:
    """The share of the group's meeting days the athlete can train on, 0..1; an athlete
    who named no days is taken as free half of the time (neither a match nor a miss)."""
    if not group_days:
        return 0.0
    if not athlete_days:
        return 0.5
    return len(group_days & athlete_days) / len(group_days)


def next_occurrence(after: datetime, slots: tuple[Slot, ...], timezone: str) -> datetime:
    """The first slot strictly after `after`, in the group's zone (a week later when the
    group has no schedule); a slot that a DST change skips is moved by the zone's rules."""
    zone = ZoneInfo(timezone)
    local = after.astimezone(zone)
    if not slots:
        return (local + timedelta(days=7)).astimezone(after.tzinfo)
    for offset in range(8):
        day = local.date() + timedelta(days=offset)
        for slot in sorted(slots, key=Slot.key):
            if slot.day_index != day.weekday():
                continue
            moment = datetime.combine(day, time(slot.minute // 60, slot.minute % 60), zone)
            if moment > local:
                return moment.astimezone(after.tzinfo)
    raise AssertionError("a weekly schedule always has a slot within 8 days")


def format_slot(slot: Slot) -> str:
    return f"{slot.minute // 60:02d}:{slot.minute % 60:02d}"
