"""Garmin Training Center files: each Activity with its laps and trackpoints."""

from __future__ import annotations

from datetime import datetime
from xml.etree.ElementTree import Element

from device_sync.files.samples import SampleBuilder
from device_sync.files.sports import named_activity
from device_sync.files.xml import (
    children,
    descendants,
    latitude,
    local,
    longitude,
    moment,
    number,
    root_of,
    text_of,
)
from domain.activities.errors import FileRefusedError, Refusal
from domain.activities.models import Lap, ParsedActivity, ParsedFile
from domain.activities.summary import completed


def parse_tcx(content: bytes) -> ParsedFile:
    """One activity per <Activity> that has timed trackpoints."""
    root = root_of(content)
    if local(root.tag) != "TrainingCenterDatabase":
        raise FileRefusedError(Refusal.NOT_XML)
    activities = tuple(
        parsed for item in descendants(root, "Activity") if (parsed := _activity(item))
    )
    if not activities:
        raise FileRefusedError(Refusal.NO_ACTIVITY)
    creator = text_of(root, "Activities", "Activity", "Creator", "Name")
    return ParsedFile(activities, creator[:64] if creator else None)


def _activity(element: Element) -> ParsedActivity | None:
    laps = children(element, "Lap")
    points = [p for p in descendants(element, "Trackpoint") if moment(text_of(p, "Time"))]
    start = moment(laps[0].get("StartTime")) if laps else None
    if not points:
        return None
    first = moment(text_of(points[0], "Time"))
    assert first is not None
    start = min(start, first) if start else first
    builder = SampleBuilder()
    for point in points:
        stamp = moment(text_of(point, "Time"))
        assert stamp is not None
        builder.add(round((stamp - start).total_seconds()), **_values(point))
    samples = builder.build()
    lap_values = tuple(_lap(lap, start) for lap in laps)
    duration = sum(lap.duration_s for lap in lap_values) or float(samples.offsets[-1])
    distance = sum(lap.distance_m or 0.0 for lap in lap_values) or None
    calories = sum(int(number(text_of(lap, "Calories")) or 0) for lap in laps) or None
    sport = element.get("Sport") or "tcx"
    parsed = ParsedActivity(
        activity=named_activity(sport),
        sport=sport,
        started_at=start,
        duration_s=duration,
        samples=samples,
        distance_m=distance,
        calories=calories,
        laps=lap_values,
    )
    return completed(parsed)


def _values(point: Element) -> dict[str, float | None]:
    extension = {local(item.tag): item.text for item in point.iter()}
    return {
        "latitude": latitude(text_of(point, "Position", "LatitudeDegrees")),
        "longitude": longitude(text_of(point, "Position", "LongitudeDegrees")),
        "altitude": number(text_of(point, "AltitudeMeters")),
        "distance": number(text_of(point, "DistanceMeters")),
        "hr": number(text_of(point, "HeartRateBpm", "Value")),
        "cadence": number(text_of(point, "Cadence") or extension.get("RunCadence")),
        "speed": number(extension.get("Speed")),
        "power": number(extension.get("Watts")),
    }


def _lap(lap: Element, start: datetime) -> Lap:
    began = moment(lap.get("StartTime")) or start
    hr = number(text_of(lap, "AverageHeartRateBpm", "Value"))
    return Lap(
        start_offset_s=round((began - start).total_seconds()),
        duration_s=number(text_of(lap, "TotalTimeSeconds")) or 0.0,
        distance_m=number(text_of(lap, "DistanceMeters")),
        avg_hr=round(hr) if hr is not None else None,
    )
