"""/settings: language, units, timezone and which notifications to get."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BotCommandScopeChat, CallbackQuery, InlineKeyboardMarkup, Message

from domain.users.models import Language, NotificationKind, Units, User
from domain.users.service import UserService
from handlers.help import command_menu
from handlers.keyboards import InlineKeyboardBuilder
from handlers.reminder_callbacks import ReminderTimesCb
from handlers.replies import checked, show
from handlers.texts import Texts

COMMON_TIMEZONES = (
    "Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg",
    "Asia/Omsk", "Asia/Novosibirsk", "Asia/Krasnoyarsk", "Asia/Irkutsk",
    "Asia/Yakutsk", "Asia/Vladivostok", "Asia/Magadan", "Asia/Kamchatka",
    "Europe/London", "Europe/Berlin", "Europe/Kyiv", "Europe/Istanbul",
    "Asia/Dubai", "Asia/Almaty", "Asia/Kolkata", "Asia/Shanghai",
    "Asia/Tokyo", "Australia/Sydney", "America/New_York", "America/Chicago",
    "America/Denver", "America/Los_Angeles", "America/Sao_Paulo", "UTC",
)  # fmt: skip


class SettingsForm(StatesGroup):
    timezone = State()


class LanguageCb(CallbackData, prefix="sl"):
    language: Language


class UnitsCb(CallbackData, prefix="su"):
    units: Units


class NotifyCb(CallbackData, prefix="sn"):
    kind: NotificationKind


class TimezoneCb(CallbackData, prefix="st"):
    zone: str


class SettingsCb(CallbackData, prefix="ss"):
    open_timezones: bool


def settings_keyboard(user: User, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for language in Language:
        label = checked(user.language is language, t(f"settings.language_name.{language}"))
        builder.button(text=label, callback_data=LanguageCb(language=language))
    for units in Units:
        label = checked(user.units is units, t(f"settings.units_name.{units}"))
        builder.button(text=label, callback_data=UnitsCb(units=units))
    builder.button(
        text=t("settings.timezone_button"), callback_data=SettingsCb(open_timezones=True)
    )
    builder.button(
        text=t("settings.reminder_time_button", time=user.reminder_time.strftime("%H:%M")),
        callback_data=ReminderTimesCb(),
    )
    for kind in NotificationKind:
        enabled = getattr(user.notifications, kind.value)
        label = ("🔔 " if enabled else "🔕 ") + t(f"settings.notify.{kind}")
        builder.button(text=label, callback_data=NotifyCb(kind=kind))
    builder.adjust(2, 2, 1, 1, 1, 1, 1)
    return builder.as_markup()


def timezone_keyboard(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for zone in COMMON_TIMEZONES:
        builder.button(
            text=zone.split("/")[-1].replace("_", " "), callback_data=TimezoneCb(zone=zone)
        )
    builder.adjust(3)
    builder.row()
    builder.button(text=t("form.back"), callback_data=SettingsCb(open_timezones=False))
    return builder.as_markup()


async def show_settings(event: Message | CallbackQuery, user: User, t: Texts) -> None:
    await show(event, t.render("settings/card.html", user=user), settings_keyboard(user, t))


async def cmd_settings(message: Message, user: User, state: FSMContext, t: Texts) -> None:
    await state.clear()
    await show_settings(message, user, t)


async def cb_language(
    callback: CallbackQuery,
    callback_data: LanguageCb,
    user: User,
    users: UserService,
    bot: Bot,
    texts_for: dict[Language, Texts],
) -> None:
    user = await users.set_language(user.id, callback_data.language)
    t = texts_for[user.language]
    scope = BotCommandScopeChat(chat_id=user.id)
    await bot.set_my_commands(command_menu(t), scope=scope)
    await show_settings(callback, user, t)


async def cb_units(
    callback: CallbackQuery, callback_data: UnitsCb, user: User, users: UserService, t: Texts
) -> None:
    user = await users.set_units(user.id, callback_data.units)
    await show_settings(callback, user, t)


async def cb_notify(
    callback: CallbackQuery, callback_data: NotifyCb, user: User, users: UserService, t: Texts
) -> None:
    user = await users.toggle_notification(user.id, callback_data.kind)
    await show_settings(callback, user, t)


async def cb_timezones(callback: CallbackQuery, user: User, state: FSMContext, t: Texts) -> None:
    await state.set_state(SettingsForm.timezone)
    await show(
        callback, t("settings.timezone_prompt", timezone=user.timezone), timezone_keyboard(t)
    )


async def cb_settings_back(
    callback: CallbackQuery, user: User, state: FSMContext, t: Texts
) -> None:
    await state.clear()
    await show_settings(callback, user, t)


async def cb_timezone(
    callback: CallbackQuery,
    callback_data: TimezoneCb,
    user: User,
    users: UserService,
    state: FSMContext,
    t: Texts,
) -> None:
    user = await users.set_timezone(user.id, callback_data.zone)
    await state.clear()
    await show_settings(callback, user, t)


async def msg_timezone_location(
    message: Message, user: User, users: UserService, state: FSMContext, t: Texts
) -> None:
    location = message.location
    assert location is not None
    user = await users.set_timezone_from_location(user.id, location.latitude, location.longitude)
    await state.clear()
    await show_settings(message, user, t)


async def msg_timezone_name(
    message: Message, user: User, users: UserService, state: FSMContext, t: Texts
) -> None:
    user = await users.set_timezone(user.id, message.text or "")
    await state.clear()
    await show_settings(message, user, t)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_settings, Command("settings"))
    router.callback_query.register(cb_language, LanguageCb.filter())
    router.callback_query.register(cb_units, UnitsCb.filter())
    router.callback_query.register(cb_notify, NotifyCb.filter())
    router.callback_query.register(cb_timezones, SettingsCb.filter(F.open_timezones))
    router.callback_query.register(cb_settings_back, SettingsCb.filter(~F.open_timezones))
    router.callback_query.register(cb_timezone, TimezoneCb.filter())
    router.message.register(msg_timezone_location, SettingsForm.timezone, F.location)
    router.message.register(
        msg_timezone_name, SettingsForm.timezone, F.text, ~F.text.startswith("/")
    )
    return router
