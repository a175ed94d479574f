"""Personal records: longest, fastest over race distances, heaviest lifts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from domain.coaching.load import epley_1rm
from domain.coaching.power import FTP_TEST_S, best_mean_power
from domain.workouts.models import Activity, Workout

RACE_DISTANCES_M = {
    "1k": 1000.0,
    "5k": 5000.0,
    "10k": 10_000.0,
    "half": 21_097.5,
    "marathon": 42_195.0,
}
# A logged run counts for a race distance when it covers it and at most 2 % more;
# its time is scaled down to the race distance.
RACE_TOLERANCE = 1.02
LONGEST_FOR = (Activity.RUN, Activity.RIDE, Activity.SWIM, Activity.WALK, Activity.HIKE)


class RecordKind(StrEnum):
    LONGEST = "longest"
    FASTEST = "fastest"
    HEAVIEST = "heaviest"
    BEST_1RM = "best_1rm"
    BEST_POWER = "best_power"


@dataclass(frozen=True, slots=True)
class Record:
    kind: RecordKind
    subject: str
    value: float
    activity: Activity

    @property
    def key(self) -> tuple[RecordKind, str]:
        return self.kind, self.subject

    def beats(self, other: Record | None) -> bool:
        """Fastest means less time; everything else means more."""
        if other is None:
            return True
        if self.kind is RecordKind.FASTEST:
            return self.value < other.value - 0.5
        return self.value > other.value + 1e-9


def candidates(workout: Workout) -> list[Record]:
    """The records this workout could hold."""
    found: list[Record] = []
    if workout.activity in LONGEST_FOR and workout.distance_m:
        found.append(
            Record(
                RecordKind.LONGEST, workout.activity.value, workout.distance_m, workout.activity
            )
        )
    if workout.activity is Activity.RUN and workout.distance_m and workout.duration_s:
        for name, metres in RACE_DISTANCES_M.items():
            if metres <= workout.distance_m <= metres * RACE_TOLERANCE:
                seconds = workout.duration_s * metres / workout.distance_m
                found.append(Record(RecordKind.FASTEST, name, round(seconds), workout.activity))
    for item in workout.sets:
        if item.weight_kg:
            found.append(
                Record(RecordKind.HEAVIEST, item.exercise, item.weight_kg, workout.activity)
            )
            one_rm = round(epley_1rm(item.weight_kg, item.reps), 1)
            found.append(Record(RecordKind.BEST_1RM, item.exercise, one_rm, workout.activity))
    return best_of(found)


def segment_candidates(
    activity: Activity, track: Sequence[tuple[int, float]], power_1hz: Sequence[float]
) -> list[Record]:
    """Records inside a longer workout, from its samples: the fastest stretch of a run over
    each race distance ((seconds, metres) points) and a ride's best 20-minute power."""
    found: list[Record] = []
    if activity is Activity.RUN:
        for name, metres in RACE_DISTANCES_M.items():
            seconds = fastest_stretch(track, metres)
            if seconds is not None:
                found.append(Record(RecordKind.FASTEST, name, seconds, activity))
    if activity is Activity.RIDE:
        best = best_mean_power(power_1hz, FTP_TEST_S)
        if best:
            found.append(Record(RecordKind.BEST_POWER, "20min", round(best, 1), activity))
    return found


def fastest_stretch(track: Sequence[tuple[int, float]], metres: float) -> int | None:
    """The least time between two points at least `metres` apart along the way."""
    best: int | None = None
    start = 0
    for end in range(len(track)):
        while start + 1 <= end and track[end][1] - track[start + 1][1] >= metres:
            start += 1
        if track[end][1] - track[start][1] >= metres:
            seconds = track[end][0] - track[start][0]
            best = seconds if best is None else min(best, seconds)
    return best


def best_of(records: list[Record]) -> list[Record]:
    """One record per kind and subject: the best."""
    best: dict[tuple[RecordKind, str], Record] = {}
    for record in records:
        if record.beats(best.get(record.key)):
            best[record.key] = record
    return list(best.values())
