"""Zip archives of activity files (Garmin, Strava, Google Takeout, Apple Health exports),
read without trusting their headers: every cap counts bytes actually read (ADR 0030)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath

from device_sync.files import PARSERS
from device_sync.files.apple_health import is_health_export, parse_health_export
from device_sync.files.unpack import gunzip_capped, read_capped
from domain.activities.archive import Archive, ArchiveMember, HealthWorkouts
from domain.activities.errors import FileRefusedError, Refusal
from domain.activities.validation import MAX_FILE_BYTES

MAX_MEMBERS = 20_000
MAX_TOTAL_BYTES = 2 * 1024**3  # an Apple Health export.xml runs to hundreds of MB
MAX_RATIO = 100  # deflated XML reaches ~20-30x; a bomb 1000x and more
RATIO_FLOOR_BYTES = 1024 * 1024  # a small member cannot hurt, whatever its ratio
MAX_NAME = 40
ZIP_ERRORS = (
    zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
    RuntimeError, OverflowError, struct.error, KeyError, IndexError,
)  # fmt: skip
IMPORTABLE = (*PARSERS, ".zip")
HEALTH_EXTRAS = ("workout-routes/", "electrocardiograms/", "export_cda.xml")


@dataclass(frozen=True, slots=True)
class Limits:
    members: int = MAX_MEMBERS
    total_bytes: int = MAX_TOTAL_BYTES
    ratio: int = MAX_RATIO
    member_bytes: int = MAX_FILE_BYTES


class ZipReader:
    """The domain's ArchiveReader over the zip format."""

    def __init__(self, limits: Limits | None = None) -> None:
        self._limits = limits or Limits()

    def open(self, content: bytes) -> Archive:
        try:
            archive = zipfile.ZipFile(io.BytesIO(content))
            infos = [info for info in archive.infolist() if not info.is_dir()]
        except ZIP_ERRORS as error:
            raise FileRefusedError(Refusal.NOT_ZIP) from error
        self._check_whole(infos)
        health = _health_member(archive, infos)
        refused: list[tuple[str, Refusal]] = []
        reader = None
        if health is not None:
            if _bomb(health.file_size, health.compress_size, self._limits.ratio):
                refused.append((display_name(health.filename), Refusal.ZIP_BOMB))
            else:
                reader = partial(_read_health, archive, health)
        members: list[ArchiveMember] = []
        skipped = 0
        for info in infos:
            found = None if info is health else self._member(archive, info, health is not None)
            if isinstance(found, ArchiveMember):
                members.append(found)
            elif isinstance(found, Refusal):
                refused.append((display_name(info.filename), found))
            elif info is not health:
                skipped += 1
        return Archive(tuple(members), tuple(refused), skipped, reader)

    def _check_whole(self, infos: list[zipfile.ZipInfo]) -> None:
        if len(infos) > self._limits.members:
            raise FileRefusedError(Refusal.TOO_MANY_FILES, limit=self._limits.members)
        if sum(info.file_size for info in infos) > self._limits.total_bytes:
            raise FileRefusedError(Refusal.ZIP_BOMB)

    def _member(
        self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, in_health: bool
    ) -> ArchiveMember | Refusal | None:
        """An importable member, the reason one is refused, or None for another file (an
        Apple export's route GPX too: the workout itself comes from export.xml)."""
        path = info.filename.replace("\\", "/")
        if in_health and _health_extra(path):
            return None
        base = PurePosixPath(path).name
        inner = base[:-3] if base.lower().endswith(".gz") else base
        suffix = PurePosixPath(inner).suffix.lower()
        if base.startswith("._") or path.startswith("__MACOSX/") or suffix not in IMPORTABLE:
            return None
        refusal = self._refusal(info, path, suffix)
        if refusal is not None:
            return refusal
        read = partial(_read_member, archive, info, self._limits, inner != base)
        return ArchiveMember(display_name(inner), read)

    def _refusal(self, info: zipfile.ZipInfo, path: str, suffix: str) -> Refusal | None:
        if not is_safe(path):
            return Refusal.UNSAFE_NAME
        if suffix == ".zip":
            return Refusal.NESTED_ZIP
        if info.flag_bits & 0x1:
            return Refusal.ENCRYPTED
        if info.file_size > self._limits.member_bytes:
            return Refusal.TOO_LARGE
        if _bomb(info.file_size, info.compress_size, self._limits.ratio):
            return Refusal.ZIP_BOMB
        return None


def is_safe(path: str) -> bool:
    """Never extracted to disk, but a name that climbs out or is absolute is no export's."""
    parts = path.split("/")
    return not (path.startswith("/") or ".." in parts or (parts and ":" in parts[0]))


def display_name(path: str) -> str:
    base = PurePosixPath(path.replace("\\", "/")).name
    printable = "".join(char for char in base if char.isprintable()) or "?"
    if len(printable) <= MAX_NAME:
        return printable
    suffix = "".join(PurePosixPath(printable).suffixes[-2:])[:12]  # the parser reads it
    return printable[: MAX_NAME - len(suffix) - 1] + "…" + suffix


def _bomb(size: int, compressed: int, ratio: int) -> bool:
    return size > RATIO_FLOOR_BYTES and size > ratio * max(1, compressed)


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, gzipped: bool
) -> bytes:
    try:
        with archive.open(info) as stream:
            data = read_capped(stream, limits.member_bytes)
        if gzipped:
            data = gunzip_capped(data, limits.member_bytes, limits.ratio, RATIO_FLOOR_BYTES)
    except ZIP_ERRORS as error:
        raise FileRefusedError(Refusal.DAMAGED) from error
    return data


def _health_member(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]
) -> zipfile.ZipInfo | None:
    """Apple names export.xml in the phone's language: the root element tells, not the name."""
    for info in infos:
        path = PurePosixPath(info.filename)
        if path.suffix.lower() != ".xml" or len(path.parts) > 2 or path.name in HEALTH_EXTRAS:
            continue
        if info.flag_bits & 0x1:
            continue
        try:
            with archive.open(info) as stream:
                head = stream.read(4096)
        except ZIP_ERRORS:
            continue
        if is_health_export(head):
            return info
    return None


def _health_extra(name: str) -> bool:
    return any(part in name for part in HEALTH_EXTRAS)


def _read_health(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> HealthWorkouts:
    try:
        return parse_health_export(partial(archive.open, info))
    except ZIP_ERRORS as error:
        raise FileRefusedError(Refusal.DAMAGED) from error
