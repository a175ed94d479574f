"""The scheduler's EventNotifier over the Bot API: reminders, attendance questions, posts."""

from __future__ import annotations

import logging

from aiogram.exceptions import TelegramAPIError

from bot.notifier import TelegramNotifier
from domain.groups.events import EventView
from domain.groups.models import Group, GroupEvent, RsvpCounts
from domain.notifications.models import DeliveryOutcome
from domain.users.models import User
from handlers.groups_view import confirm_keyboard, event_text, rsvp_keyboard

logger = logging.getLogger(__name__)


class TelegramEventNotifier(TelegramNotifier):
    """Shares the athlete notifier's delivery rules: 403 is blocked, one 429 waited out."""

    async def remind(self, user: User, event: GroupEvent, group: Group) -> DeliveryOutcome:
        t = self._i18n.texts(user.language)
        view = EventView(event, group, RsvpCounts())
        text = t("groups.reminder", group=group.name) + "\n\n" + event_text(view, t, user.units)
        markup = rsvp_keyboard(event.id, t, private=False)
        return await self._deliver(
            lambda: self._bot.send_message(user.id, text, reply_markup=markup)
        )

    async def ask_attendance(self, user: User, event: GroupEvent, group: Group) -> DeliveryOutcome:
        t = self._i18n.texts(user.language)
        text = t("groups.did_you_come", group=group.name, sport=t(f"activity.{event.draft.sport}"))
        markup = confirm_keyboard(event.id, t)
        return await self._deliver(
            lambda: self._bot.send_message(user.id, text, reply_markup=markup)
        )

    async def post(self, group: Group, event: GroupEvent, counts: RsvpCounts) -> int | None:
        if group.chat_id is None:
            return None
        t = self._i18n.texts(group.language)
        view = EventView(event, group, counts)
        try:
            message = await self._bot.send_message(
                group.chat_id, event_text(view, t), reply_markup=rsvp_keyboard(event.id, t)
            )
        except TelegramAPIError as error:
            logger.warning("event %s not posted: %s", event.id, error)
            return None
        return message.message_id
