"""Activity files sent as documents, through the real Dispatcher and database."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.sandbox.telegram import FakeTelegram
from db.uow import SqlUnitOfWork
from tests.bot.conftest import NOW, Harness

DATA = Path(__file__).parents[1] / "data" / "activities"
RUN = DATA / "fit" / "activity-small-fenix2-run.fit"


def content(path: Path) -> bytes:
    return path.read_bytes()


async def send_file(chat: Harness, path: Path, name: str | None = None) -> None:
    chat.telegram.user_sends_document(chat.user_id, name or path.name, content(path))
    await chat.deliver()


async def test_a_fit_run_gives_a_card_and_a_chart(chat: Harness) -> None:
    await chat.send("/start")
    await send_file(chat, RUN)

    messages = chat.telegram.messages(chat.user_id)
    card = next(m for m in messages if m.text and "Imported from the file" in m.text)
    assert "Run" in (card.text or "")
    assert "9.01 km" in (card.text or "")
    assert "fenix2" in (card.text or "")
    chart = messages[-1]
    assert chart.photo_bytes is not None
    assert chart.photo_bytes.startswith(b"\x89PNG")


async def test_the_same_file_twice_is_recognised(chat: Harness) -> None:
    await chat.send("/start")
    await send_file(chat, RUN)
    await send_file(chat, RUN, "copy.FIT")

    assert "already in your journal" in (chat.last().text or "")
    opened = await chat.press("Open it")
    assert "9.01 km" in (opened.text or "")


async def test_the_csv_button_sends_the_samples(chat: Harness) -> None:
    await chat.send("/start")
    await send_file(chat, DATA / "fit" / "garmin-fenix-5-run.fit")
    card = next(m for m in chat.telegram.messages(chat.user_id) if "Imported" in (m.text or ""))
    chat.telegram.user_presses(chat.user_id, card.message_id, card.button_data("CSV"))
    await chat.deliver()

    document = chat.last()
    assert document.document_bytes is not None
    lines = document.document_bytes.decode().splitlines()
    assert lines[0].startswith("offset_s,time_utc,hr_bpm")
    assert len(lines) == 1 + 20


async def test_a_gpx_without_times_is_refused(chat: Harness) -> None:
    await chat.send("/start")
    await send_file(chat, DATA / "gpx" / "cerknicko-without-times.gpx")

    assert "points without times" in (chat.last().text or "")
    await chat.send("/journal")
    assert "No workouts" in (chat.last().text or "") or "/log" in (chat.last().text or "")


async def test_an_oversize_file_is_refused_before_download(
    chat: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    await chat.send("/start")
    downloads: list[object] = []
    original = chat.telegram._methods["getfile"]

    async def counting(params: dict[str, object], files: dict[str, object]) -> object:
        downloads.append(params)
        return await original(params, files)  # type: ignore[arg-type]

    monkeypatch.setitem(chat.telegram._methods, "getfile", counting)
    update = chat.telegram.user_sends_document(chat.user_id, "huge.fit", b"\x0e\x10")
    update["message"]["document"]["file_size"] = 25 * 1024 * 1024
    await chat.deliver()

    assert "over 20 MB" in (chat.last().text or "")
    assert downloads == []


async def test_other_documents_get_a_hint(chat: Harness) -> None:
    await chat.send("/start")
    chat.telegram.user_sends_document(chat.user_id, "notes.pdf", b"%PDF-1.4")
    await chat.deliver()

    assert ".fit, .gpx or .tcx" in (chat.last().text or "")


async def test_a_russian_athlete_reads_russian(telegram: FakeTelegram, chat: Harness) -> None:
    telegram.add_user(7101, "Ира", language_code="ru")
    chat.user_id = 7101
    await chat.send("/start")
    await send_file(chat, DATA / "gpx" / "route.gpx")
    assert "запланированный маршрут" in (chat.last().text or "")

    await send_file(chat, RUN)
    texts = chat.texts()
    assert any("Импортировано из файла" in text for text in texts)


async def test_a_ride_with_power_shows_power_and_time_in_zones(chat: Harness) -> None:
    await chat.send("/start")
    user = await chat.user()
    assert user is not None
    async with SqlUnitOfWork(chat.sessions, lambda: NOW) as uow:
        await uow.users.save(user.with_profile(max_hr=190, resting_hr=50))
        await uow.commit()
    await send_file(chat, DATA / "fit" / "Edge810-Vector-2013-08-16-15-35-10.fit")

    card = next(m for m in chat.telegram.messages(chat.user_id) if "Imported" in (m.text or ""))
    text = card.text or ""
    assert "⚡ Power: avg" in text
    assert "Time in heart-rate zones" in text
    assert "Z3" in text
    assert "🏆 Best 20-min power — " in text
