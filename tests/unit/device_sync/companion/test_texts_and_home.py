"""Both languages say everything with the same placeholders; the home is found per OS."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from device_sync.companion.home import Config, ConfigError, Home, default_home
from device_sync.companion.texts import Texts, load_catalog, system_language


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_russian_and_english_have_the_same_keys_and_placeholders() -> None:
    english, russian = load_catalog("en"), load_catalog("ru")
    assert english.keys() == russian.keys()
    for key, text in english.items():
        assert placeholders(text) == placeholders(russian[key]), key


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "ru_RU.UTF-8"}, "en"),
        ({"LC_MESSAGES": "ru_UA"}, "ru"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
    ],
)
def test_the_language_comes_from_the_os_locale(environ: dict[str, str], language: str) -> None:
    assert system_language(environ) == language


def test_an_unknown_language_falls_back_to_english() -> None:
    assert Texts("de")("sync.nothing") == "Nothing to send."


def test_the_home_is_the_users_config_folder_per_os(tmp_path: Path) -> None:
    assert default_home({"COACHBOT_SYNC_HOME": str(tmp_path)}) == tmp_path
    assert default_home({"XDG_CONFIG_HOME": "/x"}, "linux") == Path("/x/coachbot-sync")
    windows = default_home({"APPDATA": "C:/Users/a/AppData/Roaming"}, "win32")
    assert windows == Path("C:/Users/a/AppData/Roaming/coachbot-sync")
    assert default_home({}, "darwin").parts[-3:] == (
        "Library", "Application Support", "coachbot-sync",
    )  # fmt: skip


def test_a_damaged_config_is_reported_not_guessed(tmp_path: Path) -> None:
    home = Home(tmp_path)
    home.save(Config("https://coach.example.org", "t0ken", 3, "laptop"))
    assert home.load() == Config("https://coach.example.org", "t0ken", 3, "laptop")
    (tmp_path / "config.json").write_text("{not json")
    with pytest.raises(ConfigError):
        home.load()
