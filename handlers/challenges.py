"""Joining a challenge with one tap, /top, and the organizer's /void list."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from domain.challenges.models import Challenge, Entry
from domain.challenges.service import ChallengeService
from domain.users.models import User
from domain.users.start_links import StartLink, StartLinkKind
from handlers.challenge_callbacks import ChallengeJoinCb, ChallengeVoidCb
from handlers.challenge_view import void_keyboard
from handlers.chat_admins import ChatAdmin
from handlers.replies import show
from handlers.texts import Texts


async def cb_join(
    callback: CallbackQuery,
    callback_data: ChallengeJoinCb,
    user: User | None,
    bot: Bot,
    challenges: ChallengeService,
    t: Texts,
) -> None:
    """Someone who never started the bot is sent to start it; joining completes there."""
    if user is None:
        link = StartLink(StartLinkKind.CHALLENGE, callback_data.code).as_payload()
        await callback.answer(url=f"https://t.me/{(await bot.me()).username}?start={link}")
        return
    team = callback_data.team if callback_data.team >= 0 else None
    joined = await challenges.join(user, callback_data.code, team)
    await callback.answer(t.render("challenges/joined.txt", joined=joined), show_alert=True)


async def cmd_top_group(
    message: Message, challenges: ChallengeService, bot: Bot, t: Texts
) -> None:
    asker = message.from_user.id if message.from_user else None
    board = await challenges.board_in_chat(message.chat.id, asker)
    username = (await bot.me()).username
    await message.reply(t.render("challenges/board.html", board=board, bot_username=username))


async def cmd_top_private(
    message: Message, user: User, challenges: ChallengeService, bot: Bot, t: Texts
) -> None:
    board = await challenges.my_board(user)
    username = (await bot.me()).username
    await message.answer(t.render("challenges/board.html", board=board, bot_username=username))


def _entries_view(
    challenge: Challenge, entries: list[Entry], t: Texts
) -> tuple[str, InlineKeyboardMarkup]:
    labels = [
        t.render("challenges/entry_label.txt", entry=e, challenge=challenge) for e in entries
    ]
    text = t.render("challenges/entries.html", challenge=challenge, entries=entries, labels=labels)
    return text, void_keyboard(challenge.id, entries, labels)


async def cmd_void(message: Message, challenges: ChallengeService, t: Texts) -> None:
    challenge, entries = await challenges.entries(message.chat.id)
    text, markup = _entries_view(challenge, entries, t)
    await message.answer(text, reply_markup=markup)


async def cb_void(
    callback: CallbackQuery,
    callback_data: ChallengeVoidCb,
    challenges: ChallengeService,
    t: Texts,
) -> None:
    assert isinstance(callback.message, Message)
    chat_id = callback.message.chat.id
    await challenges.void(
        chat_id, callback_data.challenge_id, callback_data.workout_id, callback.from_user.id
    )
    challenge, entries = await challenges.entries(chat_id)
    text, markup = _entries_view(challenge, entries, t)
    await show(callback, text, markup)


async def cmd_admins_only(message: Message, t: Texts) -> None:
    await message.reply(t("challenges.admins_only"))


async def cb_admins_only(callback: CallbackQuery, t: Texts) -> None:
    await callback.answer(t("challenges.admins_only"), show_alert=True)


def build_group_router() -> Router:
    router = Router(name=f"{__name__}.group")
    router.callback_query.filter(F.message.chat.type.in_({"group", "supergroup"}))
    router.callback_query.register(cb_join, ChallengeJoinCb.filter())
    router.message.register(cmd_top_group, Command("top"))
    router.message.register(cmd_void, Command("void"), ChatAdmin())
    router.message.register(cmd_admins_only, Command("void"))
    router.callback_query.register(cb_void, ChallengeVoidCb.filter(), ChatAdmin())
    router.callback_query.register(cb_admins_only, ChallengeVoidCb.filter())
    return router


def build_private_router() -> Router:
    router = Router(name=f"{__name__}.private")
    router.callback_query.register(cb_join, ChallengeJoinCb.filter())
    router.message.register(cmd_top_private, Command("top"))
    return router
