"""One-line logs in English and Russian, as athletes actually type them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidValueError
from domain.workouts.models import Activity, StrengthSet
from domain.workouts.parsing import parse_distance, parse_duration, parse_log


@pytest.mark.parametrize(
    ("text", "activity", "duration_s", "distance_m", "avg_hr", "rpe"),
    [
        ("run 10k 52:30", Activity.RUN, 3150, 10_000, None, None),
        ("бег 10 км за 52 минуты пульс 148", Activity.RUN, 3120, 10_000, 148, None),
        ("bike 1h15 42km", Activity.RIDE, 4500, 42_000, None, None),
        ("swim 1500m 31:20", Activity.SWIM, 1880, 1500, None, None),
        ("ran 5k in 25 minutes", Activity.RUN, 1500, 5000, None, None),
        ("rode 40 km 1h30", Activity.RIDE, 5400, 40_000, None, None),
        ("swam 1 km 25 min", Activity.SWIM, 1500, 1000, None, None),
        ("проплыл 1 км за 25 минут", Activity.SWIM, 1500, 1000, None, None),
        ("strength 45 min rpe 7", Activity.STRENGTH, 2700, None, None, 7),
        ("yoga 30m", Activity.YOGA, 1800, None, None, None),
        ("Пробежка 5,5 км 28:10", Activity.RUN, 1690, 5500, None, None),
        ("run half 21.1km 1:45:03", Activity.RUN, 6303, 21_100, None, None),
        ("ride 2 hours 60 km hr 135", Activity.RIDE, 7200, 60_000, 135, None),
        ("вело 1ч 30 мин 40 км", Activity.RIDE, 5400, 40_000, None, None),
        ("walk 3 mi 55 min", Activity.WALK, 3300, 4828.032, None, None),
        ("ходьба час", Activity.WALK, 3600, None, None, None),
        ("плавание полчаса", Activity.SWIM, 1800, None, None, None),
        ("run 10k 52:30 hr 150", Activity.RUN, 3150, 10_000, 150, None),
        ("run 60 min rpe 6 hr 140", Activity.RUN, 3600, None, 140, 6),
        ("ride 2 hr 60 km", Activity.RIDE, 7200, 60_000, None, None),
        ("ride 1 hr 30 min", Activity.RIDE, 5400, None, None, None),
        ("run 45 min 148 bpm", Activity.RUN, 2700, None, 148, None),
    ],
)
def test_endurance_logs_are_read(
    text: str,
    activity: Activity,
    duration_s: int | None,
    distance_m: float | None,
    avg_hr: int | None,
    rpe: int | None,
) -> None:
    parsed = parse_log(text)
    assert parsed.activity is activity
    assert parsed.duration_s == duration_s
    assert parsed.distance_m == (pytest.approx(distance_m) if distance_m else None)
    assert (parsed.avg_hr, parsed.rpe) == (avg_hr, rpe)
    assert parsed.is_complete


@pytest.mark.parametrize(
    ("text", "sets"),
    [
        ("squat 5x5 100kg", [StrengthSet("squat", 5, 5, 100.0)]),
        ("присед 5х5 100", [StrengthSet("squat", 5, 5, 100.0)]),
        (
            "gym: squat 5x5 100kg, bench 3x8 60kg",
            [StrengthSet("squat", 5, 5, 100.0), StrengthSet("bench_press", 3, 8, 60.0)],
        ),
        ("подтягивания 4x10", [StrengthSet("pull_up", 4, 10, None)]),
        ("deadlift 3x5 315 lb", [StrengthSet("deadlift", 3, 5, 142.9)]),
    ],
)
def test_strength_sets_are_read(text: str, sets: list[StrengthSet]) -> None:
    parsed = parse_log(text)
    assert parsed.activity is Activity.STRENGTH
    assert parsed.sets == sets


@pytest.mark.parametrize("text", ["", "hello", "просто устал", "run", "10 km", "run 8 km"])
def test_incomplete_logs_are_not_complete(text: str) -> None:
    assert not parse_log(text).is_complete


def test_an_incomplete_log_keeps_what_it_understood() -> None:
    parsed = parse_log("run 8 km")
    assert (parsed.activity, parsed.distance_m, parsed.duration_s) == (Activity.RUN, 8000, None)


def test_single_answers_of_the_guided_log() -> None:
    assert parse_duration("52:30") == 3150
    assert parse_duration("45") == 2700
    assert parse_duration("1ч15") == 4500
    assert parse_distance("10", imperial=False) == 10_000
    assert parse_distance("3", imperial=True) == pytest.approx(4828.032)
    for text in ("soon", "10 km 5", ""):
        with pytest.raises(InvalidValueError):
            parse_duration(text)


@given(st.text(max_size=60))
def test_any_text_parses_without_crashing(text: str) -> None:
    parsed = parse_log(text)
    assert parsed.duration_s is None or parsed.duration_s >= 0
    assert parsed.distance_m is None or parsed.distance_m >= 0


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("run 10k 52:30 felt great", ()),
        ("бег 10 км за 52 минуты пульс 148", ()),
        ("squat 5x5 100kg, bench 3x8 60", ()),
        ("run 12 km 1:05:00 8 laps", ("8",)),
        ("squat 5x5 100kg bench 3x8 60", ("3x8", "60")),
    ],
)
def test_numbers_the_parser_could_not_place_are_reported(
    text: str, unread: tuple[str, ...]
) -> None:
    """Commentary is harmless; a number left over means something was not understood and
    would otherwise be dropped without a word (a second exercise without a comma)."""
    assert parse_log(text).unread == unread
