"""A challenge in a group chat through the real Dispatcher: setup, joins, /top, edits, void."""

from __future__ import annotations

from datetime import timedelta

from bot.challenges import TelegramChallenges
from bot.i18n import I18n
from bot.sandbox.telegram import SentMessage
from db.uow import SqlUnitOfWork
from domain.campaigns.models import Role
from scheduler.challenges import edit_challenge_boards
from tests.bot.conftest import ANNA, NOW, Harness

GROUP = -100500
BORIS, CARL, DINA = 7002, 7003, 7004


async def press(chat: Harness, user_id: int, message: SentMessage, label: str) -> None:
    data = message.button_data(label)
    chat.telegram.user_presses(user_id, message.message_id, data, chat_id=GROUP)
    await chat.deliver()


async def say(chat: Harness, user_id: int, text: str, chat_id: int | None = None) -> SentMessage:
    chat.user_id = user_id
    return await chat.send(text, chat_id)


def last_alert(chat: Harness) -> dict[str, object]:
    return chat.telegram.callback_answers[-1]


async def setup_group(chat: Harness) -> SentMessage:
    """Anna (admin) posts "Run week": runs only, distance, this week, most wins."""
    telegram = chat.telegram
    for user_id, name in ((BORIS, "Boris"), (CARL, "Carl"), (DINA, "Dina")):
        telegram.add_user(user_id, name)
    telegram.add_group(GROUP, "Runners", admins=[ANNA], members=[BORIS, CARL, DINA])
    for user_id in (ANNA, BORIS, CARL):
        await say(chat, user_id, "/help")
    card = await say(chat, ANNA, "/challenge Run week", GROUP)
    assert "Setting up «Run week»" in (card.text or "")
    await press(chat, ANNA, card, "Run")
    card = chat.last(GROUP)
    assert "✅ 🏃 Run" in [label for row in card.reply_markup for label, _ in row]
    await press(chat, ANNA, card, "Post")
    return chat.last(GROUP)


async def boards(chat: Harness, at_seconds: int) -> int:
    announcer = TelegramChallenges(chat.bot, I18n())
    clock = lambda: NOW + timedelta(seconds=at_seconds)  # noqa: E731

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(chat.sessions, clock)

    return await edit_challenge_boards(uow, clock, announcer)


async def test_an_admin_sets_a_challenge_up_and_posts_it_pinned(chat: Harness) -> None:
    board = await setup_group(chat)
    text = board.text or ""
    assert "🏆 Run week" in text
    assert "Distance · 🏃 Run" in text
    assert "Most wins" in text
    assert "Nobody has joined yet" in text
    pins = [p for m, p in chat.telegram.state.calls if m == "pinChatMessage"]
    assert pins and pins[-1]["message_id"] == board.message_id


async def test_only_admins_set_up_and_only_the_organizer_presses(chat: Harness) -> None:
    await setup_group(chat)
    refused = await say(chat, BORIS, "/challenge Mine", GROUP)
    assert "Only the chat's administrators" in (refused.text or "")
    card = await say(chat, ANNA, "/challenge Second", GROUP)
    await press(chat, BORIS, card, "Ride")
    assert "Only the admin who started this setup" in str(last_alert(chat).get("text"))
    assert "✅ 🚴 Ride" not in [label for row in chat.last(GROUP).reply_markup for label, _ in row]


async def test_members_join_and_their_workouts_move_the_leaderboard(chat: Harness) -> None:
    board = await setup_group(chat)
    await press(chat, BORIS, board, "Join")
    assert "You're in «Run week»!" in str(last_alert(chat).get("text"))
    await press(chat, CARL, board, "Join")
    await press(chat, DINA, board, "Join")
    link = str(last_alert(chat).get("url"))
    assert link.startswith("https://t.me/coachbot?start=c_"), "Dina never started the bot"
    await say(chat, DINA, f"/start {link.split('start=')[1]}")
    assert "You're in «Run week»!" in chat.texts()[-3]
    assert "You came from a challenge" in chat.texts()[-2], "the greeting names the link"
    assert "Step 1 of 9" in chat.texts()[-1], "and onboarding goes on"
    card = await say(chat, BORIS, "/log run 10k 50:00")
    assert "🏆 Counts in the challenge «Run week»." in (card.text or "")
    await say(chat, CARL, "/log run 5k 25:00")
    await say(chat, DINA, "/log run 15k 1:20:00")
    await say(chat, DINA, "/log ride 40k 1:20:00")  # not a run: does not count
    cheat = await say(chat, CARL, "/log run 10k 25:00")  # the journal takes it: 6.7 m/s
    assert "faster than the world record" in (cheat.text or "")
    top = await say(chat, CARL, "/top", GROUP)
    text = top.text or ""
    assert "🥇 Dina — 15.0 km" in text
    assert "🥈 Boris — 10.0 km" in text
    assert "🥉 Carl — 5.0 km" in text
    assert "Participants: 3" in text


