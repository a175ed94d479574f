"""Why a file is refused; the reason names the localized message (errors.file.<reason>)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from domain.errors import InvalidValueError


class Refusal(StrEnum):
    TOO_LARGE = "too_large"
    EMPTY = "empty"
    NOT_FIT = "not_fit"
    NOT_XML = "not_xml"
    BAD_CRC = "bad_crc"
    TRUNCATED = "truncated"
    NO_ACTIVITY = "no_activity"
    ROUTE_ONLY = "route_only"
    NO_TIMES = "no_times"
    NO_START = "no_start"
    DAMAGED = "damaged"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    FUTURE = "future"
    HEART_RATE = "heart_rate"
    SPEED = "speed"
    BAD_VALUE = "bad_value"
    NOT_ZIP = "not_zip"
    ZIP_BOMB = "zip_bomb"
    TOO_MANY_FILES = "too_many_files"
    NESTED_ZIP = "nested_zip"
    UNSAFE_NAME = "unsafe_name"
    ENCRYPTED = "encrypted"
    NO_FILES = "no_files"
    HEALTH_XML = "health_xml"


class FileRefusedError(InvalidValueError):
    """A file that cannot be imported; nothing of it is stored."""

    def __init__(self, reason: Refusal, **params: Any) -> None:
        super().__init__("file", reason.value, **params)
        self.refusal = reason
