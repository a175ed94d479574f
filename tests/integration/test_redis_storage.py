"""With REDIS_URL, a flow in progress lives in Redis and survives a new worker."""

from __future__ import annotations

import uuid

import pytest
from aiogram.fsm.storage.base import DefaultKeyBuilder, StorageKey
from aiogram.fsm.storage.redis import RedisStorage

from tests.conftest import REDIS_URL

pytestmark = pytest.mark.skipif(REDIS_URL is None, reason="COACHBOT_TEST_REDIS_URL is not set")


async def test_a_second_worker_sees_the_first_workers_flow() -> None:
    assert REDIS_URL is not None
    prefix = f"coachbot-test-{uuid.uuid4().hex}"
    key = StorageKey(bot_id=42, chat_id=7, user_id=7)

    def worker() -> RedisStorage:
        return RedisStorage.from_url(REDIS_URL, key_builder=DefaultKeyBuilder(prefix=prefix))

    first = worker()
    await first.set_state(key, "ProfileForm:weight")
    await first.set_data(key, {"mode": "onboarding"})
    await first.close()
    second = worker()
    try:
        assert await second.get_state(key) == "ProfileForm:weight"
        assert await second.get_data(key) == {"mode": "onboarding"}
    finally:
        await second.set_state(key, None)
        await second.set_data(key, {})
        await second.close()
