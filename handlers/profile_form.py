"""The profile questionnaire: onboarding walks every step, /profile edits one."""

from __future__ import annotations

from enum import StrEnum

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from domain.users.models import (
    ONBOARDING_ORDER,
    Goal,
    Level,
    ProfileField,
    Sport,
    User,
    Weekday,
)
from domain.users.service import UserService
from handlers.keyboards import InlineKeyboardBuilder
from handlers.replies import checked, show
from handlers.texts import Texts


class ProfileForm(StatesGroup):
    sports = State()
    level = State()
    goal = State()
    days = State()
    city = State()
    birth_year = State()
    weight = State()
    resting_hr = State()
    max_hr = State()


class FormMode(StrEnum):
    ONBOARDING = "onboarding"
    EDIT = "edit"


class FormAction(StrEnum):
    NEXT = "next"
    BACK = "back"
    SKIP = "skip"


class SportCb(CallbackData, prefix="fs"):
    sport: Sport


class DayCb(CallbackData, prefix="fd"):
    day: Weekday


class LevelCb(CallbackData, prefix="fl"):
    level: Level


class GoalCb(CallbackData, prefix="fg"):
    goal: Goal


class FormCb(CallbackData, prefix="ff"):
    action: FormAction


class EditCb(CallbackData, prefix="pe"):
    field: ProfileField


def card_keyboard(t: Texts) -> InlineKeyboardMarkup:
    """The profile card's buttons: one per field to edit."""
    builder = InlineKeyboardBuilder()
    for field in ProfileField:
        builder.button(text=t(f"profile.edit.{field}"), callback_data=EditCb(field=field))
    builder.adjust(2)
    return builder.as_markup()


STATES: dict[ProfileField, State] = {
    field: getattr(ProfileForm, field.value) for field in ProfileField
}
FIELDS: dict[str | None, ProfileField] = {state.state: field for field, state in STATES.items()}
TEXT_FIELDS = (
    ProfileField.CITY,
    ProfileField.BIRTH_YEAR,
    ProfileField.WEIGHT,
    ProfileField.RESTING_HR,
    ProfileField.MAX_HR,
)


def _choices(field: ProfileField, user: User, t: Texts) -> list[InlineKeyboardButton]:
    """The options of a choice field, the athlete's current answers ticked."""
    profile = user.profile
    options: list[tuple[str, bool, CallbackData]]
    if field is ProfileField.SPORTS:
        options = [(f"sport.{v}", v in profile.sports, SportCb(sport=v)) for v in Sport]
    elif field is ProfileField.DAYS:
        options = [(f"weekday.{v}", v in profile.days, DayCb(day=v)) for v in Weekday]
    elif field is ProfileField.LEVEL:
        options = [(f"level.{v}", v is profile.level, LevelCb(level=v)) for v in Level]
    elif field is ProfileField.GOAL:
        options = [(f"goal.{v}", v is profile.goal, GoalCb(goal=v)) for v in Goal]
    else:
        options = []
    return [
        InlineKeyboardButton(text=checked(selected, t(key)), callback_data=data.pack())
        for key, selected, data in options
    ]


