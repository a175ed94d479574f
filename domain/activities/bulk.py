"""Importing a bulk export: each activity commits on its own, so a crash keeps what was
stored and sending the zip again dedups the rest (ADR 0030)."""

from __future__ import annotations

import asyncio
import hashlib

from domain.activities.archive import (
    ArchiveMember,
    ArchiveReader,
    ArchiveReport,
    EntryResult,
    HealthWorkouts,
    Outcome,
    Progress,
)
from domain.activities.errors import FileRefusedError, Refusal
from domain.activities.models import ParsedActivity, ParsedFile
from domain.activities.service import AlreadyImported, Imported, ImportService
from domain.activities.validation import check_size
from domain.users.models import User

HEALTH_NAME = "export.xml"


class ArchiveImportService:
    def __init__(self, imports: ImportService, reader: ArchiveReader) -> None:
        self._imports = imports
        self._reader = reader

    async def import_archive(
        self, user: User, content: bytes, progress: Progress
    ) -> ArchiveReport:
        """Import every activity of the archive one by one, telling `progress` after each;
        an archive refused as a whole (not a zip, a bomb, nothing to import) stores nothing."""
        check_size(len(content))
        archive = await asyncio.to_thread(self._reader.open, content)
        results = [
            EntryResult(name, Outcome.REFUSED, refusal=why) for name, why in archive.refused
        ]
        health = HealthWorkouts(())
        if archive.health is not None:
            await progress(0, 0)
            try:
                health = await asyncio.to_thread(archive.health)
            except FileRefusedError as error:
                if not archive.members:
                    raise
                results.append(EntryResult(HEALTH_NAME, Outcome.REFUSED, refusal=error.refusal))
        total = len(archive.members) + len(health.activities)
        if total == 0 and not results:
            raise FileRefusedError(Refusal.NO_FILES)
        await progress(0, total)
        for done, member in enumerate(archive.members, start=1):
            results.append(await self._member(user, member))
            await progress(done, total)
        for done, activity in enumerate(health.activities, start=len(archive.members) + 1):
            results.append(await self._health(user, activity))
            await progress(done, total)
        return ArchiveReport(tuple(results), archive.skipped, health.unknown_types)

    async def _member(self, user: User, member: ArchiveMember) -> EntryResult:
        try:
            content = await asyncio.to_thread(member.read)
            outcome = await self._imports.import_file(user, member.name, content)
        except FileRefusedError as error:
            return EntryResult(member.name, Outcome.REFUSED, refusal=error.refusal)
        return _result(member.name, outcome)

    async def _health(self, user: User, activity: ParsedActivity) -> EntryResult:
        name = f"{HEALTH_NAME} · {activity.started_at:%Y-%m-%d %H:%M}"
        try:
            outcome = await self._imports.import_parsed(
                user, health_digest(activity), ParsedFile((activity,), "Apple Health")
            )
        except FileRefusedError as error:
            return EntryResult(name, Outcome.REFUSED, refusal=error.refusal)
        return _result(name, outcome)


def health_digest(activity: ParsedActivity) -> str:
    """An export has no file per workout: its type, start and duration identify it."""
    identity = f"apple-health|{activity.sport}|{activity.started_at.isoformat()}"
    return hashlib.sha256(f"{identity}|{activity.duration_s:.0f}".encode()).hexdigest()


def _result(name: str, outcome: Imported | AlreadyImported) -> EntryResult:
    if isinstance(outcome, AlreadyImported):
        return EntryResult(name, Outcome.DUPLICATE, (outcome.workout,))
    workouts = tuple(item.logged.workout for item in outcome.workouts)
    return EntryResult(name, Outcome.IMPORTED, workouts)
