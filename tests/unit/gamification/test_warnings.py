"""The evening streak warning: due at 19:00 local, claimed once per athlete and day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from domain.gamification.models import GameProfile, NoticeKind, Telling
from domain.gamification.warnings import StreakWarningService, next_warning
from domain.users.models import Language, Units, User
from domain.wellness.models import WellnessField
from tests.unit.domain.fakes import FakeUnitOfWork
from tests.unit.gamification.fakes import FakeGamificationNotifier

# 19:00 in New York on Friday 20 November 2026 (EST, UTC-5)
EVENING = datetime(2026, 11, 21, 0, 0, tzinfo=UTC)
ZOE = User(5, "Zoe", None, Language.EN, Units.METRIC, "America/New_York", EVENING)


async def athlete_with_a_check_in_streak(uow: FakeUnitOfWork) -> None:
    uow.users.committed[ZOE.id] = ZOE
    for days_back in range(1, 4):
        day = date(2026, 11, 20) - timedelta(days=days_back)
        await uow.checkins.set_field(ZOE.id, day, WellnessField.MOOD, 4, EVENING)
    uow.gamification.profiles[ZOE.id] = GameProfile(ZOE.id, next_warning_at=EVENING)


def test_the_check_is_at_seven_in_the_evening_local_time() -> None:
    assert next_warning(ZOE, EVENING - timedelta(minutes=1)) == EVENING
    assert next_warning(ZOE, EVENING) == EVENING + timedelta(days=1)


async def test_a_streak_at_risk_is_warned_once_however_often_the_job_runs() -> None:
    uow = FakeUnitOfWork()
    await athlete_with_a_check_in_streak(uow)
    notifier = FakeGamificationNotifier()
    service = StreakWarningService(uow, lambda: EVENING, notifier)
    [claim] = await service.claim_due()
    assert claim.local_date == date(2026, 11, 20), "the athlete's Friday, not UTC's Saturday"
    await service.deliver(claim)
    uow.gamification.profiles[ZOE.id] = GameProfile(ZOE.id, next_warning_at=EVENING)
    assert await service.claim_due() == [], "the day's warning is claimed already"
    assert [(uid, [w.kind for w in ws]) for uid, ws in notifier.warnings] == [
        (ZOE.id, [NoticeKind.CHECKIN_STREAK])
    ]
    assert uow.gamification.notices[(ZOE.id, NoticeKind.CHECKIN_STREAK, claim.local_date)] is (
        Telling.SENT
    )
    assert uow.gamification.profiles[ZOE.id].next_warning_at == EVENING + timedelta(days=1)


async def test_a_check_in_today_or_a_missed_evening_sends_nothing() -> None:
    uow = FakeUnitOfWork()
    await athlete_with_a_check_in_streak(uow)
    await uow.checkins.set_field(ZOE.id, date(2026, 11, 20), WellnessField.MOOD, 3, EVENING)
    assert (
        await StreakWarningService(uow, lambda: EVENING, FakeGamificationNotifier()).claim_due()
        == []
    )
    late = FakeUnitOfWork()
    await athlete_with_a_check_in_streak(late)
    three_hours_late = EVENING + timedelta(hours=3)
    service = StreakWarningService(late, lambda: three_hours_late, FakeGamificationNotifier())
    assert await service.claim_due() == []
    assert late.gamification.profiles[ZOE.id].next_warning_at == EVENING + timedelta(days=1)
