"""/broadcast for admins: compose (text, or a photo with a caption), preview, send now or at
a time; pause, resume, cancel. The unsubscribe button of every promotion works for anyone."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, Filter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message, TelegramObject
from aiogram.types import User as TelegramUser

from domain.campaigns.admin import AdminService
from domain.campaigns.models import Role
from domain.campaigns.service import CampaignService, UnsubscribeService
from domain.users.models import User
from handlers import broadcast_draft
from handlers.broadcast_callbacks import CampaignCb, UnsubscribeCb
from handlers.broadcast_draft import show_draft
from handlers.broadcast_view import campaign_keyboard, progress_text
from handlers.replies import show
from handlers.texts import Texts

# Entities a Telegram client adds for formatting; with none, the text is read as typed HTML.
FORMATTING = frozenset(
    {"bold", "italic", "underline", "strikethrough", "spoiler", "code", "pre", "text_link",
     "blockquote", "expandable_blockquote"}
)  # fmt: skip


class BroadcastForm(StatesGroup):
    text = State()


class IsAdmin(Filter):
    """Asks the database (and ADMIN_IDS) on every update; what fails falls through to the
    unknown-command and outdated-button answers, so nothing reveals the console."""

    def __init__(self, role: Role = Role.ADMIN) -> None:
        self._accepted = {Role.ADMIN, role}

    async def __call__(
        self,
        event: TelegramObject,  # noqa: ARG002 - the filter protocol passes it
        admins: AdminService,
        event_from_user: TelegramUser | None = None,
    ) -> bool:
        if event_from_user is None:
            return False
        return await admins.role(event_from_user.id) in self._accepted


def typed_html(message: Message) -> str:
    """The text as HTML: the client's formatting when it sent some, otherwise as typed."""
    entities = message.caption_entities if message.photo else message.entities
    if any(entity.type in FORMATTING for entity in entities or ()):
        return message.html_text
    return (message.caption if message.photo else message.text) or ""


async def cmd_broadcast(message: Message, state: FSMContext, t: Texts) -> None:
    await state.set_state(BroadcastForm.text)
    await message.answer(t("broadcast.prompt"))


async def msg_broadcast_text(
    message: Message,
    user: User,
    campaigns: CampaignService,
    state: FSMContext,
    bot: Bot,
    t: Texts,
) -> None:
    photo = message.photo[-1].file_id if message.photo else None
    draft = await campaigns.compose(user.id, user.language, typed_html(message), photo)
    await state.clear()
    await show_draft(message, draft, bot, user, t)


async def cb_campaign(
    callback: CallbackQuery,
    callback_data: CampaignCb,
    user: User,
    campaigns: CampaignService,
    t: Texts,
) -> None:
    message_id = callback.message.message_id if callback.message is not None else None
    progress = await campaigns.act(
        user.id, callback_data.campaign_id, callback_data.action.value, message_id
    )
    await show(callback, progress_text(progress, t), campaign_keyboard(progress.campaign, t))


async def cb_unsubscribe(
    callback: CallbackQuery, user: User, unsubscribe: UnsubscribeService, t: Texts
) -> None:
    await unsubscribe.unsubscribe(user.id)
    await callback.answer(t("broadcast.unsubscribed"), show_alert=True)


def build_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(cb_unsubscribe, UnsubscribeCb.filter())
    admin = Router(name=f"{__name__}.admin")
    admin.message.filter(IsAdmin())
    admin.callback_query.filter(IsAdmin())
    admin.message.register(cmd_broadcast, Command("broadcast"))
    admin.message.register(msg_broadcast_text, BroadcastForm.text, F.photo)
    admin.message.register(msg_broadcast_text, BroadcastForm.text, F.text, ~F.text.startswith("/"))
    admin.callback_query.register(cb_campaign, CampaignCb.filter())
    admin.include_router(broadcast_draft.build_router())
    router.include_router(admin)
    return router
