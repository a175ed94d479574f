"""Group search ranking, the geo cells, schedule overlap and the next occurrence."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.errors import InvalidValueError
from domain.groups.geo import cell_of, cells_within, distance_km
from domain.groups.models import Group, JoinPolicy, Slot
from domain.groups.schedule import next_occurrence, overlap, parse_schedule
from domain.groups.search import SearchFilters, level_fit, rank, score
from domain.users.models import CoarseLocation, Level, Sport, Weekday

HOME = CoarseLocation(55.7, 37.6)
MON, TUE, SAT = Weekday.MON, Weekday.TUE, Weekday.SAT


def group(group_id: int, **changes: object) -> Group:
    values: dict[str, object] = {
        "id": group_id,
        "code": f"c{group_id}",
        "name": f"Group {group_id}",
        "description": "",
        "sports": frozenset({Sport.RUNNING}),
        "level_min": Level.BEGINNER,
        "level_max": Level.ADVANCED,
        "slots": (Slot(SAT, 510),),
        "location": HOME,
        "city": None,
        "policy": JoinPolicy.OPEN,
        "capacity": None,
        "timezone": "Europe/Moscow",
        "created_by": 1,
        "created_at": datetime(2026, 1, 1, tzinfo=UTC),
        "member_count": 5,
    }
    values.update(changes)
    return Group(**values)  # type: ignore[arg-type]


def test_the_score_weighs_distance_schedule_level_text_and_room() -> None:
    filters = SearchFilters(Sport.RUNNING, HOME, 25, Level.BEGINNER)
    best = group(1)
    assert score(best, filters, 0.0, frozenset({SAT})) == 1.0 - 0.10, "no words: text is 0"
    far = score(best, filters, 12.5, frozenset({SAT}))
    assert far == pytest.approx(0.90 - 0.40 * 0.5)
    wrong_day = score(best, filters, 0.0, frozenset({MON}))
    assert wrong_day == pytest.approx(0.90 - 0.25)
    full = score(group(2, capacity=5), filters, 0.0, frozenset({SAT}))
    assert full == pytest.approx(0.90 - 0.05)


def test_level_fit_is_full_inside_half_one_off_and_nothing_further() -> None:
    advanced_only = group(1, level_min=Level.ADVANCED, level_max=Level.ADVANCED)
    assert level_fit(advanced_only, Level.ADVANCED) == 1.0
    assert level_fit(advanced_only, Level.INTERMEDIATE) == 0.5
    assert level_fit(advanced_only, Level.BEGINNER) == 0.0
    assert level_fit(advanced_only, None) == 0.5


def test_ranking_drops_what_lies_outside_the_radius_and_orders_by_score() -> None:
    near = group(1, location=CoarseLocation(55.7, 37.7), member_count=3)
    nearer = group(2, location=HOME, member_count=1)
    outside = group(3, location=CoarseLocation(56.2, 37.6))
    unknown = group(4, location=None)
    found = rank(
        [near, nearer, outside, unknown], SearchFilters(Sport.RUNNING, HOME, 25), frozenset(), 0
    )
    assert [r.group.id for r in found.items] == [2, 1]
    assert found.total == 2
    assert found.items[1].distance_km == pytest.approx(distance_km(HOME, near.location), rel=1e-9)  # type: ignore[arg-type]


def test_ties_go_to_bigger_then_older_groups_and_pages_are_cut() -> None:
    groups = [group(i, member_count=i % 3) for i in range(1, 13)]
    found = rank(groups, SearchFilters(Sport.RUNNING), frozenset(), 1)
    assert (found.page, found.pages, found.total) == (1, 3, 12)
    first = rank(groups, SearchFilters(Sport.RUNNING), frozenset(), 0)
    assert [r.group.id for r in first.items] == [2, 5, 8, 11, 1]
    assert rank(groups, SearchFilters(Sport.RUNNING), frozenset(), 99).page == 2


def test_the_cells_around_a_point_hold_every_point_within_the_radius() -> None:
    cells = set(cells_within(HOME, 25))
    for dlat, dlon in ((0.2, 0.0), (-0.2, 0.0), (0.0, 0.35), (0.0, -0.35), (0.15, 0.25)):
        point = CoarseLocation(HOME.latitude + dlat, HOME.longitude + dlon)
        assert distance_km(HOME, point) <= 25
        assert cell_of(point) in cells
    assert cell_of(CoarseLocation(57.0, 37.6)) not in cells
    assert len(cells) < 40, "a handful of index ranges, not a scan"


def test_cells_wrap_around_the_antimeridian() -> None:
    east = CoarseLocation(65.0, 179.9)
    west = CoarseLocation(65.0, -179.9)
    assert distance_km(east, west) < 10
    assert cell_of(west) in cells_within(east, 10)


def test_schedule_overlap_is_the_share_of_the_groups_days() -> None:
    days = frozenset({TUE, SAT})
    assert overlap(days, frozenset({SAT, MON})) == 0.5
    assert overlap(days, frozenset({TUE, SAT})) == 1.0
    assert overlap(days, frozenset({MON})) == 0.0
    assert overlap(days, frozenset()) == 0.5, "unknown days are neither a match nor a miss"
    assert overlap(frozenset(), frozenset({MON})) == 0.0


def test_a_schedule_is_read_in_english_or_russian_sorted_and_without_repeats() -> None:
    assert parse_schedule("sat 8:30, tue 19:00; Tue 19.00") == (Slot(TUE, 1140), Slot(SAT, 510))
    assert parse_schedule("пн 7:00\nсб 09:15") == (Slot(MON, 420), Slot(SAT, 555))
    with pytest.raises(InvalidValueError):
        parse_schedule("sometimes")
    with pytest.raises(InvalidValueError):
        parse_schedule("mon 25:00")


def test_the_next_occurrence_is_the_next_slot_in_the_groups_zone() -> None:
    slots = (Slot(TUE, 1140), Slot(SAT, 510))
    saturday = datetime(2026, 11, 28, 5, 30, tzinfo=UTC)  # 08:30 in Moscow
    assert next_occurrence(saturday, slots, "Europe/Moscow") == datetime(
        2026, 12, 1, 16, 0, tzinfo=UTC
    )
    tuesday = datetime(2026, 12, 1, 16, 0, tzinfo=UTC)
    assert next_occurrence(tuesday, slots, "Europe/Moscow") == datetime(
        2026, 12, 5, 5, 30, tzinfo=UTC
    )
    assert next_occurrence(saturday, (), "Europe/Moscow") == datetime(
        2026, 12, 5, 5, 30, tzinfo=UTC
    )


def test_the_next_occurrence_keeps_local_time_across_a_dst_change() -> None:
    saturday_7_berlin = datetime(2026, 10, 24, 5, 0, tzinfo=UTC)  # 07:00 CEST
    after = next_occurrence(saturday_7_berlin, (Slot(SAT, 420),), "Europe/Berlin")
    assert after == datetime(2026, 10, 31, 6, 0, tzinfo=UTC), "07:00 CET is 06:00 UTC"
