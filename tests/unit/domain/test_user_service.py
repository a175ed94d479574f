from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.errors import InvalidValueError, NotFoundError
from domain.users.models import (
    Language,
    NotificationKind,
    ProfileField,
    Sport,
    TelegramIdentity,
    Units,
    Weekday,
)
from domain.users.service import UserService
from domain.users.start_links import parse_start_payload
from tests.unit.domain.fakes import FakeTimezones, FakeUnitOfWork

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def service(uow: FakeUnitOfWork) -> UserService:
    return UserService(uow, lambda: NOW, FakeTimezones())


def anna(language_code: str | None = "ru") -> TelegramIdentity:
    return TelegramIdentity(id=7, first_name="Anna", username="anna", language_code=language_code)


async def test_first_contact_creates_the_athlete_in_their_clients_language(
    service: UserService, uow: FakeUnitOfWork
) -> None:
    user, created = await service.ensure(anna("ru-RU"))
    assert created
    assert (user.language, user.timezone, user.units) == (
        Language.RU,
        "Europe/Moscow",
        Units.METRIC,
    )
    assert not user.notifications.promotions, "promotions stay off until the user opts in"
    assert uow.users.committed[7] == user


async def test_a_known_sender_is_loaded_without_a_write(
    service: UserService, uow: FakeUnitOfWork
) -> None:
    await service.ensure(anna())
    commits, reads = uow.commits, uow.read_only_blocks
    _, created = await service.ensure(anna())
    assert not created
    assert uow.commits == commits
    assert uow.read_only_blocks == reads + 1, "one read-only block, nothing else"
    renamed, _ = await service.ensure(TelegramIdentity(7, "Anya", "anna", "ru"))
    assert renamed.first_name == "Anya"
    assert uow.commits == commits + 1


async def test_sports_and_days_toggle(service: UserService) -> None:
    await service.ensure(anna())
    await service.toggle_sport(7, Sport.RUNNING)
    await service.toggle_sport(7, Sport.SWIMMING)
    user = await service.toggle_sport(7, Sport.RUNNING)
    assert user.profile.sports == {Sport.SWIMMING}
    user = await service.toggle_day(7, Weekday.SAT)
    assert user.profile.days == {Weekday.SAT}


async def test_an_invalid_answer_changes_nothing(
    service: UserService, uow: FakeUnitOfWork
) -> None:
    await service.ensure(anna())
    await service.set_text_field(7, ProfileField.RESTING_HR, "50")
    with pytest.raises(InvalidValueError):
        await service.set_text_field(7, ProfileField.MAX_HR, "70")
    user = uow.users.committed[7]
    assert (user.profile.resting_hr, user.profile.max_hr) == (50, None)


async def test_weight_follows_the_units_setting(service: UserService) -> None:
    await service.ensure(anna())
    await service.set_units(7, Units.IMPERIAL)
    user = await service.set_text_field(7, ProfileField.WEIGHT, "176")
    assert user.profile.weight_kg == 79.8


async def test_a_shared_location_is_kept_coarse_and_sets_the_timezone(
    uow: FakeUnitOfWork,
) -> None:
    service = UserService(uow, lambda: NOW, FakeTimezones("Asia/Novosibirsk"))
    await service.ensure(anna())
    user = await service.set_location(7, 55.0301, 82.9204)
    assert user.profile.location is not None
    assert (user.profile.location.latitude, user.profile.location.longitude) == (55.0, 82.9)
    assert user.timezone == "Asia/Novosibirsk"


async def test_onboarding_completion_keeps_the_first_date(uow: FakeUnitOfWork) -> None:
    clock = iter([NOW, NOW, datetime(2027, 1, 1, tzinfo=UTC)])
    service = UserService(uow, lambda: next(clock), FakeTimezones())
    await service.ensure(anna())
    first = await service.complete_onboarding(7)
    again = await service.complete_onboarding(7)
    assert first.onboarded_at == again.onboarded_at == NOW


async def test_the_first_deep_link_wins(service: UserService) -> None:
    await service.ensure(anna())
    first = parse_start_payload("ref_alice")
    second = parse_start_payload("promo_SALE")
    assert first is not None and second is not None
    await service.remember_start_link(7, first)
    user = await service.remember_start_link(7, second)
    assert user.start_link == "ref_alice"


async def test_notifications_toggle_one_kind_at_a_time(service: UserService) -> None:
    await service.ensure(anna())
    user = await service.toggle_notification(7, NotificationKind.PROMOTIONS)
    assert user.notifications.promotions
    assert user.notifications.reminders


async def test_export_holds_the_profile_as_json_ready_data(service: UserService) -> None:
    await service.ensure(anna())
    await service.toggle_sport(7, Sport.CYCLING)
    data = await service.export(7)
    assert data["user"]["profile"]["sports"] == ["cycling"]
    assert data["user"]["created_at"] == NOW.isoformat()


async def test_delete_erases_the_athlete(service: UserService, uow: FakeUnitOfWork) -> None:
    await service.ensure(anna())
    assert await service.delete(7)
    assert 7 not in uow.users.committed
    with pytest.raises(NotFoundError):
        await service.export(7)


async def test_clearing_a_field_forgets_only_that_answer(service: UserService) -> None:
    await service.ensure(anna())
    await service.set_text_field(7, ProfileField.CITY, "Kazan")
    await service.set_text_field(7, ProfileField.BIRTH_YEAR, "1988")
    user = await service.clear_field(7, ProfileField.CITY)
    assert (user.profile.city, user.profile.birth_year) == (None, 1988)
