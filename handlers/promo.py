"""/promo CODE redeems a promo code (so does a `promo_<code>` deep link); /promo alone shows
the athlete's perks. Admins: /promo_new creates codes step by step, /promos lists them."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from domain.errors import InvalidValueError
from domain.growth.models import PromoKind
from domain.growth.promos import PromoService
from domain.users.models import User
from handlers.broadcast import IsAdmin
from handlers.keyboards import InlineKeyboardBuilder
from handlers.texts import Texts

UNIQUE_COUNTS = (10, 100)


class PromoForm(StatesGroup):
    name = State()
    limits = State()


class PromoKindCb(CallbackData, prefix="pk"):
    kind: PromoKind
    count: int = 1


class PromoRewardCb(CallbackData, prefix="pr"):
    reward: str


async def cmd_promo(
    message: Message, command: CommandObject, user: User, promos: PromoService, t: Texts
) -> None:
    if not command.args:
        perks = await promos.perks(user.id)
        await message.answer(t.render("growth/perks.html", perks=perks, timezone=user.timezone))
        return
    redeemed = await promos.redeem(user.id, command.args)
    await message.answer(
        t.render("growth/redeemed.html", redeemed=redeemed, timezone=user.timezone)
    )


async def cmd_promo_new(message: Message, state: FSMContext, t: Texts) -> None:
    await state.set_state(PromoForm.name)
    await message.answer(t("promo.ask_name"))


async def msg_promo_name(message: Message, state: FSMContext, t: Texts) -> None:
    await state.update_data(name=(message.text or "").strip()[:32])
    builder = InlineKeyboardBuilder()
    builder.button(text=t("promo.kind_shared"), callback_data=PromoKindCb(kind=PromoKind.SHARED))
    for count in UNIQUE_COUNTS:
        builder.button(
            text=t("promo.kind_unique", count=count),
            callback_data=PromoKindCb(kind=PromoKind.UNIQUE, count=count),
        )
    builder.adjust(1)
    await message.answer(t("promo.ask_kind"), reply_markup=builder.as_markup())


async def cb_promo_kind(
    callback: CallbackQuery,
    callback_data: PromoKindCb,
    state: FSMContext,
    promos: PromoService,
    t: Texts,
) -> None:
    await state.update_data(kind=callback_data.kind.value, count=callback_data.count)
    builder = InlineKeyboardBuilder()
    for key in promos.reward_keys():
        builder.button(text=t(f"promo.reward.{key}"), callback_data=PromoRewardCb(reward=key))
    builder.adjust(1)
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.edit_text(t("promo.ask_reward"), reply_markup=builder.as_markup())


async def cb_promo_reward(
    callback: CallbackQuery, callback_data: PromoRewardCb, state: FSMContext, t: Texts
) -> None:
    await state.update_data(reward=callback_data.reward)
    await state.set_state(PromoForm.limits)
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.edit_text(t("promo.ask_limits"))


def parse_limits(text: str) -> tuple[int | None, int | None, int | None]:
    """`uses days [campaign]`, each a number or `-` for none: `100 30`, `- 14 3`."""
    parts = text.split()
    if not 2 <= len(parts) <= 3 or not all(p == "-" or p.isdigit() for p in parts):
        raise InvalidValueError("promo_limits", "format")
    values = [None if part == "-" else int(part) for part in parts] + [None]
    return values[0], values[1], values[2]


async def msg_promo_limits(
    message: Message, user: User, promos: PromoService, state: FSMContext, t: Texts
) -> None:
    data = await state.get_data()
    uses, days, campaign_id = parse_limits(message.text or "")
    kind = PromoKind(data["kind"])
    codes = await promos.create(
        user.id, str(data["name"]), kind, str(data["reward"]), int(data["count"]), uses, days,
        campaign_id,
    )  # fmt: skip
    await state.clear()
    username = (await message.bot.me()).username if message.bot else ""
    first = codes[0]
    await message.answer(
        t.render("growth/created.html", code=first, count=len(codes), username=username)
    )
    if kind is PromoKind.UNIQUE:
        listing = "\n".join(code.code for code in codes).encode()
        await message.answer_document(BufferedInputFile(listing, f"{first.batch}.txt"))


async def cmd_promos(message: Message, user: User, promos: PromoService, t: Texts) -> None:
    stats = await promos.stats(user.id)
    await message.answer(t.render("growth/promos.html", stats=stats))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_promo, Command("promo"))
    admin = Router(name=f"{__name__}.admin")
    admin.message.filter(IsAdmin())
    admin.callback_query.filter(IsAdmin())
    admin.message.register(cmd_promo_new, Command("promo_new"))
    admin.message.register(cmd_promos, Command("promos"))
    typed = (F.text, ~F.text.startswith("/"))
    admin.message.register(msg_promo_name, PromoForm.name, *typed)
    admin.message.register(msg_promo_limits, PromoForm.limits, *typed)
    admin.callback_query.register(cb_promo_kind, PromoKindCb.filter(), PromoForm.name)
    admin.callback_query.register(cb_promo_reward, PromoRewardCb.filter(), PromoForm.name)
    router.include_router(admin)
    return router
