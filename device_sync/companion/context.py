"""What every command gets: the home, the console and the replaceable dependencies."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TextIO

from device_sync.companion.console import Console
from device_sync.companion.home import Config, Home
from device_sync.companion.radio import BleClient, ClientFactory, RadioError, Scanner
from device_sync.companion.recorder import Policy, Waiter, wait_or_stop
from device_sync.companion.sensors import Sleep
from device_sync.companion.store import Store
from domain.clock import Clock, utc_now

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_OFFLINE = 3
EXIT_RADIO = 4


class NotPairedError(Exception):
    """No pairing is stored in the companion's home."""


NO_BLEAK = "bleak is not installed: pip install 'coachbot[companion]'"


def _bleak_client(address: str, on_disconnect: Callable[[], None]) -> BleClient:
    try:
        from device_sync.companion.bleak_radio import BleakBleClient  # noqa: PLC0415 - optional
    except ImportError as error:
        raise RadioError(NO_BLEAK) from error
    return BleakBleClient(address, on_disconnect)


def _bleak_scanner() -> Scanner:
    try:
        from device_sync.companion.bleak_radio import BleakRadioScanner  # noqa: PLC0415
    except ImportError as error:
        raise RadioError(NO_BLEAK) from error
    return BleakRadioScanner()


@dataclass
class Deps:
    """What the tests replace: the radio, time, the terminal and the environment."""

    radio: ClientFactory = _bleak_client
    scanner: Callable[[], Scanner] = _bleak_scanner
    clock: Clock = utc_now
    wait: Waiter = wait_or_stop
    sleep: Sleep = asyncio.sleep
    policy: Policy = field(default_factory=Policy)
    environ: Mapping[str, str] | None = None
    out: TextIO | None = None
    err: TextIO | None = None
    ask: Callable[[str], str] | None = None
    signals: bool = True


@dataclass
class Context:
    home: Home
    console: Console
    deps: Deps

    def config(self) -> Config:
        config = self.home.load()
        if config is None:
            raise NotPairedError
        return config

    def server(self, args: argparse.Namespace) -> str:
        if getattr(args, "server", None):
            return str(args.server)
        config = self.home.load()
        return config.server if config else "?"

    @contextlib.contextmanager
    def store(self) -> Iterator[Store]:
        store = Store(self.home.queue_path)
        try:
            yield store
        finally:
            store.close()


@contextlib.contextmanager
def stop_on_signals(stop: asyncio.Event, enabled: bool) -> Iterator[None]:
    """Ctrl+C and SIGTERM end the command's loop cleanly instead of killing it."""
    loop = asyncio.get_running_loop()
    installed = []
    if enabled:
        for number in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(number, stop.set)
                installed.append(number)
    try:
        yield
    finally:
        for number in installed:
            loop.remove_signal_handler(number)
