"""What the companion prints: localized lines, and one live line redrawn in place on a
terminal (a line a minute when the output is a file or a pipe)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any, TextIO

from device_sync.companion.recorder import Live
from device_sync.companion.texts import Texts

PIPED_LIVE_EVERY_S = 60
KMH_PER_M_S = 3.6


def local_time(moment: datetime) -> str:
    """A time as this computer's clock shows it."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def clock_text(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


class Console:
    def __init__(
        self,
        texts: Texts,
        out: TextIO = sys.stdout,
        err: TextIO = sys.stderr,
        ask: Callable[[str], str] | None = None,
    ) -> None:
        self.t = texts
        self._out = out
        self._err = err
        self._ask = ask
        self._live_open = False

    def say(self, key: str, **params: Any) -> None:
        self.end_live()
        print(self.t(key, **params), file=self._out)

    def error(self, key: str, **params: Any) -> None:
        self.end_live()
        print(self.t(key, **params), file=self._err)

    def confirm(self, key: str, **params: Any) -> bool:
        """Yes unless the athlete answers no; yes without asking when nobody can answer."""
        if self._ask is None:
            return True
        answer = self._ask(self.t(key, **params)).strip().lower()
        return answer not in {"n", "no", "н", "нет"}

    def live(self, status: Live) -> None:
        line = self._live_line(status)
        if self._out.isatty():
            self._out.write("\r\x1b[K" + line)
            self._out.flush()
            self._live_open = True
        elif status.elapsed_s % PIPED_LIVE_EVERY_S == 0:
            print(line, file=self._out)

    def end_live(self) -> None:
        if self._live_open:
            self._out.write("\n")
            self._live_open = False

    def _live_line(self, status: Live) -> str:
        sample = status.sample or {}
        none = self.t("record.no_value")

        def value(key: str, unit: str, scale: float = 1.0, digits: int = 0) -> str:
            if key not in sample:
                return none
            number = sample[key] * scale
            return self.t(unit, value=f"{number:.{digits}f}")

        line = self.t(
            "record.live",
            elapsed=clock_text(status.elapsed_s),
            hr=value("hr", "unit.bpm"),
            power=value("power", "unit.watts"),
            cadence=value("cadence", "unit.rpm"),
            speed=value("speed", "unit.kmh", KMH_PER_M_S, 1),
            connected=status.sensors_connected,
            total=status.sensors,
        )
        if status.queued_batches > 1:
            line += self.t("record.queued_suffix", count=status.queued_batches)
        return line
