"""Files that must be refused with a reason, or imported with a warning (ADR 0022)."""

from __future__ import annotations

import pytest

from device_sync.files import FileParser
from domain.activities.errors import FileRefusedError, Refusal
from domain.activities.models import FileWarning
from tests.unit.activities.files import content, shared

MIT_FIT = "fit/hrv-activity.fit"  # 55 kB, 1 072 records, MIT: corrupted at test time


def refusal(name: str, data: bytes) -> Refusal:
    with pytest.raises(FileRefusedError) as caught:
        FileParser().parse(name, data)
    return caught.value.refusal


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("bad/activity-activity-filecrc.fit", Refusal.BAD_CRC),
        ("bad/activity-filecrc.fit", Refusal.BAD_CRC),
        ("bad/activity-settings-corruptheader.fit", Refusal.DAMAGED),
        ("bad/activity-settings-nodata.fit", Refusal.TRUNCATED),
        ("bad/activity-unexpected-eof.fit", Refusal.TRUNCATED),
        ("other/MonitoringFile.fit", Refusal.NO_ACTIVITY),
        ("other/Settings.fit", Refusal.NO_ACTIVITY),
        ("other/WeightScaleSingleUser.fit", Refusal.NO_ACTIVITY),
        ("other/WorkoutIndividualSteps.fit", Refusal.NO_ACTIVITY),
        ("fit/DeveloperData.fit", Refusal.NO_ACTIVITY),
    ],
)
def test_garmin_sdk_examples_are_refused_with_their_reason(name: str, reason: Refusal) -> None:
    assert refusal(name, shared(name)) is reason


def test_a_flipped_file_crc_is_refused() -> None:
    data = bytearray(content(MIT_FIT))
    data[-1] ^= 0xFF
    assert refusal("ride.fit", bytes(data)) is Refusal.BAD_CRC


def test_a_file_cut_before_a_minute_of_records_is_refused() -> None:
    assert refusal("ride.fit", content(MIT_FIT)[:3000]) is Refusal.TRUNCATED


def test_a_file_cut_after_real_data_is_imported_with_a_warning() -> None:
    data = content(MIT_FIT)
    result = FileParser().parse("ride.fit", data[: len(data) * 3 // 4])
    assert result.warning is FileWarning.TRUNCATED
    assert 600 < len(result.activities[0].samples) < 1072


def test_a_broken_header_is_not_a_fit() -> None:
    data = bytearray(content(MIT_FIT))
    data[8:12] = b"XXXX"  # the ".FIT" signature
    assert refusal("ride.fit", bytes(data)) is Refusal.NOT_FIT


@pytest.mark.parametrize("name", ["empty.fit", "empty.gpx", "empty.tcx"])
def test_an_empty_file_is_refused(name: str) -> None:
    assert refusal(name, b"") is Refusal.EMPTY


def test_a_gpx_renamed_to_fit_is_not_a_fit() -> None:
    assert refusal("run.fit", content("gpx/cerknicko-jezero.gpx")) is Refusal.NOT_FIT


def test_a_fit_renamed_to_gpx_is_not_xml() -> None:
    assert refusal("run.gpx", content(MIT_FIT)) is Refusal.NOT_XML


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("gpx/route.gpx", Refusal.ROUTE_ONLY),
        ("gpx/cerknicko-without-times.gpx", Refusal.NO_TIMES),
        ("gpx/korita-zbevnica.gpx", Refusal.NO_TIMES),
        ("gpx/track-with-extremes.gpx", Refusal.NO_TIMES),
        ("gpx/gpx_with_garmin_extension.gpx", Refusal.NO_ACTIVITY),
        ("gpx/unicode_with_bom.gpx", Refusal.NO_ACTIVITY),
    ],
)
def test_gpx_without_a_timed_track_is_refused(name: str, reason: Refusal) -> None:
    assert refusal(name, content(name)) is reason


def test_an_xml_bomb_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><gpx>&b;</gpx>'
    )
    assert refusal("bomb.gpx", bomb) is Refusal.NOT_XML


def test_an_unknown_xml_encoding_is_refused() -> None:
    """Found by the fuzz test: a mutated declaration named a codec Python does not know."""
    gpx = b'<?xml version="1.0" encoding="Atf-8"?><gpx></gpx>'
    assert refusal("track.gpx", gpx) is Refusal.NOT_XML
