"""What challenges need from storage."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from domain.challenges.models import (
    Challenge,
    Contribution,
    Entry,
    PostKind,
    PostState,
    Standing,
    TeamTotal,
)


class ChallengeRepository(Protocol):
    async def add(self, challenge: Challenge) -> Challenge:
        """Store a new challenge (its id is ignored) with its teams; return it with its id."""
        ...

    async def get(self, challenge_id: int) -> Challenge | None: ...

    async def by_code(self, code: str) -> Challenge | None: ...

    async def latest_in_chat(self, chat_id: int) -> Challenge | None:
        """The chat's newest challenge, open or finished."""
        ...

    async def latest_joined(self, user_id: int) -> Challenge | None:
        """The newest challenge the athlete takes part in."""
        ...

    async def set_message(self, challenge_id: int, message_id: int) -> None: ...

    async def finish(self, challenge_id: int) -> bool:
        """Open -> finished; False when it was finished already."""
        ...

    async def join(self, challenge_id: int, user_id: int, team: int | None, at: datetime) -> bool:
        """Add the participant at zero; False when they had joined already."""
        ...

    async def team_sizes(self, challenge_id: int) -> list[int]:
        """Members per team, in the teams' order."""
        ...

    async def open_joined(self, user_id: int, at: datetime) -> list[Challenge]:
        """Open challenges the athlete joined whose period holds `at`."""
        ...

    async def contributions(self, user_id: int, workout_id: int) -> list[Contribution]:
        """What the athlete's workout added to each of their open challenges."""
        ...

    async def put_contribution(self, contribution: Contribution) -> None:
        """Insert or replace the (challenge, workout) contribution."""
        ...

    async def drop_contribution(self, challenge_id: int, workout_id: int) -> None: ...

    async def add_to_total(self, challenge_id: int, user_id: int, delta: float) -> None:
        """Add `delta` to the participant's total and to their team's."""
        ...

    async def mark_dirty(self, challenge_id: int, at: datetime) -> None:
        """The leaderboard changed: its pinned message is due an edit."""
        ...

    async def standing(self, challenge_id: int, user_id: int) -> Standing | None:
        """The participant's total and rank (1 + how many have more)."""
        ...

    async def top(self, challenge_id: int, limit: int) -> list[Standing]:
        """The highest totals, ties by who joined first."""
        ...

    async def count(self, challenge_id: int) -> int: ...

    async def teams(self, challenge_id: int) -> list[TeamTotal]: ...

    async def entries(self, challenge_id: int, limit: int) -> list[Entry]:
        """The newest counted workouts (voided ones included), newest first."""
        ...

    async def entry(self, challenge_id: int, workout_id: int) -> Entry | None: ...

    async def void(self, challenge_id: int, workout_id: int) -> Contribution | None:
        """Mark the contribution voided; None when there is none or it was voided already."""
        ...

    async def dirty(self, edited_before: datetime, limit: int) -> list[int]:
        """Open challenges with a message whose leaderboard changed and was last edited
        before `edited_before` (or never)."""
        ...

    async def board_edited(self, challenge_id: int, at: datetime, seen: datetime) -> None:
        """Record the edit; the dirty mark is cleared unless it is newer than `seen`."""
        ...

    async def due_posts(self, kind: PostKind, now: datetime, limit: int) -> list[int]:
        """Open challenges whose `kind` post is due by `now` and not claimed yet."""
        ...

    async def claim_post(
        self, challenge_id: int, kind: PostKind, at: datetime, stale_before: datetime
    ) -> bool:
        """Insert the post as claimed, or take a claim older than `stale_before` that never
        reached `sending`; False otherwise."""
        ...

    async def stale_claims(self, kind: PostKind, stale_before: datetime) -> list[int]:
        """Challenges whose `kind` post a dead process claimed and never began sending."""
        ...

    async def mark_post(
        self, challenge_id: int, kind: PostKind, state: PostState, at: datetime
    ) -> bool:
        """Move the post to `state` (to `sending` only from `claimed`); False if it did not."""
        ...

    async def lost_posts(self, stale_before: datetime) -> int:
        """Posts left `sending` before `stale_before` become `unknown`: never sent again."""
        ...

    async def post_state(self, challenge_id: int, kind: PostKind) -> PostState | None: ...
