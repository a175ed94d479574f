"""The fixture files, each parsed at most once per test run (the big ones take seconds)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from device_sync.files import FileParser
from domain.activities.models import ParsedFile

DATA = Path(__file__).parents[2] / "data" / "activities"
# Garmin FIT SDK examples may not be copied into the project (SOURCES.md): read where present.
SHARED = Path(__file__).parents[4] / "shared" / "fixtures" / "activities"
if not SHARED.is_dir():
    SHARED = Path("/work/shared/fixtures/activities")


def content(name: str) -> bytes:
    return (DATA / name).read_bytes()


def shared(name: str) -> bytes:
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"{name} is a Garmin SDK example, only in ../shared")
    return path.read_bytes()


@cache
def parsed(name: str) -> ParsedFile:
    return FileParser().parse(name, content(name))
