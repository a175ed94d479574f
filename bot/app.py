"""The composition root: builds every part from the settings and runs them together."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import signal
import socket
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage
from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.challenges import TelegramChallenges
from bot.charts import MatplotlibCharts
from bot.commands import set_command_menus
from bot.device_api import device_api_services, sync_services
from bot.device_cards import TelegramDeviceCards
from bot.digest_plan import digest_plan
from bot.dispatcher import DispatcherDeps, build_dispatcher
from bot.gamification_notifier import TelegramGamificationNotifier
from bot.geo import OfflineTimezoneLocator
from bot.group_notifier import TelegramEventNotifier
from bot.i18n import I18n
from bot.live_tracks import TelegramTrackNotifier, track_services
from bot.promotions import TelegramPromotions
from bot.responses import KeepingAiohttpSession
from bot.settings import WEBHOOK_PATH, Settings, SettingsError
from bot.web import build_web_app
from db.engine import create_engine, create_session_factory, is_sqlite
from db.fsm_storage import SqlStorage
from db.leases import SqlLease
from db.migrate import is_current, upgrade
from db.uow import SqlUnitOfWork
from device_sync.api import build_api
from domain.campaigns.rate import TokenBucket
from domain.clock import utc_now
from scheduler.broadcast import BroadcastEngine
from scheduler.challenges import edit_challenge_boards, post_due_challenges
from scheduler.devices import close_silent_sessions
from scheduler.groups import ask_event_attendance, send_event_reminders
from scheduler.jobs import (
    close_league_weeks,
    prune_processed_updates,
    send_due_checkins,
    send_due_digests,
    send_due_reminders,
    send_streak_warnings,
)
from scheduler.setup import Running, Tick, build_scheduler, drain
from scheduler.tracks import close_stale_tracks

logger = logging.getLogger(__name__)

LEASE_NAME = "scheduler"
JOB_DRAIN_SECONDS = 15.0
BROADCAST_TICK = timedelta(seconds=1)


@dataclass(slots=True)
class Application:
    settings: Settings
    engine: AsyncEngine
    dispatcher: Dispatcher
    bot: Bot
    i18n: I18n


def configure_logging(level: str, filename: str | None = None) -> None:
    """Log to stderr, or to a file (the sandbox keeps the terminal for the chat)."""
    if filename:
        Path(filename).parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        level=level, filename=filename, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("aiogram.event").setLevel(max(logging.getLevelName(level), logging.WARNING))


async def prepare_database(settings: Settings) -> AsyncEngine:
    """SQLite is created and migrated on first run; other databases via `coachbot migrate`."""
    engine = _engine(settings.database_url)
    if is_sqlite(settings.database_url):
        await upgrade(engine)
    elif not await is_current(engine):
        await engine.dispose()
        raise SettingsError(
            "database error: DATABASE_URL: the schema is not up to date; run `coachbot migrate`"
        )
    return engine


async def migrate(settings: Settings) -> None:
    """`coachbot migrate`: bring the schema up to date on any supported database."""
    engine = _engine(settings.database_url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


def _engine(url: str) -> AsyncEngine:
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
    return create_engine(url)


def _storage(
    settings: Settings, engine: AsyncEngine
) -> tuple[BaseStorage, BaseEventIsolation | None]:
    if settings.redis_url:
        storage = RedisStorage.from_url(settings.redis_url)
        return storage, RedisEventIsolation(redis=storage.redis)
    return SqlStorage(create_session_factory(engine), utc_now), None


async def build_application(
    settings: Settings, engine: AsyncEngine, session: BaseSession | None = None
) -> Application:
    i18n = I18n()
    storage, isolation = _storage(settings, engine)
    deps = DispatcherDeps(
        session_factory=create_session_factory(engine),
        storage=storage,
        i18n=i18n,
        clock=utc_now,
        timezones=OfflineTimezoneLocator(),
        admin_ids=settings.admin_ids,
        throttle_rate=settings.throttle_rate,
        throttle_burst=settings.throttle_burst,
        events_isolation=isolation,
        public_url=settings.public_url,
    )
    if session is None and settings.telegram_api_url:
        session = KeepingAiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    elif session is None:
        session = KeepingAiohttpSession()
    bot = Bot(
        token=settings.bot_token or "1:sandbox-token-offline",
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )
    return Application(settings, engine, build_dispatcher(deps), bot, i18n)


def broadcast_engine(app: Application, owner: str) -> BroadcastEngine:
    """The delivery engine with the process's one token bucket (BROADCAST_RATE)."""
    sessions = create_session_factory(app.engine)
    promotions = TelegramPromotions(app.bot, app.i18n)
    return BroadcastEngine(
        uow_factory=lambda: SqlUnitOfWork(sessions, utc_now),
        clock=utc_now,
        sender=promotions,
        reporter=promotions,
        limiter=TokenBucket(app.settings.broadcast_rate),
        owner=owner,
        stale_after=timedelta(seconds=app.settings.broadcast_stale_seconds),
    )


