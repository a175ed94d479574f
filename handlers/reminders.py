"""The reminder time in /settings, and the button under a reminder that starts a log."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from domain.users.models import User
from domain.users.service import UserService
from handlers.keyboards import InlineKeyboardBuilder
from handlers.log_form import start_guided
from handlers.reminder_callbacks import ReminderLogCb, ReminderTimeCb, ReminderTimesCb
from handlers.replies import checked, show
from handlers.settings import SettingsCb, show_settings
from handlers.texts import Texts

COMMON_REMINDER_TIMES = ((6, 30), (7, 0), (12, 0), (17, 30), (18, 0), (19, 0))


class ReminderTimeForm(StatesGroup):
    time = State()


def reminder_time_keyboard(user: User, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    current = (user.reminder_time.hour, user.reminder_time.minute)
    for hour, minute in COMMON_REMINDER_TIMES:
        label = checked(current == (hour, minute), f"{hour:02d}:{minute:02d}")
        builder.button(text=label, callback_data=ReminderTimeCb(minute=hour * 60 + minute))
    builder.adjust(3)
    builder.row()
    builder.button(text=t("form.back"), callback_data=SettingsCb(open_timezones=False))
    return builder.as_markup()


async def cb_reminder_times(
    callback: CallbackQuery, user: User, state: FSMContext, t: Texts
) -> None:
    await state.set_state(ReminderTimeForm.time)
    prompt = t("settings.reminder_time_prompt", time=user.reminder_time.strftime("%H:%M"))
    await show(callback, prompt, reminder_time_keyboard(user, t))


async def cb_reminder_time(
    callback: CallbackQuery,
    callback_data: ReminderTimeCb,
    user: User,
    users: UserService,
    state: FSMContext,
    t: Texts,
) -> None:
    user = await users.set_reminder_minute(user.id, callback_data.minute)
    await state.clear()
    await show_settings(callback, user, t)


async def msg_reminder_time(
    message: Message, user: User, users: UserService, state: FSMContext, t: Texts
) -> None:
    user = await users.set_reminder_time(user.id, message.text or "")
    await state.clear()
    await show_settings(message, user, t)


async def cb_reminder_log(callback: CallbackQuery, state: FSMContext, t: Texts) -> None:
    await callback.answer()
    if not isinstance(callback.message, Message):
        return
    await state.clear()
    await start_guided(callback.message, None, state, t, understood=False)


def build_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(cb_reminder_times, ReminderTimesCb.filter())
    router.callback_query.register(cb_reminder_time, ReminderTimeCb.filter())
    router.callback_query.register(cb_reminder_log, ReminderLogCb.filter())
    router.message.register(
        msg_reminder_time, ReminderTimeForm.time, F.text, ~F.text.startswith("/")
    )
    return router
