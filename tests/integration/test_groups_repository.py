"""Groups on SQLite (and PostgreSQL when its URL is set): search through indexes, members,
answers and claims that are taken once."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy.dialects import sqlite
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.repositories.groups import search_statement
from db.uow import SqlUnitOfWork
from domain.groups.models import (
    EventDraft,
    GroupDraft,
    JoinPolicy,
    MemberRole,
    Membership,
    MemberState,
    RsvpAnswer,
    RsvpCounts,
    Slot,
)
from domain.groups.search import SearchFilters
from domain.users.models import CoarseLocation, Level, Sport, TelegramIdentity, Weekday
from domain.users.service import UserService
from domain.workouts.models import Activity, Workout, WorkoutSource
from tests.unit.domain.fakes import FakeTimezones

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
MOSCOW = CoarseLocation(55.7, 37.6)


def uow_of(sessions: async_sessionmaker[AsyncSession]) -> SqlUnitOfWork:
    return SqlUnitOfWork(sessions, lambda: NOW)


async def make_users(sessions: async_sessionmaker[AsyncSession], *ids: int) -> None:
    for user_id in ids:
        service = UserService(uow_of(sessions), lambda: NOW, FakeTimezones())
        await service.ensure(TelegramIdentity(user_id, f"U{user_id}", None, "en"))


def draft(name: str, **changes: object) -> GroupDraft:
    values: dict[str, object] = {
        "name": name,
        "description": "Easy long runs",
        "sports": frozenset({Sport.RUNNING, Sport.CYCLING}),
        "slots": (Slot(Weekday.SAT, 510),),
        "location": MOSCOW,
        "policy": JoinPolicy.OPEN,
        "timezone": "Europe/Moscow",
    }
    values.update(changes)
    return GroupDraft(**values)  # type: ignore[arg-type]


async def test_search_filters_by_sport_cells_level_days_and_words(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with uow_of(session_factory) as uow:
        near = await uow.groups.add(draft("Sparrow Hills"), "aaa", 1, NOW)
        await uow.groups.add(draft("Far Away", location=CoarseLocation(59.9, 30.3)), "bbb", 1, NOW)
        await uow.groups.add(draft("Swimmers", sports=frozenset({Sport.SWIMMING})), "ccc", 1, NOW)
        pros = draft("Pros 100% fast_", level_min=Level.ADVANCED, slots=(Slot(Weekday.TUE, 1140),))
        await uow.groups.add(pros, "ddd", 1, NOW)
        await uow.commit()
    async with uow_of(session_factory) as uow:
        search = uow.groups.search
        around = SearchFilters(Sport.RUNNING, MOSCOW, 25)
        assert {g.name for g in await search(around, 10)} == {"Sparrow Hills", "Pros 100% fast_"}
        anywhere = SearchFilters(Sport.CYCLING)
        assert len(await search(anywhere, 10)) == 3
        beginner = SearchFilters(Sport.RUNNING, MOSCOW, 25, level=Level.BEGINNER)
        assert [g.id for g in await search(beginner, 10)] == [near.id]
        saturday = SearchFilters(Sport.RUNNING, days=frozenset({Weekday.SAT, Weekday.SUN}))
        assert {g.name for g in await search(saturday, 10)} == {"Sparrow Hills", "Far Away"}
        words = SearchFilters(Sport.RUNNING, text="100% fast_")
        assert [g.name for g in await search(words, 10)] == ["Pros 100% fast_"]
        wildcard = SearchFilters(Sport.RUNNING, text="%")
        assert [g.name for g in await search(wildcard, 10)] == ["Pros 100% fast_"], "escaped"
        assert await search(SearchFilters(Sport.RUNNING, text="long runs"), 1) != []
        quoted = SearchFilters(Sport.RUNNING, text="o'brien\\'); drop table groups; --")
        assert await search(quoted, 10) == [], "words are a value, never SQL"
        assert len(await search(SearchFilters(Sport.CYCLING), 10)) == 3


async def test_members_are_counted_and_an_edit_keeps_the_search_key(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await make_users(session_factory, 1, 2, 3)
    async with uow_of(session_factory) as uow:
        group = await uow.groups.add(draft("Runners", chat_id=-100), "code1", 1, NOW)
        for user_id, state in (
            (1, MemberState.ACTIVE),
            (2, MemberState.ACTIVE),
            (3, MemberState.PENDING),
        ):
            role = MemberRole.ORGANIZER if user_id == 1 else MemberRole.MEMBER
            await uow.groups.put_membership(Membership(group.id, user_id, role, state, NOW))
        await uow.commit()
    async with uow_of(session_factory) as uow:
        stored = await uow.groups.by_code("code1")
        assert stored is not None and stored.member_count == 2
        assert (await uow.groups.by_chat(-100)) == stored
        assert [m.user_id for m in await uow.groups.members(group.id)] == [1, 2]
        await uow.groups.save(replace(stored, sports=frozenset({Sport.WALKING})))
        await uow.groups.remove_membership(group.id, 2)
        await uow.commit()
    async with uow_of(session_factory) as uow:
        assert (await uow.groups.search(SearchFilters(Sport.RUNNING), 10)) == []
        walkers = await uow.groups.search(SearchFilters(Sport.WALKING, MOSCOW, 10), 10)
        assert [(g.name, g.member_count) for g in walkers] == [("Runners", 1)]
        assert [g.name for g, _ in await uow.groups.of_user(3)] == ["Runners"]


async def test_answers_are_counted_and_claims_are_taken_once(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await make_users(session_factory, 1, 2)
    starts = NOW + timedelta(hours=2)
    async with uow_of(session_factory) as uow:
        group = await uow.groups.add(draft("Runners"), "code2", 1, NOW)
        event = await uow.groups.add_event(group.id, EventDraft(Activity.RUN, starts), 1, NOW)
        await uow.groups.put_rsvp(event.id, 1, RsvpAnswer.MAYBE, NOW)
        await uow.groups.put_rsvp(event.id, 2, RsvpAnswer.NO, NOW)
        await uow.groups.put_rsvp(event.id, 2, RsvpAnswer.GOING, NOW)
        await uow.commit()
    async with uow_of(session_factory) as uow:
        assert await uow.groups.counts(event.id) == RsvpCounts(going=1, maybe=1)
        assert await uow.groups.claim_reminders(starts - timedelta(minutes=61), 10) == []
        assert await uow.groups.claim_reminders(starts - timedelta(minutes=59), 10) == [event.id]
        await uow.commit()
    async with uow_of(session_factory) as uow:
        assert await uow.groups.claim_reminders(starts - timedelta(minutes=30), 10) == []
        assert await uow.groups.claim_followups(starts, 10) == []
        assert await uow.groups.claim_followups(starts + timedelta(hours=1), 10) == [event.id]
        assert await uow.groups.set_attended(event.id, 2, _workout_id := await _workout(uow, 2))
        assert not await uow.groups.set_attended(event.id, 2, _workout_id)
        await uow.commit()
    async with uow_of(session_factory) as uow:
        assert await uow.groups.claim_followups(starts + timedelta(hours=3), 10) == []
        attendees = await uow.groups.attendees(event.id)
        assert [(a.user_id, a.answer, a.workout_id) for a in attendees] == [
            (2, RsvpAnswer.GOING, _workout_id),
            (1, RsvpAnswer.MAYBE, None),
        ]


async def _workout(uow: SqlUnitOfWork, user_id: int) -> int:
    stored = await uow.workouts.add(
        Workout(0, user_id, Activity.RUN, NOW, WorkoutSource.GUIDED, 3600, 10_000.0)
    )
    return stored.id


async def test_a_started_event_is_not_reminded_late(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with uow_of(session_factory) as uow:
        group = await uow.groups.add(draft("Runners"), "code3", 1, NOW)
        event = await uow.groups.add_event(
            group.id, EventDraft(Activity.RUN, NOW + timedelta(hours=1)), 1, NOW
        )
        await uow.commit()
    async with uow_of(session_factory) as uow:
        assert await uow.groups.claim_reminders(NOW + timedelta(hours=2), 10) == []
        await uow.commit()
    async with uow_of(session_factory) as uow:
        stored = await uow.groups.event(event.id)
        assert stored is not None and stored.reminded_at is None


async def test_search_plans_use_the_indexes_and_never_scan_groups(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with uow_of(session_factory) as uow:
        if uow.session.get_bind().dialect.name != "sqlite":
            return
        for index in range(50):
            await uow.groups.add(draft(f"G{index}"), f"p{index}", 1, NOW)
        await uow.commit()
    around = "ix_group_sports_sport_cell (sport=? AND geo_cell=?)"
    in_order = "ix_group_sports_sport_members (sport=?)"
    saturday = frozenset({Weekday.SAT})
    cases = [
        (SearchFilters(Sport.RUNNING, MOSCOW, 25), around),
        (SearchFilters(Sport.RUNNING, MOSCOW, 100, Level.BEGINNER, saturday, "easy"), around),
        (SearchFilters(Sport.SWIMMING), in_order),
        (SearchFilters(Sport.RUNNING, text="easy"), in_order),
    ]
    async with uow_of(session_factory) as uow:
        connection = await uow.session.connection()
        for filters, expected in cases:
            compiled = search_statement(filters, 300).compile(
                dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}
            )
            rows = await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")
            details = [str(row[-1]) for row in rows]
            assert not any(d.startswith("SCAN groups") for d in details), details
            assert not any(d.startswith("SCAN group_sports") for d in details), details
            assert any(expected in d for d in details), details
            if expected == in_order:
                assert not any("TEMP B-TREE" in d for d in details), "read in order, no sort"
