"""Paired devices, their one-time pairing codes, and live sessions recorded on them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.users.models import User
from domain.workouts.models import Activity


class DeviceKind(StrEnum):
    COMPANION = "companion"  # coachbot-sync on the athlete's computer
    PHONE = "phone"
    WATCH = "watch"
    OTHER = "other"


class CodeState(StrEnum):
    OPEN = "open"
    USED = "used"
    REPLACED = "replaced"


class SessionState(StrEnum):
    OPEN = "open"
    FINISHED = "finished"


@dataclass(frozen=True, slots=True)
class Device:
    id: int
    user_id: int
    name: str | None
    kind: DeviceKind
    paired_at: datetime
    last_sync_at: datetime | None = None
    revoked_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PairingCode:
    """Only the code's hash is stored; the athlete sees the code once."""

    id: int
    user_id: int
    code_hash: str
    created_at: datetime
    expires_at: datetime
    state: CodeState = CodeState.OPEN


@dataclass(frozen=True, slots=True)
class IssuedCode:
    code: str  # as shown: ABCD-2345
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class Paired:
    device: Device
    token: str  # given to the device once; stored only as its hash


@dataclass(frozen=True, slots=True)
class DeviceAuth:
    """Who a request's bearer token speaks for."""

    device: Device
    user: User


@dataclass(frozen=True, slots=True)
class LiveSession:
    id: int
    user_id: int
    device_id: int
    client_session_id: str
    activity: Activity
    started_at: datetime
    state: SessionState = SessionState.OPEN
    ended_at: datetime | None = None
    workout_id: int | None = None
    created_at: datetime | None = None
    last_batch_at: datetime | None = None  # when its last new batch arrived


@dataclass(frozen=True, slots=True)
class LiveSample:
    """One point pushed by a device: seconds since the session's start, SI units."""

    t: float
    hr: int | None = None
    power: int | None = None
    cadence: int | None = None
    speed: float | None = None  # m/s
    distance: float | None = None  # m from the start
    rr: tuple[int, ...] = ()  # RR intervals, ms


@dataclass(frozen=True, slots=True)
class StoredBatch:
    seq: int
    digest: str
    payload: bytes


class BatchStatus(StrEnum):
    STORED = "stored"
    DUPLICATE = "duplicate"


class UploadStatus(StrEnum):
    IMPORTED = "imported"
    DUPLICATE = "duplicate"


@dataclass(frozen=True, slots=True)
class Uploaded:
    status: UploadStatus
    workout_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Started:
    session_id: int
    created: bool
