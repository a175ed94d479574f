"""The challenge setup card and the keyboards of a posted challenge."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram.types import InlineKeyboardMarkup

from domain.challenges.models import (
    Board,
    Entries,
    Entry,
    Goal,
    Metric,
    Mode,
    PeriodKind,
    Scope,
    Setup,
)
from domain.workouts.models import Activity
from handlers.challenge_callbacks import (
    ChallengeJoinCb,
    ChallengeSetupCb,
    ChallengeVoidCb,
    SetupField,
)
from handlers.keyboards import InlineKeyboardBuilder
from handlers.replies import checked
from handlers.texts import Texts

SPORTS = tuple(Activity)
METRICS = (Metric.DISTANCE, Metric.DURATION, Metric.ELEVATION, Metric.WORKOUTS, Metric.XP)
TYPED = "…"


def initial(scope: Scope, title: str) -> dict[str, Any]:
    """The setup's FSM data: a personal challenge is always "reach N"."""
    goal = Goal.TARGET if scope is Scope.PERSONAL else Goal.MOST
    return {
        "scope": scope.value, "title": title, "metric": Metric.DISTANCE.value, "sports": [],
        "period": PeriodKind.WEEK.value, "custom": None, "goal": goal.value, "target": None,
        "mode": Mode.INDIVIDUAL.value, "teams": [], "entries": Entries.ANY.value,
    }  # fmt: skip


def setup_of(data: dict[str, Any]) -> Setup:
    custom = data.get("custom")
    return Setup(
        title=data["title"],
        metric=Metric(data["metric"]),
        period=PeriodKind(data["period"]),
        sports=frozenset(Activity(name) for name in data["sports"]),
        goal=Goal(data["goal"]),
        target=data.get("target"),
        mode=Mode(data["mode"]),
        teams=tuple(data["teams"]),
        entries=Entries(data["entries"]),
        custom=(datetime.fromisoformat(custom[0]), datetime.fromisoformat(custom[1]))
        if custom
        else None,
    )


def _button(builder: InlineKeyboardBuilder, text: str, field: SetupField, value: str) -> None:
    builder.button(text=text, callback_data=ChallengeSetupCb(field=field, value=value))


def setup_keyboard(
    data: dict[str, Any], metrics: frozenset[Metric], t: Texts
) -> InlineKeyboardMarkup:
    """Every choice on one card; what is chosen is ticked, typed values end in "…"."""
    builder = InlineKeyboardBuilder()
    sizes: list[int] = []
    offered = [metric for metric in METRICS if metric in metrics]
    for metric in offered:
        label = checked(data["metric"] == metric, t(f"challenges.metric.{metric}"))
        _button(builder, label, SetupField.METRIC, metric.value)
    sizes.append(len(offered))
    for sport in SPORTS:
        _button(builder, checked(sport in data["sports"], t(f"activity.{sport}")),
                SetupField.SPORT, sport.value)  # fmt: skip
    sizes += [5, 5]
    for period in PeriodKind:
        label = t(f"challenges.period.{period}") + (TYPED if period is PeriodKind.CUSTOM else "")
        _button(builder, checked(data["period"] == period, label), SetupField.PERIOD, period)
    sizes.append(3)
    scope = Scope(data["scope"])
    goals = [Goal.TARGET] if scope is Scope.PERSONAL else list(Goal)
    for goal in goals:
        label = t(f"challenges.goal.{goal}") + (TYPED if goal is Goal.TARGET else "")
        _button(builder, checked(data["goal"] == goal, label), SetupField.GOAL, goal.value)
    sizes.append(len(goals))
    if scope is Scope.GROUP:
        for mode in Mode:
            label = t(f"challenges.mode.{mode}") + (TYPED if mode is Mode.TEAMS else "")
            _button(builder, checked(data["mode"] == mode, label), SetupField.MODE, mode.value)
        sizes.append(2)
    for entries in Entries:
        label = checked(data["entries"] == entries, t(f"challenges.entries.{entries}"))
        _button(builder, label, SetupField.ENTRIES, entries.value)
    sizes.append(2)
    _button(builder, t("challenges.setup.post"), SetupField.POST, "")
    _button(builder, t("challenges.setup.cancel"), SetupField.CANCEL, "")
    sizes.append(2)
    builder.adjust(*sizes)
    return builder.as_markup()


def join_keyboard(board: Board, t: Texts) -> InlineKeyboardMarkup | None:
    """One tap to join; with teams, one button per team and one for any team."""
    challenge = board.challenge
    over = board.now is not None and board.now >= challenge.rules.ends_at
    if challenge.scope is Scope.PERSONAL or over:
        return None
    builder = InlineKeyboardBuilder()
    for index, name in enumerate(challenge.rules.teams):
        builder.button(
            text=t("challenges.join_team", team=name),
            callback_data=ChallengeJoinCb(code=challenge.code, team=index),
        )
    builder.button(
        text=t("challenges.join_any" if challenge.rules.teams else "challenges.join"),
        callback_data=ChallengeJoinCb(code=challenge.code),
    )
    builder.adjust(2)
    return builder.as_markup()


def void_keyboard(
    challenge_id: int, entries: list[Entry], labels: list[str]
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for entry, label in zip(entries, labels, strict=True):
        if not entry.voided:
            builder.button(
                text=label,
                callback_data=ChallengeVoidCb(
                    challenge_id=challenge_id, workout_id=entry.workout_id
                ),
            )
    builder.adjust(1)
    return builder.as_markup()
