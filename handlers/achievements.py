"""/achievements, /level (with the weekly streak target) and /league."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from domain.gamification.leagues import LEAGUE_TIERS
from domain.gamification.leagues_service import LeagueService
from domain.gamification.service import GamificationService
from domain.gamification.views import LevelCard
from domain.gamification.xp import progress_bar
from domain.users.models import User
from handlers.keyboards import InlineKeyboardBuilder
from handlers.replies import checked, show
from handlers.texts import Texts

TARGET_CHOICES = (1, 2, 3, 4, 5, 6, 7)


class StreakTargetCb(CallbackData, prefix="gtarget"):
    sessions: int


def level_keyboard(card: LevelCard) -> InlineKeyboardMarkup:
    """The weekly streak's target, sessions a week; the current one ticked."""
    builder = InlineKeyboardBuilder()
    for sessions in TARGET_CHOICES:
        label = checked(sessions == card.streaks.target, str(sessions))
        builder.button(text=label, callback_data=StreakTargetCb(sessions=sessions))
    builder.adjust(len(TARGET_CHOICES))
    return builder.as_markup()


def render_level(card: LevelCard, user: User, t: Texts) -> str:
    bar = progress_bar(card.level.fraction)
    return t.render("gamification/level.html", card=card, user=user, bar=bar)


async def cmd_achievements(
    message: Message, user: User, gamification: GamificationService, state: FSMContext, t: Texts
) -> None:
    await state.clear()
    view = await gamification.overview(user)
    bar = progress_bar(view.level.fraction)
    await message.answer(
        t.render(
            "gamification/achievements.html",
            view=view,
            user=user,
            bar=bar,
            progress_bar=progress_bar,
        )
    )


async def cmd_level(
    message: Message, user: User, gamification: GamificationService, state: FSMContext, t: Texts
) -> None:
    await state.clear()
    card = await gamification.level_card(user)
    await message.answer(render_level(card, user, t), reply_markup=level_keyboard(card))


async def cb_target(
    callback: CallbackQuery,
    callback_data: StreakTargetCb,
    user: User,
    gamification: GamificationService,
    t: Texts,
) -> None:
    card = await gamification.set_target(user, callback_data.sessions)
    await show(callback, render_level(card, user, t), level_keyboard(card))


async def cmd_league(
    message: Message, user: User, leagues: LeagueService, state: FSMContext, t: Texts
) -> None:
    await state.clear()
    view = await leagues.view(user)
    await message.answer(
        t.render("gamification/league.html", view=view, user=user, leagues=LEAGUE_TIERS)
    )


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_achievements, Command("achievements"))
    router.message.register(cmd_level, Command("level"))
    router.message.register(cmd_league, Command("league"))
    router.callback_query.register(cb_target, StreakTargetCb.filter())
    return router