def _keyboard(field: ProfileField, user: User, mode: FormMode, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.add(*_choices(field, user, t))
    builder.adjust(4 if field is ProfileField.DAYS else 2)
    navigation = [
        (FormAction.BACK, "form.back"),
        (FormAction.SKIP, "form.clear" if mode is FormMode.EDIT else "form.skip"),
    ]
    if field in (ProfileField.SPORTS, ProfileField.DAYS):
        navigation.append((FormAction.NEXT, "form.next"))
    if mode is FormMode.ONBOARDING and field is ONBOARDING_ORDER[0]:
        navigation.pop(0)
    builder.row(
        *(
            InlineKeyboardButton(text=t(key), callback_data=FormCb(action=action).pack())
            for action, key in navigation
        )
    )
    return builder.as_markup()


def _prompt(field: ProfileField, user: User, mode: FormMode, t: Texts) -> str:
    step = ONBOARDING_ORDER.index(field) + 1 if mode is FormMode.ONBOARDING else None
    return t.render(
        "profile/question.html", field=field, user=user, step=step, steps=len(ONBOARDING_ORDER)
    )


async def ask(
    event: Message | CallbackQuery,
    field: ProfileField,
    user: User,
    state: FSMContext,
    t: Texts,
    mode: FormMode,
) -> None:
    """Show the question for one field and wait for its answer."""
    await state.set_state(STATES[field])
    await state.update_data(mode=mode.value)
    await show(event, _prompt(field, user, mode, t), _keyboard(field, user, mode, t))


async def _mode(state: FSMContext) -> FormMode:
    return FormMode((await state.get_data()).get("mode", FormMode.ONBOARDING))


async def advance(
    event: Message | CallbackQuery,
    user: User,
    users: UserService,
    state: FSMContext,
    t: Texts,
    step: int,
) -> None:
    """Move `step` fields along onboarding, or back to the card after an edit."""
    field = FIELDS[await state.get_state()]
    mode = await _mode(state)
    index = ONBOARDING_ORDER.index(field) + step
    if mode is FormMode.EDIT or index >= len(ONBOARDING_ORDER):
        await finish(event, user, users, state, t, mode)
    else:
        await ask(event, ONBOARDING_ORDER[max(index, 0)], user, state, t, mode)


async def finish(
    event: Message | CallbackQuery,
    user: User,
    users: UserService,
    state: FSMContext,
    t: Texts,
    mode: FormMode,
) -> None:
    await state.clear()
    if mode is FormMode.ONBOARDING:
        user = await users.complete_onboarding(user.id)
    header = t("onboarding.done") + "\n\n" if mode is FormMode.ONBOARDING else ""
    await show(event, header + t.render("profile/card.html", user=user), card_keyboard(t))


async def cb_sport(
    callback: CallbackQuery,
    callback_data: SportCb,
    user: User,
    users: UserService,
    state: FSMContext,
    t: Texts,
) -> None:
    user = await users.toggle_sport(user.id, callback_data.sport)
    await ask(callback, ProfileField.SPORTS, user, state, t, await _mode(state))


async def cb_day(
    callback: CallbackQuery,
    callback_data: DayCb,
    user: User,
    users: UserService,
    state: FSMContext,
    t: Texts,
) -> None:
    user = await users.toggle_day(user.id, callback_data.day)
    await ask(callback, ProfileField.DAYS, user, state, t, await _mode(state))


async def cb_level(
    callback: CallbackQuery,
    callback_data: LevelCb,
    user: User,
    users: UserService,
    state: FSMContext,
    t: Texts,
) -> None:
    user = await users.set_level(user.id, callback_data.level)
    await advance(callback, user, users, state, t, 1)


async def cb_goal(
    callback: CallbackQuery,
    callback_data: GoalCb,
    user: User,
    users: UserService,
    state: FSMContext,
    t: Texts,
) -> None:
    user = await users.set_goal(user.id, callback_data.goal)
    await advance(callback, user, users, state, t, 1)


async def cb_navigate(
    callback: CallbackQuery,
    callback_data: FormCb,
    user: User,
    users: UserService,
    state: FSMContext,
    t: Texts,
) -> None:
    current = await state.get_state()
    if current not in FIELDS:
        await callback.answer(t("common.outdated_button"))
        return
    mode = await _mode(state)
    if callback_data.action is FormAction.SKIP and mode is FormMode.EDIT:
        user = await users.clear_field(user.id, FIELDS[current])
    if callback_data.action is FormAction.BACK and mode is FormMode.EDIT:
        await finish(callback, user, users, state, t, mode)
        return
    await advance(
        callback, user, users, state, t, -1 if callback_data.action is FormAction.BACK else 1
    )


async def msg_city_location(
    message: Message, user: User, users: UserService, state: FSMContext, t: Texts
) -> None:
    location = message.location
    assert location is not None
    user = await users.set_location(user.id, location.latitude, location.longitude)
    await message.answer(t("form.location_saved", timezone=user.timezone))
    await advance(message, user, users, state, t, 1)


async def msg_text_answer(
    message: Message, user: User, users: UserService, state: FSMContext, t: Texts
) -> None:
    field = FIELDS[await state.get_state()]
    user = await users.set_text_field(user.id, field, message.text or "")
    await advance(message, user, users, state, t, 1)


async def msg_unexpected(message: Message, state: FSMContext, t: Texts) -> None:
    field = FIELDS[await state.get_state()]
    key = "form.use_buttons" if field not in TEXT_FIELDS else "form.type_answer"
    await message.answer(t(key))


def build_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(cb_sport, ProfileForm.sports, SportCb.filter())
    router.callback_query.register(cb_day, ProfileForm.days, DayCb.filter())
    router.callback_query.register(cb_level, ProfileForm.level, LevelCb.filter())
    router.callback_query.register(cb_goal, ProfileForm.goal, GoalCb.filter())
    router.callback_query.register(cb_navigate, FormCb.filter())
    router.message.register(msg_city_location, ProfileForm.city, F.location)
    router.message.register(
        msg_text_answer,
        StateFilter(*[STATES[field] for field in TEXT_FIELDS]),
        F.text,
        ~F.text.startswith("/"),
    )
    router.message.register(msg_unexpected, StateFilter(*STATES.values()), ~F.text.startswith("/"))
    return router
