"""The in-memory Telegram's state: chats, messages, files, updates, injected faults.

It serves the offline sandbox (`coachbot chat`) in process and the end-to-end tests over
HTTP (tests/support/botapi_server.py). Answers follow the Bot API's shapes (dates in
seconds, `is_bot` on users, errors with their codes and descriptions); tests validate them
against aiogram's own types.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from bot.sandbox.telegram_format import keyboard_rows, markup_errors, parse_html

T = TypeVar("T")

TEXT_PARAMS = frozenset(
    {"text", "caption", "parse_mode", "callback_query_id", "url", "secret_token", "file_id",
     "language_code", "title", "description", "ip_address", "emoji", "question"}
)  # fmt: skip
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


class TelegramApiError(Exception):
    def __init__(self, error_code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(f"{error_code} {description}")
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after

    def as_response(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


@dataclass
class SentMessage:
    """A message as the user sees it; edits change it in place."""

    message_id: int
    chat_id: int
    raw: dict[str, Any]
    html: str | None = None
    edits: int = 0
    deleted: bool = False
    version: int = 0
    document_name: str | None = None
    document_bytes: bytes | None = None
    photo_bytes: bytes | None = None

    @property
    def text(self) -> str | None:
        return self.raw.get("text") or self.raw.get("caption")

    @property
    def reply_markup(self) -> list[list[tuple[str, str]]]:
        return keyboard_rows(self.raw.get("reply_markup"))

    def button_data(self, label: str) -> str:
        """The callback data of the button whose text contains `label`."""
        for row in self.reply_markup:
            for text, data in row:
                if label in text:
                    return data
        raise LookupError(f"no button {label!r} on message {self.message_id}: {self.reply_markup}")


@dataclass
class Fault:
    method: str
    error_code: int | None
    description: str
    retry_after: int | None
    delay: float
    times: int
    chat_id: int | None


@dataclass
class StoredFile:
    file_id: str
    unique_id: str
    path: str
    content: bytes


@dataclass
class Webhook:
    url: str
    secret_token: str | None
    allowed_updates: list[str] | None


@dataclass
class State:
    users: dict[int, dict[str, Any]] = field(default_factory=dict)
    chats: dict[int, dict[str, Any]] = field(default_factory=dict)
    statuses: dict[tuple[int, int], str] = field(default_factory=dict)
    blocked: set[int] = field(default_factory=set)
    sent: dict[int, list[SentMessage]] = field(default_factory=dict)
    user_messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    files: dict[str, StoredFile] = field(default_factory=dict)
    commands: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    callback_answers: list[dict[str, Any]] = field(default_factory=list)
    open_callbacks: set[str] = field(default_factory=set)
    updates: list[dict[str, Any]] = field(default_factory=list)
    webhook: Webhook | None = None
    faults: list[Fault] = field(default_factory=list)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def coerce(params: dict[str, Any]) -> dict[str, Any]:
    """Form posts carry every value as a string; JSON-decode all but the text ones."""
    result: dict[str, Any] = {}
    for key, value in params.items():
        result[key] = value
        if isinstance(value, str) and key not in TEXT_PARAMS:
            with contextlib.suppress(ValueError):
                result[key] = json.loads(value)
    return result


FIRST_UPDATE_ID = 700_000_001


class FakeTelegramCore:
    """State, ids and waiting; the methods live in FakeTelegram."""

    def __init__(
        self,
        bot_id: int,
        bot_username: str,
        clock: Callable[[], float],
        first_update_id: int = FIRST_UPDATE_ID,
    ) -> None:
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.clock = clock
        self.state = State()
        self._update_ids = itertools.count(first_update_id)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._ids = itertools.count(1)
        self._version = 0
        self._changed: asyncio.Event | None = None

    @property
    def bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "CoachBot",
            "username": self.bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def now(self) -> int:
        return int(self.clock())

    def next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def next_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids)}"

    @property
    def version(self) -> int:
        return self._version

    def changed(self) -> None:
        self._version += 1
        if self._changed is not None:
            self._changed.set()

    async def wait_until(self, check: Callable[[], T | None], timeout: float) -> T:
        """Wait until `check` returns something (it is re-run after every change)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while (result := check()) is None:
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError("the expected change did not happen in time")
            self._changed = self._changed or asyncio.Event()
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), min(remaining, 0.05))
            except TimeoutError:
                continue
        return result

    def enqueue(self, payload: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": next(self._update_ids), **payload}
        self.state.updates.append(update)
        self.changed()
        return update

    def chat(self, chat_id: Any) -> dict[str, Any]:
        chat = self.state.chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise TelegramApiError(400, "Bad Request: chat not found")
        if chat_id in self.state.blocked:
            raise TelegramApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def sent_message(self, chat_id: Any, message_id: Any, verb: str) -> SentMessage:
        for message in self.state.sent.get(chat_id, []):
            if message.message_id == message_id and not message.deleted:
                return message
        raise TelegramApiError(400, f"Bad Request: message to {verb} not found")

    def store_file(self, name: str, content: bytes, folder: str) -> StoredFile:
        file_id = self.next_id("BQACAgIAAxkBAAI")
        stored = StoredFile(
            file_id, self.next_id("AgAD"), f"{folder}/file_{file_id}_{name}", content
        )
        self.state.files[file_id] = stored
        return stored

    def record(self, chat_id: int, raw: dict[str, Any], **extra: Any) -> SentMessage:
        message = SentMessage(message_id=raw["message_id"], chat_id=chat_id, raw=raw, **extra)
        self.state.sent.setdefault(chat_id, []).append(message)
        message.version = self._version + 1
        self.changed()
        return message

    def take_fault(self, method: str, chat_id: Any) -> Fault | None:
        for fault in self.state.faults:
            if fault.method.lower() == method.lower() and fault.chat_id in (None, chat_id):
                fault.times -= 1
                if fault.times <= 0:
                    self.state.faults.remove(fault)
                return fault
        return None


def check_markup(params: dict[str, Any]) -> dict[str, Any] | None:
    markup = params.get("reply_markup")
    if markup is None:
        return None
    error = markup_errors(markup)
    if error:
        raise TelegramApiError(400, f"Bad Request: {error}")
    return dict(markup)


def check_text(params: dict[str, Any], key: str, limit: int, *, required: bool) -> tuple[str, str]:
    """The plain text the user sees and the original HTML, or a Bad Request."""
    raw = params.get(key)
    if raw is None or raw == "":
        if required:
            raise TelegramApiError(400, "Bad Request: message text is empty")
        return "", ""
    source = str(raw)
    if str(params.get("parse_mode") or "").upper() == "HTML":
        plain, error = parse_html(source)
        if error:
            raise TelegramApiError(400, f"Bad Request: can't parse entities: {error}")
    else:
        plain = source
    if not plain.strip() and required:
        raise TelegramApiError(400, "Bad Request: message text is empty")
    if len(plain) > limit:
        raise TelegramApiError(
            400, f"Bad Request: {'message' if key == 'text' else 'message caption'} is too long"
        )
    return plain, source
