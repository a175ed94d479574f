"""Group events in private: the event card, answers, the .ics file, attendance; the chat post."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)

from domain.groups.events import EventService, EventView
from domain.users.models import Language, User
from handlers.groups_callbacks import (
    EventAction,
    EventCb,
    RsvpCb,
)
from handlers.groups_view import event_text, rsvp_keyboard, toast_and_show
from handlers.replies import show
from handlers.texts import Texts
from handlers.workouts import card_keyboard, render_logged

logger = logging.getLogger(__name__)


async def post_in_chat(bot: Bot, view: EventView, t: Texts) -> int | None:
    """Post the event with its RSVP buttons in the group's chat; the message id."""
    if view.group.chat_id is None:
        return None
    try:
        message = await bot.send_message(
            view.group.chat_id, event_text(view, t), reply_markup=rsvp_keyboard(view.event.id, t)
        )
    except TelegramAPIError as error:
        logger.warning(
            "event %s not posted in chat %s: %s", view.event.id, view.group.chat_id, error
        )
        return None
    return message.message_id


async def refresh_post(bot: Bot, view: EventView, t: Texts) -> None:
    """The chat post's live count."""
    chat_id, message_id = view.group.chat_id, view.event.chat_message_id
    if chat_id is None or message_id is None:
        return
    try:
        await bot.edit_message_text(
            event_text(view, t), chat_id=chat_id, message_id=message_id,
            reply_markup=rsvp_keyboard(view.event.id, t),
        )  # fmt: skip
    except TelegramAPIError as error:
        logger.info("event post %s not refreshed: %s", view.event.id, error)


async def cb_event_card(
    callback: CallbackQuery, callback_data: EventCb, user: User, events: EventService, t: Texts
) -> None:
    view = await events.view(user.id, callback_data.event_id)
    await show(
        callback, event_text(view, t, user.units), rsvp_keyboard(view.event.id, t, private=True)
    )


async def cb_rsvp(
    callback: CallbackQuery,
    callback_data: RsvpCb,
    user: User,
    events: EventService,
    bot: Bot,
    t: Texts,
    texts_for: dict[Language, Texts],
) -> None:
    view = await events.answer(user, callback_data.event_id, callback_data.answer)
    await refresh_post(bot, view, texts_for[view.group.language])
    toast = t("groups.answered", answer=t(f"groups.rsvp.{view.answer}"))
    markup = rsvp_keyboard(view.event.id, t, private=True)
    await toast_and_show(callback, toast, event_text(view, t, user.units), markup)


async def send_ics(
    bot: Bot, chat_id: int, user: User, events: EventService, event_id: int, t: Texts
) -> None:
    view = await events.view(user.id, event_id)
    title = f"{t(f'activity.{view.event.draft.sport}')} · {view.group.name}"
    content = await events.calendar(user.id, event_id, title)
    document = BufferedInputFile(content, filename=f"event-{event_id}.ics")
    await bot.send_document(chat_id, document, caption=t("groups.ics_caption"))


async def cb_ics(
    callback: CallbackQuery,
    callback_data: EventCb,
    user: User,
    events: EventService,
    bot: Bot,
    t: Texts,
) -> None:
    await send_ics(bot, user.id, user, events, callback_data.event_id, t)
    await callback.answer()


async def cb_confirm(
    callback: CallbackQuery, callback_data: EventCb, user: User, events: EventService, t: Texts
) -> None:
    logged = await events.confirm(user, callback_data.event_id)
    text = render_logged(logged, user, t)
    await toast_and_show(callback, t("groups.attended"), text, card_keyboard(logged.workout, t))


async def cb_attendance(
    callback: CallbackQuery, callback_data: EventCb, user: User, events: EventService, t: Texts
) -> None:
    view, attendees = await events.attendance(user.id, callback_data.event_id)
    back = EventCb(action=EventAction.CARD, event_id=view.event.id)
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t("form.back"), callback_data=back.pack())]]
    )
    await show(
        callback, t.render("groups/attendance.html", view=view, attendees=attendees), markup
    )


def build_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(cb_rsvp, RsvpCb.filter())
    handlers: dict[EventAction, Callable[..., Awaitable[None]]] = {
        EventAction.CARD: cb_event_card,
        EventAction.ICS: cb_ics,
        EventAction.CONFIRM: cb_confirm,
        EventAction.ATTENDANCE: cb_attendance,
    }
    for action, handler in handlers.items():
        router.callback_query.register(handler, EventCb.filter(F.action == action))
    return router