async def test_the_pinned_board_is_edited_at_most_once_a_minute(chat: Harness) -> None:
    board = await setup_group(chat)
    await press(chat, BORIS, board, "Join")
    assert await boards(chat, 0) == 1
    pinned = next(m for m in chat.telegram.messages(GROUP) if m.message_id == board.message_id)
    assert pinned.edits == 1
    await say(chat, BORIS, "/log run 10k 50:00")
    assert await boards(chat, 30) == 0, "changed, but edited 30 s ago"
    assert pinned.edits == 1
    assert await boards(chat, 61) == 1
    assert pinned.edits == 2
    assert "🥇 Boris — 10.0 km" in (pinned.text or "")
    assert await boards(chat, 200) == 0, "nothing changed since"


async def test_the_organizer_voids_an_entry_and_the_total_drops(chat: Harness) -> None:
    board = await setup_group(chat)
    await press(chat, BORIS, board, "Join")
    await press(chat, CARL, board, "Join")
    await say(chat, BORIS, "/log run 10k 50:00")
    await say(chat, CARL, "/log run 5k 25:00")
    refused = await say(chat, BORIS, "/void", GROUP)
    assert "Only the chat's administrators" in (refused.text or "")
    entries = await say(chat, ANNA, "/void", GROUP)
    assert "Boris · 🏃 Run · 10.0 km" in (entries.text or "")
    await press(chat, BORIS, entries, "Boris")
    assert "Only the chat's administrators" in str(last_alert(chat).get("text"))
    await press(chat, ANNA, entries, "Boris")
    after = chat.last(GROUP)
    assert "(voided)" in (after.text or "")
    top = await say(chat, CARL, "/top", GROUP)
    assert "🥇 Carl — 5.0 km" in (top.text or "")
    assert "🥈 Boris — 0.0 km" in (top.text or "")
    async with SqlUnitOfWork(chat.sessions, lambda: NOW) as uow:
        log = await uow.admins.audit_log(5)
    assert [entry.action for entry in log] == ["challenge.void"]
    assert f"user:{BORIS}" in log[0].target


async def test_a_personal_challenge_against_a_goal_in_the_private_chat(chat: Harness) -> None:
    card = await chat.send("/challenge My 50")
    assert "Most wins" not in [label for row in card.reply_markup for label, _ in row]
    await chat.press("Reach N")
    assert "Send the goal" in (chat.last().text or "")
    refused = await chat.send("lots")
    assert "Send the goal as a number" in (refused.text or "")
    card = await chat.send("50")
    assert "Reach 50.0 km" in (card.text or "")
    board = await chat.press("Post")
    assert "Participants: 1" in (board.text or "")
    await chat.send("/log run 10k 52:30")
    top = await chat.send("/top")
    assert "🥇 Anna — 10.0 km" in (top.text or "")


async def test_only_bot_admins_create_global_challenges(chat: Harness) -> None:
    answer = await chat.send("/challenge_global Monthly")
    assert "I don't know the command" in (answer.text or "")
    async with SqlUnitOfWork(chat.sessions, lambda: NOW) as uow:
        await uow.admins.grant(ANNA, Role.ADMIN, NOW)
        await uow.commit()
    await chat.send("/challenge_global Monthly")
    await chat.press("This month")
    board = await chat.press("Post")
    assert "Anyone joins with this link: https://t.me/coachbot?start=c_" in (board.text or "")
