"""glibc malloc's arenas capped for the long-running processes (`MALLOC_ARENA_MAX=2`)."""

from __future__ import annotations

import ctypes
import os

M_ARENA_MAX = -8  # glibc's malloc.h
ARENAS = 2


def limit_arenas(count: int = ARENAS) -> bool:
    """Cap the arenas unless MALLOC_ARENA_MAX is set; False where libc has no mallopt."""
    # glibc gives each thread that allocates its own arena, up to 8 per core; aiosqlite
    # runs a thread per pooled connection, and each arena keeps its freed pages: ~10 MB of
    # the bot's peak RSS under load went there, for no speed the GIL would let it use.
    if os.environ.get("MALLOC_ARENA_MAX"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_ARENA_MAX, count))
