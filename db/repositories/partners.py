"""Discoverable athletes, intros, blocks and reports in the `partner_*` tables."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, exists, func, or_, select, union_all, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from db.repositories.users import from_mask, to_mask
from db.tables import (
    PartnerBlockRow,
    PartnerIntroRow,
    PartnerProfileRow,
    PartnerReportRow,
    UserBanRow,
    UserRow,
)
from db.upsert import insert_or_ignore
from domain.partners.models import (
    Candidate,
    Intro,
    IntroState,
    PartnerRecord,
    ReportReason,
    ReportView,
)
from domain.users.models import CoarseLocation, Level, Sport, Weekday

MIN_PER_CELL = 10
# A silenced intro stands open like a pending one: asking again must look the same.
OPEN_STATES = (IntroState.PENDING.value, IntroState.ACCEPTED.value, IntroState.SILENCED.value)
_COLUMNS = (
    UserRow.id, UserRow.first_name, UserRow.city, UserRow.latitude, UserRow.longitude,
    UserRow.sports_mask, UserRow.level, UserRow.days_mask, UserRow.birth_year,
    PartnerProfileRow.vdot, PartnerProfileRow.cell, PartnerProfileRow.updated_at,
)  # fmt: skip


class SqlPartnerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def _listed(self) -> Any:
        return (
            select(*_COLUMNS)
            .join(PartnerProfileRow, PartnerProfileRow.user_id == UserRow.id)
            .where(
                UserRow.bot_blocked_at.is_(None),
                ~exists().where(UserBanRow.user_id == UserRow.id),
            )
        )

    async def profile(self, user_id: int) -> Candidate | None:
        row = (await self._session.execute(self._listed().where(UserRow.id == user_id))).first()
        return None if row is None else _candidate(row)

    async def put(self, user_id: int, cell: int | None, vdot: float | None, now: datetime) -> None:
        values = {"user_id": user_id, "cell": cell, "vdot": vdot, "since": now, "updated_at": now}
        table = PartnerProfileRow.__table__
        if not await insert_or_ignore(self._session, table, values, ["user_id"]):  # type: ignore[arg-type]
            await self._session.execute(
                update(PartnerProfileRow)
                .where(PartnerProfileRow.user_id == user_id)
                .values(cell=cell, vdot=vdot, updated_at=now)
            )

    async def remove(self, user_id: int) -> bool:
        result = await self._session.execute(
            delete(PartnerProfileRow).where(PartnerProfileRow.user_id == user_id)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def candidates(
        self,
        user_id: int,
        cells: Sequence[int] | None,
        city: str | None,
        sports: frozenset[Sport],
        limit: int,
    ) -> list[Candidate]:
        matching = self._listed().where(
            UserRow.id != user_id,
            UserRow.sports_mask.op("&")(to_mask(sports, Sport)) != 0,
            ~_blocks(user_id, UserRow.id),
        )
        recent = (PartnerProfileRow.updated_at.desc(), UserRow.id)
        if cells is None:
            if not city:
                return []
            query = matching.where(func.lower(UserRow.city) == city.lower())
            query = query.order_by(*recent).limit(limit)
        else:
            # Each cell gives its most recent athletes through the (cell, updated_at) index, at
            # most twice its share of `limit`: a crowded city costs a few hundred rows, not
            # every athlete in it, and the list spreads over the area.
            unique = sorted(set(cells))
            if not unique:
                return []
            share = max(MIN_PER_CELL, math.ceil(2 * limit / len(unique)))
            parts = [
                select(
                    matching.where(PartnerProfileRow.cell == cell)
                    .order_by(*recent)
                    .limit(share)
                    .subquery()
                )
                for cell in unique
            ]
            merged = union_all(*parts).subquery()
            query = select(merged).order_by(merged.c.updated_at.desc(), merged.c.id).limit(limit)
        return [_candidate(row) for row in await self._session.execute(query)]

    async def blocked_between(self, first: int, second: int) -> bool:
        query = select(_blocks(first, second))
        return bool(await self._session.scalar(query))

    async def block(self, blocker: int, blocked: int, now: datetime) -> None:
        values = {"blocker_id": blocker, "blocked_id": blocked, "created_at": now}
        table = PartnerBlockRow.__table__
        await insert_or_ignore(self._session, table, values, ["blocker_id", "blocked_id"])  # type: ignore[arg-type]

    async def intros_sent_since(self, sender: int, since: datetime) -> int:
        query = select(func.count()).where(
            PartnerIntroRow.sender_id == sender, PartnerIntroRow.created_at >= since
        )
        return int(await self._session.scalar(query) or 0)

    async def open_intro_between(self, first: int, second: int) -> Intro | None:
        query = (
            select(PartnerIntroRow)
            .where(_pair(first, second), PartnerIntroRow.state.in_(OPEN_STATES))
            .order_by(PartnerIntroRow.id.desc())
            .limit(1)
        )
        row = await self._session.scalar(query)
        return None if row is None else _intro(row)

    async def add_intro(
        self, sender: int, recipient: int, state: IntroState, now: datetime
    ) -> Intro:
        row = PartnerIntroRow(
            sender_id=sender, recipient_id=recipient, state=state.value, created_at=now
        )
        self._session.add(row)
        await self._session.flush()
        return _intro(row)

    async def intro(self, intro_id: int) -> Intro | None:
        row = await self._session.get(PartnerIntroRow, intro_id, populate_existing=True)
        return None if row is None else _intro(row)

    async def decide(self, intro_id: int, state: IntroState, now: datetime) -> bool:
        result = await self._session.execute(
            update(PartnerIntroRow)
            .where(
                PartnerIntroRow.id == intro_id,
                PartnerIntroRow.state == IntroState.PENDING.value,
            )
            .values(state=state.value, decided_at=now)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def decline_open_between(self, first: int, second: int, now: datetime) -> None:
        await self._session.execute(
            update(PartnerIntroRow)
            .where(_pair(first, second), PartnerIntroRow.state.in_(OPEN_STATES))
            .values(state=IntroState.DECLINED.value, decided_at=now)
        )

    async def report(
        self, reporter: int, reported: int, reason: ReportReason, now: datetime
    ) -> None:
        self._session.add(
            PartnerReportRow(
                reporter_id=reporter, reported_id=reported, reason=reason.value, created_at=now
            )
        )

    async def record_of(self, user_id: int) -> PartnerRecord:
        since = await self._session.scalar(
            select(PartnerProfileRow.since).where(PartnerProfileRow.user_id == user_id)
        )
        mine = or_(PartnerIntroRow.sender_id == user_id, PartnerIntroRow.recipient_id == user_id)
        intros = await self._session.scalars(
            select(PartnerIntroRow).where(mine).order_by(PartnerIntroRow.id)
        )
        blocked = await self._session.scalars(
            select(PartnerBlockRow.blocked_id).where(PartnerBlockRow.blocker_id == user_id)
        )
        reports = await self._session.execute(
            select(
                PartnerReportRow.reported_id, PartnerReportRow.reason, PartnerReportRow.created_at
            )
            .where(PartnerReportRow.reporter_id == user_id)
            .order_by(PartnerReportRow.id)
        )
        return PartnerRecord(
            since,
            tuple(_intro(row) for row in intros),
            tuple(blocked),
            tuple((row[0], ReportReason(row[1]), row[2]) for row in reports),
        )

    async def recent_reports(self, limit: int) -> list[ReportView]:
        reporter, reported = aliased(UserRow), aliased(UserRow)
        report = PartnerReportRow
        query = (
            select(
                report.reporter_id,
                reporter.first_name,
                report.reported_id,
                reported.first_name,
                report.reason,
                report.created_at,
            )
            .join(reporter, reporter.id == report.reporter_id)
            .join(reported, reported.id == report.reported_id)
            .order_by(report.created_at.desc(), report.id.desc())
            .limit(limit)
        )
        return [
            ReportView(row[0], row[1], row[2], row[3], ReportReason(row[4]), row[5])
            for row in await self._session.execute(query)
        ]


def _blocks(first: Any, second: Any) -> Any:
    """Either of the two blocked the other."""
    blocker, blocked = PartnerBlockRow.blocker_id, PartnerBlockRow.blocked_id
    return exists().where(
        or_(
            and_(blocker == first, blocked == second),
            and_(blocker == second, blocked == first),
        )
    )


def _pair(first: int, second: int) -> Any:
    return or_(
        and_(PartnerIntroRow.sender_id == first, PartnerIntroRow.recipient_id == second),
        and_(PartnerIntroRow.sender_id == second, PartnerIntroRow.recipient_id == first),
    )


def _candidate(row: Any) -> Candidate:
    location = None
    if row.latitude is not None and row.longitude is not None:
        location = CoarseLocation(latitude=row.latitude, longitude=row.longitude)
    return Candidate(
        user_id=row.id,
        first_name=row.first_name,
        city=row.city,
        location=location,
        sports=from_mask(row.sports_mask, Sport),
        level=Level(row.level) if row.level else None,
        days=from_mask(row.days_mask, Weekday),
        birth_year=row.birth_year,
        vdot=row.vdot,
        cell=row.cell,
        active_at=row.updated_at,
    )


def _intro(row: PartnerIntroRow) -> Intro:
    return Intro(
        id=row.id,
        sender_id=row.sender_id,
        recipient_id=row.recipient_id,
        state=IntroState(row.state),
        created_at=row.created_at,
        decided_at=row.decided_at,
    )
