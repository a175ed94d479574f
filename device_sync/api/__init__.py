"""The device API (server side of device_sync), mounted by the bot's web app at /api/v1."""

from __future__ import annotations

from aiohttp import web

from device_sync.api import routes
from device_sync.api.context import SERVICES, ServicesFactory
from device_sync.api.errors import json_errors

PREFIX = "/api/v1"


def build_api(services: ServicesFactory) -> web.Application:
    """The API as a sub-application: every answer, errors included, is JSON."""
    api = web.Application(middlewares=[json_errors])
    api[SERVICES] = services
    api.router.add_post("/pair", routes.pair)
    api.router.add_get("/me", routes.me)
    api.router.add_post("/activities", routes.upload)
    api.router.add_post("/sessions", routes.start_session)
    api.router.add_post(r"/sessions/{session_id:\d+}/samples", routes.add_samples)
    api.router.add_post(r"/sessions/{session_id:\d+}/finish", routes.finish_session)
    api.router.add_get("/openapi.json", routes.openapi)
    return api
