"""/stats week|month|year: totals per sport against the period before, with a chart."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, Message

from domain.coaching.service import CoachService
from domain.users.models import User
from domain.workouts.stats import Period
from handlers.charts import Charts
from handlers.texts import Texts

PERIOD_WORDS = {
    Period.WEEK: ("week", "w", "неделя", "неделю", "н"),
    Period.MONTH: ("month", "m", "месяц", "м"),
    Period.YEAR: ("year", "y", "год", "г"),
}


def period_of(argument: str | None) -> Period | None:
    word = (argument or "week").strip().lower()
    return next((period for period, words in PERIOD_WORDS.items() if word in words), None)


async def cmd_stats(
    message: Message,
    command: CommandObject,
    user: User,
    coach: CoachService,
    charts: Charts,
    state: FSMContext,
    t: Texts,
) -> None:
    await state.clear()
    period = period_of(command.args)
    if period is None:
        await message.answer(t("stats.usage"))
        return
    report = await coach.stats(user, period)
    await message.answer(
        t.render("stats/period.html", stats=report.stats, report=report, user=user)
    )
    png = charts.training(report, t)
    await message.answer_photo(BufferedInputFile(png, filename=f"stats-{period}.png"))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_stats, Command("stats"))
    return router
