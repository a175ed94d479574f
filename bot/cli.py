"""`coachbot run | migrate | chat` (no subcommand: run with a token, else the sandbox)."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.settings import SettingsError, load_settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coachbot", description="CoachBot, the fitness coach")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="run the bot, its web app and scheduler")
    commands.add_parser("migrate", help="bring the database schema up to date")
    chat = commands.add_parser("chat", help="chat with the bot offline in this terminal")
    chat.add_argument("--user-id", type=int, default=1001, help="your user id in the sandbox")
    chat.add_argument("--name", default="Alex", help="your first name in the sandbox")
    chat.add_argument("--language", default="en", help="your Telegram client language")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command
    try:
        if command is None:
            command = "run" if load_settings(require_token=False).bot_token else "chat"
            if command == "chat":
                print("No BOT_TOKEN configured: opening the offline sandbox (coachbot chat).")
                args = _parser().parse_args(["chat"])
        settings = load_settings(require_token=command == "run")
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    from bot import app  # noqa: PLC0415 - keep `--help` and config errors instant

    app.configure_logging(settings.log_level, "var/sandbox.log" if command == "chat" else None)
    try:
        if command == "run":
            asyncio.run(app.run(settings))
        elif command == "migrate":
            asyncio.run(_migrate(settings))
        else:
            from bot.sandbox.terminal import chat  # noqa: PLC0415

            asyncio.run(
                chat(settings, user_id=args.user_id, name=args.name, language=args.language)
            )
    except KeyboardInterrupt:
        return 130
    return 0


async def _migrate(settings: object) -> None:
    from bot.app import prepare_database  # noqa: PLC0415
    from db.migrate import upgrade  # noqa: PLC0415

    engine = await prepare_database(settings)  # type: ignore[arg-type]
    await upgrade(engine)
    await engine.dispose()
    print("database is up to date")


if __name__ == "__main__":
    raise SystemExit(main())
