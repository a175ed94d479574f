"""A deterministic population of athletes and their workouts, generated lazily in time order.

Every athlete draws from their own `random.Random` seeded by (seed, index), so a dataset is
the same on every run and on every backend. Workouts of all athletes are merged by start
time, so ids grow with time as they do in a live database and one athlete's rows are spread
over the whole table, not stored next to each other.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.coaching.load import LoadInputs, workout_load
from domain.workouts.models import Activity

NOW = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
HEAVY_ID = 1_000_000
FIRST_ID = 2_000_000
HEAVY_PER_WEEK = 13.0

TIMEZONES = (
    ("Europe/Moscow", 30), ("Europe/Berlin", 15), ("Europe/London", 8), ("America/New_York", 10),
    ("America/Los_Angeles", 6), ("Asia/Yekaterinburg", 6), ("Asia/Novosibirsk", 4),
    ("Asia/Tokyo", 4), ("Asia/Kolkata", 4), ("Australia/Sydney", 3), ("America/Sao_Paulo", 3),
    ("Asia/Kamchatka", 1), ("Pacific/Auckland", 1), ("UTC", 5),
)  # fmt: skip
# Sport (bit in users.sports_mask) -> the activities it brings, with weights.
SPORTS: tuple[tuple[int, tuple[tuple[Activity, int], ...]], ...] = (
    (0, ((Activity.RUN, 1),)),
    (1, ((Activity.RIDE, 1),)),
    (2, ((Activity.SWIM, 1),)),
    (3, ((Activity.STRENGTH, 1),)),
    (4, ((Activity.RUN, 3), (Activity.RIDE, 3), (Activity.SWIM, 2))),
    (5, ((Activity.WALK, 3), (Activity.HIKE, 1))),
    (6, ((Activity.YOGA, 2), (Activity.ROW, 1), (Activity.SKI, 1), (Activity.OTHER, 1))),
)
SPORT_POPULARITY = (30, 25, 12, 25, 8, 12, 10)
# activity -> (minutes low, high), speed m/s (low, high) or None, HR fraction of reserve
SHAPES: dict[Activity, tuple[tuple[int, int], tuple[float, float] | None, float]] = {
    Activity.RUN: ((20, 100), (2.4, 4.6), 0.70),
    Activity.RIDE: ((40, 240), (5.5, 10.5), 0.62),
    Activity.SWIM: ((25, 75), (0.6, 1.3), 0.60),
    Activity.WALK: ((25, 120), (1.1, 1.7), 0.35),
    Activity.HIKE: ((90, 420), (0.8, 1.4), 0.45),
    Activity.STRENGTH: ((30, 80), None, 0.45),
    Activity.YOGA: ((30, 75), None, 0.25),
    Activity.ROW: ((20, 60), (3.0, 4.5), 0.65),
    Activity.SKI: ((45, 180), (2.5, 5.5), 0.65),
    Activity.OTHER: ((20, 90), None, 0.50),
}
EXERCISES = (
    ("squat", 40, 160), ("bench_press", 30, 120), ("deadlift", 60, 200),
    ("overhead_press", 20, 70), ("pull_up", 0, 0), ("push_up", 0, 0), ("lunge", 10, 40),
)  # fmt: skip
SOURCES = (("text", 50), ("guided", 20), ("file", 20), ("device", 10))
NOTES = ("easy", "felt strong", "windy", "legs heavy", "intervals 6x800", "with the club")
LEVELS = ("beginner", "intermediate", "advanced")
GOALS = ("health", "weight_loss", "endurance", "speed", "strength", "race")


@dataclass(frozen=True, slots=True)
class Athlete:
    id: int
    first_name: str
    language: str
    units: str
    timezone: str
    sports_mask: int
    days_mask: int
    level: str
    goal: str
    birth_year: int
    weight_kg: float
    resting_hr: int
    max_hr: int | None
    created_at: datetime
    workouts: int
    per_week: float
    activities: tuple[tuple[Activity, int], ...]


@dataclass(frozen=True, slots=True)
class Sample:
    """One workout as plain values; `sets` holds (exercise, sets, reps, weight_kg)."""

    user_id: int
    activity: str
    source: str
    started_at: datetime
    duration_s: int
    distance_m: float | None
    avg_hr: int | None
    rpe: int | None
    note: str | None
    load: float | None
    load_method: str | None
    hr_load: float | None
    rpe_load: float | None
    sets: tuple[tuple[str, int, int, float | None], ...]


@dataclass(frozen=True, slots=True)
class Spec:
    """Dataset size: all workouts, the heavy athlete's share, how many athletes, the seed."""

    workouts: int
    heavy: int
    athletes: int
    seed: int = 1

    @property
    def key(self) -> str:
        return f"w{self.workouts}-h{self.heavy}-a{self.athletes}-s{self.seed}-v1"


