"""Streak warnings, league results and challenge wins over the Bot API, in their language."""

from __future__ import annotations

from collections.abc import Sequence

from bot.notifier import TelegramNotifier
from domain.challenges.winners import Won
from domain.gamification.leagues import LEAGUE_TIERS
from domain.gamification.views import LeagueResult, StreakWarning
from domain.notifications.models import DeliveryOutcome
from domain.users.models import User


class TelegramGamificationNotifier(TelegramNotifier):
    """The scheduler's notifier with the gamification's two messages besides."""

    async def send_streak_warning(
        self, user: User, warnings: Sequence[StreakWarning]
    ) -> DeliveryOutcome:
        t = self._i18n.texts(user.language)
        text = t.render("gamification/streak_warning.html", warnings=warnings, user=user)
        return await self._deliver(lambda: self._bot.send_message(user.id, text))

    async def send_challenge_won(self, won: Won) -> DeliveryOutcome:
        t = self._i18n.texts(won.user.language)
        text = t.render("awards/won.html", won=won)
        return await self._deliver(lambda: self._bot.send_message(won.user.id, text))

    async def send_league_result(self, user: User, result: LeagueResult) -> DeliveryOutcome:
        t = self._i18n.texts(user.language)
        text = t.render(
            "gamification/league_result.html", result=result, user=user, leagues=LEAGUE_TIERS
        )
        return await self._deliver(lambda: self._bot.send_message(user.id, text))
