"""The local queue: written before sent, sealed once, the same payload after a restart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from device_sync.companion.store import Store

START = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
ID = "0b6f2b9e-8f5c-4bb4-9f54-6d1c1f3c7a10"


def store_with_samples(path: Path, count: int) -> Store:
    store = Store(path)
    store.start_session(ID, "ride", START)
    for t in range(count):
        store.add_sample(ID, {"t": float(t), "hr": 120 + t})
    return store


def test_a_sealed_batch_keeps_its_samples_and_number_after_a_restart(tmp_path: Path) -> None:
    store = store_with_samples(tmp_path / "q.sqlite3", 5)
    assert store.seal(ID) == 0
    store.add_sample(ID, {"t": 5.0, "hr": 125})
    store.close()  # killed before anything was sent

    reopened = Store(tmp_path / "q.sqlite3")
    (batch,) = reopened.queued_batches(ID)
    assert batch.seq == 0
    assert batch.samples == [{"t": float(t), "hr": 120 + t} for t in range(5)]
    assert reopened.seal(ID) == 1
    assert [b.samples for b in reopened.queued_batches(ID)][1] == [{"t": 5.0, "hr": 125}]


def test_a_second_sample_at_the_same_second_is_not_stored(tmp_path: Path) -> None:
    store = store_with_samples(tmp_path / "q.sqlite3", 3)
    assert not store.add_sample(ID, {"t": 2.0, "hr": 99})
    assert store.all_samples(ID)[2] == {"t": 2.0, "hr": 122}
    assert store.last_t(ID) == 2.0


def test_batches_hold_at_most_3600_samples(tmp_path: Path) -> None:
    store = store_with_samples(tmp_path / "q.sqlite3", 3601)
    store.seal_all(ID)
    assert [len(batch.samples) for batch in store.queued_batches(ID)] == [3600, 1]


def test_sent_batches_leave_the_queue_and_finished_sessions_leave_pending(
    tmp_path: Path,
) -> None:
    store = store_with_samples(tmp_path / "q.sqlite3", 2)
    store.seal_all(ID)
    store.mark_batch(ID, 0, "sent", "stored")
    assert store.queued_batches(ID) == []
    store.end_session(ID, START + timedelta(seconds=2))
    assert store.interrupted_session() is None
    assert store.counts() == (0, 0, 1)
    store.set_finished(ID, 42)
    assert store.pending_sessions() == []
    assert store.session(ID).workout_id == 42


def test_the_queue_is_in_wal_mode(tmp_path: Path) -> None:
    store = Store(tmp_path / "q.sqlite3")
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_uploads_are_remembered_by_file_and_by_content(tmp_path: Path) -> None:
    store = Store(tmp_path / "q.sqlite3")
    store.remember_upload(("/media/GARMIN/A.FIT", 10, 99), "ab" * 32, "imported", "", START)
    assert store.uploaded("/media/GARMIN/A.FIT", 10, 99)
    assert not store.uploaded("/media/GARMIN/A.FIT", 11, 99)
    assert store.uploaded_hash("ab" * 32)
