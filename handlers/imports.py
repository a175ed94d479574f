"""Activity files sent as documents: import them, answer with the card and a chart."""

from __future__ import annotations

from pathlib import PurePath

from aiogram import Bot, F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message

from domain.activities.service import AlreadyImported, Imported, ImportService
from domain.activities.validation import check_size
from domain.users.models import User
from handlers.charts import ActivityCharts
from handlers.imports_archive import is_archive, msg_archive
from handlers.keyboards import InlineKeyboardBuilder
from handlers.texts import Texts
from handlers.workout_callbacks import JournalCb, WorkoutAction, WorkoutCb

EXTENSIONS = (".fit", ".gpx", ".tcx")


class ImportCb(CallbackData, prefix="ic"):
    """Send the samples of an imported workout as a CSV document."""

    workout_id: int


def _is_activity_file(message: Message) -> bool:
    name = message.document.file_name if message.document else None
    return bool(name) and PurePath(name or "").suffix.lower() in EXTENSIONS


def imported_keyboard(imported: Imported, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for item in imported.workouts:
        workout = item.logged.workout
        label = f"{t('imports.csv_button')} · {t('activity.' + workout.activity)}"
        builder.button(text=label, callback_data=ImportCb(workout_id=workout.id))
    builder.button(text=t("workout.journal_button"), callback_data=JournalCb(page=0))
    builder.adjust(1)
    return builder.as_markup()


def already_keyboard(outcome: AlreadyImported, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("imports.open_button"),
        callback_data=WorkoutCb(action=WorkoutAction.OPEN, workout_id=outcome.workout.id),
    )
    return builder.as_markup()


async def msg_activity_file(
    message: Message,
    bot: Bot,
    user: User,
    imports: ImportService,
    charts: ActivityCharts,
    t: Texts,
) -> None:
    document = message.document
    assert document is not None
    check_size(document.file_size)
    downloaded = await bot.download(document)
    content = downloaded.read() if downloaded is not None else b""
    outcome = await imports.import_file(user, document.file_name or "", content)
    if isinstance(outcome, AlreadyImported):
        await message.answer(t("imports.already"), reply_markup=already_keyboard(outcome, t))
        return
    text = t.render("imports/imported.html", imported=outcome, user=user)
    await message.answer(text, reply_markup=imported_keyboard(outcome, t))
    for item in outcome.workouts:
        if item.samples.chartable:
            png = charts.activity(item.samples, item.logged.workout.activity, user.units, t)
            name = f"workout-{item.logged.workout.id}.png"
            await message.answer_photo(BufferedInputFile(png, filename=name))


async def msg_other_document(message: Message, t: Texts) -> None:
    await message.answer(t("imports.hint"))


async def cb_csv(
    callback: CallbackQuery, callback_data: ImportCb, user: User, imports: ImportService, t: Texts
) -> None:
    body = await imports.samples_csv(user.id, callback_data.workout_id)
    await callback.answer()
    name = f"workout-{callback_data.workout_id}-samples.csv"
    if callback.bot is not None:
        await callback.bot.send_document(
            user.id, BufferedInputFile(body, filename=name), caption=t("imports.csv_caption")
        )


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(msg_activity_file, F.document, _is_activity_file)
    router.message.register(msg_archive, F.document, is_archive)
    router.message.register(msg_other_document, F.document)
    router.callback_query.register(cb_csv, ImportCb.filter())
    return router
