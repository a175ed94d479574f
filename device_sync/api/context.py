"""What one API request gets from the composition root: its services on one unit of work."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass

from aiohttp import web

from domain.devices.pairing import PairingService
from domain.devices.service import DeviceService
from domain.devices.sync import SyncService


@dataclass(frozen=True, slots=True)
class ApiServices:
    devices: DeviceService
    pairing: PairingService
    sync: SyncService


ServicesFactory = Callable[[], AbstractAsyncContextManager[ApiServices]]
SERVICES: web.AppKey[ServicesFactory] = web.AppKey("services")