def spec(workouts: int, heavy: int, athletes: int | None = None, seed: int = 1) -> Spec:
    """Athletes default to one per ~150 workouts besides the heavy one (at least 3)."""
    if not 0 < heavy <= workouts:
        raise ValueError("heavy must be between 1 and the total number of workouts")
    count = athletes if athletes is not None else max(3, (workouts - heavy) // 150)
    return Spec(workouts, heavy, count, seed)


def athletes(spec: Spec) -> list[Athlete]:
    """The heavy athlete first, then the others with a long-tailed number of workouts."""
    rest = spec.workouts - spec.heavy
    weights = [
        random.Random(f"{spec.seed}:w:{i}").lognormvariate(0, 1) for i in range(spec.athletes)
    ]
    total = sum(weights)
    counts = [min(spec.heavy, int(rest * w / total)) for w in weights]
    for index in range(spec.athletes):
        counts[index] += min(rest - sum(counts), spec.heavy - counts[index])
    if sum(counts) != rest:
        raise ValueError("too few athletes: nobody may log more workouts than the heavy one")
    people = [_athlete(spec.seed, 0, spec.heavy, heavy=True)]
    people += [_athlete(spec.seed, i + 1, n, heavy=False) for i, n in enumerate(counts)]
    return people


def _athlete(seed: int, index: int, workouts: int, *, heavy: bool) -> Athlete:
    rng = random.Random(f"{seed}:a:{index}")
    sports = {4, 3} if heavy else _pick_sports(rng)
    activities = tuple(pair for bit, pairs in SPORTS if bit in sports for pair in pairs)
    level = "advanced" if heavy else rng.choices(LEVELS, (4, 5, 2))[0]
    per_week = HEAVY_PER_WEEK if heavy else {"beginner": 2.5, "intermediate": 4.0}.get(level, 7.0)
    birth_year = rng.randint(1958, 2008)
    span = timedelta(weeks=workouts / (per_week * rng.uniform(0.8, 1.2)) + 1)
    return Athlete(
        id=HEAVY_ID if heavy else FIRST_ID + index,
        first_name=f"Athlete {index}",
        language=rng.choices(("ru", "en"), (6, 4))[0],
        units=rng.choices(("metric", "imperial"), (9, 1))[0],
        timezone="Europe/Moscow" if heavy else _weighted(rng, TIMEZONES),
        sports_mask=sum(1 << bit for bit in sports),
        days_mask=rng.randint(1, 127),
        level=level,
        goal=rng.choice(GOALS),
        birth_year=birth_year,
        weight_kg=round(rng.uniform(48, 105), 1),
        resting_hr=rng.randint(42, 75),
        max_hr=rng.randint(170, 200) if rng.random() < 0.6 else None,
        created_at=NOW - span - timedelta(days=rng.randint(0, 30)),
        workouts=workouts,
        per_week=per_week,
        activities=activities,
    )


def _pick_sports(rng: random.Random) -> set[int]:
    first = rng.choices(range(len(SPORTS)), SPORT_POPULARITY)[0]
    second = rng.choices(range(len(SPORTS)), SPORT_POPULARITY)[0]
    return {first, second} if rng.random() < 0.5 else {first}


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([name for name, _ in pairs], [weight for _, weight in pairs])[0]


def workouts(spec: Spec, people: list[Athlete]) -> Iterator[Sample]:
    """Every athlete's workouts, merged into one stream ordered by start time."""
    streams = [_stream(spec.seed, athlete) for athlete in people]
    return heapq.merge(*streams, key=lambda sample: sample.started_at)


def _stream(seed: int, athlete: Athlete) -> Iterator[Sample]:
    rng = random.Random(f"{seed}:t:{athlete.id}")
    for started in _start_times(rng, athlete):
        yield _sample(rng, athlete, started)


def _start_times(rng: random.Random, athlete: Athlete) -> list[datetime]:
    """Evenly paced training days, each workout at a local time between 06:00 and 21:00."""
    # The heavy athlete trains up to today; the others may have paused some weeks ago.
    end = NOW - timedelta(hours=1 if athlete.id == HEAVY_ID else rng.uniform(2, 24 * 60))
    gap = timedelta(days=7 / athlete.per_week)
    offset = NOW.astimezone(ZoneInfo(athlete.timezone)).utcoffset() or timedelta()
    first = end - gap * athlete.workouts
    times = []
    for index in range(athlete.workouts):
        day = (first + gap * index).replace(hour=0, minute=0, second=0, microsecond=0)
        started = day + timedelta(seconds=rng.randint(6 * 3600, 21 * 3600)) - offset
        times.append(min(started, end))
    return sorted(times)


def _sample(rng: random.Random, athlete: Athlete, started: datetime) -> Sample:
    activity = rng.choices([a for a, _ in athlete.activities], [w for _, w in athlete.activities])[
        0
    ]
    (low, high), speed, effort = SHAPES[activity]
    duration = rng.randint(low, high) * 60 + rng.randint(0, 59)
    distance = round(duration * rng.uniform(*speed), 1) if speed else None
    top = athlete.max_hr or round(208 - 0.7 * (started.year - athlete.birth_year))
    reserve = min(0.95, max(0.1, rng.gauss(effort, 0.08)))
    avg_hr = round(athlete.resting_hr + reserve * (top - athlete.resting_hr))
    has_hr = rng.random() < 0.7
    rpe = min(10, max(1, round(reserve * 10 + rng.gauss(0, 1)))) if rng.random() < 0.6 else None
    inputs = LoadInputs(
        duration_s=float(duration),
        avg_hr=avg_hr if has_hr else None,
        resting_hr=athlete.resting_hr,
        max_hr=athlete.max_hr,
        age=started.year - athlete.birth_year,
        rpe=rpe,
    )
    result = workout_load(inputs)
    return Sample(
        user_id=athlete.id,
        activity=activity.value,
        source=_weighted(rng, SOURCES),
        started_at=started,
        duration_s=duration,
        distance_m=distance,
        avg_hr=avg_hr if has_hr else None,
        rpe=rpe,
        note=rng.choice(NOTES) if rng.random() < 0.1 else None,
        load=result.value if result else None,
        load_method=result.method.value if result else None,
        hr_load=result.hr_load if result else None,
        rpe_load=result.rpe_load if result else None,
        sets=_sets(rng) if activity is Activity.STRENGTH else (),
    )


def _sets(rng: random.Random) -> tuple[tuple[str, int, int, float | None], ...]:
    chosen = rng.sample(EXERCISES, rng.randint(3, 6))
    return tuple(
        (
            name,
            rng.randint(3, 5),
            rng.randint(3, 12),
            float(rng.randrange(low, high + 1, 5)) if high else None,
        )
        for name, low, high in chosen
    )
