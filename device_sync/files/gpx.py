"""GPX tracks with times become one activity; routes and untimed tracks are refused."""

from __future__ import annotations

from dataclasses import replace
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
from domain.activities.models import ParsedActivity, ParsedFile
from domain.activities.summary import completed, track_distance

Point = tuple[datetime, dict[str, float | None]]


def parse_gpx(content: bytes) -> ParsedFile:
    """All timed track points of the file, in time order, as one activity."""
    root = root_of(content)
    if local(root.tag) != "gpx":
        raise FileRefusedError(Refusal.NOT_XML)
    tracks = children(root, "trk")
    points = [point for track in tracks for point in descendants(track, "trkpt")]
    if not points:
        has_route = any(descendants(route, "rtept") for route in children(root, "rte"))
        raise FileRefusedError(Refusal.ROUTE_ONLY if has_route else Refusal.NO_ACTIVITY)
    timed = [_point(point) for point in points]
    if any(point is None for point in timed):
        raise FileRefusedError(Refusal.NO_TIMES)
    ordered = sorted((p for p in timed if p is not None), key=lambda p: p[0])
    return ParsedFile((_activity(ordered, text_of(tracks[0], "type")),), _creator(root))


def _point(point: Element) -> Point | None:
    stamp = moment(text_of(point, "time"))
    if stamp is None:
        return None
    extension = {local(item.tag): item.text for item in point.iter()}
    values = {
        "latitude": latitude(point.get("lat")),
        "longitude": longitude(point.get("lon")),
        "altitude": number(text_of(point, "ele")),
        "hr": number(extension.get("hr")),
        "cadence": number(extension.get("cad")),
        "power": number(extension.get("power")),
    }
    return stamp, values


def _activity(points: list[Point], kind: str | None) -> ParsedActivity:
    start = points[0][0]
    builder = SampleBuilder()
    for stamp, values in points:
        builder.add(round((stamp - start).total_seconds()), **values)
    samples = builder.build()
    samples = replace(samples, distance=track_distance(samples))
    parsed = ParsedActivity(
        activity=named_activity(kind),
        sport=kind or "gpx",
        started_at=start,
        duration_s=float(samples.offsets[-1]),
        samples=samples,
    )
    return completed(parsed)


def _creator(root: Element) -> str | None:
    creator = root.get("creator")
    return creator.strip()[:64] or None if creator else None
