"""Key catalogs (bot/locales/<language>/*.toml, one file per area) and jinja2 templates."""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from domain.coaching.load import epley_1rm
from domain.units import METRES_PER_MILE, kg_to_lb
from domain.users.models import Language, Units, Weekday
from domain.wellness.models import sleep_label

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
    """Each language's files merged; a key defined twice is a mistake, not an override."""
    catalogs = {}
    for language in Language:
        catalog: dict[str, str] = {}
        for path in sorted((directory / language.value).glob("*.toml")):
            with path.open("rb") as file:
                texts = _flatten(tomllib.load(file))
            twice = catalog.keys() & texts.keys()
            if twice:
                raise ValueError(f"{path}: keys defined in another file too: {sorted(twice)}")
            catalog.update(texts)
        catalogs[language] = catalog
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

    def duration(self, seconds: int | None) -> str:
        if not seconds:
            return self("common.not_set")
        hours, rest = divmod(int(seconds), 3600)
        minutes, secs = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"

    def distance(self, metres: float | None, units: Units) -> str:
        if not metres:
            return self("common.not_set")
        if units is Units.IMPERIAL:
            return self("units.mi", value=f"{metres / METRES_PER_MILE:.2f}")
        if metres < 1000:
            return self("units.m", value=f"{metres:.0f}")
        return self("units.km", value=f"{metres / 1000:.2f}")

    def pace(self, speed_mps: float, units: Units, per_100m: bool = False) -> str:
        """Minutes per km or mile (per 100 m for swimming)."""
        if per_100m:
            return self("units.pace_100m", value=self.duration(round(100 / speed_mps)))
        metres = METRES_PER_MILE if units is Units.IMPERIAL else 1000.0
        key = "units.pace_mi" if units is Units.IMPERIAL else "units.pace_km"
        return self(key, value=self.duration(round(metres / speed_mps)))

    def speed(self, speed_mps: float, units: Units) -> str:
        if units is Units.IMPERIAL:
            return self("units.mph", value=f"{speed_mps * 3600 / METRES_PER_MILE:.1f}")
        return self("units.kmh", value=f"{speed_mps * 3.6:.1f}")

    def moment(self, moment: datetime, timezone: str) -> str:
        """A UTC moment in the athlete's timezone: "Tue 24 Nov, 08:05"."""
        local = moment.astimezone(ZoneInfo(timezone))
        return self(
            "date.moment",
            weekday=self(f"weekday.{list(Weekday)[local.weekday()]}"),
            day=local.day,
            month=self(f"month.m{local.month}"),
            time=local.strftime("%H:%M"),
        )

    def day(self, day: date) -> str:
        """A calendar day: "Tue 24 Nov"."""
        weekday = self(f"weekday.{list(Weekday)[day.weekday()]}")
        return self("date.day", weekday=weekday, day=day.day, month=self(f"month.m{day.month}"))

    def clock(self, moment: datetime, timezone: str) -> str:
        """The local time of day of a UTC moment: "08:05"."""
        return moment.astimezone(ZoneInfo(timezone)).strftime("%H:%M")

    def weight(self, kg: float | None, units: Units) -> str:
        if kg is None:
            return self("common.not_set")
        if units is Units.IMPERIAL:
            return self("units.lb", value=f"{kg_to_lb(kg):.0f}")
        return self("units.kg", value=f"{round(kg, 1):g}")


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
        self._env.globals["one_rep_max"] = epley_1rm
        self._env.globals["sleep_label"] = sleep_label
        self._texts = {
            language: Texts(language, catalog, self._catalogs[Language.EN], self._env)
            for language, catalog in self._catalogs.items()
        }

    def texts(self, language: Language) -> Texts:
        return self._texts[language]

    def catalog(self, language: Language) -> dict[str, str]:
        return dict(self._catalogs[language])
