"""What an imported workout's samples tell beyond its summary: zones and a samples CSV."""

from __future__ import annotations

import csv
import io
import itertools
from datetime import datetime, timedelta

from domain.activities.models import CHANNELS, Samples
from domain.coaching.zones import hr_zones, max_heart_rate, time_in_zones
from domain.users.models import User

# A pause longer than this between two samples is not time spent at that heart rate.
MAX_SAMPLE_GAP_S = 10
CSV_HEADER = (
    "offset_s", "time_utc", "hr_bpm", "power_w", "cadence_rpm", "speed_mps", "distance_m",
    "latitude", "longitude", "altitude_m",
)  # fmt: skip


def hr_zone_seconds(user: User, samples: Samples, started_at: datetime) -> tuple[int, ...]:
    """Seconds in each heart-rate zone, second by second (empty without HR or a maximum)."""
    profile = user.profile
    age = started_at.year - profile.birth_year if profile.birth_year else None
    top = max_heart_rate(profile.max_hr, age)
    points = samples.present("hr")
    if top is None or len(points) < 2:
        return ()
    efforts = [
        (hr, min(next_offset - offset, MAX_SAMPLE_GAP_S))
        for (offset, hr), (next_offset, _) in itertools.pairwise(points)
    ]
    return time_in_zones(efforts, hr_zones(top, profile.resting_hr))


def samples_csv(samples: Samples, started_at: datetime) -> bytes:
    """One row per sample, SI units, times in UTC; empty cells where a value is missing."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    columns = [samples.channel(name) for name in CHANNELS]
    for index, offset in enumerate(samples.offsets):
        moment = (started_at + timedelta(seconds=offset)).isoformat()
        cells = [_cell(column[index]) if column else "" for column in columns]
        writer.writerow([offset, moment, *cells])
    return buffer.getvalue().encode()


def _cell(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.7f}".rstrip("0").rstrip(".")
