"""The leaderboard bench still runs: a tiny challenge seeded, measured and tabled (no timings)."""

from __future__ import annotations

import json
from pathlib import Path

from bench import challenges


async def test_a_tiny_challenge_is_seeded_measured_and_tabled(tmp_path: Path) -> None:
    url = await challenges.ensure_sqlite(50, 3, tmp_path)
    assert await challenges.ensure_sqlite(50, 3, tmp_path) == url, "the file is reused"
    summary, baseline = await challenges.measure(url, 50, iterations=3, warmup=1, seed=3)
    assert summary.count == 3
    assert baseline > 0
    row = challenges.Row("sqlite", 50, challenges.CASE, summary, baseline, "python -m bench…")
    out = tmp_path / "challenges.json"
    challenges.save([row], out)
    assert "| sqlite | 50 |" in challenges.table(json.loads(out.read_text()))
