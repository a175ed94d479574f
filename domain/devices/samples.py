"""Live samples: checked like a file's, stored per batch, merged into 1 Hz Samples (ADR 0027)."""

from __future__ import annotations

import hashlib
import json
import math
import zlib
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from domain.activities.models import ParsedActivity, Samples
from domain.activities.summary import completed
from domain.devices.limits import (
    MAX_BATCH_SAMPLES,
    MAX_RR_PER_SAMPLE,
    SAMPLE_RANGES,
    top_sample_speed,
)
from domain.devices.models import LiveSample, LiveSession, StoredBatch
from domain.errors import InvalidValueError

FIELDS = ("hr", "power", "cadence", "speed", "distance")


def check_samples(samples: Sequence[LiveSample], session: LiveSession) -> None:
    """At most 3600 a batch; every value finite and in a range a body and a device reach."""
    if not samples:
        raise InvalidValueError("samples", "empty")
    if len(samples) > MAX_BATCH_SAMPLES:
        raise InvalidValueError("samples", "too_many", limit=MAX_BATCH_SAMPLES)
    ranges = {**SAMPLE_RANGES, "speed": (0.0, top_sample_speed(session.activity))}
    for index, sample in enumerate(samples):
        values: list[tuple[str, float | None]] = [("t", sample.t)]
        values += [(name, getattr(sample, name)) for name in FIELDS]
        values += [("rr", value) for value in sample.rr]
        for name, value in values:
            low, high = ranges[name]
            if value is not None and not (math.isfinite(value) and low <= value <= high):
                raise InvalidValueError(
                    f"samples[{index}].{name}", "out_of_range", low=low, high=high
                )
        if len(sample.rr) > MAX_RR_PER_SAMPLE:
            raise InvalidValueError(f"samples[{index}].rr", "too_many", limit=MAX_RR_PER_SAMPLE)


def _as_json(sample: LiveSample) -> dict[str, Any]:
    point: dict[str, Any] = {"t": sample.t}
    point.update(
        {name: getattr(sample, name) for name in FIELDS if getattr(sample, name) is not None}
    )
    if sample.rr:
        point["rr"] = list(sample.rr)
    return point


def encode_batch(seq: int, samples: Sequence[LiveSample]) -> StoredBatch:
    """Canonical JSON (its SHA-256 tells a resent batch from a different one), zlib'd."""
    text = json.dumps([_as_json(s) for s in samples], sort_keys=True, separators=(",", ":"))
    body = text.encode()
    return StoredBatch(seq, hashlib.sha256(body).hexdigest(), zlib.compress(body, 6))


def decode_batch(batch: StoredBatch) -> list[LiveSample]:
    points = json.loads(zlib.decompress(batch.payload))
    return [
        LiveSample(
            t=point["t"],
            rr=tuple(point.get("rr", ())),
            **{name: point.get(name) for name in FIELDS},
        )
        for point in points
    ]


def merged(batches: Iterable[StoredBatch]) -> Samples:
    """Every batch's points by time; a second point at the same second is dropped."""
    points = sorted((p for b in batches for p in decode_batch(b)), key=lambda p: p.t)
    offsets: list[int] = []
    columns: dict[str, list[float | None]] = {name: [] for name in FIELDS}
    for point in points:
        offset = math.floor(point.t)
        if offsets and offset <= offsets[-1]:
            continue
        offsets.append(offset)
        for name, column in columns.items():
            value = getattr(point, name)
            column.append(float(value) if value is not None else None)
    channels = {
        name: tuple(column) if any(v is not None for v in column) else ()
        for name, column in columns.items()
    }
    return Samples(tuple(offsets), **channels)


def live_activity(
    session: LiveSession, samples: Samples, ended_at: datetime | None
) -> ParsedActivity:
    """The session as an activity: until its end, or its last sample, whichever is later."""
    last = float(samples.offsets[-1]) if samples.offsets else 0.0
    span = (ended_at - session.started_at).total_seconds() if ended_at else 0.0
    parsed = ParsedActivity(
        activity=session.activity,
        sport=f"live/{session.activity.value}",
        started_at=session.started_at,
        duration_s=max(last, span),
        samples=samples,
    )
    return completed(parsed)


def check_ended(session: LiveSession, ended_at: datetime | None, now: datetime) -> None:
    """An end after the start and not later than now (a minute of clock skew allowed)."""
    if ended_at is None:
        return
    if ended_at <= session.started_at or ended_at > now + timedelta(minutes=1):
        raise InvalidValueError("ended_at", "out_of_range")
