"""/admin for admins and moderators: the numbers with a chart, finding an athlete, their
card, ban (with a reason) and unban. Everyone else gets the ordinary unknown-command answer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import StrEnum

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message

from domain.campaigns.console import ConsoleService
from domain.campaigns.models import Role
from domain.campaigns.stats import Found, UserCard
from domain.partners.models import ReportView
from domain.users.models import User
from handlers.broadcast import IsAdmin
from handlers.charts import GrowthCharts
from handlers.keyboards import InlineKeyboardBuilder
from handlers.replies import show
from handlers.texts import Texts


class AdminAction(StrEnum):
    FIND = "find"
    PAGE = "page"
    CARD = "card"
    BAN = "ban"
    UNBAN = "unban"
    REPORTS = "reports"


class AdminCb(CallbackData, prefix="adm"):
    """A console button; the rights behind it are read from the database on every press."""

    action: AdminAction
    user_id: int = 0
    page: int = 0


class AdminForm(StatesGroup):
    query = State()
    reason = State()


def _console_keyboard(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("admin.find_button"), callback_data=AdminCb(action=AdminAction.FIND))
    builder.button(
        text=t("admin.reports_button"), callback_data=AdminCb(action=AdminAction.REPORTS)
    )
    builder.adjust(1)
    return builder.as_markup()


def _reports_keyboard(reports: list[ReportView]) -> InlineKeyboardMarkup:
    """One button per reported athlete: their card, where the ban is."""
    builder = InlineKeyboardBuilder()
    for user_id in dict.fromkeys(report.reported_id for report in reports):
        name = next(r.reported_name for r in reports if r.reported_id == user_id)
        builder.button(
            text=f"{name} · {user_id}",
            callback_data=AdminCb(action=AdminAction.CARD, user_id=user_id),
        )
    builder.adjust(1)
    return builder.as_markup()


def _found_keyboard(found: Found) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for athlete in found.users:
        label = f"{athlete.first_name} · {athlete.id}"
        builder.button(
            text=label, callback_data=AdminCb(action=AdminAction.CARD, user_id=athlete.id)
        )
    pager = []
    if found.page > 0:
        pager.append(("◀️", found.page - 1))
    if found.page + 1 < found.pages:
        pager.append(("▶️", found.page + 1))
    for label, page in pager:
        builder.button(text=label, callback_data=AdminCb(action=AdminAction.PAGE, page=page))
    builder.adjust(*([1] * len(found.users)), max(1, len(pager)))
    return builder.as_markup()


def _card_keyboard(card: UserCard, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    action = AdminAction.UNBAN if card.ban else AdminAction.BAN
    builder.button(
        text=t(f"admin.{action}_button"),
        callback_data=AdminCb(action=action, user_id=card.user.id),
    )
    return builder.as_markup()


async def cmd_admin(
    message: Message, user: User, console: ConsoleService, charts: GrowthCharts, t: Texts
) -> None:
    stats = await console.stats(user.id)
    chart = charts.growth(stats.weeks, t)
    await message.answer_photo(
        BufferedInputFile(chart, "growth.png"), caption=t("admin.chart.title")
    )
    await message.answer(
        t.render("admin/stats.html", stats=stats), reply_markup=_console_keyboard(t)
    )


async def cb_find(callback: CallbackQuery, state: FSMContext, user: User, t: Texts) -> None:
    await state.set_state(AdminForm.query)
    await callback.answer()
    await callback.bot.send_message(user.id, t("admin.ask_query"))  # type: ignore[union-attr]


async def msg_query(
    message: Message, user: User, console: ConsoleService, state: FSMContext, t: Texts
) -> None:
    found = await console.find(user.id, message.text or "")
    await state.set_state(None)
    await state.update_data(query=found.query)
    await message.answer(
        t.render("admin/found.html", found=found), reply_markup=_found_keyboard(found)
    )


async def cb_page(
    callback: CallbackQuery,
    callback_data: AdminCb,
    user: User,
    console: ConsoleService,
    state: FSMContext,
    t: Texts,
) -> None:
    query = (await state.get_data()).get("query")
    if not query:
        await callback.answer(t("common.outdated_button"))
        return
    found = await console.find(user.id, str(query), callback_data.page)
    await show(callback, t.render("admin/found.html", found=found), _found_keyboard(found))


async def cb_card(
    callback: CallbackQuery, callback_data: AdminCb, user: User, console: ConsoleService, t: Texts
) -> None:
    card = await console.card(user.id, callback_data.user_id)
    await show(callback, t.render("admin/card.html", card=card), _card_keyboard(card, t))


async def cb_reports(
    callback: CallbackQuery, user: User, console: ConsoleService, t: Texts
) -> None:
    reports = await console.partner_reports(user.id)
    text = t.render("admin/reports.html", reports=reports, timezone=user.timezone)
    await show(callback, text, _reports_keyboard(reports))


async def cb_ban(
    callback: CallbackQuery,
    callback_data: AdminCb,
    user: User,
    console: ConsoleService,
    state: FSMContext,
    t: Texts,
) -> None:
    card = await console.card(user.id, callback_data.user_id)
    await state.set_state(AdminForm.reason)
    await state.update_data(ban_user_id=card.user.id)
    await callback.answer()
    await callback.bot.send_message(  # type: ignore[union-attr]
        user.id, t("admin.ask_reason", name=card.user.first_name)
    )


async def msg_reason(
    message: Message, user: User, console: ConsoleService, state: FSMContext, t: Texts
) -> None:
    target = int((await state.get_data())["ban_user_id"])
    card = await console.ban(user.id, target, message.text or "")
    await state.clear()
    await message.answer(
        t.render("admin/card.html", card=card), reply_markup=_card_keyboard(card, t)
    )


async def cb_unban(
    callback: CallbackQuery, callback_data: AdminCb, user: User, console: ConsoleService, t: Texts
) -> None:
    card = await console.unban(user.id, callback_data.user_id)
    await show(callback, t.render("admin/card.html", card=card), _card_keyboard(card, t))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(IsAdmin(Role.MODERATOR))
    router.callback_query.filter(IsAdmin(Role.MODERATOR))
    router.message.register(cmd_admin, Command("admin"))
    typed = (F.text, ~F.text.startswith("/"))
    router.message.register(msg_query, AdminForm.query, *typed)
    router.message.register(msg_reason, AdminForm.reason, *typed)
    handlers: dict[AdminAction, Callable[..., Awaitable[None]]] = {
        AdminAction.FIND: cb_find,
        AdminAction.PAGE: cb_page,
        AdminAction.CARD: cb_card,
        AdminAction.BAN: cb_ban,
        AdminAction.UNBAN: cb_unban,
        AdminAction.REPORTS: cb_reports,
    }
    for action, handler in handlers.items():
        router.callback_query.register(handler, AdminCb.filter(F.action == action))
    return router
