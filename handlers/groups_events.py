"""Group events in private: the organizer's event form, the event card, .ics, attendance."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.utils.keyboard import InlineKeyboardBuilder

from domain.groups.events import EventService, EventView
from domain.groups.models import EventDraft, MeetingPoint
from domain.groups.parsing import (
    parse_capacity,
    parse_event_distance,
    parse_meeting_point,
    parse_pace,
)
from domain.groups.service import GroupService
from domain.users.models import Language, User
from domain.users.validation import coarse
from domain.workouts.models import Activity
from handlers.groups_callbacks import (
    EventAction,
    EventCb,
    FormAction,
    GroupAction,
    GroupCb,
    GroupFormCb,
    RsvpCb,
)
from handlers.groups_view import event_text, rsvp_keyboard, toast_and_show
from handlers.replies import show
from handlers.texts import Texts
from handlers.workouts import card_keyboard, render_logged

logger = logging.getLogger(__name__)
DATA = "new_event"
EVENT_SPORTS = (Activity.RUN, Activity.RIDE, Activity.SWIM, Activity.WALK, Activity.HIKE,
                Activity.STRENGTH, Activity.YOGA, Activity.SKI, Activity.OTHER)  # fmt: skip


class EventForm(StatesGroup):
    sport = State()
    when = State()
    place = State()
    spot = State()
    distance = State()
    pace = State()
    capacity = State()
    repeat = State()


STEPS: tuple[State, ...] = tuple(EventForm.__states__)
OPTIONAL = {"place", "spot", "distance", "pace", "capacity"}


def _step(state: str | None) -> str:
    return (state or "").split(":")[-1]


def _pick(value: str) -> str:
    return GroupFormCb(action=FormAction.PICK, value=value).pack()


def _keyboard(step: str, data: dict[str, Any], t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if step == "sport":
        for sport in EVENT_SPORTS:
            builder.row(
                InlineKeyboardButton(text=t(f"activity.{sport}"), callback_data=_pick(sport))
            )
    elif step == "repeat":
        for value, key in (("yes", "groups.form.repeat_yes"), ("no", "groups.form.repeat_no")):
            builder.row(InlineKeyboardButton(text=t(key), callback_data=_pick(value)))
    elif step == "spot" and "lat" in data:
        for value, key in (
            ("precise", "groups.form.spot_precise"),
            ("coarse", "groups.form.spot_coarse"),
        ):
            builder.row(InlineKeyboardButton(text=t(key), callback_data=_pick(value)))
    nav = [] if step == "sport" else [(FormAction.BACK, "form.back")]
    if step in OPTIONAL:
        nav.append((FormAction.SKIP, "form.skip"))
    if nav:
        builder.row(
            *(
                InlineKeyboardButton(text=t(key), callback_data=GroupFormCb(action=action).pack())
                for action, key in nav
            )
        )
    return builder.as_markup()


async def _ask(event: Message | CallbackQuery, index: int, state: FSMContext, t: Texts) -> None:
    step = STEPS[index]
    await state.set_state(step)
    data = (await state.get_data()).get(DATA, {})
    name = _step(step.state)
    key = (
        "groups.form.spot_precision" if name == "spot" and "lat" in data else f"groups.form.{name}"
    )
    text = (
        t("form.step", step=index + 1, steps=len(STEPS))
        + "\n"
        + t(key, timezone=data.get("tz", ""))
    )
    await show(event, text, _keyboard(name, data, t))


async def _store(state: FSMContext, **values: Any) -> dict[str, Any]:
    data = dict((await state.get_data()).get(DATA, {}))
    data.update(values)
    await state.update_data({DATA: data})
    return data


def _draft(data: dict[str, Any]) -> EventDraft:
    pace = data.get("pace")
    point = MeetingPoint(
        data.get("place"), data.get("lat"), data.get("lon"), bool(data.get("precise"))
    )
    return EventDraft(
        sport=Activity(data["sport"]),
        starts_at=datetime.fromisoformat(data["when"]),
        meeting_point=point,
        distance_m=data.get("distance"),
        pace_s_per_km=None if pace is None else (int(pace[0]), int(pace[1])),
        capacity=data.get("capacity"),
        recurring=data.get("repeat") == "yes",
    )


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


async def cb_new_event(
    callback: CallbackQuery,
    callback_data: GroupCb,
    user: User,
    groups: GroupService,
    state: FSMContext,
    t: Texts,
) -> None:
    card = await groups.card(user.id, callback_data.group_id)
    if card.membership is None or not card.membership.is_organizer:
        await callback.answer(t("errors.not_organizer"), show_alert=True)
        return
    await state.clear()
    await state.update_data({DATA: {"group": card.group.id, "tz": card.group.timezone}})
    await _ask(callback, 0, state, t)


async def _advance(
    event: Message | CallbackQuery,
    user: User,
    events: EventService,
    bot: Bot,
    state: FSMContext,
    t: Texts,
    texts_for: dict[Language, Texts],
    by: int,
) -> None:
    index = [s.state for s in STEPS].index(await state.get_state()) + by
    if index < len(STEPS):
        await _ask(event, max(index, 0), state, t)
        return
    data = (await state.get_data()).get(DATA, {})
    await state.clear()
    view = await events.create(user.id, int(data["group"]), _draft(data))
    message_id = await post_in_chat(bot, view, texts_for[view.group.language])
    if message_id is not None:
        await events.posted(view.event.id, message_id)
    header = t("groups.event_posted" if message_id else "groups.event_created")
    await show(
        event,
        header + "\n\n" + event_text(view, t, user.units),
        rsvp_keyboard(view.event.id, t, private=True),
    )


async def msg_event_text(
    message: Message,
    user: User,
    events: EventService,
    bot: Bot,
    state: FSMContext,
    t: Texts,
    texts_for: dict[Language, Texts],
) -> None:
    step = _step(await state.get_state())
    text = message.text or ""
    data = (await state.get_data()).get(DATA, {})
    if step == "when":
        value: Any = events.when(text, str(data["tz"])).isoformat()
    elif step == "place":
        value = parse_meeting_point(text)
    elif step == "distance":
        value = parse_event_distance(text)
    elif step == "pace":
        value = list(parse_pace(text))
    elif step == "capacity":
        value = parse_capacity(text)
    else:
        await message.answer(t("form.use_buttons"))
        return
    await _store(state, **{step: value})
    await _advance(message, user, events, bot, state, t, texts_for, 1)


async def msg_spot(message: Message, state: FSMContext, t: Texts) -> None:
    assert message.location is not None
    await _store(state, lat=message.location.latitude, lon=message.location.longitude)
    await _ask(message, STEPS.index(EventForm.spot), state, t)


async def cb_event_form(
    callback: CallbackQuery,
    callback_data: GroupFormCb,
    user: User,
    events: EventService,
    bot: Bot,
    state: FSMContext,
    t: Texts,
    texts_for: dict[Language, Texts],
) -> None:
    step = _step(await state.get_state())
    action, value = callback_data.action, callback_data.value
    if action is FormAction.PICK and step == "spot":
        data = (await state.get_data()).get(DATA, {})
        if value == "coarse":
            area = coarse(float(data["lat"]), float(data["lon"]))
            await _store(state, lat=area.latitude, lon=area.longitude, precise=False)
        else:
            await _store(state, precise=True)
    elif action is FormAction.PICK and step in {"sport", "repeat"}:
        await _store(state, **{step: Activity(value).value if step == "sport" else value})
    elif action is FormAction.SKIP and step in OPTIONAL:
        await _store(state, **({"lat": None, "lon": None} if step == "spot" else {}))
    elif action is not FormAction.BACK:
        await callback.answer()
        return
    await _advance(
        callback, user, events, bot, state, t, texts_for, -1 if action is FormAction.BACK else 1
    )


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
    router.callback_query.register(cb_new_event, GroupCb.filter(F.action == GroupAction.EVENT))
    router.message.register(msg_spot, StateFilter(EventForm.spot), F.location)
    router.message.register(msg_event_text, StateFilter(*STEPS), F.text, ~F.text.startswith("/"))
    router.callback_query.register(cb_event_form, StateFilter(*STEPS), GroupFormCb.filter())
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
