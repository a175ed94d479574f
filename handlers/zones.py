"""/zones: heart-rate, pace and power zones, and typed FTP, LTHR and threshold pace."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from domain.coaching.threshold_service import SETTABLE, ThresholdService, ZonesReport
from domain.coaching.thresholds import ThresholdKind
from domain.users.models import User
from handlers.keyboards import InlineKeyboardBuilder
from handlers.replies import show
from handlers.texts import Texts


class ZonesForm(StatesGroup):
    ftp = State()
    lthr = State()
    threshold_speed = State()


class ZonesCb(CallbackData, prefix="zn"):
    kind: ThresholdKind


STATES: dict[ThresholdKind, State] = {kind: getattr(ZonesForm, kind.value) for kind in SETTABLE}
KINDS: dict[str | None, ThresholdKind] = {state.state: kind for kind, state in STATES.items()}


def _keyboard(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for kind in SETTABLE:
        builder.button(text=t(f"zones.set.{kind}"), callback_data=ZonesCb(kind=kind))
    builder.adjust(1)
    return builder.as_markup()


def _card(report: ZonesReport, user: User, t: Texts, saved: ThresholdKind | None = None) -> str:
    return t.render("zones/card.html", report=report, user=user, saved=saved)


async def cmd_zones(
    message: Message, user: User, thresholds: ThresholdService, state: FSMContext, t: Texts
) -> None:
    await state.clear()
    report = await thresholds.zones(user)
    await message.answer(_card(report, user, t), reply_markup=_keyboard(t))


async def cb_set(
    callback: CallbackQuery, callback_data: ZonesCb, user: User, state: FSMContext, t: Texts
) -> None:
    if callback_data.kind not in STATES:
        await callback.answer(t("common.outdated_button"))
        return
    kind = callback_data.kind
    await state.set_state(STATES[kind])
    per_unit = f"_{user.units}" if kind is ThresholdKind.THRESHOLD_SPEED else ""
    await show(callback, t(f"zones.ask.{kind}{per_unit}"))


async def msg_value(
    message: Message, user: User, thresholds: ThresholdService, state: FSMContext, t: Texts
) -> None:
    kind = KINDS[await state.get_state()]
    report = await thresholds.set(user, kind, message.text or "")
    await state.clear()
    await message.answer(_card(report, user, t, saved=kind), reply_markup=_keyboard(t))


async def msg_unexpected(message: Message, t: Texts) -> None:
    await message.answer(t("form.type_answer"))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_zones, Command("zones"))
    router.callback_query.register(cb_set, ZonesCb.filter(), F.message)
    router.message.register(
        msg_value, StateFilter(*STATES.values()), F.text, ~F.text.startswith("/")
    )
    router.message.register(msg_unexpected, StateFilter(*STATES.values()), ~F.text.startswith("/"))
    return router
