"""Writes the measured results into BENCHMARKS.md, between `<!-- bench:NAME -->` markers.

`python -m bench.report` rewrites the tables from the JSON files in var/bench/ that the
benchmarks left, so the prose around them stays as it was written.
"""

from __future__ import annotations

import json
import os
import platform
import re
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import broadcast, challenges, fit_import, memory, partners
from bench.groups import RESULTS as GROUPS
from bench.groups import table as group_table
from bench.queries import BASELINE, RESULTS, TARGET_P95_MS
from bench.seed import ROOT, SQLITE_DIR

DOCUMENT = ROOT / "BENCHMARKS.md"
PARTS = (
    "queries",
    "partners",
    "groups",
    "challenges",
    "webhook",
    "memory",
    "fit",
    "broadcast",
)
MACHINES = {part: SQLITE_DIR / f"machine-{part}.json" for part in PARTS}
WEBHOOK = SQLITE_DIR / "webhook.json"
TARGET_RATIO = 0.6
BACKENDS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def machine(postgres_version: str | None) -> dict[str, Any]:
    """The machine a run happened on, noted when it starts."""
    model = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        model = found.group(1).strip() if found else model
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": len(os.sched_getaffinity(0)),
        "cpu": model,
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": postgres_version or "not reachable",
        "load_average": " / ".join(f"{value:.2f}" for value in os.getloadavg()),
        "commit": _commit(),
    }


def _commit() -> str:
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        )  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return found.stdout.strip()


def replace_block(text: str, name: str, content: str) -> str:
    begin, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{begin}\n{content.strip()}\n{end}"
    if begin not in text:
        return f"{text.rstrip()}\n\n{block}\n"
    head, rest = text.split(begin, 1)
    return head + block + rest.split(end, 1)[1]


def machine_block(found: dict[str, dict[str, Any]]) -> str:
    info = next(iter(found.values()))
    lines = [
        f"- {info['cpus']} CPUs: {info['cpu']}; {info['memory_gb']} GB RAM; {info['os']}",
        f"- Python {info['python']}, SQLite {info['sqlite']}, PostgreSQL {info['postgresql']}",
    ]
    lines += [
        f"- {part.capitalize()} measured {run['date']} at commit `{run['commit']}`; load average "
        f"when it started (1 / 5 / 15 min): {run['load_average']}"
        for part, run in found.items()
    ]
    return "\n".join(lines)


def _ms(value: float) -> str:
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def query_tables(results: list[dict[str, Any]]) -> str:
    parts = []
    for result in results:
        first = result["rows"][0]
        parts.append(
            f"#### {BACKENDS[result['backend']]}: {first['workouts']:,} workouts, heavy athlete "
            f"{first['heavy']:,}, {result['athletes']:,} athletes\n\n`{result['command']}`\n"
        )
        parts.append(
            "| case | p50 ms | p95 ms | p99 ms | p50 × baseline | statements | SQL alone ms "
            f"| p95 < {TARGET_P95_MS:.0f} ms |\n|---|---:|---:|---:|---:|---:|---:|:-:|"
        )
        for row in result["rows"]:
            summary = row["summary"]
            verdict = "yes" if summary["p95"] < TARGET_P95_MS else "**no**"
            verdict = "" if row["case"] == BASELINE else verdict
            parts.append(
                f"| {row['case']} | {_ms(summary['p50'])} | {_ms(summary['p95'])} "
                f"| {_ms(summary['p99'])} | {row['ratio_p50']:.1f} | {row['statements']} "
                f"| {_ms(row['sql_alone_ms'])} | {verdict} |"
            )
        parts.append("")
    return "\n".join(parts)


def growth_table(results: list[dict[str, Any]]) -> str:
    """p50 / p95 of each case across the sizes, one table per backend."""
    parts = []
    for backend, title in BACKENDS.items():
        runs = [result for result in results if result["backend"] == backend]
        if not runs:
            continue
        sizes = [f"{r['rows'][0]['workouts']:,} / {r['rows'][0]['heavy']:,}" for r in runs]
        parts.append(f"**{title}**, p50 / p95 ms by total workouts / the heavy athlete's:\n")
        parts.append("| case | " + " | ".join(sizes) + " |")
        parts.append("|---|" + "---:|" * len(runs))
        for index, row in enumerate(runs[0]["rows"]):
            found = [r["rows"][index]["summary"] for r in runs]
            cells = [f"{_ms(summary['p50'])} / {_ms(summary['p95'])}" for summary in found]
            parts.append(f"| {row['case']} | " + " | ".join(cells) + " |")
        parts.append("")
    return "\n".join(parts)


def _shape(lines: list[str]) -> str:
    """A plan without its numbers, to show each different plan of a statement once."""
    return re.sub(r"[\d.]+", "", "\n".join(lines))


def _elide_ids(line: str) -> str:
    return re.sub(r"'\{[\d,]{40,}\}'", lambda m: f"'{{…{m.group(0).count(',') + 1} ids}}'", line)


