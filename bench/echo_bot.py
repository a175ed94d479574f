"""The baseline of the webhook load test: the smallest aiogram bot behind the same handler.

It echoes every message and answers every button press, with no database, no middleware and
no templates, behind SimpleRequestHandler(handle_in_background=False) as bot/web.py is. It
reads the same variables as `coachbot run`: BOT_TOKEN, TELEGRAM_API_URL, WEBHOOK_SECRET,
WEB_HOST and WEB_PORT. With BENCH_ECHO_DATABASE_URL it also looks the sender up through one
SqlUnitOfWork per update: what a single transaction adds to an echo.
"""

from __future__ import annotations

import asyncio
import os
import signal

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery, Message
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.settings import WEBHOOK_PATH
from bot.web import healthz
from db.engine import create_engine, create_session_factory
from db.uow import SqlUnitOfWork
from domain.clock import utc_now

Sessions = async_sessionmaker[AsyncSession] | None


async def look_up(sessions: Sessions, user_id: int) -> None:
    if sessions is None:
        return
    uow = SqlUnitOfWork(sessions, utc_now)
    async with uow:
        await uow.users.get(user_id)
    await uow.close()


async def echo(message: Message, sessions: Sessions) -> None:
    await look_up(sessions, message.chat.id)
    await message.answer(message.text or "…")


async def pressed(callback: CallbackQuery, sessions: Sessions) -> None:
    await look_up(sessions, callback.from_user.id)
    await callback.answer()


def build(sessions: Sessions) -> tuple[web.Application, Bot]:
    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["TELEGRAM_API_URL"]))
    bot = Bot(token=os.environ["BOT_TOKEN"], session=session)
    router = Router(name=__name__)
    router.message.register(echo)
    router.callback_query.register(pressed)
    dispatcher = Dispatcher(sessions=sessions)
    dispatcher.include_router(router)
    app = web.Application()
    app.router.add_get("/healthz", healthz)
    SimpleRequestHandler(
        dispatcher=dispatcher,
        bot=bot,
        handle_in_background=False,
        secret_token=os.environ["WEBHOOK_SECRET"],
    ).register(app, path=WEBHOOK_PATH)
    return app, bot


async def serve() -> None:
    url = os.environ.get("BENCH_ECHO_DATABASE_URL")
    engine = create_engine(url) if url else None
    app, bot = build(create_session_factory(engine) if engine else None)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, os.environ["WEB_HOST"], int(os.environ["WEB_PORT"])).start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
        await bot.session.close()
        if engine is not None:
            await engine.dispose()


if __name__ == "__main__":
    asyncio.run(serve())
