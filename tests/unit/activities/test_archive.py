"""Reading zips of activity files: members, .gz members, and every guard against a hostile zip."""

from __future__ import annotations

import gzip

import pytest

from device_sync.files import FileParser
from device_sync.files.archive import Limits, ZipReader, display_name
from domain.activities.errors import FileRefusedError, Refusal
from tests.unit.activities.archives import RUN, TCX, strava_export, zip_of
from tests.unit.activities.files import content

READER = ZipReader()


def refusal_of(data: bytes, reader: ZipReader = READER) -> Refusal:
    with pytest.raises(FileRefusedError) as raised:
        reader.open(data)
    return raised.value.refusal


def test_a_strava_export_gives_its_activities_with_gz_members_unpacked() -> None:
    archive = READER.open(strava_export())

    assert [member.name for member in archive.members] == [
        "101.fit", "102.gpx", "103.fit", "104.tcx",
    ]  # fmt: skip
    assert archive.skipped == 3  # the CSVs and the photo
    assert archive.members[0].read() == content(RUN)
    parsed = FileParser().parse("104.tcx", archive.members[3].read())
    assert parsed.activities


def test_a_nested_zip_a_climbing_name_and_an_absolute_one_are_refused_by_name() -> None:
    data = zip_of(
        {
            "DI_CONNECT/UploadedFiles_0-_Part1.zip": zip_of({"a.fit": content(RUN)}),
            "../../etc/cron.d/evil.fit": content(RUN),
            "/abs/evil.gpx": b"<gpx/>",
            "C:/Windows/evil.tcx": b"<x/>",
            "ok/run.fit": content(RUN),
        }
    )
    archive = READER.open(data)

    assert dict(archive.refused) == {
        "UploadedFiles_0-_Part1.zip": Refusal.NESTED_ZIP,
        "evil.fit": Refusal.UNSAFE_NAME,
        "evil.gpx": Refusal.UNSAFE_NAME,
        "evil.tcx": Refusal.UNSAFE_NAME,
    }
    assert [member.name for member in archive.members] == ["run.fit"]


def test_a_highly_compressed_member_is_a_bomb_and_never_read() -> None:
    archive = READER.open(zip_of({"zeros.fit": bytes(5 * 1024 * 1024)}))

    assert archive.refused == (("zeros.fit", Refusal.ZIP_BOMB),)
    assert archive.members == ()


def test_a_gz_bomb_is_stopped_while_it_unpacks() -> None:
    bomb = gzip.compress(bytes(30 * 1024 * 1024))
    [member] = READER.open(zip_of({"activities/1.fit.gz": bomb})).members

    with pytest.raises(FileRefusedError) as raised:
        member.read()
    assert raised.value.refusal in {Refusal.ZIP_BOMB, Refusal.TOO_LARGE}


def test_a_cut_gz_member_is_refused() -> None:
    [member] = READER.open(zip_of({"1.gpx.gz": gzip.compress(content(RUN))[:300]})).members

    with pytest.raises(FileRefusedError) as raised:
        member.read()
    assert raised.value.refusal is Refusal.TRUNCATED


def test_an_archive_too_large_unpacked_or_with_too_many_files_is_refused_whole() -> None:
    data = zip_of({f"activities/{n}.fit": content(RUN) for n in range(5)})

    assert refusal_of(data, ZipReader(Limits(total_bytes=len(content(RUN)) * 4))) == (
        Refusal.ZIP_BOMB
    )
    assert refusal_of(data, ZipReader(Limits(members=4))) is Refusal.TOO_MANY_FILES
    assert len(ZipReader(Limits(members=5)).open(data).members) == 5


def test_a_member_whose_header_understates_its_size_is_read_no_further() -> None:
    """The central directory claims 100 bytes: zipfile reads 100 and the CRC then fails."""
    data = bytearray(zip_of({"run.fit": content(RUN)}))
    directory = data.rfind(b"PK\x01\x02")
    data[directory + 24 : directory + 28] = (100).to_bytes(4, "little")
    [member] = READER.open(bytes(data)).members

    with pytest.raises(FileRefusedError) as raised:
        member.read()
    assert raised.value.refusal is Refusal.DAMAGED


def test_an_encrypted_member_is_refused() -> None:
    data = bytearray(zip_of({"secret.fit": content(RUN)}))
    directory = data.rfind(b"PK\x01\x02")
    data[6] |= 0x1  # the "encrypted" bit of the general purpose flags, local and central
    data[directory + 8] |= 0x1

    assert READER.open(bytes(data)).refused == (("secret.fit", Refusal.ENCRYPTED),)


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 cut", content(RUN), b"<gpx/>"])
def test_what_is_not_a_zip_is_refused(data: bytes) -> None:
    assert refusal_of(data) is Refusal.NOT_ZIP


def test_names_shown_in_the_report_are_printable_and_short() -> None:
    assert display_name("a/b\\c/\x1b[31mrun\u202e.fit") == "[31mrun.fit"
    assert display_name("x" * 300 + ".fit") == "x" * 35 + "….fit"
    assert display_name("activities/" + "7" * 50 + ".fit.gz").endswith("….fit.gz")


def test_a_google_takeout_fit_export_gives_its_tcx_files() -> None:
    data = zip_of(
        {
            "Takeout/archive_browser.html": b"<html></html>",
            "Takeout/Fit/Activities/2026-11-02T07_15_00+01_00_PT32M_Running.tcx": content(TCX),
            "Takeout/Fit/Daily activity metrics/2026-11-02.csv": b"Start time,End time\n",
        }
    )
    archive = READER.open(data)

    [member] = archive.members
    assert member.name == "2026-11-02T07_15_00+01_00_PT32M_Run….tcx"  # cut, extension kept
    assert archive.skipped == 2
    assert FileParser().parse(member.name, member.read()).activities
