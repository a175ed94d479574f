"""When the next reminder and digest fall: local wall-clock times, kept as UTC instants."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.errors import InvalidValueError
from domain.notifications.models import NoticeKind
from domain.users.models import User, Weekday

DIGEST_WEEKDAY = 6  # Sunday
DIGEST_TIME = time(19, 0)
CHECKIN_TIME = time(8, 0)  # after waking, before most amateurs train (adr/0020)
EVERY_DAY = frozenset(range(7))
MINUTES_PER_DAY = 24 * 60
_TIME = re.compile(r"^\s*(\d{1,2})(?:\s*[:.hч]\s*(\d{2}))?\s*$", re.IGNORECASE)


def wall_clock(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of a local time: one skipped by a DST change comes with the shifted
    clock (02:30 -> 03:30), one repeated by it happens the first time."""
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def next_at(after: datetime, zone: ZoneInfo, at: time, weekdays: Collection[int]) -> datetime:
    """The first local `at` on one of `weekdays` (0 = Monday) strictly after `after`."""
    start = after.astimezone(zone).date()
    for offset in range(8):
        day = start + timedelta(days=offset)
        if day.weekday() in weekdays:
            moment = wall_clock(day, at, zone)
            if moment > after:
                return moment
    raise ValueError("no weekday to schedule on")


def training_weekdays(user: User) -> frozenset[int]:
    """The athlete's training days; no days chosen means every day (as the coach reads it)."""
    order = list(Weekday)
    return frozenset(order.index(day) for day in user.profile.days) or EVERY_DAY


def next_reminder(user: User, after: datetime) -> datetime | None:
    """None when turned off, or before onboarding is done (a bare /start is no consent)."""
    if not user.notifications.reminders or user.onboarded_at is None:
        return None
    return next_at(after, ZoneInfo(user.timezone), user.reminder_time, training_weekdays(user))


def next_digest(user: User, after: datetime) -> datetime | None:
    if not user.notifications.digests or user.onboarded_at is None:
        return None
    return next_at(after, ZoneInfo(user.timezone), DIGEST_TIME, {DIGEST_WEEKDAY})


def next_checkin(user: User, after: datetime) -> datetime | None:
    """Every morning at the same local time (see adr/0020), when the prompt is switched on."""
    if not user.notifications.checkins or user.onboarded_at is None:
        return None
    return next_at(after, ZoneInfo(user.timezone), CHECKIN_TIME, EVERY_DAY)


_NEXT = {
    NoticeKind.REMINDER: (next_reminder, "next_reminder_at"),
    NoticeKind.DIGEST: (next_digest, "next_digest_at"),
    NoticeKind.CHECKIN: (next_checkin, "next_checkin_at"),
}


def rescheduled(user: User, now: datetime) -> User:
    """Every next moment computed afresh from the athlete's settings."""
    changes = {name: next_of(user, now) for next_of, name in _NEXT.values()}
    return replace(user, **changes)  # type: ignore[arg-type]


def advanced(user: User, kind: NoticeKind, now: datetime) -> User:
    """The next moment of `kind` after the one just handled (and after now)."""
    next_of, name = _NEXT[kind]
    after = max(now, due_moment(user, kind) or now)
    return replace(user, **{name: next_of(user, after)})  # type: ignore[arg-type]


def schedule_inputs(user: User) -> tuple[object, ...]:
    """What the next moments depend on: a change here reschedules them."""
    notifications = user.notifications
    return (
        user.onboarded_at is None,
        user.reminder_time,
        user.timezone,
        user.profile.days,
        notifications.reminders,
        notifications.digests,
        notifications.checkins,
        user.bot_blocked_at,
    )


def due_moment(user: User, kind: NoticeKind) -> datetime | None:
    moment: datetime | None = getattr(user, _NEXT[kind][1])
    return moment


def parse_local_time(text: str) -> time:
    """A local time typed as 7:30, 07:30, 19.00 or 7 (an hour)."""
    match = _TIME.match(text)
    if match is None:
        raise InvalidValueError("reminder_time", "not_a_time")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise InvalidValueError("reminder_time", "not_a_time")
    return time(hour, minute)


def time_of_minute(minute: int) -> time:
    """A time of day from minutes after midnight (what a button carries)."""
    if not 0 <= minute < MINUTES_PER_DAY:
        raise InvalidValueError("reminder_time", "not_a_time")
    return time(minute // 60, minute % 60)
