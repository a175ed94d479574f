"""The companion's state directory: the pairing (server URL and device token, mode 0600) and
the local queue, per OS user (`--home`, else COACHBOT_SYNC_HOME, else the user config dir)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

APP_DIR = "coachbot-sync"
CONFIG_FILE = "config.json"
QUEUE_FILE = "queue.sqlite3"
PRIVATE = 0o600


class ConfigError(Exception):
    """The config file exists but cannot be read as a pairing."""


@dataclass(frozen=True, slots=True)
class Config:
    server: str
    token: str
    device_id: int
    name: str


def default_home(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> Path:
    """COACHBOT_SYNC_HOME, else the OS's per-user configuration directory."""
    if environ.get("COACHBOT_SYNC_HOME"):
        return Path(environ["COACHBOT_SYNC_HOME"]).expanduser()
    if platform == "win32" and environ.get("APPDATA"):
        return Path(environ["APPDATA"]) / APP_DIR
    if platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_DIR
    base = environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / APP_DIR


class Home:
    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def queue_path(self) -> Path:
        return self.path / QUEUE_FILE

    def load(self) -> Config | None:
        """The stored pairing; None before `pair`."""
        file = self.path / CONFIG_FILE
        if not file.exists():
            return None
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            return Config(
                str(data["server"]), str(data["token"]), int(data["device_id"]), str(data["name"])
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ConfigError(str(file)) from error

    def save(self, config: Config) -> Path:
        """Write the pairing readable by this OS user only, replacing the old one atomically."""
        self.path.mkdir(parents=True, exist_ok=True, mode=0o700)
        file = self.path / CONFIG_FILE
        temporary = file.with_suffix(".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(asdict(config), handle, indent=2)
        os.chmod(
            temporary, PRIVATE
        )  # O_CREAT's mode is reduced by the umask, and kept if it existed
        os.replace(temporary, file)
        return file
