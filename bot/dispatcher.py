"""The Dispatcher with its middlewares and routers: the same in every process."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiogram import Dispatcher
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.charts import MatplotlibCharts
from bot.errors import ErrorResponder
from bot.i18n import I18n
from bot.middlewares.bans import BanMiddleware
from bot.middlewares.fsm import FsmRowsMiddleware
from bot.middlewares.throttling import ThrottlingMiddleware
from bot.middlewares.uow import UnitOfWorkMiddleware
from bot.middlewares.user import I18nMiddleware, UserMiddleware
from bot.wiring import wire_workouts
from db.uow import SqlUnitOfWork
from device_sync.files import FileParser
from device_sync.files.archive import ZipReader
from domain.activities.bulk import ArchiveImportService
from domain.activities.service import ImportService
from domain.campaigns.admin import AdminService
from domain.campaigns.console import ConsoleService
from domain.campaigns.service import CampaignService, UnsubscribeService
from domain.challenges.service import ChallengeService
from domain.clock import Clock
from domain.coaching.service import CoachService
from domain.coaching.threshold_service import ThresholdService
from domain.devices.service import DeviceService
from domain.gamification.leagues_service import LeagueService
from domain.groups.events import EventService
from domain.groups.page import GroupPageService
from domain.groups.service import GroupService
from domain.growth.ports import XpLedger
from domain.growth.promos import PromoService
from domain.growth.referrals import ReferralService
from domain.plans.service import PlanService
from domain.ports import TimezoneLocator, UnitOfWork
from domain.skills.service import SkillService, StrengthService
from domain.tracks.service import LiveTrackService
from domain.users.service import UserService
from domain.wellness.service import CheckInService
from handlers import build_router
from handlers.charts import Charts


@dataclass(frozen=True, slots=True)
class DispatcherDeps:
    session_factory: async_sessionmaker[AsyncSession]
    storage: BaseStorage
    i18n: I18n
    clock: Clock
    timezones: TimezoneLocator
    throttle_rate: float = 2.0
    throttle_burst: int = 20
    monotonic: Callable[[], float] = time.monotonic
    events_isolation: BaseEventIsolation | None = None
    charts: Charts = field(default_factory=MatplotlibCharts)
    admin_ids: frozenset[int] = frozenset()
    # XP rewards' ledger over the update's unit of work; by default the gamification one.
    xp_ledger: Callable[[UnitOfWork], XpLedger] | None = None
    # Where devices reach the device API (PUBLIC_URL), for the pairing hint.
    public_url: str | None = None


def build_dispatcher(deps: DispatcherDeps) -> Dispatcher:
    """Outer middlewares in order: FSM (its reads remembered for the update), unit of work,
    user, i18n, bans, throttling; then the routers."""
    dispatcher = Dispatcher(
        storage=deps.storage, events_isolation=deps.events_isolation, disable_fsm=True
    )
    dispatcher["public_url"] = deps.public_url

    def uow_factory() -> SqlUnitOfWork:
        return SqlUnitOfWork(deps.session_factory, deps.clock)

    def services(uow: SqlUnitOfWork) -> dict[str, Any]:
        plans = PlanService(uow, deps.clock)
        wired = wire_workouts(uow, deps.clock, deps.xp_ledger)
        workouts, gamification, partners, rewards = (
            wired.workouts, wired.gamification, wired.partners, wired.rewards
        )  # fmt: skip
        admins = AdminService(uow, deps.clock, deps.admin_ids)
        imports = ImportService(uow, deps.clock, FileParser(), workouts)
        return {
            "users": UserService(uow, deps.clock, deps.timezones),
            "workouts": workouts,
            "imports": imports,
            "archives": ArchiveImportService(imports, ZipReader()),
            "coach": CoachService(uow, deps.clock, plans),
            "plans": plans,
            "checkins": CheckInService(uow, deps.clock, gamification),
            "thresholds": ThresholdService(uow, deps.clock),
            "skills": SkillService(uow),
            "strength": StrengthService(uow),
            "charts": deps.charts,
            "admins": admins,
            "campaigns": CampaignService(uow, deps.clock, admins),
            "unsubscribe": UnsubscribeService(uow),
            "partners": partners,
            "console": ConsoleService(uow, deps.clock, admins),
            "promos": PromoService(uow, deps.clock, admins, rewards),
            "referrals": ReferralService(uow, deps.clock),
            "gamification": gamification,
            "leagues": LeagueService(uow, deps.clock),
            "tracks": LiveTrackService(uow, deps.clock, imports),
            "devices": DeviceService(uow, deps.clock),
            "groups": GroupService(uow, deps.clock),
            "group_pages": GroupPageService(uow, deps.clock),
            "events": EventService(uow, deps.clock, workouts, gamification),
            "challenges": ChallengeService(uow, deps.clock, wired.facts, admins),
        }

    # aiogram's own place for its FSM middleware, with the update's scope around it.
    dispatcher.update.outer_middleware(FsmRowsMiddleware())
    dispatcher.update.outer_middleware(dispatcher.fsm)
    dispatcher.update.outer_middleware(UnitOfWorkMiddleware(uow_factory, services))
    dispatcher.update.outer_middleware(UserMiddleware())
    dispatcher.update.outer_middleware(I18nMiddleware(deps.i18n))
    dispatcher.update.outer_middleware(BanMiddleware())
    dispatcher.update.outer_middleware(
        ThrottlingMiddleware(deps.throttle_rate, deps.throttle_burst, deps.monotonic)
    )
    dispatcher.errors.register(ErrorResponder(deps.i18n).handle)
    dispatcher.include_router(build_router())
    return dispatcher
