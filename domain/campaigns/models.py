"""Admins, campaigns, their deliveries and how a send went."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.campaigns.audience import Audience
from domain.users.models import Language

MAX_ATTEMPTS = 5  # transient errors; a 429 is Telegram asking to wait and does not count
MAX_TEXT = 4096
MAX_CAPTION = 1024  # Telegram's limit for a photo's caption


class Role(StrEnum):
    ADMIN = "admin"
    MODERATOR = "moderator"


class CampaignState(StrEnum):
    """draft -> (scheduled ->) sending <-> paused -> done; any of the open ones -> cancelled."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    PAUSED = "paused"
    DONE = "done"
    CANCELLED = "cancelled"


FINISHED = frozenset({CampaignState.DONE, CampaignState.CANCELLED})


class DeliveryState(StrEnum):
    """pending -> claimed -> sending -> sent | blocked | failed, or back to pending (a retry);
    a `sending` row a crash left behind becomes `unknown` and is never sent again."""

    PENDING = "pending"
    CLAIMED = "claimed"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    BLOCKED = "blocked"
    UNKNOWN = "unknown"


OPEN_DELIVERIES = frozenset({DeliveryState.PENDING, DeliveryState.CLAIMED, DeliveryState.SENDING})


class SendStatus(StrEnum):
    SENT = "sent"
    BLOCKED = "blocked"  # 403: the user blocked the bot
    RETRY_AFTER = "retry_after"  # 429: Telegram's flood control
    TRANSIENT = "transient"  # network, 5xx: worth another try
    FAILED = "failed"  # 400 and the like: another try would fail the same way
    UNKNOWN = "unknown"  # timed out after the request left: it may have been delivered


@dataclass(frozen=True, slots=True)
class SendResult:
    status: SendStatus
    retry_after: float = 0.0
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Button:
    """A button under the promotion: a URL, or a deep link into the bot (`promo_<code>`)."""

    text: str
    target: str  # "https://..." or a /start payload

    @property
    def is_url(self) -> bool:
        return self.target.startswith(("https://", "http://", "tg://"))


@dataclass(frozen=True, slots=True)
class Promotion:
    """What one athlete receives: the text (a caption under the photo, when there is one)."""

    text: str
    photo: str | None = None  # a Telegram file_id
    button: Button | None = None


@dataclass(frozen=True, slots=True)
class Campaign:
    id: int
    author_id: int
    language: Language  # the author's, for the progress report
    text: str
    state: CampaignState
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    audience_ready: bool = False
    audience_cursor: int = 0
    report_message_id: int | None = None
    photo: str | None = None
    button: Button | None = None
    audience: Audience = field(default_factory=Audience)
    scheduled_at: datetime | None = None

    @property
    def promotion(self) -> Promotion:
        return Promotion(self.text, self.photo, self.button)


@dataclass(frozen=True, slots=True)
class Draft:
    """A composed campaign and how many athletes it would reach now."""

    campaign: Campaign
    recipients: int


@dataclass(frozen=True, slots=True)
class Claimed:
    """One delivery this engine may send: the recipient and their language."""

    delivery_id: int
    campaign_id: int
    user_id: int
    language: Language
    attempts: int


@dataclass(frozen=True, slots=True)
class Outcome:
    """What to record for one delivery after the call to Telegram."""

    delivery_id: int
    user_id: int
    state: DeliveryState
    attempts: int
    reason: str | None = None
    due_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Counts:
    sent: int = 0
    failed: int = 0
    blocked: int = 0
    unknown: int = 0
    left: int = 0

    @property
    def total(self) -> int:
        return self.sent + self.failed + self.blocked + self.unknown + self.left

    @property
    def done(self) -> int:
        return self.total - self.left


@dataclass(frozen=True, slots=True)
class Progress:
    """The live report: counts, the achieved rate and the time left at that rate."""

    campaign: Campaign
    counts: Counts
    rate: float
    eta_s: float | None

    @property
    def bar(self) -> str:
        width = 20
        total = self.counts.total
        filled = width if total == 0 else round(width * self.counts.done / total)
        return "█" * filled + "░" * (width - filled)

    @property
    def percent(self) -> int:
        total = self.counts.total
        return 100 if total == 0 else int(100 * self.counts.done / total)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    actor_id: int
    action: str
    target: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Ban:
    user_id: int
    at: datetime
    reason: str | None = None
    by: int | None = None
