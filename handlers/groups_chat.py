"""In a group chat: /setup by its administrators, and the RSVP buttons of event posts."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from domain.groups.events import EventService
from domain.groups.models import GroupDraft
from domain.groups.service import GroupService
from domain.users.models import Language, Sport, User
from handlers.chat_admins import ChatAdmin
from handlers.groups_callbacks import EventAction, EventCb, RsvpCb, SetupCb
from handlers.groups_events import refresh_post, send_ics
from handlers.groups_view import invite_link
from handlers.keyboards import InlineKeyboardBuilder
from handlers.texts import Texts

GROUP_CHATS = {"group", "supergroup"}


async def cmd_setup(message: Message, user: User | None, groups: GroupService, t: Texts) -> None:
    if user is None:
        await message.reply(t("groups.setup_start_private"))
        return
    home, linkable = await groups.setup_options(user.id, message.chat.id)
    if home is not None:
        await message.reply(t("groups.setup_home", group=home.name))
        return
    builder = InlineKeyboardBuilder()
    for group in linkable:
        builder.button(
            text=t("groups.setup_link", group=group.name[:40]),
            callback_data=SetupCb(group_id=group.id),
        )
    builder.button(text=t("groups.setup_create"), callback_data=SetupCb(group_id=0))
    builder.adjust(1)
    await message.reply(t("groups.setup_prompt"), reply_markup=builder.as_markup())


async def cmd_setup_refused(message: Message, t: Texts) -> None:
    await message.reply(t("groups.setup_admins_only"))


async def cb_setup(
    callback: CallbackQuery,
    callback_data: SetupCb,
    user: User | None,
    groups: GroupService,
    bot: Bot,
    t: Texts,
) -> None:
    if user is None or not isinstance(callback.message, Message):
        await callback.answer(t("groups.setup_start_private"), show_alert=True)
        return
    chat = callback.message.chat
    if callback_data.group_id:
        group = await groups.link_chat(user.id, callback_data.group_id, chat.id)
    else:
        draft = GroupDraft(
            name=(chat.title or t("groups.default_name"))[:64],
            sports=user.profile.sports or frozenset({Sport.RUNNING}),
            location=user.profile.location,
            city=user.profile.city,
            timezone=user.timezone,
            language=user.language,
            chat_id=chat.id,
        )
        group = await groups.create(user, draft)
    me = await bot.me()
    await callback.answer()
    await callback.message.edit_text(
        t("groups.setup_done", group=group.name, link=invite_link(me.username, group.code))
    )


async def cb_setup_refused(callback: CallbackQuery, t: Texts) -> None:
    await callback.answer(t("groups.setup_admins_only"), show_alert=True)


async def cb_chat_rsvp(
    callback: CallbackQuery,
    callback_data: RsvpCb,
    user: User | None,
    events: EventService,
    bot: Bot,
    t: Texts,
    texts_for: dict[Language, Texts],
) -> None:
    if user is None or not isinstance(callback.message, Message):
        await callback.answer(t("groups.start_private_first"), show_alert=True)
        return
    chat_id = callback.message.chat.id
    view = await events.answer(user, callback_data.event_id, callback_data.answer, chat_id=chat_id)
    await refresh_post(bot, view, texts_for[view.group.language])
    await callback.answer(t("groups.answered", answer=t(f"groups.rsvp.{callback_data.answer}")))


async def cb_chat_ics(
    callback: CallbackQuery,
    callback_data: EventCb,
    user: User | None,
    events: EventService,
    bot: Bot,
    t: Texts,
) -> None:
    if user is None:
        await callback.answer(t("groups.start_private_first"), show_alert=True)
        return
    try:
        await send_ics(bot, user.id, user, events, callback_data.event_id, t)
    except TelegramAPIError:
        await callback.answer(t("groups.start_private_first"), show_alert=True)
        return
    await callback.answer(t("groups.ics_sent"))


def build_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.filter(F.message.chat.type.in_(GROUP_CHATS))
    router.message.register(cmd_setup, Command("setup"), ChatAdmin())
    router.message.register(cmd_setup_refused, Command("setup"))
    router.callback_query.register(cb_setup, SetupCb.filter(), ChatAdmin())
    router.callback_query.register(cb_setup_refused, SetupCb.filter())
    router.callback_query.register(cb_chat_rsvp, RsvpCb.filter())
    router.callback_query.register(cb_chat_ics, EventCb.filter(F.action == EventAction.ICS))
    return router
