"""The formats' names for sports, mapped to the journal's activities."""

from __future__ import annotations

from domain.workouts.models import Activity

FIT_SUB_SPORTS = {
    "indoor_rowing": Activity.ROW,
    "treadmill": Activity.RUN,
    "trail": Activity.RUN,
    "indoor_cycling": Activity.RIDE,
    "lap_swimming": Activity.SWIM,
    "open_water": Activity.SWIM,
    "strength_training": Activity.STRENGTH,
    "yoga": Activity.YOGA,
    "cross_country_skiing": Activity.SKI,
}
FIT_SPORTS = {
    "running": Activity.RUN,
    "cycling": Activity.RIDE,
    "e_biking": Activity.RIDE,
    "swimming": Activity.SWIM,
    "walking": Activity.WALK,
    "hiking": Activity.HIKE,
    "rowing": Activity.ROW,
    "paddling": Activity.ROW,
    "training": Activity.STRENGTH,
    "cross_country_skiing": Activity.SKI,
    "alpine_skiing": Activity.SKI,
    "snowboarding": Activity.SKI,
}
# GPX <type> and TCX Sport are free text; the first keyword found in it decides.
KEYWORDS = (
    ("run", Activity.RUN),
    ("jog", Activity.RUN),
    ("bik", Activity.RIDE),
    ("cycl", Activity.RIDE),
    ("ride", Activity.RIDE),
    ("swim", Activity.SWIM),
    ("walk", Activity.WALK),
    ("hik", Activity.HIKE),
    ("row", Activity.ROW),
    ("ski", Activity.SKI),
)


def fit_activity(sport: str, sub_sport: str) -> Activity:
    return FIT_SUB_SPORTS.get(sub_sport) or FIT_SPORTS.get(sport, Activity.OTHER)


def named_activity(name: str | None) -> Activity:
    lowered = (name or "").lower()
    for keyword, activity in KEYWORDS:
        if keyword in lowered:
            return activity
    return Activity.OTHER
