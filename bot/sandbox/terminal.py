"""`coachbot chat`: talk to the real dispatcher in a terminal, the Bot API answered in process."""

from __future__ import annotations

import asyncio
import html
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import build_application, prepare_database, scheduler_running
from bot.commands import set_command_menus
from bot.sandbox.session import InProcessSession
from bot.sandbox.telegram import FakeTelegram, SentMessage
from bot.sandbox.telegram_state import FIRST_UPDATE_ID
from bot.settings import Settings
from db.engine import create_session_factory
from db.repositories.updates import SqlUpdateLog

HELP = """sandbox commands:
  <text>                   send a message (commands like /start too)
  <number>                 press that button of the latest keyboard (a bigger
                           number than there are buttons is sent as text)
  :text TEXT               send TEXT as it is, even a small number
  :location LAT LON        share a location, e.g. :location 55.75 37.62
  :live LAT LON [MIN]      share a live location for MIN minutes (60), then
  :move LAT LON            its next position, 30 s after the one before
  :stop                    stop sharing the live location
  :file PATH               send a file as a document
  :user ID [NAME] [LANG]   continue as another user (LANG: en or ru)
  :help                    this help
  :quit                    leave (Ctrl-D works too)"""

DOWNLOADS = Path("var") / "sandbox-downloads"
_TAG = re.compile(r"</?(b|strong|i|em|u|s|code|pre|a)( [^>]*)?>")


def to_terminal(text: str, color: bool) -> str:
    """Telegram HTML as terminal text: bold stays bold where the terminal can show it."""

    def style(match: re.Match[str]) -> str:
        if not color:
            return ""
        closing = match.group(0).startswith("</")
        return (
            "\033[0m"
            if closing
            else {"b": "\033[1m", "strong": "\033[1m"}.get(
                match.group(1), "\033[3m" if match.group(1) in {"i", "em"} else ""
            )
        )

    return html.unescape(_TAG.sub(style, text))


def _read_user_file(path: Path) -> bytes:
    return path.expanduser().read_bytes()


@dataclass
class Screen:
    """What the user has seen: prints new and edited bot messages once each."""

    out: TextIO
    color: bool
    shown: dict[int, int] = field(default_factory=dict)
    buttons: list[tuple[int, str]] = field(default_factory=list)

    def update(self, messages: list[SentMessage]) -> None:
        for message in messages:
            version = message.version
            if self.shown.get(message.message_id) == version or message.deleted:
                continue
            edited = message.message_id in self.shown
            self.shown[message.message_id] = version
            self._print(message, edited)

    def _print(self, message: SentMessage, edited: bool) -> None:
        marker = "✎ bot (edited)" if edited else "🤖 bot"
        print(f"\n{marker}:", file=self.out)
        if message.html or message.text:
            print(
                to_terminal(message.html or html.escape(message.text or ""), self.color),
                file=self.out,
            )
        if message.document_name is not None:
            DOWNLOADS.mkdir(parents=True, exist_ok=True)
            path = DOWNLOADS / Path(message.document_name).name
            path.write_bytes(message.document_bytes or b"")
            print(
                f"📎 {message.document_name} ({len(message.document_bytes or b'')} bytes), "
                f"saved to {path}",
                file=self.out,
            )
        if message.photo_bytes is not None:
            DOWNLOADS.mkdir(parents=True, exist_ok=True)
            path = DOWNLOADS / f"picture-{message.chat_id}-{message.message_id}.png"
            path.write_bytes(message.photo_bytes)
            print(
                f"🖼 a picture ({len(message.photo_bytes)} bytes), saved to {path}", file=self.out
            )
        if message.reply_markup:
            self.buttons = []
            for row in message.reply_markup:
                cells = []
                for text, data in row:
                    self.buttons.append((message.message_id, data))
                    cells.append(f"[{len(self.buttons)}] {text}")
                print("   ".join(cells), file=self.out)


