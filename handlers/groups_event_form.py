"""The organizer's event form (Back, Skip, /cancel); the event is then posted in the chat."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from domain.groups.events import EventService
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
    FormAction,
    GroupAction,
    GroupCb,
    GroupFormCb,
)
from handlers.groups_events import post_in_chat
from handlers.groups_view import event_text, rsvp_keyboard
from handlers.keyboards import InlineKeyboardBuilder
from handlers.replies import show
from handlers.texts import Texts

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


def build_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(cb_new_event, GroupCb.filter(F.action == GroupAction.EVENT))
    router.message.register(msg_spot, StateFilter(EventForm.spot), F.location)
    router.message.register(msg_event_text, StateFilter(*STEPS), F.text, ~F.text.startswith("/"))
    router.callback_query.register(cb_event_form, StateFilter(*STEPS), GroupFormCb.filter())
    return router
