"""A deterministic population of training groups and athletes around real cities."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from domain.groups.geo import cell_of
from domain.groups.schedule import days_mask
from domain.users.models import CoarseLocation, Sport, Weekday
from domain.users.validation import coarse

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
FIRST_ATHLETE = 1_000_000
CITIES = (
    ("Moscow", 55.75, 37.62), ("Saint Petersburg", 59.94, 30.31), ("Kazan", 55.79, 49.12),
    ("Novosibirsk", 55.01, 82.93), ("Yekaterinburg", 56.84, 60.6), ("Berlin", 52.52, 13.4),
    ("Munich", 48.14, 11.58), ("Paris", 48.86, 2.35), ("London", 51.51, -0.13),
    ("Madrid", 40.42, -3.7), ("Rome", 41.9, 12.5), ("Warsaw", 52.23, 21.01),
    ("Istanbul", 41.01, 28.98), ("New York", 40.71, -74.01), ("Chicago", 41.88, -87.63),
    ("Los Angeles", 34.05, -118.24), ("Toronto", 43.65, -79.38), ("Mexico City", 19.43, -99.13),
    ("São Paulo", -23.55, -46.63), ("Buenos Aires", -34.6, -58.38), ("Cape Town", -33.92, 18.42),
    ("Nairobi", -1.29, 36.82), ("Dubai", 25.2, 55.27), ("Mumbai", 19.08, 72.88),
    ("Singapore", 1.35, 103.82), ("Tokyo", 35.68, 139.69), ("Seoul", 37.57, 126.98),
    ("Sydney", -33.87, 151.21), ("Auckland", -36.85, 174.76), ("Almaty", 43.24, 76.95),
)  # fmt: skip
SPORT_WEIGHTS = (
    (Sport.RUNNING, 45), (Sport.CYCLING, 20), (Sport.SWIMMING, 10), (Sport.STRENGTH, 10),
    (Sport.TRIATHLON, 5), (Sport.WALKING, 8), (Sport.OTHER, 2),
)  # fmt: skip
WORDS = (
    "morning", "easy", "tempo", "long", "trail", "track", "park", "river", "hills", "club",
    "weekend", "beginners", "marathon", "intervals", "social", "coffee", "night", "city",
)  # fmt: skip
GROUP_COLUMNS = (
    "id", "code", "name", "description", "search_text", "sports_mask", "level_min", "level_max",
    "days_mask", "slots", "latitude", "longitude", "geo_cell", "city", "policy", "capacity",
    "member_count", "timezone", "language", "chat_id", "plan", "created_by", "created_at",
)  # fmt: skip
SPORT_COLUMNS = ("group_id", "sport", "geo_cell", "member_count")


@dataclass(frozen=True, slots=True)
class GroupSpec:
    groups: int
    athletes: int
    seed: int = 1

    @property
    def key(self) -> str:
        return f"groups-{self.groups}-{self.athletes}-s{self.seed}"


def _place(rng: random.Random) -> tuple[str, CoarseLocation]:
    name, lat, lon = rng.choice(CITIES)
    latitude = max(-89.0, min(89.0, lat + rng.gauss(0, 0.25)))
    longitude = ((lon + rng.gauss(0, 0.4) + 180.0) % 360.0) - 180.0
    return name, coarse(latitude, longitude)


def _sports(rng: random.Random) -> frozenset[Sport]:
    sports, weights = zip(*SPORT_WEIGHTS, strict=True)
    return frozenset(rng.choices(sports, weights, k=rng.choice((1, 1, 2))))


def _mask(sports: frozenset[Sport]) -> int:
    return sum(1 << index for index, sport in enumerate(Sport) if sport in sports)


def group_rows(spec: GroupSpec) -> Iterator[tuple[tuple[Any, ...], list[tuple[Any, ...]]]]:
    """Each group's row and its search-key rows."""
    days = list(Weekday)
    for group_id in range(1, spec.groups + 1):
        rng = random.Random(spec.seed * 1_000_003 + group_id)
        city, location = _place(rng)
        sports = _sports(rng)
        low = rng.choice((0, 0, 1, 2))
        high = rng.choice([level for level in (0, 1, 2) if level >= low])
        slots = sorted({(rng.randrange(7), rng.choice((390, 420, 480, 510, 1110, 1140)))
                        for _ in range(rng.randint(1, 3))})  # fmt: skip
        name = f"{city} {rng.choice(WORDS)} {rng.choice(WORDS)} {group_id}".title()
        description = " ".join(rng.choices(WORDS, k=8))
        cell = cell_of(location)
        members = int(rng.lognormvariate(2.3, 0.9))
        row = (
            group_id, f"b{group_id:07d}", name, description, f"{name} {description}".casefold(),
            _mask(sports), low, high, days_mask(frozenset(days[d] for d, _ in slots)),
            ",".join(f"{d}:{m}" for d, m in slots), location.latitude, location.longitude, cell,
            city, rng.choice(("open", "open", "approval")), rng.choice((None, None, 20, 50)),
            members, "UTC", "en", None, None, FIRST_ATHLETE, NOW,
        )  # fmt: skip
        yield row, [(group_id, sport.value, cell, members) for sport in sports]


def athlete_rows(spec: GroupSpec) -> Iterator[tuple[Any, ...]]:
    """Users rows in bench.seed.USER_COLUMNS order, with an area, sports, days and a level."""
    for index in range(spec.athletes):
        rng = random.Random(spec.seed * 7_000_003 + index)
        _, location = _place(rng)
        day_mask = sum(1 << d for d in rng.sample(range(7), rng.randint(0, 5)))
        yield (
            FIRST_ATHLETE + index, f"A{index}", None, "en", "metric", "UTC", True, True, False,
            _mask(_sports(rng)), day_mask, rng.choice(("beginner", "intermediate", "advanced")),
            None, None, location.latitude, location.longitude, 1990, 70.0, None, None, NOW, NOW,
            None,
        )  # fmt: skip
