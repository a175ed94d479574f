"""/partners through the real Dispatcher: two athletes find each other and exchange
contacts only after consent; blocks are silent; crafted buttons get nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from db.uow import SqlUnitOfWork
from domain.users.models import CoarseLocation, Level, Sport, Weekday
from handlers.partner_callbacks import IntroAction, IntroCb
from tests.bot.conftest import NOW, Harness

BORIS, CARL = 7002, 7003
MOSCOW = CoarseLocation(55.8, 37.6)


async def athlete(
    chat: Harness, user_id: int, name: str, username: str | None, language: str = "en"
) -> Harness:
    """A person in the same Telegram, onboarded as a runner in Moscow."""
    if user_id != chat.user_id:
        chat.telegram.add_user(user_id, name, language_code=language, username=username)
    person = replace(chat, user_id=user_id, fed=[], _offset=0)
    await person.send("/start")
    await person.send("/cancel")
    async with SqlUnitOfWork(chat.sessions, lambda: NOW) as uow:
        user = await uow.users.get(user_id)
        assert user is not None
        profile = {
            "sports": frozenset({Sport.RUNNING}),
            "level": Level.INTERMEDIATE,
            "days": frozenset({Weekday.TUE, Weekday.SAT}),
            "city": "Moscow",
            "location": MOSCOW,
        }
        await uow.users.save(user.with_profile(**profile))
        await uow.commit()
    return person


async def discoverable(person: Harness) -> str:
    about = await person.send("/partners")
    assert "Only athletes who chose to be found appear here" in (about.text or "")
    listed = await person.press("Find partners")
    return listed.text or ""


@pytest.fixture
async def anna(chat: Harness) -> Harness:
    return await athlete(chat, chat.user_id, "Anna", "anna_runs")


@pytest.fixture
async def boris(chat: Harness) -> Harness:
    return await athlete(chat, BORIS, "Boris", "boris_rides")


async def test_two_athletes_find_each_other_and_get_contacts_only_after_consent(
    anna: Harness, boris: Harness
) -> None:
    assert "Nobody nearby matches you yet" in await discoverable(anna)
    listed = await discoverable(boris)
    # Everything matches but pace and age, which neither said: 0.5 each → 100 − 12.5.
    assert "Anna · 88% match" in listed
    assert "under 5 km away" in listed and "Common days: Tue, Sat" in listed
    assert "anna_runs" not in listed, "no username before consent"

    await boris.press("Say hi to Anna")
    assert boris.telegram.callback_answers[-1]["text"].startswith("Request sent")
    request = anna.last()
    assert "Boris</b> would like to train together" in (request.html or request.text or "")
    assert "boris_rides" not in (request.text or "")

    accepted = await anna.press("Accept")
    assert "Contact: @boris_rides" in (accepted.text or "")
    assert "Contact: @anna_runs" in (boris.last().text or "")

    await boris.press("Say hi to Anna")
    assert "already connected" in boris.telegram.callback_answers[-1]["text"]


async def test_a_blocked_athlete_sees_nothing_change_and_reaches_nobody(
    anna: Harness, boris: Harness
) -> None:
    await discoverable(anna)
    await discoverable(boris)
    await boris.press("Say hi to Anna")
    await anna.press("Block")
    assert "Blocked" in (anna.last().text or "")
    anna_messages = len(anna.telegram.messages(anna.user_id))

    relisted = await boris.send("/partners")
    assert "Anna" not in (relisted.text or ""), "a block hides both sides from each other"
    assert len(anna.telegram.messages(anna.user_id)) == anna_messages


async def test_a_report_blocks_and_is_kept_for_the_moderators(
    anna: Harness, boris: Harness
) -> None:
    await discoverable(anna)
    await discoverable(boris)
    await boris.press("Say hi to Anna")
    await anna.press("Report")
    done = await anna.press("Spam or advertising")
    assert "reported to the moderators" in (done.text or "")
    async with SqlUnitOfWork(anna.sessions, lambda: NOW) as uow:
        record = await uow.partners.record_of(anna.user_id)
    assert record.blocked == (BORIS,)
    assert [(who, str(reason)) for who, reason, _ in record.reports] == [(BORIS, "spam")]


async def test_a_crafted_accept_for_someone_elses_intro_gets_nothing(
    chat: Harness, anna: Harness, boris: Harness
) -> None:
    await discoverable(anna)
    await discoverable(boris)
    await boris.press("Say hi to Anna")
    carl = await athlete(chat, CARL, "Carl", "carl_lurks")
    crafted = IntroCb(action=IntroAction.ACCEPT, intro_id=1).pack()
    message = carl.last()
    carl.telegram.user_sends_callback_raw(CARL, message.message_id, crafted)
    await carl.deliver()
    assert "no longer open" in carl.telegram.callback_answers[-1]["text"]
    assert "anna_runs" not in " ".join(carl.texts())
    assert "boris_rides" not in " ".join(carl.texts())


async def test_without_sports_the_athlete_is_told_what_to_fill_in(anna: Harness) -> None:
    async with SqlUnitOfWork(anna.sessions, lambda: NOW) as uow:
        user = await uow.users.get(anna.user_id)
        assert user is not None
        await uow.users.save(user.with_profile(sports=frozenset()))
        await uow.commit()
    await anna.send("/partners")
    await anna.press("Find partners")
    assert "Tell me your sports first" in anna.telegram.callback_answers[-1]["text"]
    async with SqlUnitOfWork(anna.sessions, lambda: NOW) as uow:
        assert await uow.partners.profile(anna.user_id) is None


async def test_russian_athletes_read_partner_search_in_russian(chat: Harness) -> None:
    dasha = await athlete(chat, 7010, "Дарья", None, language="ru")
    about = await dasha.send("/partners")
    assert "Партнёры по тренировкам" in (about.text or "")
    listed = await dasha.press("Найти партнёров")
    assert "Пока рядом нет подходящих атлетов" in (listed.text or "")
