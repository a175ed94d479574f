"""A zip of activity files sent as a document: one message shows the progress, then the
report replaces it."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import PurePath

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import Message

from domain.activities.bulk import ArchiveImportService
from domain.activities.validation import check_size
from domain.users.models import User
from handlers.texts import Texts

# Telegram allows about one message a second in a chat; edits count.
PROGRESS_INTERVAL_S = 1.0
ARCHIVE_TYPES = ("application/zip", "application/x-zip-compressed")
monotonic: Callable[[], float] = time.monotonic


def is_archive(message: Message) -> bool:
    document = message.document
    if document is None:
        return False
    suffix = PurePath(document.file_name or "").suffix.lower()
    return suffix == ".zip" or (not suffix and document.mime_type in ARCHIVE_TYPES)


class ProgressMessage:
    """Sends the status on the first call, then edits it at most once per interval."""

    def __init__(
        self,
        message: Message,
        t: Texts,
        interval_s: float | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self._message = message
        self._t = t
        self._interval_s = PROGRESS_INTERVAL_S if interval_s is None else interval_s
        self._clock = clock or monotonic
        self._status: Message | None = None
        self._shown = ""
        self._last = 0.0

    async def __call__(self, done: int, total: int) -> None:
        text = self._t("archive.progress", done=done, total=total) if total else ""
        text = text or self._t("archive.reading")
        now = self._clock()
        if self._status is not None and now - self._last < self._interval_s:
            return
        await self.show(text)
        self._last = now

    async def report(self, text: str) -> None:
        """The report replaces the status; if that edit fails it comes as a new message."""
        if self._status is not None:
            with contextlib.suppress(TelegramAPIError):
                await self._status.edit_text(text)
                return
        await self._message.answer(text)

    async def show(self, text: str) -> None:
        """Edits the status (a failed edit only loses one step of progress)."""
        if self._status is None:
            self._status = await self._message.answer(text)
        elif text != self._shown:
            with contextlib.suppress(TelegramAPIError):
                await self._status.edit_text(text)
        self._shown = text


async def msg_archive(
    message: Message, bot: Bot, user: User, archives: ArchiveImportService, t: Texts
) -> None:
    document = message.document
    assert document is not None
    check_size(document.file_size)
    downloaded = await bot.download(document)
    content = downloaded.read() if downloaded is not None else b""
    progress = ProgressMessage(message, t)
    report = await archives.import_archive(user, content, progress)
    await progress.report(t.render("imports/archive.html", report=report, user=user))
