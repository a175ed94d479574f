"""Group search: the filters the database applies, and the score that orders what it found.

score = 0.40 closeness + 0.25 schedule overlap + 0.20 level fit + 0.10 text + 0.05 room

- closeness: 1 - distance / radius inside a radius; without one 1 / (1 + distance / 50 km);
  0.5 when either side has no location;
- schedule overlap: the share of the group's days the athlete trains on (0.5 if they named
  none);
- level fit: 1 inside the group's range, 0.5 one level off, 0 further (0.5 if unknown);
- text: 1 when the words are in the name, 0.5 when only in the description, 0 without words;
- room: 1 open with room, 0.5 by approval with room, 0 full.
Ties: more members first, then the older group.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from domain.errors import InvalidValueError
from domain.groups.geo import distance_km
from domain.groups.models import LEVELS, Group, JoinPolicy
from domain.groups.schedule import overlap
from domain.users.models import CoarseLocation, Level, Sport, Weekday

PAGE_SIZE = 5
CANDIDATES = 100  # the most the database hands over for scoring, the biggest groups first
RADII_KM = (10, 25, 50, 100)
TEXT_MAX_LENGTH = 64
WEIGHTS = {"closeness": 0.40, "overlap": 0.25, "level": 0.20, "text": 0.10, "room": 0.05}


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """What the database filters on; `radius_km` None means anywhere."""

    sport: Sport
    origin: CoarseLocation | None = None
    radius_km: int | None = None
    level: Level | None = None
    days: frozenset[Weekday] = frozenset()
    text: str = ""


@dataclass(frozen=True, slots=True)
class Ranked:
    group: Group
    score: float
    distance_km: float | None


@dataclass(frozen=True, slots=True)
class SearchPage:
    items: tuple[Ranked, ...]
    page: int
    pages: int
    total: int


def search_text(text: str) -> str:
    """Words as the database compares them: case-folded, spaces collapsed."""
    words = " ".join(text.split()).casefold()
    if len(words) > TEXT_MAX_LENGTH:
        raise InvalidValueError("search", "too_long", limit=TEXT_MAX_LENGTH)
    return words


def level_fit(group: Group, level: Level | None) -> float:
    if level is None:
        return 0.5
    index = LEVELS.index(level)
    low, high = LEVELS.index(group.level_min), LEVELS.index(group.level_max)
    off = max(low - index, index - high, 0)
    return {0: 1.0, 1: 0.5}.get(off, 0.0)


def closeness(distance: float | None, radius_km: int | None) -> float:
    if distance is None:
        return 0.5
    if radius_km is not None:
        return max(0.0, 1.0 - distance / radius_km)
    return 1.0 / (1.0 + distance / 50.0)


def text_match(group: Group, words: str) -> float:
    if not words:
        return 0.0
    return 1.0 if words in group.name.casefold() else 0.5


def room(group: Group) -> float:
    if group.is_full:
        return 0.0
    return 1.0 if group.policy is JoinPolicy.OPEN else 0.5


def score(
    group: Group, filters: SearchFilters, distance: float | None, days: frozenset[Weekday]
) -> float:
    parts = {
        "closeness": closeness(distance, filters.radius_km),
        "overlap": overlap(group.days, days),
        "level": level_fit(group, filters.level),
        "text": text_match(group, filters.text),
        "room": room(group),
    }
    return round(sum(WEIGHTS[name] * value for name, value in parts.items()), 4)


def rank(
    candidates: list[Group],
    filters: SearchFilters,
    athlete_days: frozenset[Weekday],
    page: int,
) -> SearchPage:
    """Drop what lies outside the radius (cells are squares, the radius a circle), score
    the rest and cut the page asked for."""
    ranked = []
    for group in candidates:
        distance = None
        if filters.origin is not None and group.location is not None:
            distance = distance_km(filters.origin, group.location)
        if filters.radius_km is not None and (distance is None or distance > filters.radius_km):
            continue
        ranked.append(Ranked(group, score(group, filters, distance, athlete_days), distance))
    ranked.sort(key=lambda r: (-r.score, -r.group.member_count, r.group.id))
    pages = max(1, math.ceil(len(ranked) / PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    items = tuple(ranked[page * PAGE_SIZE : (page + 1) * PAGE_SIZE])
    return SearchPage(items, page, pages, len(ranked))
