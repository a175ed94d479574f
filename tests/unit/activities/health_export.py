"""A generated Apple Health export.xml, shaped as Apple's export DTD (HealthKit Export
Version 14): a DOCTYPE with the element declarations, <ExportDate>, <Me>, then <Record>s
(heart rate among other types), <Workout>s with <MetadataEntry>, <WorkoutEvent>,
<WorkoutStatistics> and <WorkoutRoute>, and <ActivitySummary> lines. Nothing of a real
person's export is in the repository, so tests build one."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import IO

ZONE = timezone(timedelta(hours=1))
DEVICE = (
    "&lt;&lt;HKDevice: 0x283f1c2d0&gt;, name:Apple Watch, manufacturer:Apple Inc., "
    "model:Watch, hardware:Watch6,2, software:10.3&gt;"
)
DOCTYPE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 14 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
  value CDATA #REQUIRED
>
<!ELEMENT Me EMPTY>
<!ATTLIST Me
  HKCharacteristicTypeIdentifierDateOfBirth         CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBiologicalSex       CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBloodType           CDATA #REQUIRED
  HKCharacteristicTypeIdentifierFitzpatrickSkinType CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT MetadataEntry EMPTY>
<!ATTLIST MetadataEntry
  key   CDATA #REQUIRED
  value CDATA #REQUIRED
>
<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute|WorkoutStatistics)*)>
<!ATTLIST Workout
  workoutActivityType   CDATA #REQUIRED
  duration              CDATA #IMPLIED
  durationUnit          CDATA #IMPLIED
  totalDistance         CDATA #IMPLIED
  totalDistanceUnit     CDATA #IMPLIED
  totalEnergyBurned     CDATA #IMPLIED
  totalEnergyBurnedUnit CDATA #IMPLIED
  sourceName            CDATA #REQUIRED
  sourceVersion         CDATA #IMPLIED
  device                CDATA #IMPLIED
  creationDate          CDATA #IMPLIED
  startDate             CDATA #REQUIRED
  endDate               CDATA #REQUIRED
>
<!ELEMENT WorkoutEvent (MetadataEntry?)>
<!ATTLIST WorkoutEvent
  type         CDATA #REQUIRED
  date         CDATA #REQUIRED
  duration     CDATA #IMPLIED
  durationUnit CDATA #IMPLIED
>
<!ELEMENT WorkoutStatistics EMPTY>
<!ATTLIST WorkoutStatistics
  type      CDATA #REQUIRED
  startDate CDATA #REQUIRED
  endDate   CDATA #REQUIRED
  average   CDATA #IMPLIED
  minimum   CDATA #IMPLIED
  maximum   CDATA #IMPLIED
  sum       CDATA #IMPLIED
  unit      CDATA #IMPLIED
>
<!ELEMENT WorkoutRoute ((MetadataEntry|FileReference)*)>
<!ATTLIST WorkoutRoute
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT FileReference EMPTY>
<!ATTLIST FileReference
  path CDATA #REQUIRED
>
<!ELEMENT ActivitySummary EMPTY>
<!ATTLIST ActivitySummary
  dateComponents           CDATA #IMPLIED
  activeEnergyBurned       CDATA #IMPLIED
  activeEnergyBurnedGoal   CDATA #IMPLIED
  activeEnergyBurnedUnit   CDATA #IMPLIED
  appleExerciseTime        CDATA #IMPLIED
  appleStandHours          CDATA #IMPLIED
>
]>
<HealthData locale="en_GB">
 <ExportDate value="2026-11-20 09:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1990-05-01" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet"/>
"""  # noqa: E501


@dataclass(frozen=True, slots=True)
class HealthWorkout:
    kind: str  # without the HKWorkoutActivityType prefix
    start: datetime
    minutes: float
    distance_km: float | None = None
    kcal: float | None = None
    statistics: bool = False  # iOS 16+: totals and HR in <WorkoutStatistics>


def stamp(moment: datetime) -> str:
    return moment.astimezone(ZONE).strftime("%Y-%m-%d %H:%M:%S %z")


def record(kind: str, unit: str, value: float, start: datetime, seconds: int = 0) -> str:
    end = start + timedelta(seconds=seconds)
    return (
        f' <Record type="{kind}" sourceName="Anna’s Apple Watch" sourceVersion="10.3" '
        f'device="{DEVICE}" unit="{unit}" creationDate="{stamp(end + timedelta(seconds=7))}" '
        f'startDate="{stamp(start)}" endDate="{stamp(end)}" value="{value:g}">\n'
        '  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="1"/>\n </Record>\n'
    )


