"""Partner search on SQLite (and PostgreSQL when its URL is set): only the discoverable,
never the blocked, banned or gone; the search reads through the cell index."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.tables import UserBanRow
from db.uow import SqlUnitOfWork
from domain.partners.matching import cell_of, cells_near
from domain.partners.models import IntroState, ReportReason
from domain.users.models import CoarseLocation, Language, Sport, Units, User

NOW = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
MOSCOW = CoarseLocation(55.8, 37.6)
FAR = CoarseLocation(59.9, 30.3)


def uow_of(sessions: async_sessionmaker[AsyncSession]) -> SqlUnitOfWork:
    return SqlUnitOfWork(sessions, lambda: NOW)


async def listed(
    sessions: async_sessionmaker[AsyncSession],
    user_id: int,
    location: CoarseLocation = MOSCOW,
    sports: frozenset[Sport] = frozenset({Sport.RUNNING}),
) -> None:
    user = User(user_id, f"A{user_id}", None, Language.EN, Units.METRIC, "UTC", NOW)
    user = user.with_profile(sports=sports, location=location, city="Moscow")
    async with uow_of(sessions) as uow:
        await uow.users.add(user)
        await uow.commit()
        await uow.partners.put(user_id, cell_of(location), 44.0, NOW)
        await uow.commit()


async def found(sessions: async_sessionmaker[AsyncSession], user_id: int = 1) -> list[int]:
    async with uow_of(sessions) as uow:
        candidates = await uow.partners.candidates(
            user_id, cells_near(MOSCOW), None, frozenset({Sport.RUNNING}), 100
        )
    return [c.user_id for c in candidates]


async def test_search_lists_discoverable_runners_nearby_and_nobody_else(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    for user_id in (1, 2, 3, 4, 5, 6):
        await listed(session_factory, user_id)
    await listed(session_factory, 7, location=FAR)
    await listed(session_factory, 8, sports=frozenset({Sport.SWIMMING}))
    async with uow_of(session_factory) as uow:
        await uow.partners.block(3, 1, NOW)  # 3 blocked the searcher
        await uow.partners.block(1, 4, NOW)  # the searcher blocked 4
        uow.session.add(UserBanRow(user_id=5, banned_at=NOW))
        await uow.partners.remove(6)
        await uow.commit()
    assert await found(session_factory) == [2]
    async with uow_of(session_factory) as uow:
        me = await uow.partners.profile(1)
        assert me is not None and me.vdot == 44.0 and me.sports == frozenset({Sport.RUNNING})
        assert await uow.partners.profile(5) is None, "a banned athlete is not listed"


async def test_intros_count_per_day_and_close_on_a_block(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await listed(session_factory, 1)
    await listed(session_factory, 2)
    async with uow_of(session_factory) as uow:
        old = await uow.partners.add_intro(1, 2, IntroState.DECLINED, NOW - timedelta(days=2))
        new = await uow.partners.add_intro(1, 2, IntroState.PENDING, NOW)
        await uow.commit()
    async with uow_of(session_factory) as uow:
        assert await uow.partners.intros_sent_since(1, NOW - timedelta(days=1)) == 1
        opened = await uow.partners.open_intro_between(2, 1)
        assert opened is not None and opened.id == new.id
        await uow.partners.decline_open_between(2, 1, NOW)
        await uow.partners.report(2, 1, ReportReason.SPAM, NOW)
        await uow.partners.block(2, 1, NOW)
        await uow.partners.block(2, 1, NOW)  # twice is once
        await uow.commit()
    async with uow_of(session_factory) as uow:
        assert await uow.partners.open_intro_between(1, 2) is None
        assert not await uow.partners.decide(new.id, IntroState.ACCEPTED, NOW)
        record = await uow.partners.record_of(2)
    assert [i.id for i in record.intros] == [old.id, new.id]
    assert record.blocked == (1,)
    assert [(who, reason) for who, reason, _ in record.reports] == [(1, ReportReason.SPAM)]


async def test_erasing_an_athlete_erases_their_partner_rows(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await listed(session_factory, 1)
    await listed(session_factory, 2)
    async with uow_of(session_factory) as uow:
        await uow.partners.add_intro(1, 2, IntroState.PENDING, NOW)
        await uow.partners.block(2, 1, NOW)
        await uow.users.delete(1)
        await uow.commit()
    async with uow_of(session_factory) as uow:
        record = await uow.partners.record_of(2)
        assert record.intros == () and record.blocked == ()
        assert await uow.partners.profile(1) is None


async def test_search_on_sqlite_reads_the_cell_index_not_the_whole_table(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with uow_of(session_factory) as uow:
        if uow.session.get_bind().dialect.name != "sqlite":
            return
        cells = ",".join(str(c) for c in cells_near(MOSCOW))
        plan = await uow.session.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT users.id FROM users JOIN partner_profiles "
                f"ON partner_profiles.user_id = users.id WHERE partner_profiles.cell IN ({cells})"
            )
        )
        details = " | ".join(str(row[-1]) for row in plan)
    assert "ix_partner_profiles_cell_updated_at" in details, details
    assert "SCAN partner_profiles" not in details and "SCAN users" not in details, details
