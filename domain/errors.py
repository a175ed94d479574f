"""Errors the domain raises; each carries a stable code the edge turns into a message."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base of every error a user can cause; `code` names the localized message."""

    code = "domain_error"

    def __init__(self, **params: Any) -> None:
        super().__init__(self.code, params)
        self.params: dict[str, Any] = params


class InvalidValueError(DomainError):
    code = "invalid_value"

    def __init__(self, field: str, reason: str, **params: Any) -> None:
        super().__init__(field=field, reason=reason, **params)
        self.field = field
        self.reason = reason


class NotFoundError(DomainError):
    code = "not_found"


class DuplicateUpdateError(DomainError):
    """The same Telegram update was already handled by another worker."""

    code = "duplicate_update"
