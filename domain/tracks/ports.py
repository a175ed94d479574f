"""What live tracks need from storage (the messenger's port is beside the outcomes)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Protocol

from domain.tracks.models import Fix, LiveTrack, TrackState


class LiveTrackRepository(Protocol):
    async def add(self, track: LiveTrack) -> LiveTrack:
        """Store a new track with its first position (`last_kept`); the stored one back."""
        ...

    async def get(self, user_id: int, track_id: int) -> LiveTrack | None:
        """The athlete's own track; anybody else's is not found."""
        ...

    async def by_message(self, user_id: int, chat_id: int, message_id: int) -> LiveTrack | None:
        """The track a shared location started; locked for the transaction on PostgreSQL."""
        ...

    async def save(self, track: LiveTrack) -> None:
        """Write the running totals (not the state: `move` changes that)."""
        ...

    async def append(self, track_id: int, fix: Fix) -> None: ...

    async def fixes(self, track_id: int) -> list[Fix]:
        """The kept positions, oldest first."""
        ...

    async def move(self, track_id: int, states: Collection[TrackState], to: TrackState) -> bool:
        """Change the state if it is one of `states`: the claim; False when it was not."""
        ...

    async def forget_fixes(self, track_id: int) -> None:
        """A closed track's positions are dropped: a saved route lives in its workout."""
        ...

    async def stale(self, now: datetime, limit: int) -> list[tuple[int, int]]:
        """(user id, track id) of open tracks whose `stale_at` has passed, oldest first."""
        ...
