"""The samples blob (ADR 0021): lossless to its fixed-point precision, and small."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.activities import codec
from domain.activities.models import CHANNELS, Samples
from tests.unit.activities.files import parsed

PRECISION = {name: 0.5 / scale for name, scale in codec.SCALES.items()}
RANGES = {
    "hr": (0, 255), "power": (0, 2500), "cadence": (0, 255), "speed": (0, 120),
    "distance": (0, 1_000_000), "latitude": (-90, 90), "longitude": (-180, 180),
    "altitude": (-500, 9000),
}  # fmt: skip


@st.composite
def samples(draw: st.DrawFn) -> Samples:
    steps = draw(st.lists(st.integers(1, 600), max_size=200))
    offsets = [0]
    for step in steps:
        offsets.append(offsets[-1] + step)
    channels = {}
    for name in CHANNELS:
        if draw(st.booleans()):
            low, high = RANGES[name]
            value = st.none() | st.floats(low, high, allow_nan=False)
            channels[name] = tuple(
                draw(st.lists(value, min_size=len(offsets), max_size=len(offsets)))
            )
    return Samples(tuple(offsets), **channels)


@given(samples())
def test_decode_gives_back_what_was_encoded(original: Samples) -> None:
    back = codec.decode(codec.encode(original))

    assert back.offsets == original.offsets
    for name in CHANNELS:
        before, after = original.channel(name), back.channel(name)
        if not any(v is not None for v in before):
            assert after == ()
            continue
        assert len(after) == len(before)
        for a, b in zip(before, after, strict=True):
            assert (a is None) == (b is None)
            if a is not None and b is not None:
                assert b == pytest.approx(a, abs=PRECISION[name] + 1e-9)


def test_a_real_hour_of_1_hz_samples_takes_under_40_kib() -> None:
    """Edge 810 + Vector pedals, 4 700 one-second records of all eight channels."""
    ride = parsed("fit/Edge810-Vector-2013-08-16-15-35-10.fit").activities[0]
    blob = codec.encode(ride.samples)
    hours = ride.samples.offsets[-1] / 3600
    assert len(blob) / hours < 40 * 1024
    assert codec.decode(blob).hr == ride.samples.hr


@pytest.mark.parametrize(
    "blob", [b"", b"\x02abc", b"\x01not zlib", b"\x01x\x9c\x03\x00\x00\x00\x00\x01"]
)
def test_a_foreign_blob_is_refused(blob: bytes) -> None:
    with pytest.raises(codec.CorruptSamplesError):
        codec.decode(blob)