def _ticks(app: Application, engine: BroadcastEngine) -> list[Tick]:
    sessions = create_session_factory(app.engine)
    notifier = TelegramGamificationNotifier(app.bot, app.i18n, MatplotlibCharts())
    plan = digest_plan(app.i18n, utc_now)
    event_notifier = TelegramEventNotifier(app.bot, app.i18n, MatplotlibCharts())
    challenges = TelegramChallenges(app.bot, app.i18n)

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(sessions, utc_now)

    async def broadcast() -> int:
        await engine.recover()  # what a dead engine left behind, once it is surely dead
        return await engine.tick()

    async def prune() -> int:
        return await prune_processed_updates(uow, utc_now)

    async def reminders() -> int:
        return await send_due_reminders(uow, utc_now, notifier)

    async def digests() -> int:
        return await send_due_digests(uow, utc_now, notifier, plan=plan)

    async def checkins() -> int:
        return await send_due_checkins(uow, utc_now, notifier)

    async def streaks() -> int:
        return await send_streak_warnings(uow, utc_now, notifier)

    async def leagues() -> int:
        return await close_league_weeks(uow, utc_now, notifier)

    tracks = track_services(sessions, utc_now)
    track_notifier = TelegramTrackNotifier(app.bot, app.i18n, MatplotlibCharts())

    async def stale_tracks() -> int:
        return await close_stale_tracks(tracks, track_notifier)

    cards = TelegramDeviceCards(app.bot, app.i18n, MatplotlibCharts())
    sync = sync_services(sessions, utc_now, cards)

    async def silent_sessions() -> int:
        return await close_silent_sessions(sync)

    async def event_reminders() -> int:
        return await send_event_reminders(uow, utc_now, event_notifier)

    async def event_attendance() -> int:
        return await ask_event_attendance(uow, utc_now, event_notifier)

    async def challenge_posts() -> int:
        return await post_due_challenges(uow, utc_now, challenges, notifier)

    async def challenge_boards() -> int:
        return await edit_challenge_boards(uow, utc_now, challenges)

    async def keep_lease() -> None:
        """Renewing the lease is done by the guard around every tick; this one only ticks."""

    return [
        Tick(name="scheduler_lease", every=_lease_ttl(app) / 3, run=keep_lease),
        Tick(name="prune_processed_updates", every=timedelta(hours=1), run=prune),
        Tick(name="send_due_reminders", every=timedelta(seconds=60), run=reminders),
        Tick(name="send_due_digests", every=timedelta(seconds=60), run=digests),
        Tick(name="send_due_checkins", every=timedelta(seconds=60), run=checkins),
        Tick(name="send_campaigns", every=BROADCAST_TICK, run=broadcast),
        Tick(name="send_streak_warnings", every=timedelta(seconds=60), run=streaks),
        Tick(name="close_league_weeks", every=timedelta(minutes=5), run=leagues),
        Tick(name="close_stale_tracks", every=timedelta(seconds=60), run=stale_tracks),
        Tick(name="close_silent_sessions", every=timedelta(minutes=5), run=silent_sessions),
        Tick(name="send_event_reminders", every=timedelta(seconds=60), run=event_reminders),
        Tick(name="ask_event_attendance", every=timedelta(seconds=60), run=event_attendance),
        Tick(name="post_challenges", every=timedelta(seconds=30), run=challenge_posts),
        Tick(name="edit_challenge_boards", every=timedelta(seconds=15), run=challenge_boards),
    ]


