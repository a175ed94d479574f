"""The athlete's thresholds and the zones that follow from them (/zones)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.clock import Clock
from domain.coaching.load import DEFAULT_RESTING_HR, default_lthr
from domain.coaching.performance import BEST_EFFORT_DAYS, threshold_speed
from domain.coaching.service import best_run_vdot
from domain.coaching.thresholds import (
    Threshold,
    ThresholdHistory,
    ThresholdKind,
    Thresholds,
    parse_ftp,
    parse_lthr,
    parse_threshold_pace,
    valid_from_today,
)
from domain.coaching.zones import Zone, hr_zones, max_heart_rate, pace_zones, power_zones
from domain.errors import InvalidValueError
from domain.ports import UnitOfWork
from domain.users.models import User

SETTABLE = (ThresholdKind.FTP, ThresholdKind.LTHR, ThresholdKind.THRESHOLD_SPEED)


@dataclass(frozen=True, slots=True)
class ZonesReport:
    """Zones by heart rate, pace and power; `*_estimated` marks values we guessed."""

    max_hr: int | None
    max_hr_estimated: bool
    resting_hr: int | None
    hr_zones: tuple[Zone, ...]
    lthr: int | None
    lthr_estimated: bool
    threshold_speed: float | None
    pace_estimated: bool
    vdot: float | None
    pace_zones: tuple[Zone, ...]
    ftp: float | None
    power_zones: tuple[Zone, ...]


class ThresholdService:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def zones(self, user: User) -> ZonesReport:
        """Zones from the thresholds valid now; a missing pace comes from the best run."""
        now = self._clock()
        async with self._uow:
            history = ThresholdHistory(await self._uow.thresholds.all(user.id), user.profile)
            since = now - timedelta(days=BEST_EFFORT_DAYS)
            workouts = await self._uow.workouts.summaries_since(user.id, since)
        best = best_run_vdot(workouts, now)
        return zones_report(user, history.at(now), best[0] if best else None, now)

    async def set(self, user: User, kind: ThresholdKind, text: str) -> ZonesReport:
        """A typed FTP, LTHR or threshold pace holds from the athlete's today on; a bad one
        stores nothing."""
        if kind not in SETTABLE:
            raise InvalidValueError(kind.value, "not_settable")
        now = self._clock()
        async with self._uow:
            history = ThresholdHistory(await self._uow.thresholds.all(user.id), user.profile)
            value = _parse(kind, text, user, history.at(now))
            since = valid_from_today(now, user.timezone)
            await self._uow.thresholds.add(user.id, Threshold(kind, value, since))
            await self._uow.commit()
        return await self.zones(user)


def zones_report(
    user: User, now_valid: Thresholds, vdot: float | None, now: datetime
) -> ZonesReport:
    """Heart-rate zones (Karvonen with a resting HR), pace zones and Coggan's power levels."""
    top = max_heart_rate(now_valid.max_hr, _age(user, now))
    resting = now_valid.resting_hr
    lthr = now_valid.lthr
    if lthr is None and top is not None:
        lthr = default_lthr(top, resting or DEFAULT_RESTING_HR)
    speed = now_valid.threshold_speed
    if speed is None and vdot is not None:
        speed = threshold_speed(vdot)
    ftp = now_valid.ftp
    return ZonesReport(
        max_hr=top,
        max_hr_estimated=now_valid.max_hr is None and top is not None,
        resting_hr=resting,
        hr_zones=tuple(hr_zones(top, resting)) if top else (),
        lthr=lthr,
        lthr_estimated=now_valid.lthr is None and lthr is not None,
        threshold_speed=speed,
        pace_estimated=now_valid.threshold_speed is None and speed is not None,
        vdot=vdot,
        pace_zones=tuple(pace_zones(speed)) if speed else (),
        ftp=ftp,
        power_zones=tuple(power_zones(ftp)) if ftp else (),
    )


def _age(user: User, now: datetime) -> int | None:
    birth_year = user.profile.birth_year
    return now.year - birth_year if birth_year else None


def _parse(kind: ThresholdKind, text: str, user: User, valid: Thresholds) -> float:
    if kind is ThresholdKind.FTP:
        return parse_ftp(text)
    if kind is ThresholdKind.LTHR:
        return parse_lthr(text, valid.max_hr)
    return parse_threshold_pace(text, user.units)