@dataclass
class Sandbox:
    fake: FakeTelegram
    feed: Callable[[dict[str, Any]], Any]
    screen: Screen
    user_id: int
    live_message: int | None = None
    live_at: int = 0

    async def handle(self, line: str) -> bool:
        """Act on one typed line; False when the user wants to leave."""
        line = line.strip()
        if not line:
            return True
        if line in {":quit", ":q", ":exit"}:
            return False
        try:
            await self._act(line)
        except (ValueError, OSError) as error:
            print(f"sandbox: {error}", file=self.screen.out)
        await self.deliver()
        return True

    async def _act(self, line: str) -> None:
        if line == ":help":
            print(HELP, file=self.screen.out)
        elif line.isdigit() and int(line) <= len(self.screen.buttons):
            self._press(int(line))
        elif line.startswith(":text "):
            self.fake.user_sends_text(self.user_id, line[len(":text ") :])
        elif line.startswith(":location"):
            latitude, longitude = (float(part) for part in line.split()[1:3])
            self.fake.user_sends_location(self.user_id, latitude, longitude)
        elif line.startswith((":live", ":move", ":stop")):
            self._live(line.split())
        elif line.startswith(":file"):
            path = Path(line.split(maxsplit=1)[1])
            content = await asyncio.to_thread(_read_user_file, path)
            self.fake.user_sends_document(self.user_id, path.name, content)
        elif line.startswith(":user"):
            self._switch(line.split()[1:])
        elif line.startswith(":"):
            print("sandbox: unknown sandbox command, :help lists them", file=self.screen.out)
        else:
            self.fake.user_sends_text(self.user_id, line)

    def _live(self, parts: list[str]) -> None:
        """A live share in simulated time: each move is 30 s after the last one."""
        command, numbers = parts[0], [float(part) for part in parts[1:]]
        if command == ":live" and len(numbers) >= 2:
            period = round(numbers[2] * 60) if len(numbers) > 2 else 3600
            latitude, longitude = numbers[0], numbers[1]
            sent = self.fake.user_sends_location(self.user_id, latitude, longitude, period)
            self.live_message, self.live_at = sent["message"]["message_id"], self.fake.now()
            return
        if self.live_message is None:
            raise ValueError("no live location shared: :live LAT LON first")
        self.live_at = max(self.fake.now(), self.live_at + 30)
        if command == ":move" and len(numbers) >= 2:
            latitude, longitude = numbers[0], numbers[1]
            self.fake.user_moves(
                self.user_id, self.live_message, latitude, longitude, self.live_at
            )
        elif command == ":stop":
            self.fake.user_stops_sharing(self.user_id, self.live_message, at=self.live_at)
            self.live_message = None
        else:
            raise ValueError(f"{command} needs LAT LON")

    def _press(self, number: int) -> None:
        if number < 1:
            raise ValueError("buttons are numbered from 1")
        message_id, data = self.screen.buttons[number - 1]
        if data.startswith(("http://", "https://", "tg://")):
            print(f"(a link: {data})", file=self.screen.out)
            return
        self.fake.user_presses(self.user_id, message_id, data)

    def _switch(self, parts: list[str]) -> None:
        if not parts or not parts[0].isdigit():
            raise ValueError(":user needs a numeric id")
        self.user_id = int(parts[0])
        name = parts[1] if len(parts) > 1 else f"User{self.user_id}"
        language = parts[2] if len(parts) > 2 else "en"
        self.fake.add_user(self.user_id, name, language_code=language)
        self.screen.shown.clear()
        self.screen.buttons = []
        print(f"(you are now {name}, id {self.user_id})", file=self.screen.out)

    async def deliver(self) -> None:
        """Feed pending updates the way polling would, then show what the bot sent."""
        while updates := await self.fake.call(
            "getUpdates", {"offset": self._offset(), "timeout": 0}
        ):
            for update in updates:
                await self.feed(update)
                self._confirmed = update["update_id"] + 1
        self.screen.update(self.fake.messages(self.user_id))

    _confirmed: int = 0

    def _offset(self) -> int:
        return self._confirmed


async def show_arrivals(sandbox: Sandbox, every: float = 1.0) -> None:
    """What the scheduler sends (reminders, digests) shows up without waiting for a line."""
    while True:
        await asyncio.sleep(every)
        before = dict(sandbox.screen.shown)
        sandbox.screen.update(sandbox.fake.messages(sandbox.user_id))
        if sandbox.screen.shown != before:
            print("\n> ", end="", file=sandbox.screen.out, flush=True)


async def _next_update_id(engine: AsyncEngine) -> int:
    async with create_session_factory(engine)() as session:
        latest = await SqlUpdateLog(session).latest()
    return max(FIRST_UPDATE_ID, (latest or 0) + 1)


async def chat(
    settings: Settings,
    *,
    user_id: int,
    name: str,
    language: str,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
) -> None:
    engine = await prepare_database(settings)
    # Handled update ids are kept for 48 h to drop redeliveries (ADR 0005): each session
    # numbers its updates above the last one's, or a second session would be ignored.
    fake = FakeTelegram(first_update_id=await _next_update_id(engine))
    fake.add_user(user_id, name, language_code=language)
    app = await build_application(settings, engine, session=InProcessSession(fake))
    await set_command_menus(app.bot, app.i18n)

    async def feed(update: dict[str, Any]) -> Any:
        return await app.dispatcher.feed_raw_update(app.bot, update)

    screen = Screen(out=stdout, color=stdout.isatty())
    sandbox = Sandbox(fake=fake, feed=feed, screen=screen, user_id=user_id)
    print(
        f"CoachBot sandbox: you are {name} (id {user_id}). Database: {settings.database_url}",
        file=stdout,
    )
    print("Type /start to begin, :help for sandbox commands.", file=stdout)
    arrivals = asyncio.create_task(show_arrivals(sandbox))
    try:
        async with scheduler_running(app):  # reminders and digests reach the sandbox chat too
            while True:
                print("\n> ", end="", file=stdout, flush=True)
                line = await asyncio.to_thread(stdin.readline)
                if not line or not await sandbox.handle(line):
                    break
    finally:
        arrivals.cancel()
        await app.dispatcher.storage.close()
        await app.bot.session.close()
        await engine.dispose()
        print("\nbye!", file=stdout)
