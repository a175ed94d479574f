"""Fuzzing the archive and Apple Health readers: random and mutated zips, mutated export.xml.
Each ends in a result or in the domain's refusal, never in another exception."""

from __future__ import annotations

import contextlib
import gzip
from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from device_sync.files import FileParser
from device_sync.files.archive import ZipReader
from domain.activities.errors import FileRefusedError
from tests.unit.activities.archives import zip_of
from tests.unit.activities.files import content
from tests.unit.activities.health_export import ZONE, HealthWorkout, export_xml, export_zip

READER = ZipReader()
PARSER = FileParser()
FIT = content("fit/garmin-fenix-5-run.fit")
GPX = content("gpx/track-with-empty-segment.gpx")
SMALL_ZIP = zip_of(
    {"a/run.fit": FIT, "b.gpx.gz": gzip.compress(GPX), "c.zip": zip_of({"x.fit": FIT})}
)
START = datetime(2026, 11, 2, 7, 0, tzinfo=ZONE)
HEALTH_XML = export_xml(
    [HealthWorkout("Running", START, 3, 0.6, 40), HealthWorkout("Yoga", START + timedelta(1), 2)],
    other_records=3,
)
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_everything(data: bytes) -> None:
    """What the import does with an archive, minus the database."""
    with contextlib.suppress(FileRefusedError):
        archive = READER.open(data)
        for member in archive.members:
            with contextlib.suppress(FileRefusedError):
                PARSER.parse(member.name, member.read())
        if archive.health is not None:
            archive.health()


def mutate(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(data) - 1))
        data[position] ^= 1 << draw(st.integers(0, 7))
    return bytes(data[: draw(st.integers(len(data) // 3, len(data)))])


@st.composite
def mutated_zip(draw: st.DrawFn) -> bytes:
    return mutate(draw, SMALL_ZIP)


@st.composite
def random_zip(draw: st.DrawFn) -> bytes:
    names = st.sampled_from(
        ["run.fit", "a/b.gpx", "../x.tcx", "/abs.fit", "r.fit.gz", "in.zip", "n.txt", "é.tcx"]
    )
    bodies = st.one_of(
        st.binary(max_size=300),
        st.builds(gzip.compress, st.binary(max_size=300)),
        st.just(FIT),
        st.builds(lambda cut: gzip.compress(FIT)[:cut], st.integers(0, 400)),
    )
    members = draw(st.dictionaries(names, bodies, max_size=5))
    return zip_of(members)


@FUZZ
@given(st.binary(max_size=1024))
def test_random_bytes_as_a_zip(data: bytes) -> None:
    read_everything(data)


@FUZZ
@given(st.binary(max_size=512))
def test_random_bytes_after_a_zip_signature(data: bytes) -> None:
    read_everything(b"PK\x03\x04" + data)


@FUZZ
@given(mutated_zip())
def test_mutated_zips(data: bytes) -> None:
    read_everything(data)


@FUZZ
@given(random_zip())
def test_random_zips(data: bytes) -> None:
    read_everything(data)


@st.composite
def mutated_health(draw: st.DrawFn) -> bytes:
    body = HEALTH_XML.index(b"<HealthData ")
    data = bytearray(HEALTH_XML)
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(body, len(data) - 1))
        data[position] = draw(st.sampled_from(b"<>/=\"' 0123456789-+:&;xZ\x00\xff"))
    return bytes(data[: draw(st.integers(body, len(data)))])


@FUZZ
@given(mutated_health())
def test_mutated_apple_health_exports(xml: bytes) -> None:
    read_everything(export_zip(xml))
