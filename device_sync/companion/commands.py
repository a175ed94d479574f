"""The companion's commands but `record`, one coroutine each: `cmd_<name>(context, args)`
returns the exit code."""

from __future__ import annotations

import argparse
import asyncio
import socket
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from device_sync.ble import supported_services
from device_sync.companion.api import ServerApi, UnreachableError
from device_sync.companion.console import local_time
from device_sync.companion.context import (
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
    Context,
    stop_on_signals,
)
from device_sync.companion.files import SUFFIXES, Watcher, upload_file
from device_sync.companion.home import Config
from device_sync.companion.sync import Syncer


async def cmd_pair(context: Context, args: argparse.Namespace) -> int:
    server = str(args.server).rstrip("/")
    parts = urlsplit(server)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        context.console.error("error.bad_server", server=server)
        return EXIT_USAGE
    name = args.name or socket.gethostname()
    async with ServerApi(server) as api:
        answer = await api.pair(args.code.strip().upper(), name)
    path = context.home.save(Config(server, answer.token, answer.device_id, name))
    context.console.say("pair.done", name=name, device_id=answer.device_id, server=server)
    context.console.say("pair.saved", path=str(path))
    return EXIT_OK


async def cmd_scan(context: Context, args: argparse.Namespace) -> int:
    console = context.console
    console.say("scan.listening", seconds=f"{args.seconds:g}")
    found = await context.deps.scanner().discover(args.seconds)
    if not found:
        console.say("scan.none")
        return EXIT_OK
    for device in sorted(found, key=lambda ad: -(ad.rssi if ad.rssi is not None else -999)):
        services = [
            console.t(f"service.{s.name}") for s in supported_services(device.service_uuids)
        ]
        rssi = console.t("scan.rssi", rssi=device.rssi) if device.rssi is not None else None
        console.say(
            "scan.device",
            address=device.address,
            name=device.name or console.t("scan.unnamed"),
            rssi=rssi or console.t("scan.no_rssi"),
            services=", ".join(services) or console.t("scan.unsupported"),
        )
    console.say("scan.hint")
    return EXIT_OK


def _activity_file(name: str) -> tuple[Path, str | None]:
    path = Path(name)
    if not path.is_file():
        return path, "upload.missing"
    return path, None if path.suffix.lower() in SUFFIXES else "upload.unsupported"


async def cmd_upload(context: Context, args: argparse.Namespace) -> int:
    config, console = context.config(), context.console
    failed = False
    with context.store() as store:
        async with ServerApi(config.server, config.token) as api:
            for name in args.files:
                path, problem = _activity_file(name)
                if problem:
                    console.say(problem, file=name)
                else:
                    result = await upload_file(api, store, path, context.deps.clock)
                    ids = ", ".join(f"#{i}" for i in result.workout_ids)
                    console.say(
                        f"upload.{result.status}", file=name, ids=ids, reason=result.detail
                    )
                    failed |= result.status == "refused"
                    continue
                failed = True
    return EXIT_REFUSED if failed else EXIT_OK


def _folder(name: str) -> Path | None:
    folder = Path(name).expanduser()
    return folder if folder.is_dir() else None


async def cmd_watch(context: Context, args: argparse.Namespace) -> int:
    config, console, deps = context.config(), context.console, context.deps
    folder = _folder(args.dir)
    if folder is None:
        console.error("watch.missing", folder=args.dir)
        return EXIT_USAGE
    console.say("watch.watching", folder=str(folder))
    stop = asyncio.Event()
    with context.store() as store, stop_on_signals(stop, deps.signals):
        async with ServerApi(config.server, config.token) as api:
            watcher = Watcher(folder, api, store, deps.clock)
            while not stop.is_set():
                try:
                    results = await watcher.poll()
                except UnreachableError as error:
                    console.say("watch.offline", reason=str(error))
                    results = []
                for result in results:
                    ids = ", ".join(f"#{i}" for i in result.workout_ids)
                    console.say(
                        f"upload.{result.status}", file=str(result.path), ids=ids,
                        reason=result.detail,
                    )  # fmt: skip
                if args.once:
                    break
                await deps.wait(args.interval, stop)
    return EXIT_OK


async def cmd_status(context: Context, _: argparse.Namespace) -> int:
    config, console = context.config(), context.console
    console.say("status.server", server=config.server)
    console.say("status.device", name=config.name, device_id=config.device_id)
    with context.store() as store:
        batches, unsealed, sessions = store.counts()
        interrupted = store.interrupted_session()
    async with ServerApi(config.server, config.token) as api:
        try:
            me = await api.me()
        except UnreachableError as error:
            console.say("status.offline", reason=str(error))
        else:
            console.say("status.athlete", athlete=me.get("athlete_first_name") or "?")
            console.say("status.paired_at", when=_when(context, me.get("paired_at")))
            console.say("status.last_sync", when=_when(context, me.get("last_sync_at")))
    if not (batches or unsealed or sessions):
        console.say("status.queue_empty")
        return EXIT_OK
    console.say("status.queue", batches=batches + bool(unsealed), sessions=sessions)
    if interrupted is not None:
        started = local_time(interrupted.started_at)
        console.say("status.interrupted", sport=interrupted.sport, started=started)
    else:
        console.say("status.flush")
    return EXIT_OK


def _when(context: Context, value: object) -> str:
    if not value:
        return context.console.t("status.never")
    try:
        return local_time(datetime.fromisoformat(str(value)))
    except ValueError:
        return str(value)


async def cmd_sync(context: Context, _: argparse.Namespace) -> int:
    config, console = context.config(), context.console
    refused = False
    with context.store() as store:
        async with ServerApi(config.server, config.token) as api:
            results = await Syncer(store, api, context.deps.clock).flush()
        if not results:
            console.say("sync.nothing")
        for result in results:
            session = store.session(result.client_session_id)
            started = local_time(session.started_at)
            if result.refused is not None:
                refused = True
                console.say(
                    "sync.refused", sport=session.sport, started=started, reason=result.refused
                )
            else:
                console.say(
                    "sync.finished", sport=session.sport, started=started,
                    workout_id=result.workout_id,
                )  # fmt: skip
    return EXIT_REFUSED if refused else EXIT_OK
