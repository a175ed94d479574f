"""What the import service needs: a file parser and storage for what files add."""

from __future__ import annotations

from typing import Protocol

from domain.activities.models import ImportMeta, ParsedFile


class ActivityParser(Protocol):
    def parse(self, file_name: str, content: bytes) -> ParsedFile:
        """The file's activities; FileRefusedError when it cannot be imported."""
        ...


class ImportRepository(Protocol):
    async def add(self, user_id: int, meta: ImportMeta, samples: bytes) -> None: ...

    async def workout_by_hash(self, user_id: int, sha256: str) -> int | None:
        """The first workout the athlete imported from a file with these bytes."""
        ...

    async def get(self, user_id: int, workout_id: int) -> tuple[ImportMeta, bytes] | None:
        """The athlete's own imported workout's extras and samples blob."""
        ...

    async def elevation_gain(self, user_id: int, workout_id: int) -> float | None:
        """The climb of the athlete's own imported workout, when its file had one."""
        ...

    async def all(self, user_id: int) -> list[ImportMeta]: ...
