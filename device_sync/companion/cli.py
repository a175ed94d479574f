"""`coachbot-sync pair | scan | record | upload | watch | status | sync`.

Exit codes: 0 done, 1 the server refused something (a file, a session), 2 a usage or
pairing problem, 3 the server is out of reach (the work stays queued), 4 no Bluetooth.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path

from device_sync.companion import commands, recording
from device_sync.companion.api import RefusedError, UnreachableError
from device_sync.companion.console import Console
from device_sync.companion.context import (
    EXIT_OFFLINE,
    EXIT_RADIO,
    EXIT_REFUSED,
    EXIT_USAGE,
    Context,
    Deps,
    NotPairedError,
)
from device_sync.companion.home import ConfigError, Home, default_home
from device_sync.companion.radio import RadioError
from device_sync.companion.texts import LANGUAGES, Texts, system_language
from domain.workouts.models import Activity

UNAUTHORIZED = 401
GONE = 410
COMMANDS: dict[str, Callable[[Context, argparse.Namespace], Awaitable[int]]] = {
    "pair": commands.cmd_pair,
    "scan": commands.cmd_scan,
    "record": recording.cmd_record,
    "upload": commands.cmd_upload,
    "watch": commands.cmd_watch,
    "status": commands.cmd_status,
    "sync": commands.cmd_sync,
}


def _language(argv: list[str], environ: Mapping[str, str]) -> str:
    """--lang before argparse runs, so that --help and argparse's errors speak it too."""
    for index, argument in enumerate(argv):
        if argument == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if argument.startswith("--lang="):
            return argument.split("=", 1)[1]
    return system_language(environ)


def _parser(t: Texts) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coachbot-sync", description=t("cli.description"))
    parser.add_argument("--lang", choices=LANGUAGES, help=t("cli.lang"))
    parser.add_argument("--home", help=t("cli.home"))
    sub = parser.add_subparsers(dest="command", required=True)
    pair = sub.add_parser("pair", help=t("cli.pair"))
    pair.add_argument("code", help=t("cli.pair_code"))
    pair.add_argument("--server", required=True, help=t("cli.pair_server"))
    pair.add_argument("--name", help=t("cli.pair_name"))
    scan = sub.add_parser("scan", help=t("cli.scan"))
    scan.add_argument("--seconds", type=float, default=8.0, help=t("cli.scan_seconds"))
    record = sub.add_parser("record", help=t("cli.record"))
    record.add_argument(
        "--sport", required=True, choices=[a.value for a in Activity], help=t("cli.record_sport")
    )
    record.add_argument("--device", action="append", default=[], help=t("cli.record_device"))
    choice = record.add_mutually_exclusive_group()
    choice.add_argument("--resume", action="store_true", help=t("cli.record_resume"))
    choice.add_argument("--new", action="store_true", help=t("cli.record_new"))
    upload = sub.add_parser("upload", help=t("cli.upload"))
    upload.add_argument("files", nargs="+", help=t("cli.upload_files"))
    watch = sub.add_parser("watch", help=t("cli.watch"))
    watch.add_argument("dir", help=t("cli.watch_dir"))
    watch.add_argument("--interval", type=float, default=10.0, help=t("cli.watch_interval"))
    watch.add_argument("--once", action="store_true", help=t("cli.watch_once"))
    sub.add_parser("status", help=t("cli.status"))
    sub.add_parser("sync", help=t("cli.sync"))
    return parser


def main(argv: list[str] | None = None, deps: Deps | None = None) -> int:
    deps = deps or Deps()
    argv = sys.argv[1:] if argv is None else argv
    texts = Texts(_language(argv, deps.environ if deps.environ is not None else os.environ))
    args = _parser(texts).parse_args(argv)
    console = Console(texts, deps.out or sys.stdout, deps.err or sys.stderr, deps.ask)
    environ = deps.environ if deps.environ is not None else os.environ
    home = Home(Path(args.home).expanduser() if args.home else default_home(environ))
    context = Context(home, console, deps)
    try:
        return asyncio.run(_run(context, args))
    except KeyboardInterrupt:
        console.end_live()
        return 130


async def _run(context: Context, args: argparse.Namespace) -> int:
    console = context.console
    command = COMMANDS[args.command]
    try:
        return await command(context, args)
    except NotPairedError:
        console.error("error.not_paired")
    except ConfigError as error:
        console.error("error.config", path=str(error))
    except UnreachableError as error:
        console.error("error.unreachable", server=context.server(args), reason=str(error))
        return EXIT_OFFLINE
    except RadioError as error:
        console.error("error.radio", reason=str(error))
        return EXIT_RADIO
    except RefusedError as error:
        if error.status == UNAUTHORIZED:
            console.error("error.unauthorized")
            return EXIT_USAGE
        if error.status == GONE:
            console.error("error.code_expired")
        else:
            console.error("error.refused", message=error.message or error.code)
        return EXIT_REFUSED
    return EXIT_USAGE
