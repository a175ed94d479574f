"""What a device or its athlete can get wrong; the API maps each to a status and a code."""

from __future__ import annotations

from domain.errors import DomainError


class UnauthorizedError(DomainError):
    """A missing, unknown or revoked device token."""

    code = "unauthorized"


class PairingCodeError(DomainError):
    """The code cannot pair: `reason` is unknown, expired or used."""

    code = "pairing_code"

    def __init__(self, reason: str) -> None:
        super().__init__(reason=reason)
        self.reason = reason


class TooManyCodesError(DomainError):
    """The athlete asked for pairing codes too often."""

    code = "too_many_codes"


class ConflictError(DomainError):
    """The request contradicts what is stored: `reason` names what."""

    code = "conflict"

    def __init__(self, reason: str) -> None:
        super().__init__(reason=reason)
        self.reason = reason
