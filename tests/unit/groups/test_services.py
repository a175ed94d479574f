"""Joining, approving, leaving, answering, confirming and reminding, on fakes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from domain.errors import NotFoundError
from domain.groups.errors import (
    AttendanceError,
    EventFullError,
    GroupFullError,
    LastOrganizerError,
    NotMemberError,
    NotOrganizerError,
)
from domain.groups.events import EventService
from domain.groups.models import (
    EventDraft,
    Group,
    GroupDraft,
    GroupEvent,
    JoinPolicy,
    MemberState,
    RsvpAnswer,
    RsvpCounts,
    Slot,
)
from domain.groups.reminders import EventReminderService
from domain.groups.service import GroupService
from domain.notifications.models import DeliveryOutcome
from domain.users.models import Language, Sport, Units, User, Weekday
from domain.workouts.models import Activity
from domain.workouts.service import WorkoutService
from tests.unit.domain.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
OLGA = User(1, "Olga", None, Language.EN, Units.METRIC, "UTC", NOW)
ANNA = User(2, "Anna", None, Language.EN, Units.METRIC, "UTC", NOW)
BOB = User(3, "Bob", None, Language.RU, Units.METRIC, "UTC", NOW)


@dataclass
class Clock:
    now: datetime = NOW

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Notifier:
    reminded: list[int] = field(default_factory=list)
    asked: list[int] = field(default_factory=list)
    posted: list[int] = field(default_factory=list)

    async def remind(self, user: User, event: GroupEvent, group: Group) -> DeliveryOutcome:
        self.reminded.append(user.id)
        return DeliveryOutcome.SENT

    async def ask_attendance(self, user: User, event: GroupEvent, group: Group) -> DeliveryOutcome:
        self.asked.append(user.id)
        return DeliveryOutcome.SENT

    async def post(self, group: Group, event: GroupEvent, counts: RsvpCounts) -> int | None:
        self.posted.append(event.id)
        return 900 + event.id


@pytest.fixture
def uow() -> FakeUnitOfWork:
    fake = FakeUnitOfWork()
    for user in (OLGA, ANNA, BOB):
        fake.users.committed[user.id] = user
    return fake


async def make_group(uow: FakeUnitOfWork, **changes: object) -> Group:
    draft = GroupDraft(name="Runners", sports=frozenset({Sport.RUNNING}), **changes)  # type: ignore[arg-type]
    return await GroupService(uow, Clock()).create(OLGA, draft)


async def test_an_open_group_takes_athletes_until_it_is_full(uow: FakeUnitOfWork) -> None:
    group = await make_group(uow, capacity=2)
    service = GroupService(uow, Clock())
    joined = await service.join(ANNA, group.id)
    assert joined.membership.state is MemberState.ACTIVE and joined.group.member_count == 2
    assert (await service.join(ANNA, group.id)).membership == joined.membership, "idempotent"
    with pytest.raises(GroupFullError):
        await service.join(BOB, group.id)


async def test_a_request_waits_for_an_organizer_who_alone_decides(uow: FakeUnitOfWork) -> None:
    group = await make_group(uow, policy=JoinPolicy.APPROVAL)
    service = GroupService(uow, Clock())
    joined = await service.join(ANNA, group.id)
    assert joined.membership.state is MemberState.PENDING
    assert [u.id for u in joined.organizers] == [OLGA.id]
    with pytest.raises(NotOrganizerError):
        await service.decide(ANNA.id, group.id, ANNA.id, approve=True)
    decision = await service.decide(OLGA.id, group.id, ANNA.id, approve=True)
    assert decision.approved and decision.group.member_count == 2
    with pytest.raises(NotFoundError):
        await service.decide(OLGA.id, group.id, ANNA.id, approve=False)


async def test_the_last_organizer_cannot_leave(uow: FakeUnitOfWork) -> None:
    group = await make_group(uow)
    service = GroupService(uow, Clock())
    with pytest.raises(LastOrganizerError):
        await service.leave(OLGA.id, group.id)
    await service.join(ANNA, group.id)
    assert (await service.leave(ANNA.id, group.id)).member_count == 1


async def test_only_organizers_create_events_and_going_respects_capacity(
    uow: FakeUnitOfWork,
) -> None:
    group = await make_group(uow)
    await GroupService(uow, Clock()).join(ANNA, group.id)
    events = EventService(uow, Clock(), WorkoutService(uow, Clock()))
    draft = EventDraft(Activity.RUN, NOW + timedelta(days=1), capacity=1)
    with pytest.raises(NotOrganizerError):
        await events.create(ANNA.id, group.id, draft)
    view = await events.create(OLGA.id, group.id, draft)
    await events.answer(ANNA, view.event.id, RsvpAnswer.GOING)
    with pytest.raises(EventFullError):
        await events.answer(OLGA, view.event.id, RsvpAnswer.GOING)
    with pytest.raises(NotMemberError):
        await events.answer(BOB, view.event.id, RsvpAnswer.MAYBE)
    assert (await events.answer(ANNA, view.event.id, RsvpAnswer.GOING)).counts.going == 1


async def test_an_answer_from_the_groups_own_chat_makes_a_member(uow: FakeUnitOfWork) -> None:
    group = await make_group(uow, chat_id=-100)
    events = EventService(uow, Clock(), WorkoutService(uow, Clock()))
    view = await events.create(
        OLGA.id, group.id, EventDraft(Activity.RUN, NOW + timedelta(days=1))
    )
    with pytest.raises(NotMemberError):
        await events.answer(BOB, view.event.id, RsvpAnswer.GOING, chat_id=-200)
    await events.answer(BOB, view.event.id, RsvpAnswer.GOING, chat_id=-100)
    assert (await uow.groups.membership(group.id, BOB.id)) is not None


async def test_attendance_is_confirmed_once_after_the_start_by_who_said_yes(
    uow: FakeUnitOfWork,
) -> None:
    clock = Clock()
    group = await make_group(uow)
    await GroupService(uow, clock).join(ANNA, group.id)
    events = EventService(uow, clock, WorkoutService(uow, clock))
    draft = EventDraft(
        Activity.RUN, NOW + timedelta(hours=3), distance_m=8000, pace_s_per_km=(330, 330)
    )
    view = await events.create(OLGA.id, group.id, draft)
    await events.answer(ANNA, view.event.id, RsvpAnswer.MAYBE)
    with pytest.raises(AttendanceError):
        await events.confirm(ANNA, view.event.id)
    clock.now = NOW + timedelta(hours=5)
    logged = await events.confirm(ANNA, view.event.id)
    assert (logged.workout.activity, logged.workout.distance_m, logged.workout.duration_s) == (
        Activity.RUN,
        8000,
        2640,
    )
    assert logged.workout.started_at == draft.starts_at
    with pytest.raises(AttendanceError):
        await events.confirm(ANNA, view.event.id)
    with pytest.raises(AttendanceError):
        await events.confirm(OLGA, view.event.id)
    _, attendees = await events.attendance(OLGA.id, view.event.id)
    assert [(a.first_name, a.workout_id) for a in attendees] == [("Anna", logged.workout.id)]


async def test_reminders_go_once_to_who_did_not_say_no_and_recurring_events_repeat(
    uow: FakeUnitOfWork,
) -> None:
    clock = Clock()
    slots = (Slot(Weekday.TUE, 1140), Slot(Weekday.SAT, 510))
    group = await make_group(uow, slots=slots, chat_id=-100)
    await GroupService(uow, clock).join(ANNA, group.id)
    await GroupService(uow, clock).join(BOB, group.id)
    events = EventService(uow, clock, WorkoutService(uow, clock))
    saturday = datetime(2026, 11, 28, 8, 30, tzinfo=UTC)
    view = await events.create(
        OLGA.id, group.id, EventDraft(Activity.RUN, saturday, recurring=True)
    )
    await events.answer(BOB, view.event.id, RsvpAnswer.NO)
    notifier = Notifier()
    reminders = EventReminderService(uow, clock, notifier)
    clock.now = saturday - timedelta(minutes=61)
    assert (await reminders.claim_reminders()).event_ids == ()
    clock.now = saturday - timedelta(minutes=30)
    claimed = await reminders.claim_reminders()
    assert claimed.event_ids == (view.event.id,)
    assert await reminders.remind(view.event.id) == 2
    assert sorted(notifier.reminded) == [OLGA.id, ANNA.id]
    assert (await reminders.claim_reminders()).event_ids == (), "claimed once"
    (next_id,) = claimed.created_ids
    following = await uow.groups.event(next_id)
    assert following is not None and following.starts_at == datetime(
        2026, 12, 1, 19, 0, tzinfo=UTC
    )
    await reminders.post(next_id)
    assert notifier.posted == [next_id]
    assert (await uow.groups.event(next_id)).chat_message_id == 900 + next_id  # type: ignore[union-attr]
