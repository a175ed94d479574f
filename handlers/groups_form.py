"""/newgroup: a guided flow (Back, Skip, /cancel) that creates a group from the private chat."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from domain.groups.models import LEVELS, GroupDraft, JoinPolicy, Slot
from domain.groups.parsing import parse_capacity, parse_description, parse_name, parse_schedule
from domain.groups.service import GroupCard, GroupService
from domain.users.models import CoarseLocation, Sport, User, Weekday
from domain.users.validation import coarse
from handlers.groups_callbacks import FormAction, GroupFormCb
from handlers.groups_search import show_card
from handlers.keyboards import InlineKeyboardBuilder
from handlers.replies import checked, show
from handlers.texts import Texts

DATA = "new_group"
LEVEL_RANGES = ("0-2", "0-0", "0-1", "1-1", "1-2", "2-2")


class NewGroupForm(StatesGroup):
    name = State()
    description = State()
    sports = State()
    level = State()
    schedule = State()
    area = State()
    policy = State()
    capacity = State()


STEPS: tuple[State, ...] = tuple(NewGroupForm.__states__)
OPTIONAL = {"description", "schedule", "area", "capacity"}
PARSERS: dict[str, Callable[[str], Any]] = {
    "name": parse_name,
    "description": parse_description,
    "schedule": lambda text: [[s.day_index, s.minute] for s in parse_schedule(text)],
    "capacity": parse_capacity,
}


def _step(state: str | None) -> str:
    return (state or "").split(":")[-1]


def _level_label(value: str, t: Texts) -> str:
    low, high = (LEVELS[int(part)] for part in value.split("-"))
    if low is high:
        return t(f"level.{low}")
    return (
        t("groups.any_level") if value == "0-2" else f"{t(f'level.{low}')} – {t(f'level.{high}')}"
    )


def _keyboard(step: str, data: dict[str, Any], user: User, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if step == "sports":
        for sport in Sport:
            label = checked(sport.value in data.get("sports", []), t(f"sport.{sport}"))
            builder.button(
                text=label, callback_data=GroupFormCb(action=FormAction.PICK, value=sport)
            )
    elif step == "level":
        for value in LEVEL_RANGES:
            builder.button(
                text=_level_label(value, t),
                callback_data=GroupFormCb(action=FormAction.PICK, value=value),
            )
    elif step == "policy":
        for policy in JoinPolicy:
            builder.button(
                text=t(f"groups.policy.{policy}"),
                callback_data=GroupFormCb(action=FormAction.PICK, value=policy),
            )
    elif step == "area" and user.profile.location is not None:
        builder.button(
            text=t("groups.form.use_my_area"),
            callback_data=GroupFormCb(action=FormAction.PICK, value="mine"),
        )
    builder.adjust(2)
    nav = []
    if step != "name":
        nav.append((FormAction.BACK, "form.back"))
    if step in OPTIONAL:
        nav.append((FormAction.SKIP, "form.skip"))
    if step == "sports":
        nav.append((FormAction.NEXT, "form.next"))
    if nav:
        builder.row(
            *(
                InlineKeyboardButton(text=t(key), callback_data=GroupFormCb(action=action).pack())
                for action, key in nav
            )
        )
    return builder.as_markup()


async def _ask(
    event: Message | CallbackQuery, index: int, user: User, state: FSMContext, t: Texts
) -> None:
    step = STEPS[index]
    await state.set_state(step)
    data = (await state.get_data()).get(DATA, {})
    name = _step(step.state)
    text = t("form.step", step=index + 1, steps=len(STEPS)) + "\n" + t(f"groups.form.{name}")
    await show(event, text, _keyboard(name, data, user, t))


async def _store(state: FSMContext, **values: Any) -> dict[str, Any]:
    data = dict((await state.get_data()).get(DATA, {}))
    data.update(values)
    await state.update_data({DATA: data})
    return data


async def _advance(
    event: Message | CallbackQuery,
    user: User,
    groups: GroupService,
    state: FSMContext,
    t: Texts,
    by: int,
) -> None:
    index = [s.state for s in STEPS].index(await state.get_state()) + by
    if index < len(STEPS):
        await _ask(event, max(index, 0), user, state, t)
        return
    data = (await state.get_data()).get(DATA, {})
    await state.clear()
    group = await groups.create(user, _draft(data, user))
    await show_card(event, GroupCard(group, None), t)
    if isinstance(event, CallbackQuery) and event.message is not None:
        await event.message.answer(t("groups.created", group=group.name))
    elif isinstance(event, Message):
        await event.answer(t("groups.created", group=group.name))


def _draft(data: dict[str, Any], user: User) -> GroupDraft:
    low, high = (LEVELS[int(p)] for p in str(data.get("level", "0-2")).split("-"))
    location = None
    if "lat" in data:
        location = CoarseLocation(float(data["lat"]), float(data["lon"]))
    slots = tuple(Slot(list(Weekday)[day], minute) for day, minute in data.get("schedule", []))
    return GroupDraft(
        name=str(data["name"]),
        description=str(data.get("description", "")),
        sports=frozenset(Sport(s) for s in data.get("sports", [])),
        level_min=low,
        level_max=high,
        slots=slots,
        location=location,
        city=user.profile.city if location is not None else None,
        policy=JoinPolicy(data.get("policy", JoinPolicy.OPEN)),
        capacity=data.get("capacity"),
        timezone=user.timezone,
        language=user.language,
    )


async def cmd_newgroup(message: Message, user: User, state: FSMContext, t: Texts) -> None:
    await state.clear()
    await _ask(message, 0, user, state, t)


async def msg_text(
    message: Message, user: User, groups: GroupService, state: FSMContext, t: Texts
) -> None:
    step = _step(await state.get_state())
    parser = PARSERS.get(step)
    if parser is None or not message.text:
        await message.answer(t("form.use_buttons"))
        return
    await _store(state, **{step: parser(message.text)})
    await _advance(message, user, groups, state, t, 1)


async def msg_location(
    message: Message, user: User, groups: GroupService, state: FSMContext, t: Texts
) -> None:
    assert message.location is not None
    area = coarse(message.location.latitude, message.location.longitude)
    await _store(state, lat=area.latitude, lon=area.longitude)
    await message.answer(t("groups.form.area_saved"))
    await _advance(message, user, groups, state, t, 1)


async def cb_form(
    callback: CallbackQuery,
    callback_data: GroupFormCb,
    user: User,
    groups: GroupService,
    state: FSMContext,
    t: Texts,
) -> None:
    step = _step(await state.get_state())
    action, value = callback_data.action, callback_data.value
    if action is FormAction.BACK:
        await _advance(callback, user, groups, state, t, -1)
    elif action is FormAction.SKIP and step in OPTIONAL:
        await _advance(callback, user, groups, state, t, 1)
    elif action is FormAction.NEXT:
        if not (await state.get_data()).get(DATA, {}).get("sports"):
            await callback.answer(t("groups.form.pick_a_sport"), show_alert=True)
            return
        await _advance(callback, user, groups, state, t, 1)
    elif step == "sports":
        chosen = set((await state.get_data()).get(DATA, {}).get("sports", []))
        chosen ^= {Sport(value).value}
        await _store(state, sports=sorted(chosen))
        await _ask(
            callback, [s.state for s in STEPS].index(await state.get_state()), user, state, t
        )
    elif step in {"level", "policy"}:
        await _store(state, **{step: value})
        await _advance(callback, user, groups, state, t, 1)
    elif step == "area" and user.profile.location is not None:
        area = user.profile.location
        await _store(state, lat=area.latitude, lon=area.longitude)
        await _advance(callback, user, groups, state, t, 1)
    else:
        await callback.answer()


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_newgroup, Command("newgroup"))
    router.message.register(msg_location, StateFilter(NewGroupForm.area), F.location)
    router.message.register(msg_text, StateFilter(*STEPS), F.text, ~F.text.startswith("/"))
    router.callback_query.register(cb_form, StateFilter(*STEPS), GroupFormCb.filter())
    return router
