from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import SettingsError, load_settings

TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    for name in (
        "BOT_TOKEN",
        "DATABASE_URL",
        "WEBHOOK_URL",
        "WEBHOOK_SECRET",
        "ADMIN_IDS",
        "WEB_PORT",
        "PUBLIC_URL",
        "SCHEDULER_LEASE_SECONDS",
        "BROADCAST_STALE_SECONDS",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # type: ignore[arg-type]


def test_defaults_need_nothing_but_a_token_to_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    monkeypatch.setenv("ADMIN_IDS", "1, 22;333")
    settings = load_settings(require_token=True)
    assert settings.database_url.startswith("sqlite+aiosqlite:///./var/")
    assert settings.admin_ids == {1, 22, 333}
    assert (settings.scheduler_lease_seconds, settings.broadcast_stale_seconds) == (90, 120)


def test_the_lease_and_the_stale_time_can_be_shortened(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCHEDULER_LEASE_SECONDS", "3")
    monkeypatch.setenv("BROADCAST_STALE_SECONDS", "1")
    settings = load_settings(require_token=False)
    assert (settings.scheduler_lease_seconds, settings.broadcast_stale_seconds) == (3, 1)


@pytest.mark.parametrize(
    ("name", "value", "named"),
    [
        ("WEB_PORT", "eighty", "WEB_PORT"),
        ("BOT_TOKEN", "not-a-token", "BOT_TOKEN"),
        ("DATABASE_URL", "mysql://x", "DATABASE_URL"),
        ("ADMIN_IDS", "1,two", "ADMIN_IDS"),
        ("SCHEDULER_LEASE_SECONDS", "2", "SCHEDULER_LEASE_SECONDS"),
        ("SCHEDULER_LEASE_SECONDS", "3601", "SCHEDULER_LEASE_SECONDS"),
        ("BROADCAST_STALE_SECONDS", "0", "BROADCAST_STALE_SECONDS"),
        ("BROADCAST_STALE_SECONDS", "soon", "BROADCAST_STALE_SECONDS"),
    ],
)
def test_a_malformed_setting_is_named_in_one_line(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, named: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as error:
        load_settings(require_token=False)
    message = str(error.value)
    assert named in message
    assert "\n" not in message


def test_a_webhook_needs_its_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.com")
    with pytest.raises(SettingsError, match="WEBHOOK_SECRET"):
        load_settings(require_token=False)


def test_run_without_a_token_stops_with_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "configuration error: BOT_TOKEN: required to run the bot"


def test_a_dotenv_file_is_read() -> None:
    Path(".env").write_text(f"BOT_TOKEN={TOKEN}\nWEB_PORT=9090\n")
    settings = load_settings(require_token=True)
    assert (settings.bot_token, settings.web_port) == (TOKEN, 9090)


def test_the_public_url_is_an_http_address_kept_without_its_trailing_slash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PUBLIC_URL", "https://coach.example.org/")
    assert load_settings(require_token=False).public_url == "https://coach.example.org"
    monkeypatch.delenv("PUBLIC_URL")
    assert load_settings(require_token=False).public_url is None


@pytest.mark.parametrize(
    "value", ["coach.example.org", "ftp://coach.example.org", "https://", "https://x.org/?a=1"]
)
def test_a_public_url_that_devices_cannot_reach_is_refused(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("PUBLIC_URL", value)
    with pytest.raises(SettingsError, match="PUBLIC_URL"):
        load_settings(require_token=False)
