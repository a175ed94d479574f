"""The baseline of the webhook load test: the smallest aiogram bot behind the same handler.

It echoes every message and answers every button press, with no database, no middleware and
no templates, behind SimpleRequestHandler(handle_in_background=False) as bot/web.py is. It
reads the same variables as `coachbot run`: BOT_TOKEN, TELEGRAM_API_URL, WEBHOOK_SECRET,
WEB_HOST and WEB_PORT.
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

from bot.settings import WEBHOOK_PATH
from bot.web import healthz


async def echo(message: Message) -> None:
    await message.answer(message.text or "…")


async def pressed(callback: CallbackQuery) -> None:
    await callback.answer()


def build() -> tuple[web.Application, Bot]:
    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["TELEGRAM_API_URL"]))
    bot = Bot(token=os.environ["BOT_TOKEN"], session=session)
    router = Router(name=__name__)
    router.message.register(echo)
    router.callback_query.register(pressed)
    dispatcher = Dispatcher()
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
    app, bot = build()
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


if __name__ == "__main__":
    asyncio.run(serve())
