"""A zip of activity files sent as a document: one message shows the progress, then the report."""

from __future__ import annotations

import gzip
import itertools
from datetime import timedelta
from typing import Any

import pytest

from bot.sandbox.telegram import FakeTelegram, SentMessage
from db.uow import SqlUnitOfWork
from handlers import imports_archive
from tests.bot.conftest import NOW, Harness
from tests.unit.activities.archives import RUN, strava_export, zip_of
from tests.unit.activities.files import content
from tests.unit.activities.health_export import ZONE, HealthWorkout, export_xml, export_zip


async def send_zip(chat: Harness, data: bytes, name: str = "export.zip") -> SentMessage:
    chat.telegram.user_sends_document(chat.user_id, name, data)
    await chat.deliver()
    return chat.last()


def record_edits(chat: Harness, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    edits: list[str] = []
    original = chat.telegram._methods["editmessagetext"]

    async def recording(params: dict[str, Any], files: dict[str, Any]) -> Any:
        edits.append(str(params.get("text")))
        return await original(params, files)

    monkeypatch.setitem(chat.telegram._methods, "editmessagetext", recording)
    return edits


async def journal_count(chat: Harness) -> int:
    async with SqlUnitOfWork(chat.sessions, lambda: NOW) as uow:
        return len(await uow.imports.all(chat.user_id))


async def test_a_strava_export_shows_progress_then_the_report(
    chat: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports_archive, "PROGRESS_INTERVAL_S", 0.0)
    await chat.send("/start")
    edits = record_edits(chat, monkeypatch)
    before = len(chat.telegram.messages(chat.user_id))

    report = await send_zip(chat, strava_export())

    assert len(chat.telegram.messages(chat.user_id)) == before + 1  # one message, edited
    assert edits[:4] == [f"📦 Importing: {done} / 4" for done in range(1, 5)]
    text = report.text or ""
    assert "Archive imported" in text
    assert "New: 4 · already in the journal: 0 · refused: 0" in text
    assert "New workouts: 4 · 3:21:20 · 27.82 km" in text
    assert "Run, 9.01 km, 47:12" in text
    assert "Ride, 457 m, 1:05" in text
    assert "Other files in the archive, not activities: 3" in text
    assert await journal_count(chat) == 4


async def test_the_same_zip_again_imports_nothing_new_and_says_so(chat: Harness) -> None:
    await chat.send("/start")
    await send_zip(chat, strava_export())
    again = await send_zip(chat, strava_export(), "export (1).zip")

    text = again.text or ""
    assert "New: 0 · already in the journal: 4 · refused: 0" in text
    assert "Nothing new: every activity in this archive is already in your journal." in text
    assert "Already in the journal: 101.fit, 102.gpx, 103.fit, 104.tcx" in text
    assert await journal_count(chat) == 4


async def test_progress_edits_are_paced_to_one_a_second(
    chat: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clock that moves 0.3 s per file: the status is edited at 1.2 s and 2.4 s only,
    then replaced by the report."""
    ticks = itertools.count(step=0.3)
    monkeypatch.setattr(imports_archive, "monotonic", lambda: next(ticks))
    await chat.send("/start")
    edits = record_edits(chat, monkeypatch)
    runs = {f"{n}.fit": content(RUN) for n in range(8)}  # one import, seven duplicates
    await send_zip(chat, zip_of(runs))

    assert edits[:2] == ["📦 Importing: 4 / 8", "📦 Importing: 8 / 8"]
    assert len(edits) == 3
    assert "Archive imported" in edits[-1]


async def test_bad_members_are_listed_with_their_reasons(chat: Harness) -> None:
    await chat.send("/start")
    data = zip_of(
        {
            "run.fit": content(RUN),
            "inner.zip": zip_of({"a.fit": content(RUN)}),
            "../../evil.fit": content(RUN),
            "zeros.fit": bytes(3 * 1024 * 1024),
            "activities/cut.fit.gz": gzip.compress(content(RUN))[:200],
            "notes.fit": b"this is not a fit file at all",
        }
    )
    text = (await send_zip(chat, data)).text or ""

    assert "New: 1 · already in the journal: 0 · refused: 5" in text
    assert "inner.zip — a zip inside the zip: send it on its own" in text
    assert "evil.fit — unsafe file name" in text
    assert "zeros.fit — unpacks to far more than its size (zip bomb?)" in text
    assert "cut.fit — cut short" in text
    assert "notes.fit — not an activity file" in text
    assert await journal_count(chat) == 1


@pytest.mark.parametrize(
    ("data", "answer"),
    [
        (b"PK\x03\x04 not really", "can't be opened as a zip archive"),
        (zip_of({"readme.txt": b"hi", "photo.jpg": b"\xff\xd8"}), "holds no .fit, .gpx or .tcx"),
        (zip_of({"inner.zip": zip_of({"a.fit": b"x"})}), "zip inside the zip"),
    ],
    ids=["not-a-zip", "no-activities", "only-a-nested-zip"],
)
async def test_an_archive_refused_whole_stores_nothing(
    chat: Harness, data: bytes, answer: str
) -> None:
    await chat.send("/start")
    text = (await send_zip(chat, data)).text or ""

    assert answer in text
    assert await journal_count(chat) == 0


async def test_an_oversize_zip_is_refused_before_download(chat: Harness) -> None:
    await chat.send("/start")
    update = chat.telegram.user_sends_document(chat.user_id, "export.zip", b"PK")
    update["message"]["document"]["file_size"] = 21 * 1024 * 1024
    await chat.deliver()

    assert "over 20 MB" in (chat.last().text or "")


async def test_an_apple_health_export_imports_workouts_with_heart_rate(chat: Harness) -> None:
    await chat.send("/start")
    start = NOW.astimezone(ZONE) - timedelta(days=10)
    workouts = [
        HealthWorkout("Running", start, 30, 5.0, 320),
        HealthWorkout("Cycling", start + timedelta(days=2), 60, 24.0, 580, statistics=True),
        HealthWorkout("Tennis", start + timedelta(days=3), 50),
    ]
    text = (await send_zip(chat, export_zip(export_xml(workouts)))).text or ""

    assert "New: 2 · already in the journal: 0 · refused: 0" in text
    assert "Run, 5.00 km" in text
    assert "Ride, 24.00 km" in text
    assert "types the journal has no sport for, skipped: 1 (Tennis)" in text
    async with SqlUnitOfWork(chat.sessions, lambda: NOW) as uow:
        metas = await uow.imports.all(chat.user_id)
        assert {meta.max_hr for meta in metas} == {165, 176}

    again = await send_zip(chat, export_zip(export_xml(workouts)))
    assert "Nothing new" in (again.text or "")


async def test_an_apple_export_with_entities_is_refused_and_stores_nothing(
    chat: Harness,
) -> None:
    await chat.send("/start")
    xml = export_xml([]).replace(b"]>", b'<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>', 1)
    text = (await send_zip(chat, export_zip(xml.replace(b"en_GB", b"&b;")))).text or ""

    assert "declares entities" in text
    assert await journal_count(chat) == 0


async def test_a_russian_athlete_reads_the_report_in_russian(
    telegram: FakeTelegram, chat: Harness
) -> None:
    telegram.add_user(7102, "Ира", language_code="ru")
    chat.user_id = 7102
    await chat.send("/start")
    data = zip_of({"run.fit": content(RUN), "inner.zip": zip_of({"a.fit": b"x"})})
    text = (await send_zip(chat, data)).text or ""

    assert "Архив импортирован" in text
    assert "Новых: 1 · уже в журнале: 0 · отклонено: 1" in text
    assert "inner.zip — zip внутри zip" in text


async def test_a_report_of_many_refusals_stays_one_short_message(chat: Harness) -> None:
    await chat.send("/start")
    junk = {f"activities/{'very-long-activity-name-' * 4}{n}.fit": b"junk" for n in range(40)}
    text = (await send_zip(chat, zip_of(junk))).text or ""

    assert "refused: 40" in text
    assert "…and 25 more" in text
    assert len(text) < 4096


async def test_when_telegram_refuses_the_edits_the_report_still_arrives(
    chat: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports_archive, "PROGRESS_INTERVAL_S", 0.0)
    await chat.send("/start")
    before = len(chat.telegram.messages(chat.user_id))
    chat.telegram.inject("editMessageText", error_code=429, retry_after=30, times=100)

    report = await send_zip(chat, zip_of({"run.fit": content(RUN), "b.fit": b"junk"}))

    messages = chat.telegram.messages(chat.user_id)
    assert len(messages) == before + 2  # the status, stuck, and the report as a new message
    assert messages[-2].text == "📦 Importing: 0 / 2"
    assert "New: 1 · already in the journal: 0 · refused: 1" in (report.text or "")
    assert await journal_count(chat) == 1
