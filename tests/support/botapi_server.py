"""The Bot API over HTTP on 127.0.0.1, backed by FakeTelegram: what the real bot process talks to.

aiogram's own AiohttpSession reaches it through TELEGRAM_API_URL. It serves long polling,
delivers updates to a webhook with the secret header, serves files, and answers with the
errors FakeTelegram was told to inject (429 with retry_after, 403, slow answers).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from typing import Any

import aiohttp
from aiohttp import web

from bot.sandbox.telegram import FakeTelegram, TelegramApiError


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class BotApiServer:
    def __init__(self, telegram: FakeTelegram, token: str) -> None:
        self.telegram = telegram
        self.token = token
        self.webhook_deliveries: list[tuple[int, int]] = []
        self._runner: web.AppRunner | None = None
        self._pusher: asyncio.Task[None] | None = None
        self.base_url = ""

    async def start(self) -> str:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        port = free_port()
        await web.TCPSite(self._runner, "127.0.0.1", port).start()
        self._pusher = asyncio.create_task(self._push_webhooks())
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def stop(self) -> None:
        if self._pusher is not None:
            self._pusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pusher
        if self._runner is not None:
            await self._runner.cleanup()

    async def _method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _answer(TelegramApiError(401, "Unauthorized").as_response(), 401)
        try:
            params, files = await _read_params(request)
            result = await self.telegram.call(request.match_info["method"], params, files)
        except TelegramApiError as error:
            return _answer(error.as_response(), error.error_code)
        return _answer({"ok": True, "result": result}, 200)

    async def _file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        content = self.telegram.file_content(request.match_info["path"])
        if content is None:
            return web.Response(status=404)
        return web.Response(body=content, content_type="application/octet-stream")

    async def _push_webhooks(self) -> None:
        async with aiohttp.ClientSession() as session:
            backoff = 0.05
            while True:
                webhook = self.telegram.state.webhook
                pending = self.telegram.pending_updates()
                if webhook is None or not pending:
                    await asyncio.sleep(0.02)
                    continue
                update = pending[0]
                if await self._deliver(session, webhook.url, webhook.secret_token, update):
                    self.telegram.confirm(update["update_id"])
                    backoff = 0.05
                else:
                    await asyncio.sleep(backoff)
                    backoff = min(backoff * 2, 1.0)

    async def _deliver(
        self,
        session: aiohttp.ClientSession,
        url: str,
        secret: str | None,
        update: dict[str, Any],
    ) -> bool:
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
        try:
            async with session.post(
                url, json=update, headers=headers, timeout=aiohttp.ClientTimeout(total=70)
            ) as response:
                self.webhook_deliveries.append((update["update_id"], response.status))
                if not 200 <= response.status < 300:
                    return False
                body = await response.read()
        except (aiohttp.ClientError, TimeoutError):
            return False
        await self._run_webhook_reply(body)
        return True

    async def _run_webhook_reply(self, body: bytes) -> None:
        """A method returned in the webhook answer is executed, as Telegram does."""
        with contextlib.suppress(ValueError):
            reply = json.loads(body or b"null")
            if isinstance(reply, dict) and "method" in reply:
                method = reply.pop("method")
                with contextlib.suppress(TelegramApiError):
                    await self.telegram.call(method, reply)


async def _read_params(
    request: web.Request,
) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
    params: dict[str, Any] = dict(request.query)
    files: dict[str, tuple[str, bytes]] = {}
    if request.content_type == "application/json":
        params.update(await request.json())
    elif request.content_type == "multipart/form-data":
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, aiohttp.BodyPartReader) or part.name is None:
                continue
            if part.filename:
                files[part.name] = (part.filename, await part.read())
            else:
                params[part.name] = await part.text()
    elif request.can_read_body:
        params.update(await request.post())
    return params, files


def _answer(body: dict[str, Any], status: int) -> web.Response:
    return web.json_response(body, status=status)
