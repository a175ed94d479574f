"""PNG charts with matplotlib (Agg), sized and labelled to be read on a phone."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from domain.activities.models import Samples
from domain.campaigns.stats import WeekCount
from domain.coaching.service import StatsReport
from domain.units import METRES_PER_MILE
from domain.users.models import Units
from domain.workouts.models import Activity
from handlers.texts import Texts

COLORS = {
    "route": "#1565C0",
    "hr": "#C62828",
    "pace": "#2E7D32",
    "power": "#6A1B9A",
    "bars": "#4C78A8",
    "fitness": "#2E7D32",
    "fatigue": "#C62828",
    "form": "#F9A825",
}
ZONE_COLORS = ("#90A4AE", "#4CAF50", "#FFC107", "#FF7043", "#D32F2F")


class MatplotlibCharts:
    def __init__(self) -> None:
        self._pyplot: Any = None
        self._dates: Any = None

    def _plt(self) -> Any:
        if self._pyplot is None:
            import matplotlib  # noqa: PLC0415 - about a second to import: only when a chart is asked

            matplotlib.use("Agg")
            from matplotlib import dates, pyplot  # noqa: PLC0415

            self._pyplot = pyplot
            self._dates = dates
        return self._pyplot

    def training(self, report: StatsReport, t: Texts) -> bytes:
        plt = self._plt()
        panels = 3 if report.zone_seconds else 2
        figure, axes = plt.subplots(panels, 1, figsize=(8, 4.5 * panels), dpi=110)
        volume, trend = axes[0], axes[1]
        weeks = report.stats.weekly_minutes
        labels = [f"{week.day:02d}.{week.month:02d}" for week, _ in weeks]
        volume.bar(labels, [minutes / 60 for _, minutes in weeks], color=COLORS["bars"])
        volume.set_title(t("stats.chart.volume"), fontsize=15)
        volume.set_ylabel(t("stats.chart.hours"), fontsize=12)
        volume.tick_params(axis="x", labelrotation=45 if len(labels) > 8 else 0)
        days = [day.day for day in report.fitness]
        for name in ("fitness", "fatigue", "form"):
            values = [getattr(day, name) for day in report.fitness]
            trend.plot(days, values, label=t(f"coach.{name}"), color=COLORS[name], linewidth=2.5)
        trend.axhline(0, color="#9E9E9E", linewidth=1)
        trend.set_title(t("stats.chart.trend"), fontsize=15)
        trend.legend(fontsize=12, loc="upper left")
        trend.xaxis.set_major_formatter(self._dates.DateFormatter("%d.%m"))
        trend.tick_params(axis="x", labelrotation=30)
        if report.zone_seconds:
            self._zones(axes[2], report, t)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        plt.close(figure)
        return buffer.getvalue()

    def activity(self, samples: Samples, activity: Activity, units: Units, t: Texts) -> bytes:
        plt = self._plt()
        panels = _series(samples, activity, units, t)
        route = samples.has_route
        count = len(panels) + (1 if route else 0)
        figure, axes = plt.subplots(max(count, 1), 1, figsize=(8, 3.6 * max(count, 1)), dpi=110)
        axes = list(axes) if count > 1 else [axes]
        if route:
            _route(axes.pop(0), samples, t)
        for axis, (label, color, points, invert) in zip(axes, panels, strict=False):
            axis.plot([m for m, _ in points], [v for _, v in points], color=color, linewidth=1.6)
            axis.set_title(label, fontsize=15)
            axis.set_xlabel(t("imports.chart.minutes"), fontsize=12)
            axis.tick_params(labelsize=11)
            axis.grid(alpha=0.3)
            if invert:
                axis.invert_yaxis()
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        plt.close(figure)
        return buffer.getvalue()

    def growth(self, weeks: Sequence[WeekCount], t: Texts) -> bytes:
        plt = self._plt()
        figure, axis = plt.subplots(1, 1, figsize=(8, 4.5), dpi=110)
        labels = [f"{week.week.day:02d}.{week.week.month:02d}" for week in weeks]
        axis.bar(
            labels, [week.new for week in weeks], color=COLORS["bars"], label=t("admin.chart.new")
        )
        axis.plot(labels, [week.active for week in weeks], color=COLORS["fitness"], linewidth=2.5,
                  marker="o", label=t("admin.chart.active"))  # fmt: skip
        axis.set_title(t("admin.chart.title"), fontsize=15)
        axis.set_ylabel(t("admin.chart.athletes"), fontsize=12)
        axis.legend(fontsize=12, loc="upper left")
        axis.yaxis.get_major_locator().set_params(integer=True)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        plt.close(figure)
        return buffer.getvalue()

    @staticmethod
    def _zones(axis: Any, report: StatsReport, t: Texts) -> None:
        labels = [f"Z{i} {t(f'coach.zone.{i}')}" for i in range(1, len(report.zone_seconds) + 1)]
        minutes = [seconds / 60 for seconds in report.zone_seconds]
        axis.barh(labels, minutes, color=ZONE_COLORS[: len(minutes)])
        axis.invert_yaxis()
        axis.set_title(t("stats.chart.zones"), fontsize=15)
        axis.set_xlabel(t("stats.chart.minutes"), fontsize=12)
        axis.tick_params(axis="y", labelsize=12)


Panel = tuple[str, str, list[tuple[float, float]], bool]
# Pace from a standstill is infinite: slower than this is left out of the chart.
SLOWEST_CHART_MPS = 0.8


def _series(samples: Samples, activity: Activity, units: Units, t: Texts) -> list[Panel]:
    """(title, colour, (minutes, value) points, inverted axis) for each recorded channel."""
    panels: list[Panel] = []
    hr = [(offset / 60, value) for offset, value in samples.present("hr")]
    if hr:
        panels.append((t("imports.chart.heart_rate"), COLORS["hr"], hr, False))
    speed = [(o / 60, v) for o, v in samples.present("speed") if v >= SLOWEST_CHART_MPS]
    if speed:
        miles = units is Units.IMPERIAL
        metres = METRES_PER_MILE if miles else 1000.0
        if activity.has_pace:
            pace = [(m, metres / v / 60) for m, v in speed]
            label = t("imports.chart.pace_mi" if miles else "imports.chart.pace_km")
            panels.append((label, COLORS["pace"], pace, True))
        else:
            fast = [(m, v * 3600 / metres) for m, v in speed]
            label = t("imports.chart.speed_mi" if miles else "imports.chart.speed_km")
            panels.append((label, COLORS["pace"], fast, False))
    power = [(offset / 60, value) for offset, value in samples.present("power")]
    if power:
        panels.append((t("imports.chart.power"), COLORS["power"], power, False))
    return panels


def _route(axis: Any, samples: Samples, t: Texts) -> None:
    points = [
        (lon, lat)
        for lat, lon in zip(samples.latitude, samples.longitude, strict=False)
        if lat is not None and lon is not None
    ]
    axis.plot([x for x, _ in points], [y for _, y in points], color=COLORS["route"], linewidth=2)
    axis.plot(*points[0], marker="o", color="#2E7D32", markersize=9)
    axis.plot(*points[-1], marker="s", color="#C62828", markersize=9)
    axis.set_title(t("imports.chart.route"), fontsize=15)
    axis.set_aspect("equal", adjustable="datalim")
    axis.set_xticks([])
    axis.set_yticks([])
