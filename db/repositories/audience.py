"""A campaign's audience filters as SQL conditions on `users` (the rule of
domain/campaigns/audience.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, exists, func, or_

from db.repositories.users import to_mask
from db.tables import CheckInRow, GroupMemberRow, GroupRow, UserRow, WorkoutRow
from domain.campaigns.audience import Audience
from domain.groups.models import MemberState
from domain.users.models import Sport


def active_since(since: datetime, until: datetime | None = None) -> ColumnElement[bool]:
    """Active: a workout that started, or a check-in for a day, at or after `since` (and
    before `until`). Cheap (two indexed lookups) and honest: the athlete did something."""
    workout = exists().where(WorkoutRow.user_id == UserRow.id, WorkoutRow.started_at >= since)
    checkin = exists().where(CheckInRow.user_id == UserRow.id, CheckInRow.day >= since.date())
    if until is not None:
        workout = workout.where(WorkoutRow.started_at < until)
        checkin = checkin.where(CheckInRow.day < until.date())
    return workout | checkin


def audience_filter(audience: Audience, now: datetime) -> list[ColumnElement[bool]]:
    """Every narrowing the audience asks for; none for everyone."""
    conditions: list[ColumnElement[bool]] = []
    if audience.languages:
        conditions.append(UserRow.language.in_(sorted(audience.languages)))
    if audience.sports:
        mask = to_mask(audience.sports, Sport)
        conditions.append(UserRow.sports_mask.op("&")(mask) != 0)
    if audience.levels:
        conditions.append(UserRow.level.in_(sorted(audience.levels)))
    if audience.city:
        city = audience.city
        # SQLite's lower() knows only ASCII: the usual spellings of a Cyrillic name match too.
        spellings = sorted({city, city.lower(), city.title(), city.capitalize()})
        conditions.append(
            or_(UserRow.city.in_(spellings), func.lower(UserRow.city) == city.lower())
        )
    if audience.active_days is not None:
        conditions.append(active_since(now - timedelta(days=audience.active_days)))
    if audience.lapsed_days is not None:
        ever = exists().where(WorkoutRow.user_id == UserRow.id)
        conditions.append(ever & ~active_since(now - timedelta(days=audience.lapsed_days)))
    if audience.groups:
        conditions.append(member_of(audience.groups))
    return conditions


def member_of(codes: frozenset[str]) -> ColumnElement[bool]:
    """An active member (not a pending request) of any of the groups with these codes."""
    return exists().where(
        GroupMemberRow.user_id == UserRow.id,
        GroupMemberRow.state == MemberState.ACTIVE.value,
        GroupMemberRow.group_id == GroupRow.id,
        GroupRow.code.in_(sorted(codes)),
    )
