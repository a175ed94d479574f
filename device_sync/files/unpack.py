"""Reading compressed bytes with caps on what comes out, whatever the headers claim."""

from __future__ import annotations

import zlib
from typing import IO

from domain.activities.errors import FileRefusedError, Refusal

CHUNK = 256 * 1024


def read_capped(stream: IO[bytes], limit: int) -> bytes:
    """All of the stream, refused as too large past `limit` bytes."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileRefusedError(Refusal.TOO_LARGE, limit_mb=limit // (1024 * 1024))
    return data


def gunzip_capped(data: bytes, limit: int, ratio: int, floor: int) -> bytes:
    """A .gz member (several concatenated ones too), refused past `limit` bytes out or, over
    `floor` bytes, beyond `ratio` times its compressed size."""
    out = bytearray()
    rest = data
    while rest:
        inflater = zlib.decompressobj(wbits=31)
        chunk = rest
        while chunk and not inflater.eof:
            out += inflater.decompress(chunk, CHUNK)
            _check(len(out), len(data), limit, ratio, floor)
            chunk = inflater.unconsumed_tail
        if not inflater.eof:
            raise FileRefusedError(Refusal.TRUNCATED)
        rest = inflater.unused_data.lstrip(b"\0")  # some writers pad the last member
    return bytes(out)


def _check(size: int, compressed: int, limit: int, ratio: int, floor: int) -> None:
    if size > limit:
        raise FileRefusedError(Refusal.TOO_LARGE, limit_mb=limit // (1024 * 1024))
    if size > floor and size > ratio * compressed:
        raise FileRefusedError(Refusal.ZIP_BOMB)
