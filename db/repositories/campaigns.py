"""Campaigns and their deliveries: the audience, the claims and the recorded outcomes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, bindparam, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audience import audience_filter
from db.tables import CampaignDeliveryRow, CampaignRow, UserBanRow, UserRow
from db.upsert import insert_many_or_ignore
from domain.campaigns.audience import Audience
from domain.campaigns.models import (
    OPEN_DELIVERIES,
    Button,
    Campaign,
    CampaignState,
    Claimed,
    Counts,
    DeliveryState,
    Outcome,
)
from domain.users.models import Language

D = CampaignDeliveryRow
_TABLE: Table = CampaignDeliveryRow.__table__  # type: ignore[assignment]
_OPEN = [state.value for state in OPEN_DELIVERIES]


def _audience() -> ColumnElement[bool]:
    banned = exists().where(UserBanRow.user_id == UserRow.id)
    return (UserRow.notify_promotions.is_(True)) & UserRow.bot_blocked_at.is_(None) & ~banned


class SqlCampaignRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, campaign: Campaign) -> Campaign:
        row = CampaignRow()
        _fill(row, campaign)
        self._session.add(row)
        await self._session.flush()
        return _to_campaign(row)

    async def get(self, campaign_id: int) -> Campaign | None:
        row = await self._session.get(CampaignRow, campaign_id, populate_existing=True)
        return None if row is None else _to_campaign(row)

    async def save(self, campaign: Campaign) -> None:
        row = await self._session.get(CampaignRow, campaign.id)
        if row is not None:
            _fill(row, campaign)
            await self._session.flush()

    async def in_state(self, states: Sequence[str]) -> list[Campaign]:
        query = select(CampaignRow).where(CampaignRow.state.in_(states)).order_by(CampaignRow.id)
        rows = await self._session.scalars(query.execution_options(populate_existing=True))
        return [_to_campaign(row) for row in rows]

    async def audience_count(self, audience: Audience, now: datetime) -> int:
        query = select(func.count()).where(_audience(), *audience_filter(audience, now))
        return int(await self._session.scalar(query) or 0)

    async def audience_after(
        self, user_id: int, limit: int, audience: Audience, now: datetime
    ) -> list[int]:
        query = (
            select(UserRow.id)
            .where(_audience(), *audience_filter(audience, now), UserRow.id > user_id)
            .order_by(UserRow.id)
            .limit(limit)
        )
        return list(await self._session.scalars(query))

    async def start_due(self, now: datetime) -> list[int]:
        due = select(CampaignRow.id).where(
            CampaignRow.state == CampaignState.SCHEDULED.value, CampaignRow.scheduled_at <= now
        )
        started = []
        for campaign_id in list(await self._session.scalars(due)):
            # Conditional: of two schedulers, the one whose update matched starts it.
            result = await self._session.execute(
                update(CampaignRow)
                .where(
                    CampaignRow.id == campaign_id,
                    CampaignRow.state == CampaignState.SCHEDULED.value,
                )
                .values(state=CampaignState.SENDING.value, started_at=now)
            )
            if result.rowcount:  # type: ignore[attr-defined]
                started.append(campaign_id)
        return started

    async def deliveries_of(self, user_id: int) -> list[dict[str, Any]]:
        query = (
            select(D.campaign_id, D.state, D.finished_at)
            .where(D.user_id == user_id)
            .order_by(D.id)
        )
        return [
            {"campaign_id": row.campaign_id, "state": row.state, "at": row.finished_at}
            for row in await self._session.execute(query)
        ]

    async def add_deliveries(
        self, campaign_id: int, user_ids: Sequence[int], at: datetime
    ) -> None:
        rows = [
            {"campaign_id": campaign_id, "user_id": user_id, "state": "pending",
             "attempts": 0, "due_at": at}
            for user_id in user_ids
        ]  # fmt: skip
        await insert_many_or_ignore(self._session, _TABLE, rows, ["campaign_id", "user_id"])

    async def claim(self, owner: str, now: datetime, limit: int) -> list[Claimed]:
        due = (
            select(D.id)
            .join(CampaignRow, CampaignRow.id == D.campaign_id)
            .where(
                D.state == DeliveryState.PENDING.value,
                D.due_at <= now,
                CampaignRow.state == CampaignState.SENDING.value,
            )
            .order_by(D.due_at, D.id)
            .limit(limit)
            .with_for_update(of=D, skip_locked=True)  # SQLite: BEGIN IMMEDIATE serializes
        )
        ids = list(await self._session.scalars(due))
        if not ids:
            return []
        # Conditional, so that a row somebody else took in the meantime is not taken again.
        await self._session.execute(
            update(D)
            .where(D.id.in_(ids), D.state == DeliveryState.PENDING.value)
            .values(state=DeliveryState.CLAIMED.value, claimed_by=owner, claimed_at=now)
        )
        query = (
            select(D.id, D.campaign_id, D.user_id, UserRow.language, D.attempts)
            .join(UserRow, UserRow.id == D.user_id)
            .where(D.id.in_(ids), D.state == DeliveryState.CLAIMED.value, D.claimed_by == owner)
            .order_by(D.id)
        )
        return [
            Claimed(row.id, row.campaign_id, row.user_id, Language(row.language), row.attempts)
            for row in await self._session.execute(query)
        ]

    async def begin(self, owner: str, delivery_ids: Sequence[int], now: datetime) -> set[int]:
        mine = (
            D.id.in_(delivery_ids),
            D.claimed_by == owner,
        )
        await self._session.execute(
            update(D)
            .where(*mine, D.state == DeliveryState.CLAIMED.value)
            .values(state=DeliveryState.SENDING.value, claimed_at=now)
        )
        query = select(D.id).where(*mine, D.state == DeliveryState.SENDING.value)
        return set(await self._session.scalars(query))

    async def record(self, outcomes: Sequence[Outcome], now: datetime) -> None:
        if not outcomes:
            return
        statement = (
            update(_TABLE)
            .where(_TABLE.c.id == bindparam("b_id"), _TABLE.c.state == "sending")
            .values(
                state=bindparam("b_state"),
                attempts=bindparam("b_attempts"),
                reason=bindparam("b_reason"),
                due_at=func.coalesce(bindparam("b_due", type_=D.due_at.type), _TABLE.c.due_at),
                finished_at=bindparam("b_finished", type_=D.finished_at.type),
                claimed_by=None,
            )
        )
        await self._session.execute(statement, [_params(o, now) for o in outcomes])

    async def release(self, owner: str, campaign_ids: Sequence[int] | None = None) -> int:
        statement = update(D).where(D.state == DeliveryState.CLAIMED.value, D.claimed_by == owner)
        if campaign_ids is not None:
            statement = statement.where(D.campaign_id.in_(campaign_ids))
        result = await self._session.execute(
            statement.values(state=DeliveryState.PENDING.value, claimed_by=None)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def recover(self, before: datetime) -> tuple[int, int]:
        released = await self._session.execute(
            update(D)
            .where(D.state == DeliveryState.CLAIMED.value, D.claimed_at < before)
            .values(state=DeliveryState.PENDING.value, claimed_by=None)
        )
        lost = await self._session.execute(
            update(D)
            .where(D.state == DeliveryState.SENDING.value, D.claimed_at < before)
            .values(
                state=DeliveryState.UNKNOWN.value,
                reason="interrupted while sending",
                finished_at=func.coalesce(D.claimed_at, D.due_at),
                claimed_by=None,
            )
        )
        return int(released.rowcount), int(lost.rowcount)  # type: ignore[attr-defined]

    async def counts(self, campaign_id: int) -> Counts:
        query = select(D.state, func.count()).where(D.campaign_id == campaign_id).group_by(D.state)
        by_state: dict[str, int] = {
            row[0]: int(row[1]) for row in await self._session.execute(query)
        }
        return Counts(
            sent=by_state.get(DeliveryState.SENT.value, 0),
            failed=by_state.get(DeliveryState.FAILED.value, 0),
            blocked=by_state.get(DeliveryState.BLOCKED.value, 0),
            unknown=by_state.get(DeliveryState.UNKNOWN.value, 0),
            left=sum(by_state.get(state, 0) for state in _OPEN),
        )

    async def open_count(self, campaign_id: int) -> int:
        query = select(func.count()).where(D.campaign_id == campaign_id, D.state.in_(_OPEN))
        return int(await self._session.scalar(query) or 0)


def _params(outcome: Outcome, now: datetime) -> dict[str, Any]:
    finished = None if outcome.state is DeliveryState.PENDING else now
    return {
        "b_id": outcome.delivery_id,
        "b_state": outcome.state.value,
        "b_attempts": outcome.attempts,
        "b_reason": (outcome.reason or None) and outcome.reason[:200],
        "b_due": outcome.due_at,
        "b_finished": finished,
    }


def _fill(row: CampaignRow, campaign: Campaign) -> None:
    row.author_id = campaign.author_id
    row.language = campaign.language.value
    row.text = campaign.text
    row.state = campaign.state.value
    row.created_at = campaign.created_at
    row.started_at = campaign.started_at
    row.finished_at = campaign.finished_at
    row.audience_ready = campaign.audience_ready
    row.audience_cursor = campaign.audience_cursor
    row.report_message_id = campaign.report_message_id
    row.photo = campaign.photo
    row.button_text = campaign.button.text if campaign.button else None
    row.button_target = campaign.button.target if campaign.button else None
    row.audience = None if campaign.audience.everyone else campaign.audience.as_data()
    row.scheduled_at = campaign.scheduled_at


def _to_campaign(row: CampaignRow) -> Campaign:
    return Campaign(
        id=row.id,
        author_id=row.author_id,
        language=Language(row.language),
        text=row.text,
        state=CampaignState(row.state),
        created_at=row.created_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        audience_ready=row.audience_ready,
        audience_cursor=row.audience_cursor,
        report_message_id=row.report_message_id,
        photo=row.photo,
        button=Button(row.button_text, row.button_target)
        if row.button_text and row.button_target
        else None,
        audience=Audience.from_data(row.audience),
        scheduled_at=row.scheduled_at,
    )
