"""What handlers need from the i18n layer; bot.i18n.Texts implements it."""

from __future__ import annotations

from typing import Any, Protocol

from domain.users.models import Language, Units


class Texts(Protocol):
    language: Language

    def __call__(self, key: str, **params: Any) -> str: ...

    def render(self, template: str, **context: Any) -> str: ...

    def weight(self, kg: float | None, units: Units) -> str: ...
