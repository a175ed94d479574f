"""Schemathesis against the running device API: no 5xx, and every answer is as documented."""

from __future__ import annotations

import asyncio
from typing import Any

import schemathesis
from aiohttp.test_utils import TestServer
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.result import Ok

from device_sync.api.openapi import document
from tests.web.devices_support import DeviceApi, api, telegram

__all__ = ["api", "telegram"]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Bounded: a handful of generated requests per route keeps this a test, not a soak.
BOUNDED = settings(
    max_examples=8,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def fuzz(base_url: str, token: str) -> list[int]:
    """Every operation's generated requests, sent over HTTP; the statuses they got."""
    schema = schemathesis.openapi.from_dict(document())
    statuses: list[int] = []
    headers = {"Authorization": f"Bearer {token}"}
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result
        operation = result.ok()

        @BOUNDED
        @given(case=operation.as_strategy())
        def run(case: Any) -> None:
            response = case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS)
            statuses.append(response.status_code)

        run()
    return statuses


async def test_generated_requests_get_documented_answers_and_no_server_error(
    api: DeviceApi,
) -> None:
    token = await api.pair()
    server = api.client.server
    assert isinstance(server, TestServer)
    base_url = str(server.make_url("/api/v1"))
    statuses = await asyncio.to_thread(fuzz, base_url, token)
    assert len(statuses) >= 7 * 4
    assert any(200 <= status < 300 for status in statuses)  # not only refusals
