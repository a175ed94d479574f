"""FIT files (Garmin's binary format) via fitdecode: one activity per session (ADR 0022)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import fitdecode

from device_sync.files.samples import SampleBuilder
from device_sync.files.sports import fit_activity
from domain.activities.errors import FileRefusedError, Refusal
from domain.activities.models import FileWarning, Lap, ParsedActivity, ParsedFile
from domain.activities.summary import completed

SEMICIRCLE_DEG = 180 / 2**31
# What was read before damage is kept when it holds at least a minute of records.
MIN_RECORDS_KEPT = 60
ACTIVITY_FILE = "activity"
MAX_ELAPSED_S = 7 * 24 * 3600  # beyond this a session is damage, not a workout
Values = dict[str, Any]
RECORD_FIELDS = frozenset(
    {
        "timestamp", "heart_rate", "power", "Power", "cadence", "enhanced_speed", "speed",
        "distance", "position_lat", "position_long", "enhanced_altitude", "altitude",
    }
)  # fmt: skip
NUMBERS = (int, float)


@dataclass
class _Read:
    records: list[Values] = field(default_factory=list)
    sessions: list[Values] = field(default_factory=list)
    laps: list[Values] = field(default_factory=list)
    file_types: list[Any] = field(default_factory=list)
    device: str | None = None
    sport: tuple[str, str] | None = None
    anchor: datetime | None = None
    warning: FileWarning | None = None


def parse_fit(content: bytes) -> ParsedFile:
    """Sessions (transitions left out) with their records; refused when nothing usable."""
    read = _read(content)
    _anchored(read)
    if read.file_types and ACTIVITY_FILE not in read.file_types:
        raise FileRefusedError(Refusal.NO_ACTIVITY)
    sessions = [s for s in read.sessions if str(s.get("sport")) != "transition"]
    if not sessions:
        sessions = [_session_from_records(read)]
    activities = tuple(_activity(session, read) for session in sessions)
    return ParsedFile(activities, read.device, read.warning)


def _read(content: bytes) -> _Read:
    read = _Read()
    reader = fitdecode.FitReader(
        io.BytesIO(content),
        check_crc=fitdecode.CrcCheck.RAISE,
        error_handling=fitdecode.ErrorHandling.IGNORE,
    )
    try:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                _take(frame, read)
    except fitdecode.FitHeaderError as error:
        if not read.records and not read.sessions:
            raise FileRefusedError(Refusal.NOT_FIT) from error
        _damaged(read, FileWarning.DAMAGED, error)
    except fitdecode.FitCRCError as error:
        raise FileRefusedError(Refusal.BAD_CRC) from error
    except fitdecode.FitEOFError as error:
        _damaged(read, FileWarning.TRUNCATED, error)
    except Exception as error:
        _damaged(read, FileWarning.DAMAGED, error)
    finally:
        reader.close()
    return read


def _damaged(read: _Read, warning: FileWarning, error: Exception) -> None:
    if len(read.records) < MIN_RECORDS_KEPT:
        raise FileRefusedError(Refusal(warning.value)) from error
    read.warning = warning


def _take(frame: fitdecode.FitDataMessage, read: _Read) -> None:
    name = frame.name
    if name not in {"record", "session", "lap", "file_id", "sport", "activity"}:
        return
    if name == "record":
        read.records.append(_record_fields(frame))
        return
    values = {item.name: item.value for item in frame.fields if item.value is not None}
    if name == "session":
        read.sessions.append(values)
    elif name == "lap":
        read.laps.append(values)
    elif name == "activity":
        stamp, local_stamp = values.get("timestamp"), values.get("local_timestamp")
        if isinstance(stamp, int) and isinstance(local_stamp, datetime):
            read.anchor = local_stamp - timedelta(seconds=stamp)
    elif name == "sport":
        read.sport = (str(values.get("sport", "")), str(values.get("sub_sport", "")))
    elif name == "file_id":
        read.file_types.append(values.get("type"))
        if read.device is None:
            read.device = _device(values)


def _record_fields(frame: fitdecode.FitDataMessage) -> Values:
    """Only the fields samples are made of: records are most of a file (hot path)."""
    values: Values = {}
    for item in frame.fields:
        field, value = item.field, item.value
        if field is not None and value is not None and field.name in RECORD_FIELDS:
            values[field.name] = value
    return values


def _anchored(read: _Read) -> None:
    """Times below 0x10000000 count from the device's power-on (FIT "system time"); the
    activity message's local time anchors them. Its zone is unknown: taken as UTC (ADR 0022)."""
    anchor = read.anchor
    if anchor is None:
        return
    for values in (*read.records, *read.sessions, *read.laps):
        for key in ("timestamp", "start_time"):
            if isinstance(values.get(key), int):
                values[key] = anchor + timedelta(seconds=values[key])


