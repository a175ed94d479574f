"""/partners: athletes like me nearby, an intro only they can accept, contacts after consent."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from domain.partners.models import Hi, HiOutcome, MatchPage, ReportReason
from domain.partners.service import PartnerService
from domain.users.models import Language, User, Weekday
from handlers.keyboards import InlineKeyboardBuilder
from handlers.partner_callbacks import IntroAction, IntroCb, PartnerAction, PartnerCb, ReportCb
from handlers.replies import show
from handlers.texts import Texts

logger = logging.getLogger(__name__)


def about_keyboard(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("partners.join"), callback_data=PartnerCb(action=PartnerAction.JOIN))
    return builder.as_markup()


def page_keyboard(found: MatchPage, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for item in found.matches:
        hi = PartnerCb(action=PartnerAction.HI, page=found.page, target=item.candidate.user_id)
        builder.row(
            InlineKeyboardButton(
                text=t("partners.say_hi", name=item.candidate.first_name), callback_data=hi.pack()
            )
        )
    paging = []
    for page, key in ((found.page - 1, "journal.newer"), (found.page + 1, "journal.older")):
        if 0 <= page < found.pages:
            data = PartnerCb(action=PartnerAction.PAGE, page=page).pack()
            paging.append(InlineKeyboardButton(text=t(key), callback_data=data))
    if paging:
        builder.row(*paging)
    leave = PartnerCb(action=PartnerAction.LEAVE).pack()
    builder.row(InlineKeyboardButton(text=t("partners.leave"), callback_data=leave))
    return builder.as_markup()


def intro_keyboard(intro_id: int, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for action in IntroAction:
        builder.button(
            text=t(f"partners.intro_{action}"),
            callback_data=IntroCb(action=action, intro_id=intro_id),
        )
    builder.adjust(2)
    return builder.as_markup()


def report_keyboard(intro_id: int, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for reason in ReportReason:
        builder.button(
            text=t(f"partners.reason_{reason}"),
            callback_data=ReportCb(intro_id=intro_id, reason=reason),
        )
    builder.adjust(2)
    return builder.as_markup()


async def _list(
    event: Message | CallbackQuery, user: User, partners: PartnerService, t: Texts, page: int
) -> None:
    found = await partners.find(user, page)
    if found is None:
        await show(event, t.render("partners/about.html"), about_keyboard(t))
        return
    text = t.render("partners/list.html", found=found, user=user, weekdays=tuple(Weekday))
    await show(event, text, page_keyboard(found, t))


async def cmd_partners(
    message: Message, user: User, partners: PartnerService, state: FSMContext, t: Texts
) -> None:
    await state.clear()
    await _list(message, user, partners, t, 0)


async def cb_join(callback: CallbackQuery, user: User, partners: PartnerService, t: Texts) -> None:
    await partners.join(user)
    await _list(callback, user, partners, t, 0)


async def cb_leave(
    callback: CallbackQuery, user: User, partners: PartnerService, t: Texts
) -> None:
    await partners.leave(user)
    text = t("partners.left") + "\n\n" + t.render("partners/about.html")
    await show(callback, text, about_keyboard(t))


async def cb_page(
    callback: CallbackQuery,
    callback_data: PartnerCb,
    user: User,
    partners: PartnerService,
    t: Texts,
) -> None:
    await _list(callback, user, partners, t, callback_data.page)


async def cb_hi(
    callback: CallbackQuery,
    callback_data: PartnerCb,
    user: User,
    partners: PartnerService,
    bot: Bot,
    t: Texts,
    texts_for: dict[Language, Texts],
) -> None:
    hi = await partners.say_hi(user, callback_data.target)
    await callback.answer(
        t(f"partners.hi_{hi.outcome}"), show_alert=hi.outcome is not HiOutcome.SENT
    )
    await _deliver(bot, hi, texts_for)


async def _deliver(bot: Bot, hi: Hi, texts_for: dict[Language, Texts]) -> None:
    if hi.deliver is None or hi.recipient is None or hi.sender is None:
        return
    t = texts_for[hi.recipient.language]
    text = t.render("partners/request.html", sender=hi.sender)
    try:
        await bot.send_message(
            hi.recipient.id, text, reply_markup=intro_keyboard(hi.deliver.id, t)
        )
    except TelegramAPIError:
        logger.info("intro %s could not be delivered", hi.deliver.id)


async def cb_answer(
    callback: CallbackQuery,
    callback_data: IntroCb,
    user: User,
    partners: PartnerService,
    bot: Bot,
    t: Texts,
    texts_for: dict[Language, Texts],
) -> None:
    accept = callback_data.action is IntroAction.ACCEPT
    connection = await partners.answer(user, callback_data.intro_id, accept)
    if connection is None:
        await show(callback, t("partners.declined"))
        return
    await show(callback, _connected(t, connection.sender))
    sender_texts = texts_for[connection.sender.language]
    try:
        await bot.send_message(
            connection.sender.id, _connected(sender_texts, connection.recipient)
        )
    except TelegramAPIError:
        logger.info("intro %s: the sender could not be told", connection.intro.id)


def _connected(t: Texts, other: User) -> str:
    return t.render("partners/connected.html", other=other)


async def cb_block(
    callback: CallbackQuery, callback_data: IntroCb, user: User, partners: PartnerService, t: Texts
) -> None:
    await partners.block_sender(user, callback_data.intro_id)
    await show(callback, t("partners.blocked"))


async def cb_report(callback: CallbackQuery, callback_data: IntroCb, t: Texts) -> None:
    await show(callback, t("partners.report_why"), report_keyboard(callback_data.intro_id, t))


async def cb_reported(
    callback: CallbackQuery,
    callback_data: ReportCb,
    user: User,
    partners: PartnerService,
    t: Texts,
) -> None:
    await partners.block_sender(user, callback_data.intro_id, callback_data.reason)
    await show(callback, t("partners.reported"))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_partners, Command("partners"))
    router.callback_query.register(cb_join, PartnerCb.filter(F.action == PartnerAction.JOIN))
    router.callback_query.register(cb_leave, PartnerCb.filter(F.action == PartnerAction.LEAVE))
    router.callback_query.register(cb_page, PartnerCb.filter(F.action == PartnerAction.PAGE))
    router.callback_query.register(cb_hi, PartnerCb.filter(F.action == PartnerAction.HI))
    answers = F.action.in_({IntroAction.ACCEPT, IntroAction.DECLINE})
    router.callback_query.register(cb_answer, IntroCb.filter(answers))
    router.callback_query.register(cb_block, IntroCb.filter(F.action == IntroAction.BLOCK))
    router.callback_query.register(cb_report, IntroCb.filter(F.action == IntroAction.REPORT))
    router.callback_query.register(cb_reported, ReportCb.filter())
    return router
