"""A draft campaign before it goes out: its audience, its button, its send time."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from domain.campaigns.audience import ACTIVITY_DAYS, Audience, AudienceChange, AudienceField
from domain.campaigns.models import Draft
from domain.campaigns.service import CampaignService
from domain.users.models import Language, Level, Sport, User
from handlers.broadcast_callbacks import AudienceCb, CampaignAction, CampaignCb, DraftCb, DraftStep
from handlers.broadcast_view import campaign_keyboard, promotion_keyboard
from handlers.keyboards import InlineKeyboardBuilder
from handlers.replies import checked, show
from handlers.texts import Texts


class DraftForm(StatesGroup):
    button = State()
    time = State()
    city = State()
    group = State()


def audience_line(audience: Audience, t: Texts) -> str:
    """The audience in one line: "everyone opted in", or each narrowing."""
    if audience.everyone:
        return t("broadcast.audience.everyone")
    parts = [t(f"broadcast.audience.lang_{language}") for language in sorted(audience.languages)]
    parts += [t(f"sport.{sport}") for sport in sorted(audience.sports)]
    parts += [t(f"level.{level}") for level in sorted(audience.levels)]
    if audience.city:
        parts.append(f"🏙 {audience.city}")
    parts += [f"👥 {code}" for code in sorted(audience.groups)]
    if audience.active_days:
        parts.append(t("broadcast.audience.active", days=audience.active_days))
    if audience.lapsed_days:
        parts.append(t("broadcast.audience.lapsed", days=audience.lapsed_days))
    return " · ".join(parts)


def draft_text(draft: Draft, t: Texts, timezone: str) -> str:
    return t.render(
        "broadcast/confirm.html",
        draft=draft,
        audience=audience_line(draft.campaign.audience, t),
        timezone=timezone,
    )


async def show_draft(message: Message, draft: Draft, bot: Bot, user: User, t: Texts) -> None:
    """The promotion exactly as athletes will get it, then the draft with its buttons."""
    promotion = draft.campaign.promotion
    username = (await bot.me()).username or ""
    markup = promotion_keyboard(promotion, t, username)
    if promotion.photo:
        await message.answer_photo(promotion.photo, caption=promotion.text, reply_markup=markup)
    else:
        await message.answer(promotion.text, reply_markup=markup)
    await message.answer(
        draft_text(draft, t, user.timezone), reply_markup=campaign_keyboard(draft.campaign, t)
    )


def audience_keyboard(draft: Draft, t: Texts) -> InlineKeyboardMarkup:
    audience, campaign_id = draft.campaign.audience, draft.campaign.id
    builder = InlineKeyboardBuilder()

    def toggle(label: str, selected: bool, field: AudienceField, value: str) -> None:
        data = AudienceCb(campaign_id=campaign_id, field=field, value=value)
        builder.button(text=checked(selected, label), callback_data=data)

    for language in Language:
        toggle(
            t(f"broadcast.audience.lang_{language}"),
            language in audience.languages,
            AudienceField.LANGUAGE,
            language,
        )
    for sport in Sport:
        toggle(t(f"sport.{sport}"), sport in audience.sports, AudienceField.SPORT, sport)
    for level in Level:
        toggle(t(f"level.{level}"), level in audience.levels, AudienceField.LEVEL, level)
    for days in ACTIVITY_DAYS:
        label = t("broadcast.audience.active", days=days)
        toggle(label, audience.active_days == days, AudienceField.ACTIVE, str(days))
    for days in ACTIVITY_DAYS[1:]:
        label = t("broadcast.audience.lapsed", days=days)
        toggle(label, audience.lapsed_days == days, AudienceField.LAPSED, str(days))
    builder.button(
        text=t("broadcast.audience.city_button"),
        callback_data=DraftCb(step=DraftStep.CITY, campaign_id=campaign_id),
    )
    builder.button(
        text=t("broadcast.audience.group_button"),
        callback_data=DraftCb(step=DraftStep.GROUP, campaign_id=campaign_id),
    )
    toggle(t("broadcast.audience.everyone_button"), audience.everyone, AudienceField.CLEAR, "")
    for code in sorted(audience.groups):  # a chosen group: one tap takes it off again
        toggle(f"👥 {code}", True, AudienceField.GROUP, code)
    builder.button(
        text=t("broadcast.back_button"),
        callback_data=DraftCb(step=DraftStep.BACK, campaign_id=campaign_id),
    )
    builder.adjust(2, 2, 2, 2, 3, 3, 2, 3, *[1] * (len(audience.groups) + 1))
    return builder.as_markup()


async def cb_draft(
    callback: CallbackQuery,
    callback_data: DraftCb,
    user: User,
    campaigns: CampaignService,
    state: FSMContext,
    t: Texts,
) -> None:
    draft = await campaigns.draft(user.id, callback_data.campaign_id)
    step = callback_data.step
    if step is DraftStep.AUDIENCE:
        await show(callback, draft_text(draft, t, user.timezone), audience_keyboard(draft, t))
    elif step is DraftStep.BACK:
        text = draft_text(draft, t, user.timezone)
        await show(callback, text, campaign_keyboard(draft.campaign, t))
    else:
        await state.set_state(getattr(DraftForm, step.value))
        await state.update_data(campaign_id=draft.campaign.id)
        await callback.answer()
        await callback.bot.send_message(user.id, t(f"broadcast.ask_{step}"))  # type: ignore[union-attr]


async def cb_audience(
    callback: CallbackQuery,
    callback_data: AudienceCb,
    user: User,
    campaigns: CampaignService,
    t: Texts,
) -> None:
    change = AudienceChange(callback_data.field, callback_data.value)
    draft = await campaigns.change_audience(user.id, callback_data.campaign_id, change)
    await show(callback, draft_text(draft, t, user.timezone), audience_keyboard(draft, t))


async def msg_draft_step(
    message: Message,
    user: User,
    campaigns: CampaignService,
    state: FSMContext,
    bot: Bot,
    t: Texts,
) -> None:
    current, data = await state.get_state(), await state.get_data()
    campaign_id, text = int(data["campaign_id"]), message.text or ""
    if current == DraftForm.button.state:
        draft = await campaigns.set_button(user.id, campaign_id, text)
    elif current in (DraftForm.city.state, DraftForm.group.state):
        field = AudienceField.CITY if current == DraftForm.city.state else AudienceField.GROUP
        draft = await campaigns.change_audience(user.id, campaign_id, AudienceChange(field, text))
    else:
        draft = await campaigns.propose_time(user.id, campaign_id, text, user.timezone)
        await state.clear()
        await message.answer(draft_text(draft, t, user.timezone), reply_markup=_confirm(draft, t))
        return
    await state.clear()
    await show_draft(message, draft, bot, user, t)


def _confirm(draft: Draft, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    campaign_id = draft.campaign.id
    builder.button(
        text=t("broadcast.confirm_time_button"),
        callback_data=CampaignCb(action=CampaignAction.SCHEDULE, campaign_id=campaign_id),
    )
    builder.button(
        text=t("broadcast.back_button"),
        callback_data=DraftCb(step=DraftStep.BACK, campaign_id=campaign_id),
    )
    return builder.as_markup()


def build_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(cb_draft, DraftCb.filter())
    router.callback_query.register(cb_audience, AudienceCb.filter())
    steps = StateFilter(DraftForm.button, DraftForm.time, DraftForm.city, DraftForm.group)
    router.message.register(msg_draft_step, steps, F.text, ~F.text.startswith("/"))
    return router
