"""Every user-facing string exists in Russian and English, and is valid Telegram HTML."""

from __future__ import annotations

import re
import string
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bot.i18n import I18n, load_catalogs
from domain.users.models import Goal, Language, Level, ProfileField, Sport, Weekday

ROOT = Path(__file__).resolve().parents[3]
TELEGRAM_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre"}
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z_.]*[a-z_])["']""")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class TagChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TELEGRAM_TAGS:
            self.bad.append(tag)
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.bad.append(f"/{tag}")


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    catalogs = load_catalogs()
    english, russian = catalogs[Language.EN], catalogs[Language.RU]
    assert english.keys() == russian.keys()
    for key, text in english.items():
        assert placeholders(text) == placeholders(russian[key]), key
        assert text != "" and russian[key] != "", key


@pytest.mark.parametrize("language", list(Language))
def test_every_text_is_telegram_html(language: Language) -> None:
    for key, text in load_catalogs()[language].items():
        checker = TagChecker()
        checker.feed(text)
        assert not checker.bad and not checker.open, (key, text)
        assert not re.search(r"<(?![a-z/])|&(?![a-z]+;|#\d+;)", text), (key, text)


def test_every_key_the_code_names_exists() -> None:
    catalog = load_catalogs()[Language.EN]
    sources = [
        *ROOT.glob("handlers/**/*.py"),
        *ROOT.glob("bot/**/*.py"),
        *ROOT.glob("bot/templates/**/*.html"),
    ]
    used = {key for path in sources for key in LITERAL_KEY.findall(path.read_text())}
    assert used, "the scan must find keys"
    assert sorted(used - catalog.keys()) == []


def test_every_enum_the_user_sees_has_a_label() -> None:
    catalog = load_catalogs()[Language.RU]
    prefixes = {"sport": Sport, "level": Level, "goal": Goal, "weekday": Weekday}
    for prefix, enum in prefixes.items():
        for member in enum:
            assert f"{prefix}.{member}" in catalog
    for field in ProfileField:
        assert f"form.{field}.prompt" in catalog
        assert f"profile.edit.{field}" in catalog
        assert f"profile.label.{field}" in catalog


def test_values_put_into_texts_are_escaped() -> None:
    t = I18n().texts(Language.EN)
    assert t("start.welcome_back", name="<script>&") == (
        "Welcome back, &lt;script&gt;&amp;! Here is your profile."
    )


def test_a_key_defined_in_two_area_files_is_refused(tmp_path: Path) -> None:
    for language in Language:
        (tmp_path / language.value).mkdir()
        (tmp_path / language.value / "a.toml").write_text('[workout]\nsaved = "x"\n')
        (tmp_path / language.value / "b.toml").write_text('[workout]\nsaved = "y"\n')
    with pytest.raises(ValueError, match=r"workout\.saved"):
        load_catalogs(tmp_path)


def test_one_area_may_span_files(tmp_path: Path) -> None:
    for language in Language:
        (tmp_path / language.value).mkdir()
        (tmp_path / language.value / "a.toml").write_text('[workout]\nsaved = "x"\n')
        (tmp_path / language.value / "b.toml").write_text('[workout]\nedited = "y"\n')
    assert load_catalogs(tmp_path)[Language.EN] == {"workout.saved": "x", "workout.edited": "y"}
