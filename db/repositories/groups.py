"""Groups, their search key and their members, mapped to domain/groups."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    String,
    Table,
    bindparam,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.group_events import SqlGroupEvents
from db.repositories.users import from_mask, to_mask
from db.tables import GroupMemberRow, GroupRow, GroupSportRow, WorkoutRow
from domain.groups.geo import cell_of, cells_within
from domain.groups.models import (
    LEVELS,
    Group,
    GroupDraft,
    JoinPolicy,
    MemberRole,
    Membership,
    MemberState,
    Slot,
)
from domain.groups.ports import Volume
from domain.groups.schedule import days_mask
from domain.groups.search import SearchFilters
from domain.users.models import CoarseLocation, Language, Sport, Weekday

WEEKDAYS = list(Weekday)
_GROUPS: Table = GroupRow.__table__  # type: ignore[assignment]
_LIKE_SPECIAL = re.compile(r"[\\%_]")


def encode_slots(slots: tuple[Slot, ...]) -> str:
    return ",".join(f"{slot.day_index}:{slot.minute}" for slot in slots)


def decode_slots(text: str) -> tuple[Slot, ...]:
    pairs = (part.split(":") for part in text.split(",") if part)
    return tuple(Slot(WEEKDAYS[int(day)], int(minute)) for day, minute in pairs)


def _search_text(name: str, description: str) -> str:
    return " ".join(f"{name} {description}".split()).casefold()


class SqlGroupRepository(SqlGroupEvents):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self._session = session

    async def add(self, draft: GroupDraft, code: str, created_by: int, at: datetime) -> Group:
        row = GroupRow(code=code, created_by=created_by, created_at=at, member_count=0)
        _fill(row, draft)
        self._session.add(row)
        await self._session.flush()
        await self._index(row)
        return _to_group(row)

    async def get(self, group_id: int) -> Group | None:
        row = await self._session.get(GroupRow, group_id, populate_existing=True)
        return None if row is None else _to_group(row)

    async def by_code(self, code: str) -> Group | None:
        return await self._one(GroupRow.code == code)

    async def by_chat(self, chat_id: int) -> Group | None:
        return await self._one(GroupRow.chat_id == chat_id)

    async def _one(self, condition: ColumnElement[bool]) -> Group | None:
        query = select(GroupRow).where(condition).execution_options(populate_existing=True)
        row = await self._session.scalar(query)
        return None if row is None else _to_group(row)

    async def save(self, group: Group) -> None:
        row = await self._session.get(GroupRow, group.id, populate_existing=True)
        if row is None:
            return
        _fill(row, _draft_of(group))
        row.plan = group.plan
        await self._session.flush()
        await self._index(row)

    async def _index(self, row: GroupRow) -> None:
        await self._session.execute(delete(GroupSportRow).where(GroupSportRow.group_id == row.id))
        for sport in from_mask(row.sports_mask, Sport):
            self._session.add(
                GroupSportRow(
                    group_id=row.id,
                    sport=sport.value,
                    geo_cell=row.geo_cell,
                    member_count=row.member_count,
                )
            )
        await self._session.flush()

    async def search(self, filters: SearchFilters, limit: int) -> list[Group]:
        # Plain rows, not ORM objects: a page is scored from up to `limit` candidates.
        rows = await self._session.execute(search_statement(filters, limit))
        return [_to_group(row) for row in rows]

    async def membership(self, group_id: int, user_id: int) -> Membership | None:
        row = await self._session.get(GroupMemberRow, (group_id, user_id), populate_existing=True)
        return None if row is None else _to_membership(row)

    async def put_membership(self, membership: Membership) -> None:
        row = await self._session.get(GroupMemberRow, (membership.group_id, membership.user_id))
        if row is None:
            row = GroupMemberRow(group_id=membership.group_id, user_id=membership.user_id)
            self._session.add(row)
        row.role = membership.role.value
        row.state = membership.state.value
        row.share_progress = membership.share_progress
        row.joined_at = membership.joined_at
        await self._recount(membership.group_id)

    async def remove_membership(self, group_id: int, user_id: int) -> None:
        await self._session.execute(
            delete(GroupMemberRow).where(
                GroupMemberRow.group_id == group_id, GroupMemberRow.user_id == user_id
            )
        )
        await self._recount(group_id)

    async def _recount(self, group_id: int) -> None:
        await self._session.flush()
        active = (
            select(func.count())
            .where(GroupMemberRow.group_id == group_id, GroupMemberRow.state == "active")
            .scalar_subquery()
        )
        await self._session.execute(
            update(GroupRow).where(GroupRow.id == group_id).values(member_count=active)
        )
        await self._session.execute(
            update(GroupSportRow)
            .where(GroupSportRow.group_id == group_id)
            .values(member_count=active)
        )

    async def members(self, group_id: int) -> list[Membership]:
        query = (
            select(GroupMemberRow)
            .where(GroupMemberRow.group_id == group_id, GroupMemberRow.state == "active")
            .order_by(GroupMemberRow.role.desc(), GroupMemberRow.joined_at)
        )
        rows = await self._session.scalars(query.execution_options(populate_existing=True))
        return [_to_membership(row) for row in rows]

    async def of_user(self, user_id: int) -> list[tuple[Group, Membership]]:
        query = (
            select(GroupRow, GroupMemberRow)
            .join(GroupMemberRow, GroupMemberRow.group_id == GroupRow.id)
            .where(GroupMemberRow.user_id == user_id)
            .order_by(GroupRow.name)
            .execution_options(populate_existing=True)
        )
        result = await self._session.execute(query)
        return [(_to_group(g), _to_membership(m)) for g, m in result]

    async def volume(self, group_id: int, since: datetime) -> Volume:
        active = select(GroupMemberRow.user_id).where(
            GroupMemberRow.group_id == group_id, GroupMemberRow.state == "active"
        )
        query = select(
            func.count(WorkoutRow.id),
            func.coalesce(func.sum(WorkoutRow.duration_s), 0),
            func.coalesce(func.sum(WorkoutRow.distance_m), 0.0),
            func.count(func.distinct(WorkoutRow.user_id)),
        ).where(WorkoutRow.user_id.in_(active), WorkoutRow.started_at >= since)
        count, seconds, metres, athletes = (await self._session.execute(query)).one()
        return Volume(int(count), int(seconds or 0), float(metres or 0.0), int(athletes))


def search_statement(filters: SearchFilters, limit: int) -> Select[Any]:
    """Driven by the search key: the sport's rows of the cells around the origin (an index
    range per cell), or without a radius the sport's rows walked biggest group first (an
    index range read in order, stopping at `limit`). The other filters are checked on the
    rows that range yields, found by primary key; `groups` is never scanned."""
    key = GroupSportRow
    query = (
        select(*_GROUPS.c)
        .select_from(key)
        .join(GroupRow, GroupRow.id == key.group_id)
        .where(key.sport == filters.sport.value)
    )
    order: ColumnElement[int] = key.member_count.expression
    if filters.radius_km is not None and filters.origin is not None:
        query = query.where(key.geo_cell.in_(cells_within(filters.origin, filters.radius_km)))
        # An expression, so that the planner reads the cells' ranges (few rows) and sorts
        # them, rather than walking the whole sport in member order.
        order = key.member_count + 0
    if filters.level is not None:
        level = LEVELS.index(filters.level)
        query = query.where(GroupRow.level_min <= level, GroupRow.level_max >= level)
    if filters.days:
        query = query.where(GroupRow.days_mask.op("&")(days_mask(filters.days)) != 0)
    if filters.text:
        pattern = _LIKE_SPECIAL.sub(lambda m: "\\" + m.group(0), filters.text)
        # Rendered into the statement (escaped by the dialect) so that PostgreSQL plans it
        # for these words: a generic plan guesses 50 rows and loops over a join filter.
        words = bindparam("words", f"%{pattern}%", type_=String(), literal_execute=True)
        query = query.where(GroupRow.search_text.like(words, escape="\\"))
    return query.order_by(order.desc(), key.group_id.desc()).limit(limit)


def _fill(row: GroupRow, draft: GroupDraft) -> None:
    row.name = draft.name
    row.description = draft.description
    row.search_text = _search_text(draft.name, draft.description)
    row.sports_mask = to_mask(draft.sports, Sport)
    row.level_min = LEVELS.index(draft.level_min)
    row.level_max = LEVELS.index(draft.level_max)
    row.days_mask = days_mask(frozenset(slot.day for slot in draft.slots))
    row.slots = encode_slots(draft.slots)
    location = draft.location
    row.latitude = None if location is None else location.latitude
    row.longitude = None if location is None else location.longitude
    row.geo_cell = None if location is None else cell_of(location)
    row.city = draft.city
    row.policy = draft.policy.value
    row.capacity = draft.capacity
    row.timezone = draft.timezone
    row.language = draft.language.value
    row.chat_id = draft.chat_id


def _draft_of(group: Group) -> GroupDraft:
    fields: dict[str, Any] = {
        name: getattr(group, name)
        for name in ("name", "description", "sports", "level_min", "level_max", "slots",
                     "location", "city", "policy", "capacity", "timezone", "language", "chat_id")
    }  # fmt: skip
    return GroupDraft(**fields)


def _to_group(row: GroupRow | Row[Any]) -> Group:
    location = None
    if row.latitude is not None and row.longitude is not None:
        location = CoarseLocation(row.latitude, row.longitude)
    return Group(
        id=row.id,
        code=row.code,
        name=row.name,
        description=row.description,
        sports=from_mask(row.sports_mask, Sport),
        level_min=LEVELS[row.level_min],
        level_max=LEVELS[row.level_max],
        slots=decode_slots(row.slots),
        location=location,
        city=row.city,
        policy=JoinPolicy(row.policy),
        capacity=row.capacity,
        timezone=row.timezone,
        created_by=row.created_by,
        created_at=row.created_at,
        language=Language(row.language),
        chat_id=row.chat_id,
        plan=row.plan,
        member_count=row.member_count,
    )


def _to_membership(row: GroupMemberRow) -> Membership:
    return Membership(
        group_id=row.group_id,
        user_id=row.user_id,
        role=MemberRole(row.role),
        state=MemberState(row.state),
        joined_at=row.joined_at,
        share_progress=row.share_progress,
    )
