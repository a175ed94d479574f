"""PNG charts with matplotlib (Agg), sized and labelled to be read on a phone."""

from __future__ import annotations

import io
from typing import Any

from domain.coaching.service import StatsReport
from handlers.texts import Texts

COLORS = {"bars": "#4C78A8", "fitness": "#2E7D32", "fatigue": "#C62828", "form": "#F9A825"}


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
        figure, (volume, trend) = plt.subplots(2, 1, figsize=(8, 9), dpi=110)
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
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        plt.close(figure)
        return buffer.getvalue()
