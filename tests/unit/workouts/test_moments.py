"""When a workout happened, typed in English or Russian, on the athlete's own calendar."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidValueError
from domain.workouts.models import Activity
from domain.workouts.moments import (
    CalendarDay,
    DaysAgo,
    LastWeekday,
    When,
    logged_start,
    moved_start,
    parse_when,
    resolve_day,
)
from domain.workouts.parsing import parse_log

# Tuesday 24 November 2026, 18:00 UTC: already Wednesday 04:00 in Vladivostok (UTC+10).
NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
TODAY = date(2026, 11, 24)
MOSCOW = ZoneInfo("Europe/Moscow")
VLADIVOSTOK = ZoneInfo("Asia/Vladivostok")


@pytest.mark.parametrize(
    ("text", "when", "rest"),
    [
        ("yesterday run 10k 52:30", When(DaysAgo(1)), "run 10k 52:30"),
        ("вчера бег 10 км за 52 минуты", When(DaysAgo(1)), "бег 10 км за 52 минуты"),
        ("позавчера плавание 30 мин", When(DaysAgo(2)), "плавание 30 мин"),
        ("day before yesterday swim 30 min", When(DaysAgo(2)), "swim 30 min"),
        ("3 days ago yoga 30m", When(DaysAgo(3)), "yoga 30m"),
        ("3 дня назад йога 30 мин", When(DaysAgo(3)), "йога 30 мин"),
        # "дней" (5 and more) used to be left in the text: the run was logged as today's.
        ("5 дней назад бег 10 км 50 мин", When(DaysAgo(5)), "бег 10 км 50 мин"),
        ("11 дней назад бег 10 км 50 мин", When(DaysAgo(11)), "бег 10 км 50 мин"),
        ("1 день назад бег 5 км 25 мин", When(DaysAgo(1)), "бег 5 км 25 мин"),
        ("1 day ago run 5k 25:00", When(DaysAgo(1)), "run 5k 25:00"),
        ("today run 30 min", When(DaysAgo(0)), "run 30 min"),
        ("mon run 30 min", When(LastWeekday(0)), "run 30 min"),
        ("on monday run 30 min", When(LastWeekday(0)), "run 30 min"),
        ("last friday bike 1h15 42km", When(LastWeekday(4)), "bike 1h15 42km"),
        ("sun walk 40 min", When(LastWeekday(6)), "walk 40 min"),
        ("пн бег 30 мин", When(LastWeekday(0)), "бег 30 мин"),
        ("понедельник бег 30 мин", When(LastWeekday(0)), "бег 30 мин"),
        ("в понедельник бег 30 мин", When(LastWeekday(0)), "бег 30 мин"),
        ("во вторник плавание 40 мин", When(LastWeekday(1)), "плавание 40 мин"),
        ("в среду вело 1ч", When(LastWeekday(2)), "вело 1ч"),
        ("в субботу ходьба час", When(LastWeekday(5)), "ходьба час"),
        ("в воскресенье йога 30 мин", When(LastWeekday(6)), "йога 30 мин"),
        ("23.11 run 10k 52:30", When(CalendarDay(23, 11)), "run 10k 52:30"),
        ("23/11 run 10k 52:30", When(CalendarDay(23, 11)), "run 10k 52:30"),
        ("5/9 run 30 min", When(CalendarDay(5, 9)), "run 30 min"),
        ("23.11.2026 бег 30 мин", When(CalendarDay(23, 11, 2026)), "бег 30 мин"),
        ("23/11/26 run 30 min", When(CalendarDay(23, 11, 2026)), "run 30 min"),
        ("2026-11-23 run 30 min", When(CalendarDay(23, 11, 2026)), "run 30 min"),
        ("23 nov run 30 min", When(CalendarDay(23, 11)), "run 30 min"),
        ("on 23rd november run 30 min", When(CalendarDay(23, 11)), "run 30 min"),
        ("nov 23 run 30 min", When(CalendarDay(23, 11)), "run 30 min"),
        ("23 ноября бег 30 мин", When(CalendarDay(23, 11)), "бег 30 мин"),
        ("1 мая бег 30 мин", When(CalendarDay(1, 5)), "бег 30 мин"),
        ("run 10k 52:30 at 7:30", When(None, time(7, 30)), "run 10k 52:30"),
        ("run 30 min 7am", When(None, time(7)), "run 30 min"),
        ("run 30 min at 6:15pm", When(None, time(18, 15)), "run 30 min"),
        ("бег 30 мин в 7:30", When(None, time(7, 30)), "бег 30 мин"),
        ("бег 30 мин в 7.30", When(None, time(7, 30)), "бег 30 мин"),
        ("бег 30 мин в 7 вечера", When(None, time(19)), "бег 30 мин"),
        ("вчера в 18:00 силовая 45 мин", When(DaysAgo(1), time(18)), "силовая 45 мин"),
        ("yesterday at 7 run 30 min", When(DaysAgo(1), time(7)), "run 30 min"),
        ("mon 7:30am run 30 min", When(LastWeekday(0), time(7, 30)), "run 30 min"),
        ("вчера 7:30 бег 10 км 52:30", When(DaysAgo(1), time(7, 30)), "бег 10 км 52:30"),
        ("mon 18:15 run 10k 52:30", When(LastWeekday(0), time(18, 15)), "run 10k 52:30"),
        ("23.11 18:00 swim 1500m 31:20", When(CalendarDay(23, 11), time(18)), "swim 1500m 31:20"),
        ("yesterday 1:45:03 run 21.1km", When(DaysAgo(1)), "1:45:03 run 21.1km"),
        ("вчера 5.50 км бег 30 мин", When(DaysAgo(1)), "5.50 км бег 30 мин"),
    ],
)
def test_the_day_and_time_are_cut_out_of_a_log(text: str, when: When, rest: str) -> None:
    parsed = parse_log(text)
    assert parsed.when == when
    assert replace(parsed, when=None) == parse_log(rest), "the rest reads as without the day"
    assert parsed.is_complete


@pytest.mark.parametrize(
    "text",
    [
        "run 10k 52:30",
        "бег 10 км за 52 минуты пульс 148",
        "bike 1h15 42km",
        "swim 1500m 31:20",
        "strength 45 min rpe 7",
        "yoga 30m",
        "squat 5x5 100kg",
        "присед 5х5 100",
        "Пробежка 5,5 км 28:10",
        "run half 21.1km 1:45:03",
        "бег в 7 км от дома 40 мин",
        "run marathon 42.2 km 3:30:00",
        "бег марафон 42 км 4:10:00",
    ],
)
def test_logs_without_a_day_have_none(text: str) -> None:
    parsed = parse_log(text)
    assert parsed.when is None
    assert parsed.is_complete


def test_existing_examples_still_parse_the_same() -> None:
    assert (parse_log("run 10k 52:30").duration_s, parse_log("run 10k 52:30").distance_m) == (
        3150,
        10_000,
    )
    russian = parse_log("вчера бег 10 км за 52 минуты пульс 148")
    assert (russian.activity, russian.duration_s, russian.avg_hr) == (Activity.RUN, 3120, 148)
    assert parse_log("5.5 км 28:10 бег").distance_m == 5500, "a decimal is not 5 May"


@pytest.mark.parametrize(
    ("ref", "day"),
    [
        (DaysAgo(0), date(2026, 11, 24)),
        (DaysAgo(1), date(2026, 11, 23)),
        (DaysAgo(2), date(2026, 11, 22)),
        (LastWeekday(1), date(2026, 11, 24)),  # Tuesday on a Tuesday is today
        (LastWeekday(0), date(2026, 11, 23)),
        (LastWeekday(2), date(2026, 11, 18)),  # Wednesday is the one last week
        (CalendarDay(23, 11), date(2026, 11, 23)),
        (CalendarDay(24, 11), date(2026, 11, 24)),
        (CalendarDay(25, 11), date(2025, 11, 25)),  # not yet this year: last year's
        (CalendarDay(31, 12), date(2025, 12, 31)),
        (CalendarDay(25, 11, 2026), date(2026, 11, 25)),  # an explicit year is kept
    ],
)
def test_days_are_resolved_from_the_athletes_today(ref: DaysAgo, day: date) -> None:
    assert resolve_day(ref, TODAY) == day


@pytest.mark.parametrize("ref", [CalendarDay(31, 2), CalendarDay(29, 2), CalendarDay(30, 2, 2026)])
def test_impossible_dates_are_refused(ref: CalendarDay) -> None:
    with pytest.raises(InvalidValueError) as error:
        resolve_day(ref, TODAY)
    assert (error.value.field, error.value.reason) == ("when", "no_such_date")


def test_yesterday_is_the_athletes_yesterday() -> None:
    # 18:00 UTC on the 24th is the 25th in Vladivostok: its yesterday is the 24th.
    assert logged_start(When(DaysAgo(1), time(7, 30)), NOW, VLADIVOSTOK) == datetime(
        2026, 11, 23, 21, 30, tzinfo=UTC
    )
    assert logged_start(When(DaysAgo(1), time(7, 30)), NOW, MOSCOW) == datetime(
        2026, 11, 23, 4, 30, tzinfo=UTC
    )


def test_an_earlier_day_without_a_time_is_placed_at_local_noon() -> None:
    assert logged_start(When(DaysAgo(1)), NOW, MOSCOW) == datetime(2026, 11, 23, 9, tzinfo=UTC)


def test_today_without_a_time_means_it_ended_just_now() -> None:
    assert logged_start(When(DaysAgo(0)), NOW, MOSCOW) is None
    assert logged_start(None, NOW, MOSCOW) is None
    assert logged_start(When(None, time(9)), NOW, MOSCOW) == datetime(2026, 11, 24, 6, tzinfo=UTC)


def test_a_moved_workout_keeps_what_the_change_leaves_out() -> None:
    current = datetime(2026, 11, 20, 4, 30, tzinfo=UTC)  # 07:30 in Moscow
    assert moved_start(When(DaysAgo(1)), current, NOW, MOSCOW) == datetime(
        2026, 11, 23, 4, 30, tzinfo=UTC
    )
    assert moved_start(When(None, time(18)), current, NOW, MOSCOW) == datetime(
        2026, 11, 20, 15, 0, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("yesterday 7:30", When(DaysAgo(1), time(7, 30))),
        ("Вчера в 7:30", When(DaysAgo(1), time(7, 30))),
        ("18:30", When(None, time(18, 30))),
        ("23.11 18:00", When(CalendarDay(23, 11), time(18))),
        ("пн", When(LastWeekday(0))),
        ("friday 7am", When(LastWeekday(4), time(7))),
    ],
)
def test_an_edited_start_is_read_on_its_own(text: str, when: When) -> None:
    assert parse_when(text) == when


@pytest.mark.parametrize("text", ["", "soon", "7", "yesterday run", "25:00", "скоро"])
def test_an_unreadable_start_is_refused(text: str) -> None:
    with pytest.raises(InvalidValueError) as error:
        parse_when(text)
    assert error.value.reason == "not_understood"


@given(st.text(max_size=60))
def test_any_text_reads_without_crashing(text: str) -> None:
    parsed = parse_log(text)
    if parsed.when is not None and parsed.when.at is not None:
        assert parsed.when.at <= time(23, 59)
