"""Live location workouts: share a live location, watch the numbers, stop or finish."""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from domain.tracks.models import Fix, LiveTrack, tracked_activity
from domain.tracks.service import LiveTrackService
from domain.users.models import User
from domain.workouts.models import Activity
from handlers.charts import ActivityCharts
from handlers.texts import Texts
from handlers.track_views import (
    PendingSportCb,
    TrackAction,
    TrackCb,
    TrackSportCb,
    announce_closed,
    edit_status,
    pending_keyboard,
    status_text,
    track_keyboard,
)

SPORT_KEY = "track_sport"


class TrackForm(StatesGroup):
    share = State()  # a sport was chosen with /track: the live location comes next


def _fix(message: Message) -> Fix:
    location = message.location
    assert location is not None
    moment = message.edit_date or message.date
    at = datetime.fromtimestamp(moment, UTC) if isinstance(moment, int) else moment
    return Fix(
        at.astimezone(UTC), location.latitude, location.longitude, location.horizontal_accuracy
    )


async def _arm(message: Message, activity: Activity, state: FSMContext, t: Texts) -> None:
    await state.set_state(TrackForm.share)
    await state.update_data({SPORT_KEY: activity.value})
    await message.answer(t("tracks.armed", sport=t("activity." + activity)))


async def cmd_track(message: Message, command: CommandObject, state: FSMContext, t: Texts) -> None:
    activity = tracked_activity(command.args or "")
    if activity is None:
        await message.answer(t("tracks.how"), reply_markup=pending_keyboard(t))
        return
    await _arm(message, activity, state, t)


async def cb_pending_sport(
    callback: CallbackQuery, callback_data: PendingSportCb, state: FSMContext, t: Texts
) -> None:
    await callback.answer()
    if isinstance(callback.message, Message):
        await _arm(callback.message, callback_data.activity, state, t)


async def msg_live_location(
    message: Message, user: User, tracks: LiveTrackService, state: FSMContext, t: Texts
) -> None:
    location = message.location
    assert location is not None
    assert location.live_period is not None
    data = await state.get_data()
    sport = data.get(SPORT_KEY)
    if sport is not None:
        await state.clear()
    activity = Activity(sport) if sport else None
    fix = _fix(message)
    track = await tracks.start(
        user, message.chat.id, message.message_id, fix, location.live_period, activity
    )
    if track.status_message_id is not None:
        return  # the same share again: its status message is already there
    sent = await message.answer(status_text(track, user, t), reply_markup=track_keyboard(track, t))
    await tracks.show_status(user.id, track.id, sent.message_id)


async def msg_plain_location_for_track(message: Message, t: Texts) -> None:
    await message.answer(t("tracks.need_live"))


async def edited_location(
    message: Message,
    bot: Bot,
    user: User,
    tracks: LiveTrackService,
    charts: ActivityCharts,
    t: Texts,
) -> None:
    live = message.location is not None and message.location.live_period is not None
    extended = await tracks.extend(user, message.chat.id, message.message_id, _fix(message), live)
    if extended is None:
        return
    if extended.closed is not None:
        await announce_closed(bot, user, extended.closed, t, charts)
    elif extended.show:
        track = extended.track
        await edit_status(bot, track, status_text(track, user, t), track_keyboard(track, t))


async def cb_sport(
    callback: CallbackQuery,
    callback_data: TrackSportCb,
    bot: Bot,
    user: User,
    tracks: LiveTrackService,
    charts: ActivityCharts,
    t: Texts,
) -> None:
    result = await tracks.choose(user, callback_data.track_id, callback_data.activity)
    await callback.answer()
    if isinstance(result, LiveTrack):
        await edit_status(bot, result, status_text(result, user, t), track_keyboard(result, t))
    else:
        await announce_closed(bot, user, result, t, charts)


async def cb_track(
    callback: CallbackQuery,
    callback_data: TrackCb,
    bot: Bot,
    user: User,
    tracks: LiveTrackService,
    charts: ActivityCharts,
    t: Texts,
) -> None:
    action = callback_data.action
    if action in {TrackAction.DISCARD, TrackAction.KEEP}:
        track = await tracks.get(user.id, callback_data.track_id)
        confirm = action is TrackAction.DISCARD
        await callback.answer()
        await edit_status(
            bot, track, status_text(track, user, t), track_keyboard(track, t, confirm)
        )
        return
    if action is TrackAction.FINISH:
        closed = await tracks.finish(user, callback_data.track_id)
    else:
        closed = await tracks.discard(user, callback_data.track_id)
    if closed is None:
        await callback.answer(t("tracks.already_closed"))
        return
    await callback.answer()
    await announce_closed(bot, user, closed, t, charts)


def build_router() -> Router:
    router = Router(name=__name__)
    router.edited_message.filter(F.chat.type == "private")
    router.message.register(cmd_track, Command("track"))
    router.callback_query.register(cb_pending_sport, PendingSportCb.filter())
    router.message.register(msg_live_location, F.location.live_period)
    router.message.register(msg_plain_location_for_track, TrackForm.share, F.location)
    router.edited_message.register(edited_location, F.location)
    router.callback_query.register(cb_sport, TrackSportCb.filter())
    router.callback_query.register(cb_track, TrackCb.filter())
    return router
