"""Who a campaign reaches: everyone opted in, narrowed by language, sport, city, level,
activity and group membership. Stored as plain data on the campaign; the SQL and the
fakes read the same rule."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from domain.errors import InvalidValueError
from domain.users.models import Language, Level, Sport
from domain.users.validation import parse_city

ACTIVITY_DAYS = (7, 30, 90)
MAX_GROUPS = 5


class AudienceField(StrEnum):
    LANGUAGE = "language"
    SPORT = "sport"
    LEVEL = "level"
    ACTIVE = "active"  # logged a workout or a check-in in the last N days
    LAPSED = "lapsed"  # logged before, but nothing in the last N days
    CITY = "city"
    GROUP = "group"  # an active member of any of the chosen groups (by invite code)
    CLEAR = "clear"


@dataclass(frozen=True, slots=True)
class Audience:
    """Empty sets and None mean "no narrowing"; every filter given must hold."""

    languages: frozenset[Language] = frozenset()
    sports: frozenset[Sport] = frozenset()
    levels: frozenset[Level] = frozenset()
    city: str | None = None
    active_days: int | None = None
    lapsed_days: int | None = None
    groups: frozenset[str] = frozenset()

    @property
    def everyone(self) -> bool:
        return self == Audience()

    def as_data(self) -> dict[str, Any]:
        return {
            "languages": sorted(self.languages),
            "sports": sorted(self.sports),
            "levels": sorted(self.levels),
            "city": self.city,
            "active_days": self.active_days,
            "lapsed_days": self.lapsed_days,
            "groups": sorted(self.groups),
        }

    @classmethod
    def from_data(cls, data: dict[str, Any] | None) -> Audience:
        if not data:
            return cls()
        return cls(
            languages=frozenset(Language(v) for v in data.get("languages") or ()),
            sports=frozenset(Sport(v) for v in data.get("sports") or ()),
            levels=frozenset(Level(v) for v in data.get("levels") or ()),
            city=data.get("city"),
            active_days=data.get("active_days"),
            lapsed_days=data.get("lapsed_days"),
            groups=frozenset(data.get("groups") or ()),
        )


@dataclass(frozen=True, slots=True)
class AudienceChange:
    """One tap on the audience editor (or a typed city)."""

    field: AudienceField
    value: str = ""


def changed(audience: Audience, change: AudienceChange) -> Audience:
    """The audience after toggling one value; an unknown value is refused."""
    name, value = change.field, change.value
    try:
        if name is AudienceField.LANGUAGE:
            return replace(audience, languages=audience.languages ^ {Language(value)})
        if name is AudienceField.SPORT:
            return replace(audience, sports=audience.sports ^ {Sport(value)})
        if name is AudienceField.LEVEL:
            return replace(audience, levels=audience.levels ^ {Level(value)})
    except ValueError as error:
        raise InvalidValueError("audience", "unknown") from error
    return _changed_other(audience, name, value)


def _changed_other(audience: Audience, name: AudienceField, value: str) -> Audience:
    if name is AudienceField.CITY:
        return replace(audience, city=parse_city(value))
    if name is AudienceField.CLEAR:
        return Audience()
    if name is AudienceField.GROUP:
        code = group_code(value)
        if code not in audience.groups and len(audience.groups) >= MAX_GROUPS:
            raise InvalidValueError("audience", "too_many_groups", limit=MAX_GROUPS)
        return replace(audience, groups=audience.groups ^ {code})
    # Active and lapsed exclude each other; the same choice again turns it off.
    days = _days(value)
    if name is AudienceField.ACTIVE:
        same = audience.active_days == days
        return replace(audience, active_days=None if same else days, lapsed_days=None)
    same = audience.lapsed_days == days
    return replace(audience, lapsed_days=None if same else days, active_days=None)


def _days(value: str) -> int:
    if not value.isdigit() or int(value) not in ACTIVITY_DAYS:
        raise InvalidValueError("audience", "unknown")
    return int(value)


def group_code(value: str) -> str:
    """A group's invite code from the code itself, `g_CODE` or the invite link."""
    code = value.strip().rsplit("start=", 1)[-1]
    code = code.removeprefix("g_")
    if not code or len(code) > 16 or not all(c.isalnum() or c in "-_" for c in code):
        raise InvalidValueError("audience", "group_code")
    return code
