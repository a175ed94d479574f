"""Configuration from the environment and `.env`, read once at start."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./var/coachbot.sqlite3"
WEBHOOK_PATH = "/telegram/webhook"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True
    )

    bot_token: str | None = Field(default=None, pattern=r"^\d+:[A-Za-z0-9_-]{10,}$")
    database_url: str = DEFAULT_DATABASE_URL
    redis_url: str | None = None
    telegram_api_url: str | None = None
    webhook_url: str | None = None
    # The address devices reach the web app at (the device API), shown in pairing hints.
    public_url: str | None = None
    webhook_secret: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{16,256}$")
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    web_host: str = "127.0.0.1"
    web_port: int = Field(default=8080, ge=0, le=65535)
    log_level: str = "INFO"
    throttle_rate: float = Field(default=2.0, gt=0)
    throttle_burst: int = Field(default=20, ge=1)
    run_scheduler: bool = True
    broadcast_rate: float = Field(default=25.0, gt=0, le=1000)
    # Renewed every third of it; a killed scheduler's jobs wait this long for another.
    scheduler_lease_seconds: int = Field(default=90, ge=3, le=3600)
    # A claim or a send older than this belongs to an engine that died (ADR 0025).
    broadcast_stale_seconds: int = Field(default=120, ge=1, le=86400)

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(
                int(part) for part in value.replace(";", ",").split(",") if part.strip()
            )
        return value

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("must start with sqlite+aiosqlite:// or postgresql+asyncpg://")
        return value

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("must be an http:// or https:// URL with a host")
        if parts.query or parts.fragment:
            raise ValueError("must have no query or fragment")
        return value.rstrip("/")

    @field_validator("telegram_api_url", "webhook_url", "redis_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and "://" not in value:
            raise ValueError("must be a URL")
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url and not self.webhook_secret:
            raise ValueError("WEBHOOK_SECRET is required when WEBHOOK_URL is set")
        return self


class SettingsError(Exception):
    """A setting is missing or malformed; the message names it in one line."""


def load_settings(*, require_token: bool) -> Settings:
    try:
        settings = Settings()
    except ValidationError as error:
        first = error.errors()[0]
        name = "_".join(str(part) for part in first["loc"]).upper() or "settings"
        raise SettingsError(f"configuration error: {name}: {first['msg']}") from None
    if require_token and not settings.bot_token:
        raise SettingsError("configuration error: BOT_TOKEN: required to run the bot")
    return settings
