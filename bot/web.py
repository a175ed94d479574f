"""The aiohttp web app: health check, the device API and, when configured, the webhook."""

from __future__ import annotations

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from bot.settings import WEBHOOK_PATH
from device_sync.api import PREFIX


async def healthz(_request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def build_web_app(
    dispatcher: Dispatcher,
    bot: Bot,
    webhook_secret: str | None,
    device_api: web.Application | None = None,
) -> web.Application:
    """Updates posted to the webhook are handled before Telegram gets its 200 (ADR 0005);
    the device API is under /api/v1 in polling mode too."""
    app = web.Application(client_max_size=1024 * 1024)
    app.router.add_get("/healthz", healthz)
    if device_api is not None:
        app.add_subapp(PREFIX, device_api)
    if webhook_secret:
        SimpleRequestHandler(
            dispatcher=dispatcher,
            bot=bot,
            handle_in_background=False,
            secret_token=webhook_secret,
        ).register(app, path=WEBHOOK_PATH)
    return app
