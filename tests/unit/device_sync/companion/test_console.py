"""The live line is redrawn in place on a terminal and printed once a minute into a pipe."""

from __future__ import annotations

import io

from device_sync.companion.console import Console
from device_sync.companion.recorder import Live
from device_sync.companion.texts import Texts


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


SAMPLE = {"t": 3725.0, "hr": 142, "power": 215, "cadence": 88, "speed": 9.0}


def test_the_live_line_is_redrawn_in_place_on_a_terminal() -> None:
    out = Terminal()
    console = Console(Texts("en"), out, io.StringIO())
    console.live(Live(3725, SAMPLE, 2, 3, 0))
    console.live(Live(3726, {"t": 3726.0}, 1, 3, 4))
    console.say("record.finishing")

    first, second = out.getvalue().split("\r\x1b[K")[1:]
    assert first == "1:02:05  ♥ 142 bpm  ⚡ 215 W  ↻ 88 rpm  ➜ 32.4 km/h  sensors 2/3"
    assert second.startswith("1:02:06  ♥ --  ⚡ --  ↻ --  ➜ --  sensors 1/3  ⏳ 4 queued\n")


def test_russian_units_and_a_line_a_minute_into_a_pipe() -> None:
    out = io.StringIO()
    console = Console(Texts("ru"), out, io.StringIO())
    for second in range(119, 122):
        console.live(Live(second, SAMPLE, 1, 1, 0))
    assert (
        out.getvalue()
        == "0:02:00  ♥ 142 уд/мин  ⚡ 215 Вт  ↻ 88 об/мин  ➜ 32.4 км/ч  датчики 1/1\n"
    )
