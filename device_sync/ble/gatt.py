"""GATT basics shared by the decoders: UUIDs, the one decode error and a payload reader.

Multi-byte fields are little-endian (Bluetooth Core Specification, Vol 3, Part G).
"""

from __future__ import annotations

import re

BASE_UUID_SUFFIX = "-0000-1000-8000-00805f9b34fb"

HEART_RATE_SERVICE = 0x180D
RUNNING_SPEED_AND_CADENCE_SERVICE = 0x1814
CYCLING_SPEED_AND_CADENCE_SERVICE = 0x1816
CYCLING_POWER_SERVICE = 0x1818
FITNESS_MACHINE_SERVICE = 0x1826

HEART_RATE_MEASUREMENT = 0x2A37
RSC_MEASUREMENT = 0x2A53
CSC_MEASUREMENT = 0x2A5B
CYCLING_POWER_MEASUREMENT = 0x2A63
TREADMILL_DATA = 0x2ACD
INDOOR_BIKE_DATA = 0x2AD2

Payload = bytes | bytearray | memoryview  # bleak hands notifications over as bytearray

_SHORT = re.compile(r"(?:0x)?([0-9a-f]{4}|[0-9a-f]{8})")
_FULL = re.compile(r"([0-9a-f]{8})-0000-1000-8000-00805f9b34fb")


class GattDecodeError(ValueError):
    """A notification value that does not fit the layout its flags announce."""


def full_uuid(short: int) -> str:
    """The 128-bit form of a 16-bit SIG-assigned UUID, lower case."""
    return f"{short:08x}{BASE_UUID_SUFFIX}"


def short_uuid(uuid: str | int) -> int | None:
    """The 16/32-bit number of a SIG UUID given in any usual spelling, None for a vendor one."""
    if isinstance(uuid, int):
        return uuid if 0 <= uuid <= 0xFFFFFFFF else None
    text = uuid.strip().lower()
    match = _FULL.fullmatch(text) or _SHORT.fullmatch(text)
    return int(match.group(1), 16) if match else None


class PayloadReader:
    """Reads little-endian fields in order; running out of bytes is a GattDecodeError."""

    def __init__(self, data: Payload, what: str) -> None:
        self._data = bytes(data)
        self._offset = 0
        self._what = what

    @property
    def remaining(self) -> int:
        """Bytes not read yet."""
        return len(self._data) - self._offset

    def _take(self, size: int, field: str) -> bytes:
        if self.remaining < size:
            raise GattDecodeError(
                f"{self._what}: {field} needs {size} byte(s) at offset {self._offset}, "
                f"{self.remaining} present ({len(self._data)}-byte value)"
            )
        chunk = self._data[self._offset : self._offset + size]
        self._offset += size
        return chunk

    def uint(self, size: int, field: str) -> int:
        """An unsigned integer of `size` bytes."""
        return int.from_bytes(self._take(size, field), "little")

    def sint(self, size: int, field: str) -> int:
        """A two's-complement signed integer of `size` bytes."""
        return int.from_bytes(self._take(size, field), "little", signed=True)

    def flags(self, size: int) -> int:
        """The leading flags field; an empty value is malformed too."""
        return self.uint(size, "flags")


def bit(flags: int, number: int) -> bool:
    """Whether flag bit `number` is set."""
    return bool(flags >> number & 1)
