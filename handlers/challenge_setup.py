"""/challenge: the organizer sets a challenge up on one card of buttons, then posts it.

The setup lives in the FSM of the organizer in that chat (aiogram keys it by chat and
user), so nobody else's press reaches it; in a group every step asks Telegram again
whether the organizer still administers the chat.
"""

from __future__ import annotations

import contextlib
from typing import Any

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, ForceReply, Message

from domain.challenges.models import Entries, Goal, Metric, Mode, PeriodKind, Scope
from domain.challenges.service import ChallengeService
from domain.users.models import User
from handlers.broadcast import IsAdmin
from handlers.challenge_callbacks import ChallengeSetupCb, SetupField
from handlers.challenge_view import initial, join_keyboard, setup_keyboard, setup_of
from handlers.chat_admins import ChatAdmin
from handlers.replies import show
from handlers.texts import Texts


class ChallengeForm(StatesGroup):
    menu = State()
    custom = State()
    target = State()
    teams = State()


ASKS = {
    SetupField.PERIOD: (ChallengeForm.custom, "challenges.setup.ask_dates"),
    SetupField.GOAL: (ChallengeForm.target, "challenges.setup.ask_target"),
    SetupField.MODE: (ChallengeForm.teams, "challenges.setup.ask_teams"),
}
TYPED_VALUES = {PeriodKind.CUSTOM.value, Goal.TARGET.value, Mode.TEAMS.value}


async def _data(state: FSMContext) -> dict[str, Any]:
    return dict((await state.get_data()).get("challenge") or {})


async def _card(
    event: Message | CallbackQuery,
    state: FSMContext,
    challenges: ChallengeService,
    t: Texts,
    changes: dict[str, Any] | None = None,
) -> None:
    data = {**await _data(state), **(changes or {})}
    await state.set_state(ChallengeForm.menu)
    await state.update_data(challenge=data)
    text = t.render("challenges/setup.html", setup=setup_of(data), dates=data.get("dates"))
    await show(event, text, setup_keyboard(data, challenges.metrics, t))


async def begin(
    message: Message,
    scope: Scope,
    args: str | None,
    state: FSMContext,
    challenges: ChallengeService,
    t: Texts,
) -> None:
    await state.clear()
    title = (args or "").strip() or t("challenges.default_title")
    await state.update_data(challenge=initial(scope, title))
    await _card(message, state, challenges, t)


async def cmd_challenge_group(
    message: Message,
    command: CommandObject,
    user: User | None,
    bot: Bot,
    state: FSMContext,
    challenges: ChallengeService,
    t: Texts,
) -> None:
    if user is None:
        me = await bot.me()
        await message.reply(t("challenges.start_bot_first", link=f"https://t.me/{me.username}"))
        return
    await begin(message, Scope.GROUP, command.args, state, challenges, t)


async def cmd_challenge_private(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    challenges: ChallengeService,
    t: Texts,
) -> None:
    await begin(message, Scope.PERSONAL, command.args, state, challenges, t)


async def cmd_challenge_global(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    challenges: ChallengeService,
    t: Texts,
) -> None:
    await begin(message, Scope.GLOBAL, command.args, state, challenges, t)


async def cb_setup(
    callback: CallbackQuery,
    callback_data: ChallengeSetupCb,
    user: User | None,
    bot: Bot,
    state: FSMContext,
    challenges: ChallengeService,
    t: Texts,
) -> None:
    field, value = callback_data.field, callback_data.value
    if field is SetupField.POST:
        await _post(callback, user, bot, state, challenges, t)
        return
    if field is SetupField.CANCEL:
        await state.clear()
        await show(callback, t("challenges.setup.cancelled"))
        return
    if field in ASKS and value in TYPED_VALUES:
        step, key = ASKS[field]
        await state.set_state(step)
        await callback.answer()
        if isinstance(callback.message, Message):
            await callback.message.answer(t(key), reply_markup=ForceReply(selective=True))
        return
    await _card(callback, state, challenges, t, await _changed(state, field, value))