def _device(values: Values) -> str | None:
    maker = values.get("manufacturer")
    product = values.get("garmin_product") or values.get("product")
    parts = [str(part) for part in (maker, product) if part is not None]
    return " ".join(parts)[:64] or None


def _session_from_records(read: _Read) -> Values:
    """A file without a session (cut short, or a raw dump): its records make one."""
    stamps = [r["timestamp"] for r in read.records if isinstance(r.get("timestamp"), datetime)]
    if len(stamps) < MIN_RECORDS_KEPT:
        raise FileRefusedError(Refusal.NO_ACTIVITY)
    sport, sub_sport = read.sport or ("", "")
    return {
        "start_time": stamps[0],
        "total_elapsed_time": (stamps[-1] - stamps[0]).total_seconds(),
        "sport": sport,
        "sub_sport": sub_sport,
    }


def _activity(session: Values, read: _Read) -> ParsedActivity:
    start = session.get("start_time")
    elapsed = session.get("total_elapsed_time")
    if not isinstance(start, datetime) or not isinstance(elapsed, int | float):
        raise FileRefusedError(Refusal.NO_START)
    if not 0 <= elapsed <= MAX_ELAPSED_S:
        raise FileRefusedError(Refusal.TOO_LONG if elapsed > 0 else Refusal.TOO_SHORT)
    end = start + timedelta(seconds=elapsed)
    builder = SampleBuilder()
    for record in read.records:
        stamp = record.get("timestamp")
        if isinstance(stamp, datetime) and start <= stamp <= end:
            builder.add(round((stamp - start).total_seconds()), **_record_values(record))
    sport = str(session.get("sport", ""))
    sub_sport = str(session.get("sub_sport", ""))
    laps = tuple(_lap(lap, start) for lap in read.laps if _within(lap, start, end))
    parsed = ParsedActivity(
        activity=fit_activity(sport, sub_sport),
        sport=f"{sport}/{sub_sport}" if sub_sport and sub_sport != "generic" else sport,
        started_at=start,
        duration_s=float(elapsed),
        samples=builder.build(),
        moving_s=_number(session.get("total_timer_time")),
        distance_m=_number(session.get("total_distance")) or None,
        elevation_gain_m=_number(session.get("total_ascent")),
        avg_hr=_whole(session.get("avg_heart_rate")) or None,
        max_hr=_whole(session.get("max_heart_rate")) or None,
        avg_power=_number(session.get("avg_power")),
        normalized_power=_number(session.get("normalized_power")),
        avg_cadence=_number(session.get("avg_cadence", session.get("avg_running_cadence"))),
        calories=_whole(session.get("total_calories")),
        laps=laps,
    )
    return completed(parsed)


def _record_values(record: Values) -> dict[str, float | None]:
    lat, lon = record.get("position_lat"), record.get("position_long")
    return {
        "hr": _number(record.get("heart_rate")) or None,
        "power": _number(record.get("power", record.get("Power"))),
        "cadence": _number(record.get("cadence")),
        "speed": _number(record.get("enhanced_speed", record.get("speed"))),
        "distance": _number(record.get("distance")),
        "latitude": lat * SEMICIRCLE_DEG if isinstance(lat, int) else None,
        "longitude": lon * SEMICIRCLE_DEG if isinstance(lon, int) else None,
        "altitude": _number(record.get("enhanced_altitude", record.get("altitude"))),
    }


def _within(lap: Values, start: datetime, end: datetime) -> bool:
    began = lap.get("start_time")
    return isinstance(began, datetime) and start <= began < end


def _lap(lap: Values, start: datetime) -> Lap:
    return Lap(
        start_offset_s=round((lap["start_time"] - start).total_seconds()),
        duration_s=_number(lap.get("total_elapsed_time")) or 0.0,
        distance_m=_number(lap.get("total_distance")),
        avg_hr=_whole(lap.get("avg_heart_rate")),
    )


def _number(value: Any) -> float | None:
    """A plain int or float (never a bool, an enum or a tuple of values)."""
    return float(value) if type(value) in NUMBERS else None


def _whole(value: Any) -> int | None:
    number = _number(value)
    return round(number) if number is not None else None
