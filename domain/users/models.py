"""The athlete: who they are, how they train and how they want the bot to talk to them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, time
from enum import StrEnum


class Language(StrEnum):
    EN = "en"
    RU = "ru"

    @classmethod
    def from_telegram(cls, language_code: str | None) -> Language:
        """Russian for Russian-speaking clients, English for everyone else."""
        code = (language_code or "").split("-")[0].lower()
        return cls.RU if code in {"ru", "uk", "be", "kk"} else cls.EN


class Units(StrEnum):
    METRIC = "metric"
    IMPERIAL = "imperial"


class Sport(StrEnum):
    RUNNING = "running"
    CYCLING = "cycling"
    SWIMMING = "swimming"
    STRENGTH = "strength"
    TRIATHLON = "triathlon"
    WALKING = "walking"
    OTHER = "other"


class Level(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class Goal(StrEnum):
    HEALTH = "health"
    WEIGHT_LOSS = "weight_loss"
    ENDURANCE = "endurance"
    SPEED = "speed"
    STRENGTH = "strength"
    RACE = "race"


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


class NotificationKind(StrEnum):
    REMINDERS = "reminders"
    DIGESTS = "digests"
    CHECKINS = "checkins"
    PROMOTIONS = "promotions"


class ProfileField(StrEnum):
    """The editable fields of a profile, in the order onboarding asks for them."""

    SPORTS = "sports"
    LEVEL = "level"
    GOAL = "goal"
    DAYS = "days"
    CITY = "city"
    BIRTH_YEAR = "birth_year"
    WEIGHT = "weight"
    RESTING_HR = "resting_hr"
    MAX_HR = "max_hr"


ONBOARDING_ORDER: tuple[ProfileField, ...] = tuple(ProfileField)
DEFAULT_REMINDER_TIME = time(18, 0)  # after work, when most amateurs train


@dataclass(frozen=True, slots=True)
class CoarseLocation:
    """A location rounded to a ~10 km cell: enough to find neighbours, never a home address."""

    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class Notifications:
    reminders: bool = True
    digests: bool = True
    checkins: bool = True
    promotions: bool = False


@dataclass(frozen=True, slots=True)
class Profile:
    sports: frozenset[Sport] = frozenset()
    level: Level | None = None
    goal: Goal | None = None
    days: frozenset[Weekday] = frozenset()
    city: str | None = None
    location: CoarseLocation | None = None
    birth_year: int | None = None
    weight_kg: float | None = None
    resting_hr: int | None = None
    max_hr: int | None = None

    @property
    def sports_in_order(self) -> list[Sport]:
        return [sport for sport in Sport if sport in self.sports]

    @property
    def days_in_order(self) -> list[Weekday]:
        return [day for day in Weekday if day in self.days]


@dataclass(frozen=True, slots=True)
class User:
    id: int
    first_name: str
    username: str | None
    language: Language
    units: Units
    timezone: str
    created_at: datetime
    onboarded_at: datetime | None = None
    start_link: str | None = None
    notifications: Notifications = field(default_factory=Notifications)
    profile: Profile = field(default_factory=Profile)
    reminder_time: time = DEFAULT_REMINDER_TIME
    next_reminder_at: datetime | None = None
    next_digest_at: datetime | None = None
    next_checkin_at: datetime | None = None
    bot_blocked_at: datetime | None = None

    def with_profile(self, **changes: object) -> User:
        return replace(self, profile=replace(self.profile, **changes))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class TelegramIdentity:
    """What Telegram tells us about the sender of an update."""

    id: int
    first_name: str
    username: str | None
    language_code: str | None
