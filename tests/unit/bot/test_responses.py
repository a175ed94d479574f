"""A response model, once built, survives garbage collections (pydantic keeps it weakly)."""

from __future__ import annotations

import gc
import weakref

from aiogram.methods import SendMessage
from aiogram.methods.base import Response
from aiogram.types import BotCommand, Message

from bot.responses import KeepingAiohttpSession


async def test_a_kept_response_model_is_not_rebuilt_after_a_collection() -> None:
    session = KeepingAiohttpSession()
    try:
        session.response_models.keep(SendMessage(chat_id=1, text="hi"))
        kept = weakref.ref(Response[Message])
        other = weakref.ref(Response[list[BotCommand]])
        gc.collect()
        assert kept() is not None, "the session holds the model it built"
        assert other() is None, "pydantic alone lets an unused model go (and rebuilds it)"
        assert len(session.response_models) == 1
    finally:
        await session.close()
