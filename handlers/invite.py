"""/invite: the athlete's own invite link with a share button, and who joined by it."""

from __future__ import annotations

from urllib.parse import quote

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message

from domain.growth.referrals import ReferralService
from domain.users.models import User
from handlers.texts import Texts


async def cmd_invite(
    message: Message, user: User, referrals: ReferralService, bot: Bot, t: Texts
) -> None:
    invite = await referrals.invite(user.id)
    username = (await bot.me()).username or ""
    link = f"https://t.me/{username}?start=ref_{invite.code}"
    share = (
        f"https://t.me/share/url?url={quote(link, safe='')}&text={quote(t('invite.share_text'))}"
    )
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t("invite.share_button"), url=share)]]
    )
    await message.answer(
        t.render("growth/invite.html", invite=invite, link=link), reply_markup=markup
    )


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_invite, Command("invite"))
    return router
