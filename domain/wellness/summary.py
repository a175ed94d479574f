"""The athlete's recent check-ins summed up for the coach."""

from __future__ import annotations

from datetime import date, timedelta
from statistics import fmean

from domain.wellness.models import CheckIn, WellnessSummary

BASELINE_DAYS = 14
MIN_BASELINE_VALUES = 3
SLEEP_AVERAGE_DAYS = 7


def wellness_summary(checkins: list[CheckIn], today: date) -> WellnessSummary:
    """Today's answers; resting HR averaged over the 14 days before today (3 values at least);
    sleep averaged over the last 7 days, today included."""
    current = next((c for c in checkins if c.day == today and not c.is_empty), None)
    baseline_start = today - timedelta(days=BASELINE_DAYS)
    earlier = [
        c.resting_hr
        for c in checkins
        if baseline_start <= c.day < today and c.resting_hr is not None
    ]
    sleep_start = today - timedelta(days=SLEEP_AVERAGE_DAYS - 1)
    sleep = [
        c.sleep_hours
        for c in checkins
        if sleep_start <= c.day <= today and c.sleep_hours is not None
    ]
    return WellnessSummary(
        today=current,
        resting_hr_baseline=fmean(earlier) if len(earlier) >= MIN_BASELINE_VALUES else None,
        resting_hr_values=len(earlier),
        sleep_hours_average=fmean(sleep) if sleep else None,
    )
