"""What handlers need from the i18n layer; bot.i18n.Texts implements it."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from domain.users.models import Language, Units


class Texts(Protocol):
    language: Language

    def __call__(self, key: str, **params: Any) -> str: ...

    def render(self, template: str, **context: Any) -> str: ...

    def weight(self, kg: float | None, units: Units) -> str: ...

    def duration(self, seconds: int | None) -> str: ...

    def distance(self, metres: float | None, units: Units) -> str: ...

    def pace(self, speed_mps: float, units: Units, per_100m: bool = False) -> str: ...

    def speed(self, speed_mps: float, units: Units) -> str: ...

    def moment(self, moment: datetime, timezone: str) -> str: ...
