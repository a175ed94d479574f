"""/start: greets a newcomer and starts onboarding; remembers deep-link payloads, records a
referral, redeems a promo code, opens a group invite and completes the join of a challenge
the athlete tapped in a group before starting the bot."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from domain.challenges.service import ChallengeService
from domain.errors import InvalidValueError, NotFoundError
from domain.groups.service import GroupService
from domain.growth.promos import PromoService
from domain.growth.referrals import ReferralService
from domain.users.models import ONBOARDING_ORDER, User
from domain.users.service import UserService
from domain.users.start_links import StartLink, StartLinkKind, parse_start_payload
from handlers.groups_search import open_invite
from handlers.profile_form import FormMode, ask, card_keyboard
from handlers.texts import Texts


async def _arrive(
    message: Message,
    user: User,
    link: StartLink,
    referrals: ReferralService,
    promos: PromoService,
    t: Texts,
) -> None:
    if link.kind is StartLinkKind.REFERRAL:
        await referrals.attach(user.id, link)
    elif link.kind is StartLinkKind.PROMO:
        try:
            redeemed = await promos.redeem(user.id, link.code)
        except InvalidValueError as error:
            await message.answer(t(f"errors.promo.{error.reason}"))
        except NotFoundError:
            await message.answer(t("errors.not_found_promo"))
        else:
            await message.answer(
                t.render("growth/redeemed.html", redeemed=redeemed, timezone=user.timezone)
            )


async def cmd_start(
    message: Message,
    command: CommandObject,
    user: User,
    users: UserService,
    referrals: ReferralService,
    promos: PromoService,
    groups: GroupService,
    challenges: ChallengeService,
    state: FSMContext,
    t: Texts,
) -> None:
    await state.clear()
    link = parse_start_payload(command.args)
    if link is not None:
        user = await users.remember_start_link(user.id, link)
        await _arrive(message, user, link, referrals, promos, t)
    if link is not None and link.kind is StartLinkKind.CHALLENGE:
        joined = await challenges.join_link(user, link.code)
        await message.answer(t.render("challenges/joined.txt", joined=joined))
    if user.onboarded_at is not None and link is not None and link.kind is StartLinkKind.GROUP:
        await open_invite(message, user, groups, link.code, t)
        return
    if user.onboarded_at is not None:
        await message.answer(t("start.welcome_back", name=user.first_name))
        await message.answer(
            t.render("profile/card.html", user=user), reply_markup=card_keyboard(t)
        )
        return
    await message.answer(t.render("start/greeting.html", user=user, link=link))
    await ask(message, ONBOARDING_ORDER[0], user, state, t, FormMode.ONBOARDING)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_start, CommandStart())
    return router
