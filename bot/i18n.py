"""Key catalogs (bot/locales/*.toml) and jinja2 templates, bound to one language."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from domain.units import kg_to_lb
from domain.users.models import Language, Units

LOCALES = Path(__file__).parent / "locales"
TEMPLATES = Path(__file__).parent / "templates"


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


def load_catalogs(directory: Path = LOCALES) -> dict[Language, dict[str, str]]:
    catalogs = {}
    for language in Language:
        with (directory / f"{language.value}.toml").open("rb") as file:
            catalogs[language] = _flatten(tomllib.load(file))
    return catalogs


class Texts:
    """Every user-facing string for one language: `t("profile.title", name=...)` and templates.

    Texts are HTML (the bot's parse mode): catalog strings may hold tags, and every
    value formatted into a text or a template is escaped.
    """

    def __init__(
        self,
        language: Language,
        catalog: dict[str, str],
        fallback: dict[str, str],
        env: Environment,
    ) -> None:
        self.language = language
        self._catalog = catalog
        self._fallback = fallback
        self._env = env

    def __call__(self, key: str, **params: Any) -> str:
        """Catalog texts are trusted HTML; the values put into them are escaped."""
        text = self._catalog.get(key) or self._fallback.get(key)
        if text is None:
            raise KeyError(f"no text for {key!r}")
        return Markup(text).format(**params)  # noqa: S704 - catalogs are ours, params escaped

    def render(self, template: str, **context: Any) -> str:
        return self._env.get_template(template).render(t=self, **context).strip()

    def weight(self, kg: float | None, units: Units) -> str:
        if kg is None:
            return self("common.not_set")
        if units is Units.IMPERIAL:
            return self("units.lb", value=f"{kg_to_lb(kg):.0f}")
        return self("units.kg", value=f"{kg:g}")


class I18n:
    """Loaded once at start; hands out a Texts per language."""

    def __init__(self, locales: Path = LOCALES, templates: Path = TEMPLATES) -> None:
        self._catalogs = load_catalogs(locales)
        self._env = Environment(
            loader=FileSystemLoader(templates),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
        )
        self._texts = {
            language: Texts(language, catalog, self._catalogs[Language.EN], self._env)
            for language, catalog in self._catalogs.items()
        }

    def texts(self, language: Language) -> Texts:
        return self._texts[language]

    def catalog(self, language: Language) -> dict[str, str]:
        return dict(self._catalogs[language])
