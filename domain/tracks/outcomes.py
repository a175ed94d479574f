"""What happened to a live track after an update, a button or the scheduler."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from domain.activities.service import ImportedWorkout
from domain.tracks.models import LiveTrack
from domain.users.models import User


class DropReason(StrEnum):
    NOT_MOVED = "not_moved"  # the positions never went anywhere
    NO_SPORT = "no_sport"  # the share ended and no sport was ever chosen
    DISCARDED = "discarded"  # the athlete threw it away
    IMPLAUSIBLE = "implausible"  # faster on the whole than the sport allows


@dataclass(frozen=True, slots=True)
class Saved:
    track: LiveTrack
    imported: ImportedWorkout


@dataclass(frozen=True, slots=True)
class Dropped:
    track: LiveTrack
    reason: DropReason


Closed = Saved | Dropped


@dataclass(frozen=True, slots=True)
class Extended:
    """After a position: the track, whether its status message is due an edit, and the
    outcome when this position closed it."""

    track: LiveTrack
    show: bool
    closed: Closed | None = None


class TrackNotifier(Protocol):
    async def track_closed(self, user: User, closed: Closed) -> None:
        """Tell the athlete a track the scheduler closed was saved or dropped, and why."""
        ...
