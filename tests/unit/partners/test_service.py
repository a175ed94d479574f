"""PartnerService on fakes: consent, daily limits, silent blocks, a pace that follows runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.errors import InvalidValueError, NotFoundError
from domain.partners.models import HiOutcome, IntroState, ReportReason
from domain.partners.service import INTROS_PER_DAY, PartnerService
from domain.users.models import CoarseLocation, Language, Sport, Units, User
from domain.workouts.service import WorkoutService
from tests.unit.domain.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def runner(user_id: int, name: str = "Ann") -> User:
    user = User(user_id, name, f"user{user_id}", Language.EN, Units.METRIC, "UTC", NOW)
    return user.with_profile(
        sports=frozenset({Sport.RUNNING}), city="Moscow", location=CoarseLocation(55.8, 37.6)
    )


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def service(uow: FakeUnitOfWork, clock: Clock) -> PartnerService:
    for user_id in range(1, 10):
        await uow.users.add(runner(user_id, f"Runner{user_id}"))
    await uow.commit()
    return PartnerService(uow, clock)


async def test_finding_means_being_found(service: PartnerService) -> None:
    assert await service.find(runner(1)) is None
    await service.join(runner(1))
    await service.join(runner(2))
    found = await service.find(runner(1))
    assert found is not None
    assert [m.candidate.user_id for m in found.matches] == [2]
    await service.leave(runner(2))
    after = await service.find(runner(1))
    assert after is not None and after.matches == ()


async def test_joining_needs_sports_and_an_area(service: PartnerService) -> None:
    with pytest.raises(InvalidValueError) as no_sports:
        await service.join(runner(1).with_profile(sports=frozenset()))
    assert no_sports.value.reason == "no_sports"
    with pytest.raises(InvalidValueError) as no_area:
        await service.join(runner(1).with_profile(city=None, location=None))
    assert no_area.value.reason == "no_area"


async def test_an_intro_is_delivered_once_and_accepted_only_by_its_recipient(
    service: PartnerService,
) -> None:
    for user_id in (1, 2):
        await service.join(runner(user_id))
    hi = await service.say_hi(runner(1), 2)
    assert hi.outcome is HiOutcome.SENT and hi.deliver is not None
    assert (await service.say_hi(runner(1), 2)).outcome is HiOutcome.PENDING
    assert (await service.say_hi(runner(2), 1)).outcome is HiOutcome.PENDING
    with pytest.raises(NotFoundError):
        await service.answer(runner(1), hi.deliver.id, accept=True)  # the sender itself
    connection = await service.answer(runner(2), hi.deliver.id, accept=True)
    assert connection is not None and connection.sender.username == "user1"
    with pytest.raises(NotFoundError):
        await service.answer(runner(2), hi.deliver.id, accept=True)
    assert (await service.say_hi(runner(1), 2)).outcome is HiOutcome.CONNECTED


async def test_a_declined_sender_is_not_told_and_may_ask_again_later(
    service: PartnerService, uow: FakeUnitOfWork
) -> None:
    for user_id in (1, 2):
        await service.join(runner(user_id))
    hi = await service.say_hi(runner(1), 2)
    assert hi.deliver is not None
    assert await service.answer(runner(2), hi.deliver.id, accept=False) is None
    assert uow.partners.intros[hi.deliver.id].state is IntroState.DECLINED


async def test_a_crafted_hello_to_someone_out_of_range_reaches_nobody(
    service: PartnerService, uow: FakeUnitOfWork
) -> None:
    await service.join(runner(1))
    far = runner(2).with_profile(location=CoarseLocation(59.9, 30.3), city="Saint Petersburg")
    await uow.users.save(far)
    await uow.commit()
    await service.join(far)
    swimmer = runner(3).with_profile(sports=frozenset({Sport.SWIMMING}))
    await uow.users.save(swimmer)
    await uow.commit()
    await service.join(swimmer)
    assert (await service.say_hi(runner(1), 2)).outcome is HiOutcome.GONE
    assert (await service.say_hi(runner(1), 3)).outcome is HiOutcome.GONE
    assert uow.partners.intros == {}


async def test_five_intros_a_day(service: PartnerService, clock: Clock) -> None:
    for user_id in range(1, 9):
        await service.join(runner(user_id))
    outcomes = [(await service.say_hi(runner(1), target)).outcome for target in range(2, 9)]
    assert outcomes == [HiOutcome.SENT] * INTROS_PER_DAY + [HiOutcome.LIMIT] * 2
    clock.now += timedelta(days=1, seconds=1)
    assert (await service.say_hi(runner(1), 8)).outcome is HiOutcome.SENT


async def test_to_someone_who_blocked_the_sender_an_intro_looks_sent_and_goes_nowhere(
    service: PartnerService, uow: FakeUnitOfWork
) -> None:
    for user_id in (1, 2, 3):
        await service.join(runner(user_id))
    await service.block(runner(2), 1)
    hi = await service.say_hi(runner(1), 2)
    assert hi.outcome is HiOutcome.SENT, "the same answer as for anyone else"
    assert hi.deliver is None
    again = await service.say_hi(runner(1), 2)
    assert again.outcome is HiOutcome.PENDING, "asking twice answers as for a pending intro"
    assert [i.state for i in uow.partners.intros.values()] == [IntroState.SILENCED]
    found = await service.find(runner(1))
    assert found is not None and [m.candidate.user_id for m in found.matches] == [3]


async def test_blocking_from_an_intro_closes_it_and_a_reason_files_a_report(
    service: PartnerService, uow: FakeUnitOfWork
) -> None:
    for user_id in (1, 2):
        await service.join(runner(user_id))
    hi = await service.say_hi(runner(1), 2)
    assert hi.deliver is not None
    with pytest.raises(NotFoundError):
        await service.block_sender(runner(3), hi.deliver.id)
    await service.block_sender(runner(2), hi.deliver.id, ReportReason.FAKE)
    assert uow.partners.intros[hi.deliver.id].state is IntroState.DECLINED
    assert [(a, b, r) for a, b, r, _ in uow.partners.reports] == [(2, 1, ReportReason.FAKE)]


async def test_a_discoverable_runners_pace_follows_their_runs(
    uow: FakeUnitOfWork, clock: Clock, service: PartnerService
) -> None:
    await service.join(runner(1))
    assert (await uow.partners.profile(1)).vdot is None  # type: ignore[union-attr]
    workouts = WorkoutService(uow, clock, listeners=[service])
    await workouts.log_text(runner(1), "run 10k 45:00")
    listed = await uow.partners.profile(1)
    assert listed is not None and listed.vdot == pytest.approx(45.3, abs=0.3)


async def test_searching_again_within_the_hour_writes_nothing(
    service: PartnerService, uow: FakeUnitOfWork, clock: Clock
) -> None:
    await service.join(runner(1))
    written = uow.partners.puts
    await service.find(runner(1))
    assert uow.partners.puts == written, "nothing changed, refreshed a moment ago"
    clock.now += timedelta(hours=1)
    await service.find(runner(1))
    assert uow.partners.puts == written + 1, "an hour later a search counts as activity"
    moved = runner(1).with_profile(location=CoarseLocation(59.9, 30.3))
    await service.find(moved)
    assert uow.partners.puts == written + 2, "a new place is stored at once"