def plan_block(results: list[dict[str, Any]]) -> str:
    """The plans on the largest dataset of each backend, each distinct statement once."""
    parts = []
    for backend, title in BACKENDS.items():
        runs = [result for result in results if result["backend"] == backend]
        if not runs:
            continue
        largest = max(runs, key=lambda result: result["rows"][0]["workouts"])
        parts.append(f"<details><summary>{title}, {largest['dataset']}</summary>\n")
        seen: set[tuple[str, str]] = set()
        for plan in largest["plans"]:
            for statement in plan["statements"]:
                shape = (statement["sql"], _shape(statement["plan"]))
                if shape in seen:
                    continue
                seen.add(shape)
                parts.append(
                    f"`{statement['sql']}` ({plan['case']}: {statement['rows']} rows, "
                    f"{_ms(statement['p50_ms'])} ms alone)\n\n```\n"
                    + "\n".join(_elide_ids(line) for line in statement["plan"]) + "\n```\n"
                )  # fmt: skip
        parts.append("</details>\n")
    return "\n".join(parts)


def webhook_block(found: dict[str, Any]) -> str:
    """One row per run, then CoachBot's throughput against the echo bot's, round by round."""
    results = found["results"]
    parts = [
        f"`{found['command']}`\n",
        "| bot | database | round | updates ok / sent | updates/s | p50 ms | p95 ms | p99 ms "
        "| errors (HTTP + logged) | peak RSS MB | Bot API calls |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        parts.append(
            f"| {r['bot']} | {r['backend']} | {r['round']} | {r['ok']} / {r['sent']} "
            f"| {r['updates_per_s']:.0f} | {_ms(r['p50'])} | {_ms(r['p95'])} | {_ms(r['p99'])} "
            f"| {r['errors']} + {r['server_errors']} | {r['peak_rss_mb']:.0f} | {r['api_calls']} |"
        )
    parts += [
        "",
        "| database | round | CoachBot / echo updates/s | target | CoachBot / echo+uow |",
        "|---|---:|---:|:-:|---:|",
    ]
    before: dict[str, dict[str, Any]] = {}
    for r in results:  # each CoachBot run against the echo runs just before it
        if not r["bot"].startswith("coachbot"):
            before[r["bot"]] = r
            continue
        ratio = r["updates_per_s"] / before["echo"]["updates_per_s"]
        verdict = "yes" if ratio >= TARGET_RATIO else "**no**"
        uow = before.get("echo+uow")
        against_uow = f"{r['updates_per_s'] / uow['updates_per_s']:.2f}" if uow else "–"
        parts.append(
            f"| {r['backend']} | {r['round']} | {ratio:.2f} | ≥ {TARGET_RATIO} {verdict} "
            f"| {against_uow} |"
        )
    kinds = [r for r in results if r["bot"].startswith("coachbot")]
    if kinds:
        names = sorted(kinds[0]["p50_by_kind"])
        parts += ["", "CoachBot p50 ms by kind of update:", ""]
        parts += [
            "| database | round | " + " | ".join(names) + " |",
            "|---|---:|" + "---:|" * len(names),
        ]
        for r in kinds:
            cells = " | ".join(_ms(r["p50_by_kind"].get(name, float("nan"))) for name in names)
            parts.append(f"| {r['backend']} | {r['round']} | {cells} |")
    return "\n".join(parts) + "\n"


def write(document: Path = DOCUMENT) -> None:
    text = document.read_text() if document.exists() else "# Benchmarks\n"
    found = {
        part: json.loads(path.read_text()) for part, path in MACHINES.items() if path.exists()
    }
    if found:
        text = replace_block(text, "machine", machine_block(found))
    if RESULTS.exists():
        results = json.loads(RESULTS.read_text())
        text = replace_block(text, "queries", query_tables(results))
        text = replace_block(text, "growth", growth_table(results))
        text = replace_block(text, "plans", plan_block(results))
    if GROUPS.exists():
        text = replace_block(text, "groups", group_table(json.loads(GROUPS.read_text())))
    if WEBHOOK.exists():
        text = replace_block(text, "webhook", webhook_block(json.loads(WEBHOOK.read_text())))
    if partners.RESULTS.exists():
        text = replace_block(
            text, "partners", partners.table(json.loads(partners.RESULTS.read_text()))
        )
    if fit_import.RESULTS.exists():
        found_fit = json.loads(fit_import.RESULTS.read_text())
        text = replace_block(text, "fit_import", fit_import.table(found_fit))
    if memory.RESULTS.exists():
        text = replace_block(text, "memory", memory.table(json.loads(memory.RESULTS.read_text())))
    if challenges.RESULTS.exists():
        found = json.loads(challenges.RESULTS.read_text())
        text = replace_block(text, "challenges", challenges.table(found))
    if broadcast.RESULTS.exists():
        found_broadcast = json.loads(broadcast.RESULTS.read_text())
        text = replace_block(text, "broadcast", broadcast.table(found_broadcast))
    document.write_text(text)


if __name__ == "__main__":
    write()
