"""The achievement catalog is data: measured by metric, complete in both languages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.i18n import load_catalogs
from domain.gamification.achievements import Facts, evaluate, held, measure
from domain.gamification.catalog import (
    BY_ID,
    CATALOG,
    FACT_CHALLENGES_WON,
    FACT_GROUP_EVENTS,
    Metric,
)
from domain.users.models import Language
from domain.workouts.models import Activity, Workout, WorkoutSource

MOSCOW = ZoneInfo("Europe/Moscow")
AT = datetime(2026, 11, 24, 3, 30, tzinfo=UTC)  # 06:30 in Moscow


def workout(
    id: int,
    activity: Activity = Activity.RUN,
    *,
    at: datetime = AT,
    km: float = 0.0,
    minutes: int = 30,
    source: WorkoutSource = WorkoutSource.TEXT,
) -> Workout:
    return Workout(
        id, 1, activity, at, source, duration_s=minutes * 60, distance_m=km * 1000 or None
    )


def test_at_least_forty_definitions_with_sound_tiers() -> None:
    assert len(CATALOG) >= 40
    assert len(BY_ID) == len(CATALOG), "ids are unique"
    for achievement in CATALOG:
        assert len(achievement.thresholds) in (1, 3), achievement.id
        assert list(achievement.thresholds) == sorted(set(achievement.thresholds))
        assert len(achievement.id) <= 32


def test_every_achievement_has_its_texts_in_english_and_russian() -> None:
    catalogs = load_catalogs()
    for language in Language:
        for achievement in CATALOG:
            for part in ("name", "description", "unlocked"):
                assert f"achievement.{achievement.id}.{part}" in catalogs[language]


def test_distance_counts_only_its_sport_and_reaches_tiers_in_order() -> None:
    rides = [workout(i, Activity.RIDE, km=110) for i in range(1, 11)]
    facts = Facts([*rides, workout(99, km=10)], MOSCOW)
    ride = measure(BY_ID["ride_distance"], facts)
    assert (ride.value, ride.tier, ride.next_threshold) == (1_100_000, 2, 5_000_000)
    assert measure(BY_ID["run_distance"], facts).value == 10_000
    assert measure(BY_ID["century_ride"], facts).tier == 2, "10 rides over 100 km: 5 <= 10 < 20"


def test_early_bird_and_night_owl_read_the_local_clock() -> None:
    late_utc = AT.replace(hour=18, minute=30)  # 21:30 in Moscow, 18:30 in UTC
    facts = Facts([workout(1), workout(2, at=late_utc)], MOSCOW)
    assert measure(BY_ID["early_bird"], facts).value == 1
    assert measure(BY_ID["night_owl"], facts).value == 1
    in_utc = Facts(facts.workouts, ZoneInfo("UTC"))
    assert measure(BY_ID["early_bird"], in_utc).value == 1, "03:30 UTC is early there too"
    assert measure(BY_ID["night_owl"], in_utc).value == 0


def test_sources_variety_days_and_elevation() -> None:
    items = [
        workout(1, source=WorkoutSource.FILE),
        workout(2, Activity.SWIM, source=WorkoutSource.DEVICE),
        workout(3, Activity.YOGA, at=AT + timedelta(hours=5)),
        workout(4, Activity.RIDE, at=AT + timedelta(days=1), minutes=150),
    ]
    facts = Facts(items, MOSCOW, elevations={1: 420.0, 4: 700.0})
    values = {p.achievement.id: p.value for p in evaluate(facts)}
    assert values["file_import"] == 1
    assert values["device_sync"] == 1
    assert values["variety"] == 4
    assert values["active_days"] == 2
    assert values["double_day"] == 1
    assert values["elevation"] == 1120
    assert values["long_session"] == 1
    assert values["epic_session"] == 0
    assert ("elevation", 1) in held(evaluate(facts))


def test_group_events_and_challenges_count_what_their_features_supply() -> None:
    empty = {p.achievement.id: p.tier for p in evaluate(Facts([], MOSCOW))}
    assert empty["first_group_event"] == 0
    assert empty["first_challenge_won"] == 0
    supplied = Facts([], MOSCOW, external={FACT_GROUP_EVENTS: 6, FACT_CHALLENGES_WON: 1})
    tiers = {p.achievement.id: p.tier for p in evaluate(supplied)}
    assert tiers["first_group_event"] == 1
    assert tiers["group_events"] == 1
    assert tiers["first_challenge_won"] == 1
    assert tiers["challenges_won"] == 0
    assert {a.metric for a in CATALOG if a.id.startswith("first_")} >= {Metric.FACT}
