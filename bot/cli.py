"""`coachbot run | scheduler | migrate | chat` (no subcommand: run with a token, else chat)."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.settings import Settings, SettingsError, load_settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coachbot", description="CoachBot, the fitness coach")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="run the bot, its web app and scheduler")
    commands.add_parser("scheduler", help="run only the scheduled jobs (with several workers)")
    commands.add_parser("migrate", help="bring the database schema up to date")
    chat = commands.add_parser("chat", help="chat with the bot offline in this terminal")
    chat.add_argument("--user-id", type=int, default=1001, help="your user id in the sandbox")
    chat.add_argument("--name", default="Alex", help="your first name in the sandbox")
    chat.add_argument("--language", default="en", help="your Telegram client language")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command is None:
            has_token = bool(load_settings(require_token=False).bot_token)
            if not has_token:
                print("No BOT_TOKEN configured: opening the offline sandbox (coachbot chat).")
            args = _parser().parse_args(["run" if has_token else "chat"])
        settings = load_settings(require_token=args.command in {"run", "scheduler"})
        return _dispatch(args, settings)
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    from bot import app  # noqa: PLC0415 - keep `--help` and configuration errors instant
    from bot.malloc import limit_arenas  # noqa: PLC0415

    if args.command in {"run", "scheduler"}:
        limit_arenas()

    app.configure_logging(
        settings.log_level, "var/sandbox.log" if args.command == "chat" else None
    )
    if args.command == "run":
        asyncio.run(app.run(settings))
    elif args.command == "scheduler":
        asyncio.run(app.run_scheduler(settings))
    elif args.command == "migrate":
        asyncio.run(app.migrate(settings))
        print("database is up to date")
    else:
        from bot.sandbox.terminal import chat  # noqa: PLC0415

        asyncio.run(chat(settings, user_id=args.user_id, name=args.name, language=args.language))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
