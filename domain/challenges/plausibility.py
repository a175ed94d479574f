"""What no human has done: an average speed beyond the world record for the distance.

Each sport's table gives, from a distance on, the fastest average speed (m/s) anyone has
held over it, rounded up a little: a workout faster than that is a typo, a car or a cheat,
and does not count in a challenge. Skiing has no row: downhill runs are faster than any
cross-country record and a file does not say which it was.
"""

from __future__ import annotations

from domain.workouts.models import Activity, Workout

# (from this distance in metres, the fastest average speed in m/s)
RECORD_SPEEDS: dict[Activity, tuple[tuple[float, float], ...]] = {
    # 100 m 9.58 s; 800 m 1:40.9; 1500 m 3:26; 5 km 12:35; 10 km 26:11; marathon 2:00:35
    Activity.RUN: (
        (0, 10.5),
        (400, 9.3),
        (800, 8.0),
        (1500, 7.3),
        (5000, 6.7),
        (10000, 6.4),
        (21097, 6.2),
        (42195, 5.9),
    ),
    # flying 200 m ~ 20.5 m/s; the hour record 56.8 km; a Tour stage average ~ 14 m/s
    Activity.RIDE: ((0, 22.0), (1000, 20.0), (20000, 17.0), (100000, 15.0)),
    # 50 m free 20.9 s; 400 m 3:40; 1500 m 14:31
    Activity.SWIM: ((0, 2.45), (400, 1.85), (1500, 1.75)),
    # 20 km race walk 1:16:36; a hike is no faster
    Activity.WALK: ((0, 4.6),),
    Activity.HIKE: ((0, 4.6),),
    # 2000 m on the water 5:18 (eights)
    Activity.ROW: ((0, 6.6),),
}


def record_speed(activity: Activity, distance_m: float) -> float | None:
    """The fastest average speed ever held over `distance_m` in the sport, if we know it."""
    table = RECORD_SPEEDS.get(activity)
    if table is None:
        return None
    fastest = None
    for from_m, speed in table:
        if distance_m >= from_m:
            fastest = speed
    return fastest


def is_implausible(workout: Workout) -> bool:
    """True when the workout's average speed is beyond the world record for its distance."""
    speed = workout.speed_mps
    if speed is None or workout.distance_m is None:
        return False
    fastest = record_speed(workout.activity, workout.distance_m)
    return fastest is not None and speed > fastest
