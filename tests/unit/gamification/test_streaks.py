"""Weekly and daily streaks with freezes, on the athlete's own calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.gamification.models import NoticeKind, Streak, Streaks
from domain.gamification.streaks import (
    daily_streak,
    default_target,
    streak,
    weekly_counts,
    weekly_streak,
)
from domain.gamification.warnings import warnings_for
from domain.users.models import Language, Units, User, Weekday
from domain.workouts.models import Activity, Workout, WorkoutSource

MONDAY = date(2026, 11, 2)


def weeks(*sessions: int) -> dict[date, int]:
    """Sessions per week, the first on MONDAY."""
    return {MONDAY + timedelta(weeks=i): n for i, n in enumerate(sessions) if n}


def at(moment: datetime) -> Workout:
    return Workout(1, 1, Activity.RUN, moment, WorkoutSource.TEXT, duration_s=1800)


def test_weeks_on_target_in_a_row_make_the_streak_and_the_running_week_waits() -> None:
    today = MONDAY + timedelta(weeks=3, days=2)
    result = weekly_streak(weeks(3, 4, 3, 1), 3, today)
    assert (result.current, result.best, result.running_hit) == (3, 3, False)
    assert not result.at_risk or result.freezes == 0
    met = weekly_streak(weeks(3, 4, 3, 3), 3, today)
    assert met.current == 4, "a running week counts once it is met"


def test_a_missed_week_breaks_the_streak_without_a_freeze() -> None:
    today = MONDAY + timedelta(weeks=4)
    result = weekly_streak(weeks(3, 3, 1, 3), 3, today)
    assert (result.current, result.best) == (1, 2)


def test_four_full_weeks_earn_a_freeze_spent_on_the_next_miss() -> None:
    today = MONDAY + timedelta(weeks=7)
    result = weekly_streak(weeks(3, 3, 3, 3, 0, 3, 3), 3, today)
    assert result.current == 6, "the missed week is frozen, not counted and not breaking"
    assert result.freezes == 0
    broken = weekly_streak(weeks(3, 3, 3, 3, 0, 0, 3), 3, today)
    assert (broken.current, broken.freezes) == (1, 0), "one freeze saves one week only"


def test_at_most_two_freezes_are_kept() -> None:
    result = streak([True] * 20, running_hit=False, earn_every=4)
    assert (result.current, result.freezes) == (20, 2)
    assert not result.at_risk, "a freeze in hand will save the running period"


def test_a_week_ends_at_the_athletes_own_sunday_midnight() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    sunday_late = datetime(2026, 11, 8, 14, 30, tzinfo=UTC)  # Sun 23:30 in Tokyo
    monday_early = datetime(2026, 11, 8, 15, 30, tzinfo=UTC)  # Mon 00:30 in Tokyo
    counts = weekly_counts([at(sunday_late), at(monday_early)], tokyo)
    assert counts == {date(2026, 11, 2): 1, date(2026, 11, 9): 1}
    los_angeles = ZoneInfo("America/Los_Angeles")
    monday_utc = datetime(2026, 11, 9, 6, 0, tzinfo=UTC)  # still Sun 22:00 in Los Angeles
    assert weekly_counts([at(monday_utc)], los_angeles) == {date(2026, 11, 2): 1}
    assert weekly_counts([at(monday_utc)], ZoneInfo("UTC")) == {date(2026, 11, 9): 1}


def test_the_daily_check_in_streak_with_its_freeze() -> None:
    today = date(2026, 11, 20)
    days = {today - timedelta(days=n) for n in range(1, 9)} - {today - timedelta(days=1)}
    result = daily_streak(days, today)
    assert result.current == 7, "seven days in a row earned a freeze that saved yesterday"
    assert result.freezes == 0
    assert result.at_risk, "nothing saves tonight: no check-in today and no freeze"
    assert daily_streak(days | {today}, today).current == 8


def test_the_default_target_is_the_training_days_of_the_profile() -> None:
    now = datetime(2026, 11, 1, tzinfo=UTC)
    user = User(1, "Ann", None, Language.EN, Units.METRIC, "UTC", now)
    assert default_target(user) == 3
    assert default_target(user.with_profile(days=frozenset({Weekday.MON, Weekday.THU}))) == 2


def test_the_evening_warning_names_the_streaks_that_would_break_tonight() -> None:
    alive = Streak(current=5, best=5, freezes=0, running_hit=False)
    saved = Streak(current=5, best=5, freezes=1, running_hit=False)
    sunday, saturday = date(2026, 11, 22), date(2026, 11, 21)
    streaks = Streaks(weekly=alive, target=3, this_week=2, checkins=alive)
    found = warnings_for(streaks, sunday)
    assert [(w.kind, w.current, w.missing) for w in found] == [
        (NoticeKind.WEEKLY_STREAK, 5, 1),
        (NoticeKind.CHECKIN_STREAK, 5, 1),
    ]
    assert [w.kind for w in warnings_for(streaks, saturday)] == [NoticeKind.CHECKIN_STREAK]
    assert warnings_for(Streaks(saved, 3, 2, saved), sunday) == []
