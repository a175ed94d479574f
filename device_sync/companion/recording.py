"""`coachbot-sync record`: choose or resume the session, record it, report the outcome."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from datetime import timedelta

from device_sync.companion.api import ServerApi, UnreachableError
from device_sync.companion.console import local_time
from device_sync.companion.context import (
    EXIT_OFFLINE,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
    Context,
    stop_on_signals,
)
from device_sync.companion.recorder import Recorder, new_session
from device_sync.companion.sensors import LinkState
from device_sync.companion.store import LocalSession, Store
from device_sync.companion.sync import Syncer


def _choose_session(context: Context, store: Store, args: argparse.Namespace) -> LocalSession:
    clock = context.deps.clock
    interrupted = store.interrupted_session()
    if interrupted is not None and not args.new:
        started = local_time(interrupted.started_at)
        if args.resume or context.console.confirm(
            "record.unfinished", sport=interrupted.sport, started=started
        ):
            context.console.say("record.resumed", sport=interrupted.sport, started=started)
            return interrupted
    if interrupted is not None:
        last = store.last_t(interrupted.client_session_id) or 0.0
        store.end_session(
            interrupted.client_session_id,
            interrupted.started_at + timedelta(seconds=last),
        )
        context.console.say("record.previous_ended")
    return new_session(store, args.sport, clock)


async def cmd_record(context: Context, args: argparse.Namespace) -> int:
    config = context.config()
    console, deps = context.console, context.deps
    if not args.device:
        console.error("record.no_devices")
        return EXIT_USAGE
    with context.store() as store:
        session = _choose_session(context, store, args)
        async with ServerApi(config.server, config.token) as api:
            syncer = Syncer(store, api, deps.clock)
            recorder = Recorder(
                store, syncer, deps.radio, deps.clock, policy=deps.policy,
                wait=deps.wait, sleep=deps.sleep, show=console.live,
            )  # fmt: skip
            console.say("record.started", sport=session.sport, count=len(args.device))
            stop = asyncio.Event()
            with stop_on_signals(stop, deps.signals):
                try:
                    pushed = await recorder.record(session, args.device, stop)
                except UnreachableError:
                    console.say("record.kept")
                    return EXIT_OFFLINE
            for link in recorder.links:
                if link.state is LinkState.UNSUPPORTED:
                    console.say("record.unsupported", address=link.address)
            with contextlib.suppress(UnreachableError):
                await syncer.flush(exclude=session.client_session_id)
    if pushed.refused is not None:
        console.say("record.refused", reason=pushed.refused)
        return EXIT_REFUSED
    console.say("record.saved", workout_id=pushed.workout_id)
    return EXIT_OK
