"""/devices: the athlete's paired devices, a one-time pairing code, revoking with a confirm."""

from __future__ import annotations

from enum import StrEnum

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from domain.devices.models import Device
from domain.devices.service import DeviceService
from domain.users.models import User
from handlers.keyboards import InlineKeyboardBuilder
from handlers.replies import show
from handlers.texts import Texts


class DeviceAction(StrEnum):
    LIST = "list"
    PAIR = "pair"
    REVOKE = "revoke"
    CONFIRM_REVOKE = "confirm"


class DeviceCb(CallbackData, prefix="dv"):
    action: DeviceAction
    device_id: int = 0


def device_label(device: Device, t: Texts) -> str:
    """The name the athlete's device gave itself, or its kind."""
    return device.name or t(f"devices.kind.{device.kind.value}")


def list_view(
    devices: list[Device], user: User, t: Texts, notice: str | None = None
) -> tuple[str, InlineKeyboardMarkup]:
    text = t.render("devices/list.html", devices=devices, user=user, notice=notice)
    builder = InlineKeyboardBuilder()
    for device in devices:
        label = f"{t('devices.revoke_button')} {device_label(device, t)}"  # not HTML
        builder.button(
            text=label, callback_data=DeviceCb(action=DeviceAction.REVOKE, device_id=device.id)
        )
    builder.button(text=t("devices.pair_button"), callback_data=DeviceCb(action=DeviceAction.PAIR))
    builder.adjust(1)
    return text, builder.as_markup()


def back_markup(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("devices.back_button"), callback_data=DeviceCb(action=DeviceAction.LIST))
    return builder.as_markup()


async def cmd_devices(message: Message, user: User, devices: DeviceService, t: Texts) -> None:
    text, markup = list_view(await devices.devices(user.id), user, t)
    await message.answer(text, reply_markup=markup)


async def cb_list(callback: CallbackQuery, user: User, devices: DeviceService, t: Texts) -> None:
    text, markup = list_view(await devices.devices(user.id), user, t)
    await show(callback, text, markup)


async def cb_pair(
    callback: CallbackQuery,
    user: User,
    devices: DeviceService,
    t: Texts,
    public_url: str | None = None,
) -> None:
    issued = await devices.new_code(user.id)
    text = t.render("devices/code.html", issued=issued, user=user, server=public_url)
    await show(callback, text, back_markup(t))


async def cb_revoke(
    callback: CallbackQuery, callback_data: DeviceCb, user: User, devices: DeviceService, t: Texts
) -> None:
    device = await devices.device(user.id, callback_data.device_id)
    builder = InlineKeyboardBuilder()
    confirm = DeviceCb(action=DeviceAction.CONFIRM_REVOKE, device_id=device.id)
    builder.button(text=t("devices.confirm_button"), callback_data=confirm)
    builder.button(text=t("devices.keep_button"), callback_data=DeviceCb(action=DeviceAction.LIST))
    builder.adjust(1)
    question = t("devices.revoke_question", name=device_label(device, t))
    await show(callback, question, builder.as_markup())


async def cb_confirm_revoke(
    callback: CallbackQuery, callback_data: DeviceCb, user: User, devices: DeviceService, t: Texts
) -> None:
    device = await devices.device(user.id, callback_data.device_id)
    await devices.revoke(user.id, device.id)
    notice = t("devices.revoked", name=device_label(device, t))
    text, markup = list_view(await devices.devices(user.id), user, t, notice)
    await show(callback, text, markup)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_devices, Command("devices"))
    router.callback_query.register(cb_list, DeviceCb.filter(F.action == DeviceAction.LIST))
    router.callback_query.register(cb_pair, DeviceCb.filter(F.action == DeviceAction.PAIR))
    router.callback_query.register(cb_revoke, DeviceCb.filter(F.action == DeviceAction.REVOKE))
    router.callback_query.register(
        cb_confirm_revoke, DeviceCb.filter(F.action == DeviceAction.CONFIRM_REVOKE)
    )
    return router
