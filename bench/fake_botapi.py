"""A fast Bot API on 127.0.0.1 for load tests: it answers every method at once and keeps counts.

tests/support/botapi_server.py is faithful (it keeps every chat's history and validates the
calls), which is what the end-to-end tests need; a load test needs an API that costs next to
nothing, so the bot under test is what the numbers measure.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from typing import Any

from aiohttp import web

BOT_ID = 123456
BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "Coach", "username": "coach_bench_bot"}


class FakeBotApi:
    def __init__(self, token: str) -> None:
        self.token = token
        self.calls: Counter[str] = Counter()
        self._message_ids = itertools.count(1_000_000)
        self._runner: web.AppRunner | None = None

    async def start(self, port: int) -> str:
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._method)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", port).start()
        return f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401}, status=401)
        method = request.match_info["method"]
        self.calls[method] += 1
        params = dict(await request.post())
        return web.json_response({"ok": True, "result": self._result(method, params)})

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method.startswith(("send", "edit")) or method == "copyMessage":
            return self._message(params)
        return True

    def _message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params.get("chat_id") or 0)
        message: dict[str, Any] = {
            "message_id": int(params.get("message_id") or next(self._message_ids)),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": BOT_USER,
        }
        if "text" in params:
            message["text"] = str(params["text"])
        if "photo" in params:
            message["photo"] = [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]
        return message
