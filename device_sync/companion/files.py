"""Activity files to the server: `upload` sends the files it is given, `watch` polls a mounted
watch's folder and sends each new file once (remembered by path, size, mtime and sha256)."""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from device_sync.companion.api import RefusedError, ServerApi
from device_sync.companion.store import Store
from domain.clock import Clock

SUFFIXES = frozenset({".fit", ".gpx", ".tcx"})
UNAUTHORIZED = 401
SETTLE_S = 2.0  # a file modified this recently may still be being copied


@dataclass(frozen=True, slots=True)
class FileResult:
    path: Path
    status: str  # imported | duplicate | refused
    detail: str = ""
    workout_ids: tuple[int, ...] = ()


def _key(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return str(path.resolve()), stat.st_size, stat.st_mtime_ns


async def upload_file(api: ServerApi, store: Store, path: Path, clock: Clock) -> FileResult:
    """Send one file and remember the answer; UnreachableError and RefusedError 401 propagate."""
    key = _key(path)
    data = await asyncio.to_thread(path.read_bytes)
    digest = hashlib.sha256(data).hexdigest()
    try:
        answer = await api.upload(path.name, data)
    except RefusedError as error:
        if error.status == UNAUTHORIZED:
            raise
        result = FileResult(path, "refused", error.message or error.code)
    else:
        result = FileResult(path, answer.status, "", answer.workout_ids)
    store.remember_upload(key, digest, result.status, result.detail, clock())
    return result


class Watcher:
    def __init__(
        self,
        folder: Path,
        api: ServerApi,
        store: Store,
        clock: Clock,
        settle_s: float = SETTLE_S,
        wall_time: Callable[[], float] = time.time,
    ) -> None:
        self._folder = folder
        self._api = api
        self._store = store
        self._clock = clock
        self._settle_s = settle_s
        self._wall_time = wall_time

    def _candidates(self) -> list[Path]:
        return sorted(
            path
            for path in self._folder.rglob("*")
            if path.suffix.lower() in SUFFIXES and path.is_file()
        )

    async def poll(self) -> list[FileResult]:
        """Upload every activity file not handled before; an unreachable server stops the poll
        (the rest waits for the next one)."""
        results = []
        for path in self._candidates():
            key = _key(path)
            if self._store.uploaded(*key):
                continue
            if self._wall_time() - key[2] / 1e9 < self._settle_s:
                continue
            digest = hashlib.sha256(await asyncio.to_thread(path.read_bytes)).hexdigest()
            if self._store.uploaded_hash(digest):
                # the same bytes under a new name or a touched mtime: sent already
                self._store.remember_upload(key, digest, "duplicate", "", self._clock())
                continue
            results.append(await upload_file(self._api, self._store, path, self._clock))
        return results
