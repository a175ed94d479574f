"""The coach reads the journal: form, load trend, zones, race predictions, today's advice."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from domain.clock import Clock
from domain.coaching.advice import Advice, Situation, advise
from domain.coaching.fitness import (
    ACWR_CHRONIC_DAYS,
    DayFitness,
    acwr,
    acwr_warning,
    fitness_series,
)
from domain.coaching.performance import BEST_EFFORT_DAYS, best_effort, predictions
from domain.coaching.zones import Zone, hr_zones, max_heart_rate, time_in_zones
from domain.plans.models import SessionKind
from domain.ports import UnitOfWork
from domain.users.models import User, Weekday
from domain.wellness.models import CheckIn, WellnessSummary
from domain.wellness.summary import BASELINE_DAYS, wellness_summary
from domain.workouts.models import Activity, Workout
from domain.workouts.stats import Period, PeriodStats, bounds, summarize

HISTORY_DAYS = 180
TREND_DAYS = 42


@dataclass(frozen=True, slots=True)
class CoachReport:
    advice: Advice
    fitness: float
    fatigue: float
    form: float
    acwr: float | None
    load_warning: bool
    week_load: float
    hr_zones: tuple[Zone, ...]
    max_hr: int | None
    vdot: float | None
    predictions: dict[str, float]
    wellness: WellnessSummary | None = None


@dataclass(frozen=True, slots=True)
class StatsReport:
    stats: PeriodStats
    fitness: tuple[DayFitness, ...]
    zones: tuple[Zone, ...] = ()
    zone_seconds: tuple[int, ...] = ()


class PlannedSessions(Protocol):
    """Today's planned session kind, if the athlete follows a plan (domain.plans.service)."""

    async def today_kind(self, user: User) -> SessionKind | None: ...


class CoachService:
    def __init__(
        self, uow: UnitOfWork, clock: Clock, plans: PlannedSessions | None = None
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._plans = plans

    async def today(self, user: User) -> CoachReport:
        """Advice for the athlete's today (in their timezone) from the last 180 days of
        training, today's check-in against the two weeks before, and the plan."""
        now = self._clock()
        planned = await self._plans.today_kind(user) if self._plans else None
        zone = ZoneInfo(user.timezone)
        today = now.astimezone(zone).date()
        async with self._uow:
            workouts = await self._uow.workouts.summaries_since(
                user.id, now - timedelta(days=HISTORY_DAYS)
            )
            checkins = await self._uow.checkins.between(
                user.id, today - timedelta(days=BASELINE_DAYS), today
            )
        wellness = wellness_summary(checkins, today)
        loads = daily_loads(workouts, zone)
        series = fitness_series(loads, today - timedelta(days=HISTORY_DAYS), today)
        ratio = _acwr(workouts, loads, today, now)
        recent = [w for w in workouts if w.started_at >= now - timedelta(days=28)]
        situation = _situation(user, today, series, loads, ratio, len(recent), wellness, planned)
        best = best_run_vdot(workouts, now)
        zones = _hr_zones(user, today)
        return CoachReport(
            advice=advise(situation),
            fitness=series[-2].fitness,
            fatigue=series[-2].fatigue,
            form=series[-1].form,
            acwr=ratio,
            load_warning=acwr_warning(ratio),
            week_load=sum(loads.get(today - timedelta(days=i), 0.0) for i in range(7)),
            hr_zones=zones,
            max_hr=_max_hr(user, today),
            vdot=best[0] if best else None,
            predictions=predictions(*best[1]) if best else {},
            wellness=wellness if wellness.today is not None else None,
        )

    async def stats(self, user: User, period: Period) -> StatsReport:
        """The period's totals per sport against the one before, and the fitness trend."""
        zone = ZoneInfo(user.timezone)
        today = self._clock().astimezone(zone).date()
        first = min(bounds(period, today).previous_start, today - timedelta(days=HISTORY_DAYS))
        async with self._uow:
            workouts = await self._uow.workouts.summaries_since(
                user.id, datetime.combine(first, time(), zone)
            )
        loads = daily_loads(workouts, zone)
        series = fitness_series(loads, first, today)
        shown = today - timedelta(days=TREND_DAYS)
        edges = bounds(period, today)
        efforts = [
            (float(w.avg_hr), w.duration_s)
            for w in workouts
            if w.avg_hr
            and w.duration_s
            and edges.start <= w.started_at.astimezone(zone).date() <= edges.end
        ]
        zones = _hr_zones(user, today)
        return StatsReport(
            stats=summarize(workouts, period, today, zone),
            fitness=tuple(day for day in series if day.day >= shown),
            zones=zones,
            zone_seconds=time_in_zones(efforts, zones) if zones and efforts else (),
        )


def daily_loads(workouts: list[Workout], zone: ZoneInfo) -> dict[date, float]:
    """Load per local calendar day; a day starts at the athlete's own midnight."""
    loads: dict[date, float] = defaultdict(float)
    for workout in workouts:
        if workout.load:
            loads[workout.started_at.astimezone(zone).date()] += workout.load
    return dict(loads)


def best_run_vdot(
    workouts: list[Workout], now: datetime
) -> tuple[float, tuple[float, float]] | None:
    """The best VDOT among runs of 3 km or more in the last 90 days, with its effort."""
    since = now - timedelta(days=BEST_EFFORT_DAYS)
    return best_effort(
        (w.distance_m, w.duration_s)
        for w in workouts
        if w.activity is Activity.RUN and w.started_at >= since
    )


def _acwr(
    workouts: list[Workout], loads: dict[date, float], today: date, now: datetime
) -> float | None:
    """Until the journal spans the 28-day chronic window, every first weeks' ratio would
    read as a dangerous spike: there is no ratio yet."""
    first = min((w.started_at for w in workouts), default=None)
    if first is None or first > now - timedelta(days=ACWR_CHRONIC_DAYS):
        return None
    return acwr(loads, today - timedelta(days=1))


def _max_hr(user: User, today: date) -> int | None:
    age = today.year - user.profile.birth_year if user.profile.birth_year else None
    return max_heart_rate(user.profile.max_hr, age)


def _hr_zones(user: User, today: date) -> tuple[Zone, ...]:
    top = _max_hr(user, today)
    return tuple(hr_zones(top, user.profile.resting_hr)) if top else ()


def _situation(
    user: User,
    today: date,
    series: list[DayFitness],
    loads: dict[date, float],
    ratio: float | None,
    workouts_last_28_days: int,
    wellness: WellnessSummary,
    planned: SessionKind | None,
) -> Situation:
    checkin = wellness.today or CheckIn(user.id, today)
    return Situation(
        form=series[-1].form,
        fitness=series[-2].fitness,
        acwr=ratio,
        yesterday_load=loads.get(today - timedelta(days=1), 0.0),
        workouts_last_28_days=workouts_last_28_days,
        training_day=_training_day(user, today),
        weekend=today.weekday() >= 5,
        sleep_hours=checkin.sleep_hours,
        sleep_quality=checkin.sleep_quality,
        soreness=checkin.soreness,
        resting_hr_rise=wellness.resting_hr_rise,
        planned=planned,
    )


def _training_day(user: User, today: date) -> bool:
    days = user.profile.days
    return not days or list(Weekday)[today.weekday()] in days
