"""Deep-link payloads of `/start`: group invites, referrals, promo codes, sources and
challenges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_PAYLOAD = re.compile(r"^(g|ref|promo|src|c)_([A-Za-z0-9_-]{1,58})$")


class StartLinkKind(StrEnum):
    GROUP = "g"
    REFERRAL = "ref"
    PROMO = "promo"
    SOURCE = "src"  # attribution: where the athlete came from (an ad, a post, a partner)
    CHALLENGE = "c"  # join the challenge once the bot is started


@dataclass(frozen=True, slots=True)
class StartLink:
    kind: StartLinkKind
    code: str

    def as_payload(self) -> str:
        return f"{self.kind.value}_{self.code}"


def parse_start_payload(payload: str | None) -> StartLink | None:
    """A known payload, or None for anything else (which is ignored, never an error)."""
    match = _PAYLOAD.match(payload or "")
    if match is None:
        return None
    return StartLink(kind=StartLinkKind(match.group(1)), code=match.group(2))