def device_api(app: Application) -> web.Application:
    """The device API on the bot's database; its cards go out through the bot."""
    cards = TelegramDeviceCards(app.bot, app.i18n, MatplotlibCharts())
    services = device_api_services(create_session_factory(app.engine), utc_now, cards)
    return build_api(services)


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _lease_ttl(app: Application) -> timedelta:
    return timedelta(seconds=app.settings.scheduler_lease_seconds)


def _lease(app: Application, owner: str) -> SqlLease:
    sessions = create_session_factory(app.engine)
    return SqlLease(sessions, LEASE_NAME, owner, _lease_ttl(app), utc_now)


@contextlib.asynccontextmanager
async def scheduler_running(app: Application) -> AsyncIterator[AsyncIOScheduler | None]:
    """The scheduler, when this process runs one; it runs jobs only while it holds the lease."""
    if not app.settings.run_scheduler:
        yield None
        return
    owner = _owner()
    lease = _lease(app, owner)
    running: Running = set()
    engine = broadcast_engine(app, owner)
    scheduler = build_scheduler(_ticks(app, engine), lease, running)
    scheduler.start()
    try:
        yield scheduler
    finally:
        scheduler.pause()  # no new jobs; shutdown() would cancel the ones in flight
        engine.stop()  # the broadcast tick ends after its chunk in flight
        await drain(running, JOB_DRAIN_SECONDS)
        scheduler.shutdown(wait=False)
        await lease.release()


@contextlib.asynccontextmanager
async def _web(app: Application) -> AsyncIterator[None]:
    web_app = build_web_app(app.dispatcher, app.bot, app.settings.webhook_secret, device_api(app))
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, app.settings.web_host, app.settings.web_port)
    await site.start()
    logger.info("web app on http://%s:%s", app.settings.web_host, app.settings.web_port)
    try:
        yield
    finally:
        await runner.cleanup()


async def run(settings: Settings) -> None:
    """`coachbot run`: bot (polling or webhook), web app and scheduler in one process."""
    engine = await prepare_database(settings)
    app = await build_application(settings, engine)
    try:
        await set_command_menus(app.bot, app.i18n)
        _freeze_startup_objects()
        async with _web(app), scheduler_running(app):
            if settings.webhook_url:
                await _serve_webhook(app)
            else:
                await _poll(app)
    finally:
        await app.dispatcher.storage.close()
        await app.bot.session.close()
        await engine.dispose()


async def run_scheduler(settings: Settings) -> None:
    """`coachbot scheduler`: only the scheduled jobs, for a setup of several bot workers."""
    engine = await prepare_database(settings)
    app = await build_application(settings, engine)
    try:
        async with scheduler_running(app):
            logger.info("scheduler running; jobs run while this process holds the lease")
            await _until_signal()
    finally:
        await app.dispatcher.storage.close()
        await app.bot.session.close()
        await engine.dispose()


def _freeze_startup_objects() -> None:
    """Move what start-up allocated (modules, templates, catalogs, ORM mappers) out of the
    collector's reach: a full collection walking them cost ~200 ms, the p95 of /stats
    (BENCHMARKS.md)."""
    gc.collect()
    gc.freeze()


async def _until_signal() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()


async def _poll(app: Application) -> None:
    await app.bot.delete_webhook(drop_pending_updates=False)
    await app.dispatcher.start_polling(
        app.bot,
        handle_as_tasks=False,
        allowed_updates=app.dispatcher.resolve_used_update_types(),
        close_bot_session=False,
    )


async def _serve_webhook(app: Application) -> None:
    settings = app.settings
    assert settings.webhook_url is not None
    await app.bot.set_webhook(
        settings.webhook_url.rstrip("/") + WEBHOOK_PATH,
        secret_token=settings.webhook_secret,
        allowed_updates=app.dispatcher.resolve_used_update_types(),
    )
    logger.info("webhook mode: waiting for updates at %s", settings.webhook_url)
    await _until_signal()
