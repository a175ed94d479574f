"""When reminders and digests fall: the athlete's wall clock, their days, DST and far zones."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from domain.errors import InvalidValueError
from domain.notifications.models import NoticeKind
from domain.notifications.schedule import (
    advanced,
    next_at,
    next_digest,
    next_reminder,
    parse_local_time,
    rescheduled,
    time_of_minute,
)
from domain.users.models import Language, Notifications, Units, User, Weekday

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)  # a Tuesday
BERLIN = ZoneInfo("Europe/Berlin")
EVERY_DAY = range(7)


def athlete(timezone: str = "Europe/Moscow", **changes: object) -> User:
    user = User(7, "Anna", None, Language.EN, Units.METRIC, timezone, NOW, onboarded_at=NOW)
    return replace(user, **changes)  # type: ignore[arg-type]


def test_the_reminder_is_at_the_chosen_local_time_today_when_still_ahead() -> None:
    user = athlete(reminder_time=time(18, 0))
    assert next_reminder(user, NOW) == datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


def test_a_time_already_past_today_falls_tomorrow() -> None:
    user = athlete(reminder_time=time(7, 0))
    assert next_reminder(user, NOW) == datetime(2026, 11, 25, 4, 0, tzinfo=UTC)


def test_only_training_days_get_a_reminder() -> None:
    user = athlete(reminder_time=time(7, 0)).with_profile(
        days=frozenset({Weekday.MON, Weekday.THU})
    )
    assert next_reminder(user, NOW) == datetime(2026, 11, 26, 4, 0, tzinfo=UTC), "Thursday"


def test_no_training_days_chosen_means_every_day() -> None:
    user = athlete(reminder_time=time(7, 0))
    assert next_reminder(user, datetime(2026, 11, 25, 4, 0, tzinfo=UTC)) == datetime(
        2026, 11, 26, 4, 0, tzinfo=UTC
    )


def test_nothing_is_scheduled_before_onboarding_is_done() -> None:
    user = rescheduled(athlete(onboarded_at=None), NOW)
    assert (user.next_reminder_at, user.next_digest_at) == (None, None)


def test_turned_off_means_no_moment_at_all() -> None:
    user = athlete(notifications=Notifications(reminders=False, digests=False))
    assert rescheduled(user, NOW).next_reminder_at is None
    assert rescheduled(user, NOW).next_digest_at is None


def test_the_same_local_time_moves_in_utc_when_summer_time_begins() -> None:
    saturday = datetime(2027, 3, 27, 6, 0, tzinfo=UTC)  # 07:00 CET
    assert next_at(saturday, BERLIN, time(7, 0), EVERY_DAY) == datetime(
        2027, 3, 28, 5, 0, tzinfo=UTC
    ), "07:00 CEST on the Sunday of the change"


def test_a_time_skipped_by_the_spring_change_comes_with_the_shifted_clock() -> None:
    moment = next_at(datetime(2027, 3, 27, 12, 0, tzinfo=UTC), BERLIN, time(2, 30), EVERY_DAY)
    assert moment == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    assert moment.astimezone(BERLIN).strftime("%H:%M") == "03:30"


def test_a_time_repeated_by_the_autumn_change_happens_once() -> None:
    first = next_at(datetime(2026, 10, 24, 12, 0, tzinfo=UTC), BERLIN, time(2, 30), EVERY_DAY)
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "the first 02:30 (CEST)"
    again = next_at(first, BERLIN, time(2, 30), EVERY_DAY)
    assert again == datetime(2026, 10, 26, 1, 30, tzinfo=UTC), "not the repeated 02:30 (CET)"


def test_the_weekday_is_the_athletes_even_when_utc_is_a_day_behind() -> None:
    user = athlete("Pacific/Kiritimati", reminder_time=time(6, 30)).with_profile(
        days=frozenset({Weekday.MON})
    )
    sunday_utc = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)  # Monday 02:00 at UTC+14
    moment = next_reminder(user, sunday_utc)
    assert moment == datetime(2026, 11, 29, 16, 30, tzinfo=UTC), "a Sunday in UTC"
    assert moment.astimezone(ZoneInfo("Pacific/Kiritimati")).weekday() == 0


def test_the_digest_is_on_sunday_evening_in_the_athletes_zone() -> None:
    assert next_digest(athlete("Asia/Kamchatka"), NOW) == datetime(
        2026, 11, 29, 7, 0, tzinfo=UTC
    ), "19:00 at UTC+12"
    assert next_digest(athlete("America/Los_Angeles"), NOW) == datetime(
        2026, 11, 30, 3, 0, tzinfo=UTC
    ), "19:00 at UTC-8 is Monday in UTC"


def test_advancing_after_a_send_goes_to_the_next_occurrence() -> None:
    user = rescheduled(athlete(reminder_time=time(18, 0)), NOW)
    due = user.next_reminder_at
    assert due is not None
    moved = advanced(user, NoticeKind.REMINDER, due)
    assert moved.next_reminder_at == datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
    assert moved.next_digest_at == user.next_digest_at


def test_advancing_after_downtime_skips_to_the_future() -> None:
    user = rescheduled(athlete(reminder_time=time(18, 0)), NOW)
    later = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)
    assert advanced(user, NoticeKind.REMINDER, later).next_reminder_at == datetime(
        2026, 11, 28, 15, 0, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [("06:45", time(6, 45)), ("7:30", time(7, 30)), ("19.00", time(19)), ("7", time(7)),
     (" 18 : 05 ", time(18, 5)), ("0:00", time(0))],
)  # fmt: skip
def test_typed_times(text: str, expected: time) -> None:
    assert parse_local_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "12:60", "noon", "", "7:5", "-1:00", "123"])
def test_bad_times_are_refused(text: str) -> None:
    with pytest.raises(InvalidValueError) as error:
        parse_local_time(text)
    assert (error.value.field, error.value.reason) == ("reminder_time", "not_a_time")


def test_a_button_time_out_of_the_day_is_refused() -> None:
    assert time_of_minute(1439) == time(23, 59)
    with pytest.raises(InvalidValueError):
        time_of_minute(1440)
    with pytest.raises(InvalidValueError):
        time_of_minute(-1)
