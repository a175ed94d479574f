"""How a live track looks: its status message, its buttons and the closing messages."""

from __future__ import annotations

from enum import StrEnum

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters.callback_data import CallbackData
from aiogram.types import BufferedInputFile, InlineKeyboardMarkup

from domain.activities.service import Imported
from domain.tracks.models import TRACKED, LiveTrack, TrackState
from domain.tracks.outcomes import Closed, Dropped, Saved
from domain.users.models import User
from domain.workouts.models import Activity
from handlers.charts import ActivityCharts
from handlers.imports import imported_keyboard
from handlers.keyboards import InlineKeyboardBuilder
from handlers.texts import Texts


class TrackAction(StrEnum):
    FINISH = "f"
    DISCARD = "d"  # asks first
    CONFIRM = "c"
    KEEP = "k"


class TrackCb(CallbackData, prefix="lt"):
    action: TrackAction
    track_id: int


class TrackSportCb(CallbackData, prefix="lts"):
    track_id: int
    activity: Activity


class PendingSportCb(CallbackData, prefix="ltp"):
    """A sport chosen before the live location is shared (`/track`)."""

    activity: Activity


def track_keyboard(track: LiveTrack, t: Texts, confirm: bool = False) -> InlineKeyboardMarkup:
    """The sports while none is chosen, then finish; discard asks to confirm."""
    builder = InlineKeyboardBuilder()
    if not track.state.open:
        return builder.as_markup()
    if confirm:
        builder.button(
            text=t("tracks.confirm_discard"),
            callback_data=TrackCb(action=TrackAction.CONFIRM, track_id=track.id),
        )
        builder.button(
            text=t("tracks.keep"),
            callback_data=TrackCb(action=TrackAction.KEEP, track_id=track.id),
        )
        builder.adjust(2)
        return builder.as_markup()
    if track.activity is None:
        for activity in TRACKED:
            builder.button(
                text=t("activity." + activity),
                callback_data=TrackSportCb(track_id=track.id, activity=activity),
            )
    else:
        builder.button(
            text=t("tracks.finish"),
            callback_data=TrackCb(action=TrackAction.FINISH, track_id=track.id),
        )
    builder.button(
        text=t("tracks.discard"),
        callback_data=TrackCb(action=TrackAction.DISCARD, track_id=track.id),
    )
    builder.adjust(2, 2, 1)
    return builder.as_markup()


def pending_keyboard(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for activity in TRACKED:
        builder.button(
            text=t("activity." + activity), callback_data=PendingSportCb(activity=activity)
        )
    builder.adjust(2)
    return builder.as_markup()


def status_text(track: LiveTrack, user: User, t: Texts, closed: Closed | None = None) -> str:
    return t.render("tracks/status.html", track=track, user=user, closed=closed)


async def edit_status(
    bot: Bot, track: LiveTrack, text: str, markup: InlineKeyboardMarkup | None
) -> None:
    """Telegram refuses an edit that changes nothing, or of a message the athlete deleted:
    the numbers are then simply not shown, and the next edit tries again."""
    if track.status_message_id is None:
        return
    try:
        await bot.edit_message_text(
            text, chat_id=track.chat_id, message_id=track.status_message_id, reply_markup=markup
        )
    except TelegramBadRequest:
        return


async def announce_closed(
    bot: Bot, user: User, closed: Closed, t: Texts, charts: ActivityCharts
) -> None:
    """The status shows the final numbers; a saved track's card and route follow it."""
    track = closed.track
    await edit_status(bot, track, status_text(track, user, t, closed), None)
    if isinstance(closed, Dropped):
        if track.status_message_id is None:
            await bot.send_message(track.chat_id, t("tracks.dropped." + closed.reason))
        return
    await _send_saved(bot, user, closed, t, charts)


async def _send_saved(
    bot: Bot, user: User, saved: Saved, t: Texts, charts: ActivityCharts
) -> None:
    imported = Imported((saved.imported,), None)
    text = t.render("tracks/saved.html", imported=imported, user=user)
    await bot.send_message(saved.track.chat_id, text, reply_markup=imported_keyboard(imported, t))
    item = saved.imported
    if item.samples.chartable:
        workout = item.logged.workout
        png = charts.activity(item.samples, workout.activity, user.units, t)
        photo = BufferedInputFile(png, filename=f"workout-{workout.id}.png")
        await bot.send_photo(saved.track.chat_id, photo)


def is_waiting_for_sport(track: LiveTrack) -> bool:
    return track.state is TrackState.ENDED or (track.state.open and track.activity is None)
