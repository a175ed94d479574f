"""Registration, profile and settings of an athlete."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from domain.clock import EPOCH, Clock
from domain.coaching.thresholds import (
    Threshold,
    ThresholdHistory,
    ThresholdKind,
    valid_from_today,
)
from domain.errors import InvalidValueError, NotFoundError
from domain.gamification.export import game_export
from domain.notifications.schedule import (
    parse_local_time,
    rescheduled,
    schedule_inputs,
    time_of_minute,
)
from domain.ports import TimezoneLocator, UnitOfWork
from domain.users import validation
from domain.users.models import (
    CoarseLocation,
    Goal,
    Language,
    Level,
    NotificationKind,
    ProfileField,
    Sport,
    TelegramIdentity,
    Units,
    User,
    Weekday,
)
from domain.users.start_links import StartLink

DEFAULT_TIMEZONE = {Language.RU: "Europe/Moscow", Language.EN: "UTC"}
_OPTIONAL_FIELDS = {
    ProfileField.LEVEL: "level",
    ProfileField.GOAL: "goal",
    ProfileField.CITY: "city",
    ProfileField.BIRTH_YEAR: "birth_year",
    ProfileField.WEIGHT: "weight_kg",
    ProfileField.RESTING_HR: "resting_hr",
    ProfileField.MAX_HR: "max_hr",
}


class UserService:
    def __init__(self, uow: UnitOfWork, clock: Clock, timezones: TimezoneLocator) -> None:
        self._uow = uow
        self._clock = clock
        self._timezones = timezones

    async def get(self, user_id: int) -> User | None:
        """The athlete, or None when they never started the bot or erased themselves."""
        async with self._uow:
            return await self._uow.users.get(user_id)

    async def ensure(self, identity: TelegramIdentity) -> tuple[User, bool]:
        """Load the sender, creating them on first contact; writes only when something changed."""
        async with self._uow:
            await self._uow.read_only()
            user = await self._uow.users.get(identity.id)
        if user is not None and not _outdated(user, identity):
            return user, False
        # Something to write: read again in a writing transaction, which may see a change.
        async with self._uow:
            user = await self._uow.users.get(identity.id)
            if user is None:
                user = self._new_user(identity)
                await self._uow.users.add(user)
                await self._uow.commit()
                return user, True
            if _outdated(user, identity):
                # Writing to the bot again means it is no longer blocked: notifications resume.
                user = replace(user, first_name=identity.first_name, username=identity.username)
                if user.bot_blocked_at is not None:
                    user = rescheduled(replace(user, bot_blocked_at=None), self._clock())
                await self._uow.users.save(user)
                await self._uow.commit()
            return user, False

    def _new_user(self, identity: TelegramIdentity) -> User:
        language = Language.from_telegram(identity.language_code)
        return User(
            id=identity.id,
            first_name=identity.first_name,
            username=identity.username,
            language=language,
            units=Units.METRIC,
            timezone=DEFAULT_TIMEZONE[language],
            created_at=self._clock(),
        )

    async def toggle_sport(self, user_id: int, sport: Sport) -> User:
        """Add the sport to the athlete's sports, or remove it when already there."""
        return await self._change(
            user_id, lambda u: u.with_profile(sports=u.profile.sports ^ {sport})
        )

    async def toggle_day(self, user_id: int, day: Weekday) -> User:
        """Add or remove a weekday the athlete is available to train on."""
        return await self._change(user_id, lambda u: u.with_profile(days=u.profile.days ^ {day}))

    async def set_level(self, user_id: int, level: Level) -> User:
        return await self._change(user_id, lambda u: u.with_profile(level=level))

    async def set_goal(self, user_id: int, goal: Goal) -> User:
        return await self._change(user_id, lambda u: u.with_profile(goal=goal))

    async def set_text_field(self, user_id: int, field: ProfileField, text: str) -> User:
        """Parse a typed answer for a text field; an invalid answer changes nothing."""
        return await self._change(user_id, lambda u: self._apply_text(u, field, text))

    async def set_location(self, user_id: int, latitude: float, longitude: float) -> User:
        """Store the shared location coarsely and take the timezone from it."""
        location = validation.coarse(latitude, longitude)
        timezone = self._timezones.timezone_at(latitude, longitude)

        def apply(user: User) -> User:
            user = user.with_profile(location=location)
            return replace(user, timezone=timezone) if timezone else user

        return await self._change(user_id, apply)

    async def restore_place(
        self, user_id: int, timezone: str, location: CoarseLocation | None
    ) -> User:
        """Put back the timezone and area that a shared location replaced (its undo)."""
        zone = validation.parse_timezone(timezone)
        area = validation.coarse(location.latitude, location.longitude) if location else None
        return await self._change(
            user_id, lambda u: replace(u.with_profile(location=area), timezone=zone)
        )

    async def clear_field(self, user_id: int, field: ProfileField) -> User:
        """Forget one answer of the profile (the athlete skipped or withdrew it)."""
        if field is ProfileField.SPORTS:
            return await self._change(user_id, lambda u: u.with_profile(sports=frozenset()))
        if field is ProfileField.DAYS:
            return await self._change(user_id, lambda u: u.with_profile(days=frozenset()))
        if field is ProfileField.CITY:
            return await self._change(user_id, lambda u: u.with_profile(city=None, location=None))
        attribute = _OPTIONAL_FIELDS[field]
        return await self._change(user_id, lambda u: u.with_profile(**{attribute: None}))

    async def remember_start_link(self, user_id: int, link: StartLink) -> User:
        """Keep the first deep link an athlete came with (first touch wins)."""
        payload = link.as_payload()
        return await self._change(
            user_id, lambda u: replace(u, start_link=u.start_link or payload)
        )

    async def complete_onboarding(self, user_id: int) -> User:
        """Mark onboarding done once; finishing it again keeps the first date."""
        now = self._clock()
        return await self._change(
            user_id, lambda u: replace(u, onboarded_at=u.onboarded_at or now), now
        )

    async def set_language(self, user_id: int, language: Language) -> User:
        return await self._change(user_id, lambda u: replace(u, language=language))

    async def set_units(self, user_id: int, units: Units) -> User:
        return await self._change(user_id, lambda u: replace(u, units=units))

    async def set_timezone(self, user_id: int, name: str) -> User:
        """Accept an IANA timezone name; anything else is refused and nothing changes."""
        timezone = validation.parse_timezone(name)
        return await self._change(user_id, lambda u: replace(u, timezone=timezone))

    async def set_timezone_from_location(
        self, user_id: int, latitude: float, longitude: float
    ) -> User:
        """Take the timezone from a shared location without storing the location."""
        validation.coarse(latitude, longitude)
        timezone = self._timezones.timezone_at(latitude, longitude)
        if timezone is None:
            raise InvalidValueError("timezone", "not_found_at_location")
        return await self._change(user_id, lambda u: replace(u, timezone=timezone))

    async def toggle_notification(self, user_id: int, kind: NotificationKind) -> User:
        """Switch one kind of notification on or off."""

        def apply(user: User) -> User:
            current = getattr(user.notifications, kind.value)
            changed = replace(user.notifications, **{kind.value: not current})
            return replace(user, notifications=changed)

        return await self._change(user_id, apply)

    async def set_reminder_time(self, user_id: int, text: str) -> User:
        """Remind at a typed local time (HH:MM); anything else is refused and nothing changes."""
        at = parse_local_time(text)
        return await self._change(user_id, lambda u: replace(u, reminder_time=at))

    async def set_reminder_minute(self, user_id: int, minute: int) -> User:
        """Remind at a local time given as minutes after midnight (a button's choice)."""
        at = time_of_minute(minute)
        return await self._change(user_id, lambda u: replace(u, reminder_time=at))

    async def export(self, user_id: int) -> dict[str, Any]:
        """Everything stored about the athlete, as plain JSON-ready data."""
        async with self._uow:
            user = await self._uow.users.get(user_id)
            if user is None:
                raise NotFoundError()
            workouts = await self._uow.workouts.since(user_id, EPOCH)
            checkins = await self._uow.checkins.all(user_id)
            thresholds = await self._uow.thresholds.all(user_id)
            notifications = await self._uow.notifications.of_user(user_id)
            plans = await self._uow.plans.all(user_id)
            imports = await self._uow.imports.all(user_id)
            partners = await self._uow.partners.record_of(user_id)
            deliveries = await self._uow.campaigns.deliveries_of(user_id)
            growth = await self._uow.growth.export(user_id)
            today = self._clock().astimezone(ZoneInfo(user.timezone)).date()
            game = await game_export(self._uow, user, today)
            devices = await self._uow.devices.all_devices(user_id)
            sessions = await self._uow.devices.sessions_of(user_id)
        return {
            "format": "coachbot-export",
            "version": 1,
            "user": _jsonable(asdict(user)),
            "workouts": [_jsonable(asdict(workout)) for workout in workouts],
            "checkins": [_jsonable(asdict(checkin)) for checkin in checkins],
            "thresholds": [_jsonable(asdict(threshold)) for threshold in thresholds],
            "notifications": [_jsonable(asdict(notice)) for notice in notifications],
            "plans": [_jsonable(asdict(plan)) for plan in plans],
            "imported_activities": [_jsonable(asdict(meta)) for meta in imports],
            "partners": _jsonable(asdict(partners)),
            "campaign_deliveries": _jsonable(deliveries),
            "gamification": _jsonable(game),
            # A device's token is stored only as its hash, and the hash is not exported.
            "devices": [_jsonable(asdict(device)) for device in devices],
            "live_sessions": [_jsonable(asdict(session)) for session in sessions],
            **_jsonable(growth),
        }

    async def delete(self, user_id: int) -> bool:
        """Erase the athlete and everything that belongs to them."""
        async with self._uow:
            deleted = await self._uow.users.delete(user_id)
            await self._uow.commit()
            return deleted

    async def _change(
        self, user_id: int, apply: Callable[[User], User], now: datetime | None = None
    ) -> User:
        async with self._uow:
            user = await self._uow.users.get(user_id)
            if user is None:
                raise NotFoundError()
            changed = apply(user)
            if schedule_inputs(changed) != schedule_inputs(user):
                changed = rescheduled(changed, now or self._clock())
            if changed != user:
                await self._uow.users.save(changed)
                await self._date_heart_rates(user, changed)
                await self._uow.commit()
            return changed

    async def _date_heart_rates(self, before: User, after: User) -> None:
        """A changed max or resting HR holds from the athlete's today on; the value it
        replaces keeps the past."""
        changes = [
            (ThresholdKind.MAX_HR, before.profile.max_hr, after.profile.max_hr),
            (ThresholdKind.RESTING_HR, before.profile.resting_hr, after.profile.resting_hr),
        ]
        changes = [change for change in changes if change[1] != change[2]]
        if not changes:
            return
        history = ThresholdHistory(await self._uow.thresholds.all(after.id))
        for kind, old, new in changes:
            if old is not None and not history.has(kind):
                await self._uow.thresholds.add(after.id, Threshold(kind, old, EPOCH))
            since = valid_from_today(self._clock(), after.timezone)
            await self._uow.thresholds.add(after.id, Threshold(kind, new, since))

    def _apply_text(self, user: User, field: ProfileField, text: str) -> User:
        profile = user.profile
        if field is ProfileField.CITY:
            return user.with_profile(city=validation.parse_city(text))
        if field is ProfileField.BIRTH_YEAR:
            year = validation.parse_birth_year(text, self._clock().year)
            return user.with_profile(birth_year=year)
        if field is ProfileField.WEIGHT:
            return user.with_profile(weight_kg=validation.parse_weight(text, user.units))
        if field is ProfileField.RESTING_HR:
            resting = validation.parse_heart_rate(text, "resting_hr", validation.RESTING_HR_RANGE)
            validation.check_heart_rates(resting, profile.max_hr)
            return user.with_profile(resting_hr=resting)
        if field is ProfileField.MAX_HR:
            maximum = validation.parse_heart_rate(text, "max_hr", validation.MAX_HR_RANGE)
            validation.check_heart_rates(profile.resting_hr, maximum)
            return user.with_profile(max_hr=maximum)
        raise InvalidValueError(field.value, "not_a_text_field")


def _outdated(user: User, identity: TelegramIdentity) -> bool:
    """The stored name or username differs from Telegram's, or the bot was blocked."""
    known = (user.first_name, user.username, user.bot_blocked_at)
    return known != (identity.first_name, identity.username, None)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_jsonable(item) for item in value]
        return sorted(items) if isinstance(value, set | frozenset) else items
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
