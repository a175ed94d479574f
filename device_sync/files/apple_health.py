"""Apple Health's export.xml, streamed: one pass for the <Workout> elements, one for the
heart-rate <Record> samples inside them; memory holds the workouts, never the file (ADR 0031)."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeTree
from defusedxml import DefusedXmlException

from device_sync.files.health_types import ENERGY_KCAL, LENGTH_M, TIME_S, health_activity
from device_sync.files.samples import SampleBuilder
from device_sync.files.xml import number
from domain.activities.archive import HealthWorkouts
from domain.activities.errors import FileRefusedError, Refusal
from domain.activities.models import ParsedActivity
from domain.activities.summary import completed

HEART_RATE = "HKQuantityTypeIdentifierHeartRate"
ENERGY_TYPES = ("HKQuantityTypeIdentifierActiveEnergyBurned",)
ROOT_TAG = b"<HealthData"
Opener = Callable[[], IO[bytes]]


@dataclass(slots=True)
class _Workout:
    kind: str
    start: datetime
    end: datetime
    duration_s: float
    distance_m: float | None = None
    calories: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None


def is_health_export(head: bytes) -> bool:
    return ROOT_TAG in head


def parse_health_export(opener: Opener) -> HealthWorkouts:
    """Workouts of a known type with their HR samples; HealthXml refusal on bad XML."""
    unknown: Counter[str] = Counter()
    workouts: list[_Workout] = []
    for element in _top_level(opener, "Workout"):
        found = _workout(element)
        if found is None:
            continue
        if health_activity(found.kind) is None:
            unknown[found.kind.removeprefix("HKWorkoutActivityType")] += 1
        else:
            workouts.append(found)
    workouts.sort(key=lambda workout: workout.start)
    samples = _heart_rates(opener, workouts) if workouts else {}
    activities = tuple(_activity(w, samples.get(i, [])) for i, w in enumerate(workouts))
    return HealthWorkouts(activities, tuple(sorted(unknown.items())))


def _top_level(opener: Opener, tag: str) -> Iterator[Element]:
    """Each child of <HealthData> named `tag`, complete; every child is dropped once read."""
    with opener() as stream:
        events = SafeTree.iterparse(stream, events=("start", "end"), forbid_dtd=False)
        depth = 0
        root: Element | None = None
        try:
            for event, element in events:
                if event == "start":
                    depth += 1
                    root = element if root is None else root
                    continue
                depth -= 1
                if depth == 1:
                    if element.tag == tag:
                        yield element
                    assert root is not None
                    root.clear()
        except (SafeTree.ParseError, DefusedXmlException, ValueError, LookupError) as error:
            raise FileRefusedError(Refusal.HEALTH_XML) from error


def moment(text: str | None) -> datetime | None:
    """Apple writes "2024-03-02 07:15:00 +0100"."""
    if not text or len(text) < 19:
        return None
    try:
        parsed = datetime.fromisoformat(text[:19] + text[20:] if text[19:20] == " " else text)
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _workout(element: Element) -> _Workout | None:
    start, end = moment(element.get("startDate")), moment(element.get("endDate"))
    if start is None or end is None:
        return None
    duration = _scaled(element.get("duration"), element.get("durationUnit") or "min", TIME_S)
    found = _Workout(
        kind=element.get("workoutActivityType") or "",
        start=start,
        end=end,
        duration_s=duration if duration is not None else (end - start).total_seconds(),
        distance_m=_scaled(
            element.get("totalDistance"), element.get("totalDistanceUnit"), LENGTH_M
        ),
        calories=_scaled(
            element.get("totalEnergyBurned"), element.get("totalEnergyBurnedUnit"), ENERGY_KCAL
        ),
    )
    for statistic in element.iter("WorkoutStatistics"):
        _statistic(found, statistic)
    return found


def _statistic(workout: _Workout, statistic: Element) -> None:
    """iOS 16 and later put the totals here instead of on the <Workout> itself."""
    kind, unit = statistic.get("type") or "", statistic.get("unit")
    if kind == HEART_RATE:
        workout.avg_hr = number(statistic.get("average"))
        workout.max_hr = number(statistic.get("maximum"))
    elif kind.startswith("HKQuantityTypeIdentifierDistance") and workout.distance_m is None:
        workout.distance_m = _scaled(statistic.get("sum"), unit, LENGTH_M)
    elif kind in ENERGY_TYPES and workout.calories is None:
        workout.calories = _scaled(statistic.get("sum"), unit, ENERGY_KCAL)


def _scaled(text: str | None, unit: str | None, table: dict[str, float]) -> float | None:
    value = number(text)
    factor = table.get(unit or "")
    return value * factor if value is not None and factor is not None else None


def _heart_rates(opener: Opener, workouts: list[_Workout]) -> dict[int, list[tuple[int, float]]]:
    """Each heart-rate sample inside a workout's time range, by the workout's index."""
    starts = [workout.start for workout in workouts]
    found: dict[int, list[tuple[int, float]]] = {}
    for element in _top_level(opener, "Record"):
        if element.get("type") != HEART_RATE:
            continue
        stamp, value = moment(element.get("startDate")), number(element.get("value"))
        if stamp is None or value is None:
            continue
        index = bisect.bisect_right(starts, stamp) - 1
        if index >= 0 and stamp <= workouts[index].end:
            offset = round((stamp - workouts[index].start).total_seconds())
            found.setdefault(index, []).append((offset, value))
    return found


def _activity(workout: _Workout, heart_rates: list[tuple[int, float]]) -> ParsedActivity:
    builder = SampleBuilder()
    for offset, value in sorted(heart_rates):
        builder.add(offset, hr=value)
    activity = health_activity(workout.kind)
    assert activity is not None
    parsed = ParsedActivity(
        activity=activity,
        sport=f"apple/{workout.kind.removeprefix('HKWorkoutActivityType')}"[:32],
        started_at=workout.start,
        duration_s=workout.duration_s,
        samples=builder.build(),
        distance_m=workout.distance_m or None,
        avg_hr=round(workout.avg_hr) if workout.avg_hr else None,
        max_hr=round(workout.max_hr) if workout.max_hr else None,
        calories=round(workout.calories) if workout.calories is not None else None,
    )
    return completed(parsed)
