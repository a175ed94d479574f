"""Fuzzing the parsers: random bytes and mutated real files end in an activity or in the
parser's own refusal, never in another exception."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from device_sync.files import FileParser
from domain.activities.errors import FileRefusedError
from tests.unit.activities.files import content

PARSER = FileParser()
SMALL = {
    ".fit": content("fit/garmin-fenix-5-run.fit"),
    ".gpx": content("gpx/track-with-empty-segment.gpx"),
    ".tcx": content("tcx/test.tcx")[:6000] + b"</Track></Lap></Activity></Activities>"
    b"</TrainingCenterDatabase>",
}
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parse_or_refuse(extension: str, data: bytes) -> None:
    with contextlib.suppress(FileRefusedError):
        PARSER.parse(f"file{extension}", data)


@FUZZ
@given(st.sampled_from(sorted(SMALL)), st.binary(max_size=2048))
def test_random_bytes(extension: str, data: bytes) -> None:
    parse_or_refuse(extension, data)


@FUZZ
@given(st.sampled_from([".fit"]), st.binary(max_size=512))
def test_random_bytes_after_a_fit_header(extension: str, data: bytes) -> None:
    parse_or_refuse(extension, SMALL[".fit"][:14] + data)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    extension = draw(st.sampled_from(sorted(SMALL)))
    data = bytearray(SMALL[extension])
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(data) - 1))
        data[position] = draw(st.integers(0, 255))
    cut = draw(st.integers(len(data) // 2, len(data)))
    return extension, bytes(data[:cut])


@FUZZ
@given(mutated())
def test_mutated_real_files(case: tuple[str, bytes]) -> None:
    parse_or_refuse(*case)


@FUZZ
@given(st.text(max_size=80), st.text(max_size=20))
def test_gpx_with_strange_values(value: str, time: str) -> None:
    gpx = (
        '<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
        f'<trkpt lat="{value}" lon="14.5"><ele>{value}</ele><time>{time}</time></trkpt>'
        '<trkpt lat="46.1" lon="14.6"><time>2020-01-01T10:00:00Z</time></trkpt>'
        "</trkseg></trk></gpx>"
    )
    parse_or_refuse(".gpx", gpx.encode("utf-8", "surrogatepass"))


@st.composite
def bit_flipped(draw: st.DrawFn) -> tuple[str, bytes]:
    """Transfer damage: a few single bits flipped anywhere, maybe the end cut off."""
    extension = draw(st.sampled_from(sorted(SMALL)))
    data = bytearray(SMALL[extension])
    for _ in range(draw(st.integers(1, 4))):
        data[draw(st.integers(0, len(data) - 1))] ^= 1 << draw(st.integers(0, 7))
    return extension, bytes(data[: draw(st.integers(1, len(data)))])


@FUZZ
@given(bit_flipped())
def test_bit_flipped_real_files(case: tuple[str, bytes]) -> None:
    parse_or_refuse(*case)
