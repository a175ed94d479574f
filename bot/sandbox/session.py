"""An aiogram session whose Bot API is FakeTelegram, in this process: no network at all."""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator
from typing import TYPE_CHECKING, Any

from aiogram.client.session.base import BaseSession
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import InputFile

from bot.responses import ResponseModels
from bot.sandbox.telegram import FakeTelegram, TelegramApiError

if TYPE_CHECKING:
    from aiogram import Bot


class InProcessSession(BaseSession):
    def __init__(self, telegram: FakeTelegram, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.telegram = telegram
        self.response_models = ResponseModels()

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> TelegramType:
        """Serialise the call as aiogram's HTTP session would, and parse the answer alike."""
        files: dict[str, InputFile] = {}
        params: dict[str, Any] = {}
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files=files)
            if prepared:
                params[key] = prepared
        uploads = {
            key: (file.filename or key, await _read(file, bot)) for key, file in files.items()
        }
        try:
            result = await self.telegram.call(method.__api_method__, params, uploads)
            status, body = 200, {"ok": True, "result": result}
        except TelegramApiError as error:
            status, body = error.error_code, error.as_response()
        self.response_models.keep(method)
        response = self.check_response(
            bot=bot, method=method, status_code=status, content=json.dumps(body)
        )
        return response.result  # type: ignore[return-value]

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        path = url.split("/file/", 1)[-1].split("/", 1)[-1]
        content = self.telegram.file_content(path)
        if content is None:
            if raise_for_status:
                raise FileNotFoundError(path)
            return
        for start in range(0, len(content), chunk_size):
            yield content[start : start + chunk_size]

    async def close(self) -> None:
        return None


async def _read(file: InputFile, bot: Bot) -> bytes:
    return b"".join([chunk async for chunk in file.read(bot)])