async def _changed(state: FSMContext, field: SetupField, value: str) -> dict[str, Any]:
    data = await _data(state)
    if field is SetupField.SPORT:
        sports = set(data["sports"]) ^ {value}
        return {"sports": sorted(sports)}
    if field is SetupField.METRIC:
        return {"metric": Metric(value).value, "target": None}
    if field is SetupField.PERIOD:
        return {"period": PeriodKind(value).value, "custom": None}
    if field is SetupField.GOAL:
        return {"goal": Goal(value).value, "target": None}
    if field is SetupField.MODE:
        return {"mode": Mode(value).value, "teams": []}
    return {"entries": Entries(value).value}


async def _post(
    callback: CallbackQuery,
    user: User | None,
    bot: Bot,
    state: FSMContext,
    challenges: ChallengeService,
    t: Texts,
) -> None:
    message = callback.message
    if user is None or not isinstance(message, Message):
        await callback.answer()
        return
    data = await _data(state)
    board = await challenges.create(user, Scope(data["scope"]), message.chat.id, setup_of(data))
    await state.clear()
    await callback.answer()
    sent = await message.answer(
        t.render("challenges/board.html", board=board, bot_username=(await bot.me()).username),
        reply_markup=join_keyboard(board, t),
    )
    if board.challenge.scope is Scope.GROUP:
        # The bot may not be allowed to pin here: the board is still edited.
        with contextlib.suppress(TelegramAPIError):
            await bot.pin_chat_message(message.chat.id, sent.message_id, disable_notification=True)
    await challenges.posted(board.challenge.id, sent.message_id)


async def msg_dates(
    message: Message, user: User, state: FSMContext, challenges: ChallengeService, t: Texts
) -> None:
    start, end = challenges.check_period(message.text or "", user)
    changes = {
        "period": PeriodKind.CUSTOM.value,
        "custom": [start.isoformat(), end.isoformat()],
        "dates": " ".join((message.text or "").split()),
    }
    await _card(message, state, challenges, t, changes)


async def msg_target(
    message: Message, state: FSMContext, challenges: ChallengeService, t: Texts
) -> None:
    data = await _data(state)
    target = challenges.check_target(message.text or "", Metric(data["metric"]))
    await _card(message, state, challenges, t, {"goal": Goal.TARGET.value, "target": target})


async def msg_teams(
    message: Message, state: FSMContext, challenges: ChallengeService, t: Texts
) -> None:
    teams = challenges.check_teams(message.text or "")
    await _card(message, state, challenges, t, {"mode": Mode.TEAMS.value, "teams": list(teams)})


async def cmd_challenge_not_admin(message: Message, t: Texts) -> None:
    await message.reply(t("challenges.admins_only"))


async def cb_not_yours(callback: CallbackQuery, t: Texts) -> None:
    await callback.answer(t("challenges.setup.not_yours"), show_alert=True)


def _register(router: Router, *filters: Any) -> None:
    router.callback_query.register(
        cb_setup, ChallengeForm.menu, ChallengeSetupCb.filter(), *filters
    )
    router.message.register(msg_dates, ChallengeForm.custom, F.text, *filters)
    router.message.register(msg_target, ChallengeForm.target, F.text, *filters)
    router.message.register(msg_teams, ChallengeForm.teams, F.text, *filters)
    router.callback_query.register(cb_not_yours, ChallengeSetupCb.filter())


def build_group_router() -> Router:
    router = Router(name=f"{__name__}.group")
    router.callback_query.filter(F.message.chat.type.in_({"group", "supergroup"}))
    router.message.register(cmd_challenge_group, Command("challenge"), ChatAdmin())
    router.message.register(cmd_challenge_not_admin, Command("challenge"))
    _register(router, ChatAdmin())
    return router


def build_private_router() -> Router:
    router = Router(name=f"{__name__}.private")
    router.message.register(cmd_challenge_private, Command("challenge"))
    router.message.register(cmd_challenge_global, Command("challenge_global"), IsAdmin())
    _register(router)
    return router
