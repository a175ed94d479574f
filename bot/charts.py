"""PNG charts with matplotlib (Agg), sized and labelled to be read on a phone."""

from __future__ import annotations

import io
from typing import Any

from domain.coaching.service import StatsReport
from handlers.texts import Texts

COLORS = {"bars": "#4C78A8", "fitness": "#2E7D32", "fatigue": "#C62828", "form": "#F9A825"}
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

    @staticmethod
    def _zones(axis: Any, report: StatsReport, t: Texts) -> None:
        labels = [f"Z{i} {t(f'coach.zone.{i}')}" for i in range(1, len(report.zone_seconds) + 1)]
        minutes = [seconds / 60 for seconds in report.zone_seconds]
        axis.barh(labels, minutes, color=ZONE_COLORS[: len(minutes)])
        axis.invert_yaxis()
        axis.set_title(t("stats.chart.zones"), fontsize=15)
        axis.set_xlabel(t("stats.chart.minutes"), fontsize=12)
        axis.tick_params(axis="y", labelsize=12)
