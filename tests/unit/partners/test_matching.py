"""The grid finds everyone within reach, and the score ranks partners as documented."""

from __future__ import annotations

import math

import pytest

from domain.partners.matching import (
    MAX_DISTANCE_KM,
    cell_of,
    cells_near,
    distance_km,
    match,
)
from domain.partners.models import Candidate
from domain.users.models import CoarseLocation, Level, Sport, Weekday

MOSCOW = CoarseLocation(55.8, 37.6)
PETERSBURG = CoarseLocation(59.9, 30.3)


def runner(user_id: int = 2, **changes: object) -> Candidate:
    fields: dict[str, object] = {
        "user_id": user_id, "first_name": "Boris", "city": "Moscow", "location": MOSCOW,
        "sports": frozenset({Sport.RUNNING}), "level": Level.INTERMEDIATE,
        "days": frozenset({Weekday.TUE, Weekday.SAT}), "birth_year": 1990, "vdot": 45.0,
    }  # fmt: skip
    fields.update(changes)
    return Candidate(**fields)  # type: ignore[arg-type]


def test_distances_are_great_circle_kilometres() -> None:
    assert distance_km(MOSCOW, PETERSBURG) == pytest.approx(640, abs=15)
    assert distance_km(MOSCOW, MOSCOW) == 0


@pytest.mark.parametrize("latitude", [0.0, 45.0, 55.8, 69.0, -33.9])
def test_every_location_within_reach_lies_in_a_searched_cell(latitude: float) -> None:
    home = CoarseLocation(latitude, 179.9)  # at the antimeridian, too
    searched = set(cells_near(home))
    for step in range(0, 360, 15):
        for km in (5.0, 20.0, MAX_DISTANCE_KM - 1):
            # a point `km` away on that bearing (flat approximation is enough at this scale)
            bearing = math.radians(step)
            dlat = km / 111.2 * math.cos(bearing)
            dlon = km / (111.2 * math.cos(math.radians(latitude))) * math.sin(bearing)
            lon = (home.longitude + dlon + 180) % 360 - 180
            there = CoarseLocation(home.latitude + dlat, lon)
            assert cell_of(there) in searched, (latitude, bearing, km)


def test_the_same_athlete_matches_fully_and_the_score_falls_with_each_difference() -> None:
    me = runner(1)
    assert match(me, runner()) is not None
    assert match(me, runner()).score == 100  # type: ignore[union-attr]
    slower = match(me, runner(vdot=40.0))
    beginner = match(me, runner(level=Level.BEGINNER))
    other_days = match(me, runner(days=frozenset({Weekday.MON})))
    assert slower is not None and slower.score == 90, "5 VDOT points: half of the pace weight"
    assert beginner is not None and beginner.score == round(100 - 15 / 2)
    assert other_days is not None and other_days.score == 85
    assert other_days.shared_days == frozenset()


def test_unknown_values_count_half_neither_for_nor_against() -> None:
    me = runner(1, vdot=None, birth_year=None)
    result = match(me, runner())
    assert result is not None and result.score == round(100 - 0.5 * 20 - 0.5 * 5)


def test_no_common_sport_or_too_far_is_no_match() -> None:
    me = runner(1)
    assert match(me, runner(sports=frozenset({Sport.SWIMMING}))) is None
    assert match(me, runner(location=PETERSBURG, city="Saint Petersburg")) is None


def test_without_locations_the_same_city_matches_case_insensitively() -> None:
    me = runner(1, location=None, city="Kazan")
    same = match(me, runner(location=None, city="kazan"))
    assert same is not None and same.distance_km is None
    assert match(me, runner(location=None, city="Ufa")) is None
