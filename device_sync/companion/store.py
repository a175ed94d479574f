"""The local queue (SQLite, WAL): every sample is written here before it is sent.

A batch is sealed once (its samples and sequence number fixed in one transaction) and then
sent until the server has it, so a retry after a dropped network or a killed process sends
the very same payload under the same number, which the server deduplicates.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

MAX_BATCH = 3600

Sample = Mapping[str, Any]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    client_session_id TEXT PRIMARY KEY,
    sport TEXT NOT NULL,
    started_at TEXT NOT NULL,
    server_session_id INTEGER,
    ended_at TEXT,
    workout_id INTEGER,
    refused TEXT
);
CREATE TABLE IF NOT EXISTS samples (
    client_session_id TEXT NOT NULL REFERENCES sessions,
    t REAL NOT NULL,
    data TEXT NOT NULL,
    seq INTEGER,
    PRIMARY KEY (client_session_id, t)
);
CREATE INDEX IF NOT EXISTS samples_unsealed ON samples (client_session_id, seq);
CREATE TABLE IF NOT EXISTS batches (
    client_session_id TEXT NOT NULL REFERENCES sessions,
    seq INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued',
    detail TEXT,
    PRIMARY KEY (client_session_id, seq)
);
CREATE TABLE IF NOT EXISTS uploads (
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    status TEXT NOT NULL,
    detail TEXT,
    uploaded_at TEXT NOT NULL,
    PRIMARY KEY (path, size, mtime_ns)
);
CREATE INDEX IF NOT EXISTS uploads_by_hash ON uploads (sha256);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True, slots=True)
class LocalSession:
    client_session_id: str
    sport: str
    started_at: datetime
    server_session_id: int | None
    ended_at: datetime | None
    workout_id: int | None

    @property
    def finished(self) -> bool:
        """The server turned it into a workout."""
        return self.workout_id is not None


@dataclass(frozen=True, slots=True)
class Batch:
    seq: int
    samples: list[dict[str, Any]]


def _time(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


class Store:
    """One SQLite file in the companion's home; single-threaded like the companion."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def start_session(self, client_session_id: str, sport: str, started_at: datetime) -> None:
        """Remember a new recording before anything is sent."""
        self._db.execute(
            "INSERT INTO sessions (client_session_id, sport, started_at) VALUES (?, ?, ?)",
            (client_session_id, sport, started_at.isoformat()),
        )

    def session(self, client_session_id: str) -> LocalSession:
        """One session by its client id."""
        row = self._db.execute(
            "SELECT client_session_id, sport, started_at, server_session_id, ended_at, workout_id "
            "FROM sessions WHERE client_session_id = ?",
            (client_session_id,),
        ).fetchone()
        if row is None:
            raise KeyError(client_session_id)
        return self._session(row)

    def pending_sessions(self) -> list[LocalSession]:
        """Sessions the server has not finished yet, oldest first."""
        rows = self._db.execute(
            "SELECT client_session_id, sport, started_at, server_session_id, ended_at, workout_id "
            "FROM sessions WHERE workout_id IS NULL AND refused IS NULL ORDER BY started_at"
        ).fetchall()
        return [self._session(row) for row in rows]

    def interrupted_session(self) -> LocalSession | None:
        """The newest session that was never ended (the companion was killed while recording)."""
        row = self._db.execute(
            "SELECT client_session_id, sport, started_at, server_session_id, ended_at, workout_id "
            "FROM sessions WHERE ended_at IS NULL AND refused IS NULL "
            "ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
        return None if row is None else self._session(row)

    @staticmethod
    def _session(row: tuple[Any, ...]) -> LocalSession:
        client_id, sport, started, server_id, ended, workout = row
        started_at = datetime.fromisoformat(started)
        return LocalSession(client_id, sport, started_at, server_id, _time(ended), workout)

    def set_server_session(self, client_session_id: str, server_session_id: int) -> None:
        self._db.execute(
            "UPDATE sessions SET server_session_id = ? WHERE client_session_id = ?",
            (server_session_id, client_session_id),
        )

    def end_session(self, client_session_id: str, ended_at: datetime) -> None:
        """The recording is over: the next sync finishes it on the server."""
        self._db.execute(
            "UPDATE sessions SET ended_at = ? WHERE client_session_id = ? AND ended_at IS NULL",
            (ended_at.isoformat(), client_session_id),
        )

    def set_finished(self, client_session_id: str, workout_id: int) -> None:
        self._db.execute(
            "UPDATE sessions SET workout_id = ? WHERE client_session_id = ?",
            (workout_id, client_session_id),
        )

    def set_refused(self, client_session_id: str, reason: str) -> None:
        """The server will never take this session: stop offering it."""
        self._db.execute(
            "UPDATE sessions SET refused = ? WHERE client_session_id = ?",
            (reason, client_session_id),
        )

    def add_sample(self, client_session_id: str, sample: Sample) -> bool:
        """Write one sample; False when a sample at that second is already stored."""
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO samples (client_session_id, t, data) VALUES (?, ?, ?)",
            (client_session_id, float(sample["t"]), json.dumps(sample, separators=(",", ":"))),
        )
        return cursor.rowcount == 1

    def last_t(self, client_session_id: str) -> float | None:
        """The time of the last stored sample in seconds since the start."""
        row = self._db.execute(
            "SELECT max(t) FROM samples WHERE client_session_id = ?", (client_session_id,)
        ).fetchone()
        return None if row[0] is None else float(row[0])

    def seal(self, client_session_id: str, limit: int = MAX_BATCH) -> int | None:
        """Fix the oldest unsealed samples (up to `limit`) as the next batch; its seq or None."""
        with self._transaction() as db:
            ts = [
                row[0]
                for row in db.execute(
                    "SELECT t FROM samples WHERE client_session_id = ? AND seq IS NULL "
                    "ORDER BY t LIMIT ?",
                    (client_session_id, limit),
                )
            ]
            if not ts:
                return None
            (last,) = db.execute(
                "SELECT coalesce(max(seq), -1) FROM batches WHERE client_session_id = ?",
                (client_session_id,),
            ).fetchone()
            seq = int(last) + 1
            db.execute(
                "INSERT INTO batches (client_session_id, seq) VALUES (?, ?)",
                (client_session_id, seq),
            )
            db.execute(
                "UPDATE samples SET seq = ? WHERE client_session_id = ? AND seq IS NULL "
                "AND t <= ?",
                (seq, client_session_id, ts[-1]),
            )
        return seq

    def seal_all(self, client_session_id: str) -> None:
        """Seal every sample written so far, in batches of at most MAX_BATCH."""
        while self.seal(client_session_id) is not None:
            pass

    def queued_batches(self, client_session_id: str) -> list[Batch]:
        """Sealed batches the server has not confirmed, in order."""
        seqs = [
            row[0]
            for row in self._db.execute(
                "SELECT seq FROM batches WHERE client_session_id = ? AND state = 'queued' "
                "ORDER BY seq",
                (client_session_id,),
            )
        ]
        return [Batch(seq, self._batch_samples(client_session_id, seq)) for seq in seqs]

    def _batch_samples(self, client_session_id: str, seq: int) -> list[dict[str, Any]]:
        rows = self._db.execute(
            "SELECT data FROM samples WHERE client_session_id = ? AND seq = ? ORDER BY t",
            (client_session_id, seq),
        )
        return [json.loads(row[0]) for row in rows]

    def mark_batch(self, client_session_id: str, seq: int, state: str, detail: str = "") -> None:
        """`sent` once the server has it (stored or duplicate); `rejected` with its reason."""
        self._db.execute(
            "UPDATE batches SET state = ?, detail = ? WHERE client_session_id = ? AND seq = ?",
            (state, detail or None, client_session_id, seq),
        )

    def counts(self) -> tuple[int, int, int]:
        """Queued batches, samples not sealed yet, and sessions the server has not finished."""
        (batches,) = self._db.execute(
            "SELECT count(*) FROM batches WHERE state = 'queued'"
        ).fetchone()
        (unsealed,) = self._db.execute("SELECT count(*) FROM samples WHERE seq IS NULL").fetchone()
        (sessions,) = self._db.execute(
            "SELECT count(*) FROM sessions WHERE workout_id IS NULL AND refused IS NULL"
        ).fetchone()
        return int(batches), int(unsealed), int(sessions)

    def uploaded(self, path: str, size: int, mtime_ns: int) -> bool:
        """This exact file (path, size and modification time) was handled before."""
        row = self._db.execute(
            "SELECT 1 FROM uploads WHERE path = ? AND size = ? AND mtime_ns = ?",
            (path, size, mtime_ns),
        ).fetchone()
        return row is not None

    def uploaded_hash(self, sha256: str) -> bool:
        """A file with these bytes was handled before, under any name."""
        row = self._db.execute("SELECT 1 FROM uploads WHERE sha256 = ?", (sha256,)).fetchone()
        return row is not None

    def remember_upload(
        self, key: tuple[str, int, int], sha256: str, status: str, detail: str, when: datetime
    ) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO uploads VALUES (?, ?, ?, ?, ?, ?, ?)",
            (*key, sha256, status, detail or None, when.isoformat()),
        )

    def set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def all_samples(self, client_session_id: str) -> Sequence[dict[str, Any]]:
        """Every stored sample of a session in time order (for tests and exports)."""
        rows = self._db.execute(
            "SELECT data FROM samples WHERE client_session_id = ? ORDER BY t",
            (client_session_id,),
        )
        return [json.loads(row[0]) for row in rows]
