"""The companion's English and Russian messages (locales/<language>.toml), the language taken
from `--lang`, else the OS locale (LC_ALL, LC_MESSAGES, LANG, LANGUAGE), else English."""

from __future__ import annotations

import locale
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

LOCALES = Path(__file__).parent / "locales"
LANGUAGES = ("en", "ru")
DEFAULT = "en"


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = str(value)
    return flat


def load_catalog(language: str) -> dict[str, str]:
    with (LOCALES / f"{language}.toml").open("rb") as file:
        return _flatten(tomllib.load(file))


def system_language(environ: Mapping[str, str] = os.environ) -> str:
    """The first of the POSIX locale variables that is set decides; Windows has none of them."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(variable)
        if value:
            return "ru" if value.lower().startswith("ru") else DEFAULT
    name = locale.getlocale()[0] or ""
    return "ru" if name.lower().startswith("ru") else DEFAULT


class Texts:
    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else DEFAULT
        self._catalog = load_catalog(self.language)
        self._fallback = self._catalog if self.language == DEFAULT else load_catalog(DEFAULT)

    def __call__(self, key: str, **params: Any) -> str:
        text = self._catalog.get(key) or self._fallback.get(key)
        if text is None:
            raise KeyError(f"no text for {key!r}")
        return text.format(**params)