def workout_xml(workout: HealthWorkout) -> str:
    end = workout.start + timedelta(minutes=workout.minutes)
    span = f'startDate="{stamp(workout.start)}" endDate="{stamp(end)}"'
    totals = ""
    inner = ['  <MetadataEntry key="HKIndoorWorkout" value="0"/>\n']
    inner.append(f'  <WorkoutEvent type="HKWorkoutEventTypeSegment" date="{stamp(workout.start)}"'
                 f' duration="{workout.minutes:g}" durationUnit="min"/>\n')  # fmt: skip
    if workout.statistics:
        inner.append(
            f'  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" {span} '
            'average="151.3" minimum="96" maximum="176" unit="count/min"/>\n'
        )
        if workout.distance_km is not None:
            inner.append(
                f'  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" '
                f'{span} sum="{workout.distance_km:g}" unit="km"/>\n'
            )
        if workout.kcal is not None:
            inner.append(
                f'  <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" {span} '
                f'sum="{workout.kcal:g}" unit="kcal"/>\n'
            )
    else:
        if workout.distance_km is not None:
            totals += f' totalDistance="{workout.distance_km:g}" totalDistanceUnit="km"'
        if workout.kcal is not None:
            totals += f' totalEnergyBurned="{workout.kcal:g}" totalEnergyBurnedUnit="kcal"'
    inner.append(
        f'  <WorkoutRoute sourceName="Anna’s Apple Watch" {span}>\n   <FileReference '
        f'path="/workout-routes/route_{workout.start:%Y-%m-%d_%H.%M}.gpx"/>\n  </WorkoutRoute>\n'
    )
    return (
        f' <Workout workoutActivityType="HKWorkoutActivityType{workout.kind}" '
        f'duration="{workout.minutes:g}" durationUnit="min"{totals} '
        f'sourceName="Anna’s Apple Watch" sourceVersion="10.3" device="{DEVICE}" '
        f'creationDate="{stamp(end)}" {span}>\n' + "".join(inner) + " </Workout>\n"
    )


def chunks(
    workouts: list[HealthWorkout], hr_every_s: int = 5, other_records: int = 50, seed: int = 4
) -> Iterator[str]:
    """The document in pieces, Records first as Apple writes them (grouped by type)."""
    rng = random.Random(seed)
    yield DOCTYPE
    first = min((w.start for w in workouts), default=datetime(2026, 1, 1, tzinfo=ZONE))
    for index in range(other_records):
        moment = first - timedelta(days=3) + timedelta(minutes=7 * index)
        yield record("HKQuantityTypeIdentifierStepCount", "count", rng.randint(5, 900), moment, 60)
        yield record("HKQuantityTypeIdentifierHeartRate", "count/min", rng.randint(52, 95), moment)
    for workout in workouts:
        for second in range(0, round(workout.minutes * 60), hr_every_s):
            moment = workout.start + timedelta(seconds=second + rng.randint(0, 2))
            bpm = 120 + rng.randint(0, 45)
            yield record("HKQuantityTypeIdentifierHeartRate", "count/min", bpm, moment)
    for workout in workouts:
        yield workout_xml(workout)
    yield (
        ' <ActivitySummary dateComponents="2026-11-19" activeEnergyBurned="512.3" '
        'activeEnergyBurnedGoal="500" activeEnergyBurnedUnit="kcal" appleExerciseTime="41" '
        'appleStandHours="11"/>\n</HealthData>\n'
    )


def write_export(stream: IO[bytes], workouts: list[HealthWorkout], **options: int) -> None:
    for piece in chunks(workouts, **options):
        stream.write(piece.encode())


def export_xml(workouts: list[HealthWorkout], **options: int) -> bytes:
    buffer = io.BytesIO()
    write_export(buffer, workouts, **options)
    return buffer.getvalue()


def export_zip(
    xml: bytes, extras: dict[str, bytes] | None = None, name: str = "export.xml"
) -> bytes:
    """Apple's export.zip: apple_health_export/ with export.xml, export_cda.xml, routes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"apple_health_export/{name}", xml)
        archive.writestr("apple_health_export/export_cda.xml", b"<ClinicalDocument/>")
        for path, data in (extras or {}).items():
            archive.writestr(f"apple_health_export/{path}", data)
    return buffer.getvalue()
