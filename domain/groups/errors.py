"""What can go wrong with a group, each with its localized message (errors.<code>)."""

from __future__ import annotations

from domain.errors import DomainError


class GroupFullError(DomainError):
    code = "group_full"


class NotOrganizerError(DomainError):
    code = "not_organizer"


class NotMemberError(DomainError):
    code = "not_member"


class LastOrganizerError(DomainError):
    code = "last_organizer"


class ChatTakenError(DomainError):
    code = "chat_taken"


class EventFullError(DomainError):
    code = "event_full"


class AttendanceError(DomainError):
    """Confirming an event that has not started, was not answered yes or maybe, or twice."""

    code = "attendance"
