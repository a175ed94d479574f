"""Weekly leagues: the week's span, standings, who moves up or down, and the new groups."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from domain.gamification.models import LeagueOutcome

LEAGUE_TIERS = ("bronze", "silver", "gold", "sapphire", "ruby", "diamond")
GROUP_SIZE = 30
MOVE_SHARE = 6  # a sixth of a group moves up and a sixth down: 5 of 30
WEEK = timedelta(days=7)


def league_week(now: datetime) -> date:
    """Every league week starts on Monday 00:00 UTC: one end for all, whatever the zone."""
    day = now.astimezone(UTC).date()
    return day - timedelta(days=day.weekday())


def week_span(week: date) -> tuple[datetime, datetime]:
    start = datetime.combine(week, time(), UTC)
    return start, start + WEEK


def standings(xp: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(user id, XP) most XP first; a tie goes to the earlier joiner (lower position)."""
    order = sorted(enumerate(xp), key=lambda item: (-item[1][1], item[0]))
    return [entry for _, entry in order]


def outcomes(ranked: Sequence[tuple[int, int]], tier: int) -> dict[int, LeagueOutcome]:
    """The top sixth with XP goes up (at least the winner), the bottom sixth down; never
    above the top tier nor below the first."""
    moves = len(ranked) // MOVE_SHARE
    result = {}
    for position, (user_id, xp) in enumerate(ranked):
        outcome = LeagueOutcome.STAYED
        if position < max(1, moves) and xp > 0 and tier < len(LEAGUE_TIERS) - 1:
            outcome = LeagueOutcome.PROMOTED
        elif position >= len(ranked) - moves and tier > 0:
            outcome = LeagueOutcome.DEMOTED
        result[user_id] = outcome
    return result


def form_groups(athletes: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Groups of about 30 athletes of one tier, (user id, last week's XP): neighbours in XP
    together, the sizes as even as they can be."""
    ordered = [user_id for user_id, _ in sorted(athletes, key=lambda a: (-a[1], a[0]))]
    if not ordered:
        return []
    count = math.ceil(len(ordered) / GROUP_SIZE)
    size, extra = divmod(len(ordered), count)
    groups, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        groups.append(ordered[start:end])
        start = end
    return groups
