"""Pairing codes and device tokens: random, shown once, stored only as SHA-256 hashes."""

from __future__ import annotations

import hashlib
import secrets

# No 0/O, 1/I/L, U/V or 5/S: a code is read off a phone and typed on a keyboard.
ALPHABET = "ABCDEFGHJKMNPQRTWXYZ2346789"
CODE_LENGTH = 8
TOKEN_BYTES = 32


def new_code() -> str:
    """Eight characters of the unambiguous alphabet, shown as ABCD-2346."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalized_code(text: str) -> str:
    """What the athlete typed, without case, spaces or dashes: ABCD2346."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def code_digest(text: str) -> str:
    return digest(normalized_code(text))
