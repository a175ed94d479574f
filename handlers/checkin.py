"""/checkin: today's wellness card, one tap per answer; resting HR and weight are typed."""

from __future__ import annotations

from datetime import date

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from domain.users.models import User, Weekday
from domain.wellness.models import (
    SLEEP_CHOICES,
    CheckIn,
    CheckInOverview,
    WellnessField,
    sleep_label,
)
from domain.wellness.service import CheckInService
from domain.wellness.validation import day_from_ordinal
from handlers.replies import checked, show
from handlers.texts import Texts

SCALE_FIELDS = (WellnessField.SLEEP_QUALITY, WellnessField.MOOD, WellnessField.SORENESS)
DAY_NAMES = {0: "checkin.today", 1: "checkin.yesterday", 2: "checkin.day_before"}


class CheckInCb(CallbackData, prefix="ci"):
    """An answer for the day the card was made for (a date ordinal); no value: type it."""

    field: WellnessField
    day: int
    value: int | None = None


class CheckInForm(StatesGroup):
    value = State()


def day_label(day: date, today: date, t: Texts) -> str:
    """Today, yesterday and the day before by name and date; older days by date alone."""
    dated = t(
        "checkin.date",
        weekday=t(f"weekday.{list(Weekday)[day.weekday()]}"),
        day=day.day,
        month=t(f"month.m{day.month}"),
    )
    name = DAY_NAMES.get((today - day).days)
    return t("checkin.named_day", name=t(name), date=dated) if name else dated


def _button(
    text: str, field: WellnessField, day: date, value: int | None = None
) -> InlineKeyboardButton:
    data = CheckInCb(field=field, day=day.toordinal(), value=value).pack()
    return InlineKeyboardButton(text=text, callback_data=data)


def _keyboard(checkin: CheckIn, t: Texts) -> InlineKeyboardMarkup:
    sleep = None if checkin.sleep_hours is None else sleep_label(checkin.sleep_hours)
    rows = [
        [
            _button(
                checked(
                    sleep == sleep_label(hours),
                    t("checkin.hours_button", value=sleep_label(hours)),
                ),
                WellnessField.SLEEP_HOURS,
                checkin.day,
                hours,
            )
            for hours in SLEEP_CHOICES
        ]
    ]
    for field in SCALE_FIELDS:
        rows.append(
            [
                _button(
                    checked(
                        checkin.value(field) == value,
                        t(f"checkin.scale.{field}.{value}") + str(value),
                    ),
                    field,
                    checkin.day,
                    value,
                )
                for value in range(1, 6)
            ]
        )
    typed = (WellnessField.RESTING_HR, WellnessField.WEIGHT)
    rows.append([_button(t(f"checkin.button.{field}"), field, checkin.day) for field in typed])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def checkin_card(
    overview: CheckInOverview, user: User, t: Texts, header: str | None = None
) -> tuple[str, InlineKeyboardMarkup]:
    """The card and its buttons; a scheduled daily prompt sends the same."""
    recent = [(day_label(c.day, overview.today, t), c) for c in overview.recent]
    text = t.render(
        "checkin/card.html",
        header=header,
        title=day_label(overview.day, overview.today, t),
        checkin=overview.checkin,
        recent=recent,
        user=user,
        announcements=overview.announcements,
    )
    return text, _keyboard(overview.checkin, t)


async def cmd_checkin(
    message: Message, user: User, checkins: CheckInService, state: FSMContext, t: Texts
) -> None:
    await state.clear()
    text, markup = checkin_card(await checkins.overview(user), user, t)
    await message.answer(text, reply_markup=markup)


async def cb_answer(
    callback: CallbackQuery,
    callback_data: CheckInCb,
    user: User,
    checkins: CheckInService,
    t: Texts,
) -> None:
    day = day_from_ordinal(callback_data.day)
    value = float(callback_data.value or 0)
    overview = await checkins.record(user, callback_data.field, value, day)
    await show(callback, *checkin_card(overview, user, t))


async def cb_ask(
    callback: CallbackQuery,
    callback_data: CheckInCb,
    user: User,
    checkins: CheckInService,
    state: FSMContext,
    t: Texts,
) -> None:
    day = day_from_ordinal(callback_data.day)
    today = checkins.check_day(user, day)
    await state.set_state(CheckInForm.value)
    await state.update_data(field=callback_data.field.value, day=day.toordinal())
    await callback.answer()
    key = f"checkin.prompt.{callback_data.field}"
    if callback_data.field is WellnessField.WEIGHT:
        key = f"{key}.{user.units}"
    if callback.bot is not None:
        await callback.bot.send_message(user.id, t(key, day=day_label(day, today, t)))


async def msg_value(
    message: Message, user: User, checkins: CheckInService, state: FSMContext, t: Texts
) -> None:
    data = await state.get_data()
    field, day = WellnessField(data["field"]), date.fromordinal(int(data["day"]))
    overview = await checkins.record_text(user, field, message.text or "", day)
    await state.clear()
    text, markup = checkin_card(overview, user, t, header=t("checkin.saved"))
    await message.answer(text, reply_markup=markup)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_checkin, Command("checkin"))
    typed = F.field.in_({WellnessField.RESTING_HR, WellnessField.WEIGHT})
    router.callback_query.register(cb_ask, CheckInCb.filter(typed & F.value.is_(None)))
    router.callback_query.register(cb_answer, CheckInCb.filter(F.value.is_not(None)))
    router.message.register(msg_value, CheckInForm.value, F.text, ~F.text.startswith("/"))
    return router
