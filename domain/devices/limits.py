"""What a live sample may hold: the server refuses a batch beyond these, and the companion
drops a sensor's reading beyond them before it is sent, so both read them from here.

Pure constants over the domain's own rules (no framework): the companion imports this
module on the athlete's computer.
"""

from __future__ import annotations

from domain.activities.validation import HR_RANGE, SAMPLE_SPEED_FACTOR
from domain.workouts.models import Activity
from domain.workouts.validation import MAX_DISTANCE_M, MAX_DURATION_S, TOP_SPEED

MAX_BATCH_SAMPLES = 3600
MAX_RR_PER_SAMPLE = 16
# A strap's 255, a meter's 32767 W and a 30 ms "beat" are a sensor's glitch, not the athlete.
HR_BPM = HR_RANGE
POWER_W = (0, 3000)
CADENCE_PER_MIN = (0, 250)  # 255 is an all-ones uint8 garble of a footpod
DISTANCE_M = (0, MAX_DISTANCE_M)
RR_MS = (200, 3000)
SAMPLE_RANGES: dict[str, tuple[float, float]] = {
    "t": (0, MAX_DURATION_S),
    "hr": HR_BPM,
    "power": POWER_W,
    "cadence": CADENCE_PER_MIN,
    "distance": DISTANCE_M,
    "rr": RR_MS,
}


def top_sample_speed(activity: Activity) -> float:
    """A sample may be this fast (m/s): the file rule's factor over the sport's record
    average (the fastest sport's for one without a record)."""
    return TOP_SPEED.get(activity, max(TOP_SPEED.values())) * SAMPLE_SPEED_FACTOR
