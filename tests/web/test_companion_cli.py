"""`coachbot-sync` through main(argv) with a temporary home, against the devices API contract
app served over HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import io
import json
import os
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from device_sync.ble.gatt import HEART_RATE_MEASUREMENT, full_uuid
from device_sync.companion.backoff import Backoff
from device_sync.companion.cli import main
from device_sync.companion.context import Deps
from device_sync.companion.radio import Advertisement
from device_sync.companion.recorder import Policy
from tests.support.device_api_contract import ContractState, ThreadedServer, build_contract_app
from tests.unit.device_sync.companion.fakes import (
    START,
    FakeDevice,
    FakeRadio,
    FakeScanner,
    FakeTime,
    heart_rate_vectors,
)

CODE = "ABCD-2345"
FIT = Path(__file__).parents[1] / "data" / "activities" / "fit"
RUN = FIT / "activity-small-fenix2-run.fit"
RIDE = FIT / "bpg-garmin-edge530-road.fit"
STRAP = "C0:FF:EE:00:00:01"
EN = {"LANG": "en_GB.UTF-8"}


@dataclass
class Server:
    url: str
    state: ContractState
    threaded: ThreadedServer


@pytest.fixture
def server() -> Iterator[Server]:
    state = ContractState()
    state.codes[CODE] = True

    async def build() -> web.Application:
        return build_contract_app(state)

    threaded = ThreadedServer(build)
    url = threaded.start()
    yield Server(url, state, threaded)
    threaded.stop()


@dataclass
class Run:
    code: int
    out: str
    err: str


def run(home: Path, *argv: str, environ: dict[str, str] | None = None, **deps: Any) -> Run:
    out, err = io.StringIO(), io.StringIO()
    options = Deps(environ=EN if environ is None else environ, out=out, err=err, signals=False)
    for name, value in deps.items():
        setattr(options, name, value)
    code = main(["--home", str(home), *argv], options)
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture
def paired(server: Server, tmp_path: Path) -> Path:
    home = tmp_path / "home"
    assert run(home, "pair", CODE, "--server", server.url, "--name", "laptop").code == 0
    return home


def test_pair_stores_the_token_readable_only_by_the_user(server: Server, tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = run(home, "pair", CODE.lower(), "--server", server.url + "/", "--name", "laptop")

    assert result.code == 0, result.err
    assert "Paired: this computer is “laptop” (device #1)" in result.out
    config = home / "config.json"
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    stored = json.loads(config.read_text())
    assert stored["server"] == server.url
    assert stored["token"] in server.state.tokens


def test_a_used_code_is_refused_with_the_way_to_a_new_one(paired: Path, server: Server) -> None:
    result = run(paired.parent / "other", "pair", CODE, "--server", server.url)
    assert result.code == 1
    assert "expired or was already used" in result.err
    unknown = run(paired.parent / "other", "pair", "ZZZZ-9999", "--server", server.url)
    assert unknown.code == 1
    assert "no such pairing code" in unknown.err


def test_pair_refuses_an_address_that_is_not_a_server(tmp_path: Path) -> None:
    result = run(tmp_path, "pair", CODE, "--server", "coach.example.org")
    assert result.code == 2
    assert "is not a server address" in result.err
    assert not (tmp_path / "config.json").exists()


def test_an_unreachable_server_is_named(tmp_path: Path) -> None:
    result = run(tmp_path, "pair", CODE, "--server", "http://127.0.0.1:9")
    assert result.code == 3
    assert "Cannot reach the server http://127.0.0.1:9" in result.err


def test_commands_before_pairing_say_how_to_pair(tmp_path: Path) -> None:
    for command in (["status"], ["sync"], ["upload", str(RUN)], ["watch", str(tmp_path)]):
        result = run(tmp_path, *command)
        assert result.code == 2
        assert "coachbot-sync pair CODE --server URL" in result.err


def test_russian_from_the_os_locale_and_from_lang(tmp_path: Path) -> None:
    from_locale = run(tmp_path, "status", environ={"LANG": "ru_RU.UTF-8"})
    assert "Этот компьютер ещё не привязан" in from_locale.err
    from_flag = run(tmp_path, "--lang", "ru", "status")
    assert "Этот компьютер ещё не привязан" in from_flag.err
    english = run(tmp_path, "--lang", "en", "status", environ={"LC_ALL": "ru_RU.UTF-8"})
    assert "not paired yet" in english.err


def test_status_shows_the_pairing_and_an_empty_queue(paired: Path) -> None:
    result = run(paired, "status")
    assert result.code == 0
    assert "This computer: laptop (device #1)" in result.out
    assert "Athlete: Anna" in result.out
    assert "Last sync: never" in result.out
    assert "Queue: empty" in result.out


def test_a_revoked_device_is_told_to_pair_again(paired: Path, server: Server) -> None:
    server.state.tokens.clear()
    result = run(paired, "upload", str(RUN))
    assert result.code == 2
    assert "no longer accepts this device" in result.err


def test_upload_reports_each_file(paired: Path, server: Server, tmp_path: Path) -> None:
    junk = tmp_path / "junk.fit"
    junk.write_bytes(b"not a fit file at all")
    first = run(paired, "upload", str(RUN), str(junk), str(tmp_path / "gone.gpx"))
    again = run(paired, "upload", str(RUN))

    assert first.code == 1
    assert f"{RUN}: imported (workout #1)" in first.out
    assert f"{junk}: refused: this is not an activity file" in first.out
    assert "gone.gpx: no such file" in first.out
    assert again.code == 0
    assert f"{RUN}: already in your journal (workout #1)" in again.out


def test_watch_uploads_each_new_file_once_across_restarts(
    paired: Path, server: Server, tmp_path: Path
) -> None:
    watch = tmp_path / "GARMIN" / "Activity"
    watch.mkdir(parents=True)
    shutil.copy(RUN, watch / "RUN.FIT")
    shutil.copy(RIDE, watch / "RIDE.FIT")
    (watch / "notes.txt").write_text("not an activity")
    settle = {"st_mtime": 1_700_000_000}
    for path in watch.iterdir():
        os.utime(path, (settle["st_mtime"], settle["st_mtime"]))

    first = run(paired, "watch", str(watch), "--once")
    restarted = run(paired, "watch", str(watch), "--once")
    shutil.copy(RUN, watch / "RUN-COPY.FIT")
    os.utime(watch / "RUN-COPY.FIT", (settle["st_mtime"], settle["st_mtime"]))
    copied = run(paired, "watch", str(watch), "--once")

    assert first.code == 0
    assert first.out.count(": imported") == 2
    assert ": imported" not in restarted.out
    assert ": imported" not in copied.out
    assert len(server.state.files) == 2


def test_watch_refuses_a_missing_folder(paired: Path, tmp_path: Path) -> None:
    result = run(paired, "watch", str(tmp_path / "not-mounted"))
    assert result.code == 2
    assert "is not a folder" in result.err


def test_scan_lists_devices_with_their_supported_services(tmp_path: Path) -> None:
    found = [
        Advertisement("AA:01", "Polar H10", -60, (full_uuid(0x180D), full_uuid(0x180F))),
        Advertisement("AA:02", "KICKR", -48, ("00001818-0000-1000-8000-00805f9b34fb", "1826")),
        Advertisement("AA:03", None, None, ()),
    ]
    result = run(tmp_path, "scan", "--seconds", "1", scanner=lambda: FakeScanner(found))
    lines = result.out.splitlines()
    assert result.code == 0
    assert lines[1] == "AA:02  KICKR  RSSI -48 dBm  power, fitness machine"
    assert lines[2] == "AA:01  Polar H10  RSSI -60 dBm  heart rate"
    assert lines[3] == "AA:03  (no name)  RSSI ?  nothing we read"


def _recording(ticks: int) -> dict[str, Any]:
    devices = FakeRadio(
        FakeDevice(STRAP, {full_uuid(HEART_RATE_MEASUREMENT): heart_rate_vectors()})
    )
    fake = FakeTime(devices, lambda f, tick, stop: stop.set() if tick == ticks else None)
    policy = Policy(
        sensor_backoff=Backoff(jitter=0),
        network_backoff=Backoff(initial_s=0.001, cap_s=0.002, jitter=0),
        flush_attempts=2,
    )
    return {
        "radio": devices.client, "clock": fake.clock, "wait": fake.wait,
        "sleep": asyncio.sleep, "policy": policy,
    }  # fmt: skip


def test_record_saves_the_workout(paired: Path, server: Server) -> None:
    result = run(paired, "record", "--sport", "ride", "--device", STRAP, **_recording(31))

    assert result.code == 0, result.err
    assert "Recording ride from 1 sensor(s)" in result.out
    assert "0:00:00  ♥ 72 bpm" in result.out
    assert "Saved: workout #1 is in your journal." in result.out
    (session,) = server.state.sessions.values()
    assert [sample["t"] for sample in server.state.samples(session.session_id)] == [
        float(t) for t in range(30)
    ]


def test_an_offline_recording_waits_in_the_queue_for_sync(paired: Path, server: Server) -> None:
    assert server.threaded.server is not None
    server.threaded.run(server.threaded.server.down())
    offline = run(paired, "record", "--sport", "run", "--device", STRAP, **_recording(11))
    status = run(paired, "status")
    server.threaded.run(server.threaded.server.up())
    synced = run(paired, "sync")
    after = run(paired, "status")

    assert offline.code == 3
    assert "the session is kept in the queue" in offline.out
    assert "The server is out of reach" in status.out
    assert "1 unfinished session(s)" in status.out
    assert synced.code == 0
    assert "workout #1 is in your journal" in synced.out
    assert "Queue: empty" in after.out
    (session,) = server.state.sessions.values()
    assert len(server.state.samples(session.session_id)) == 10


def test_an_interrupted_session_is_offered_and_resumed(paired: Path, server: Server) -> None:
    from device_sync.companion.store import Store  # noqa: PLC0415

    store = Store(paired / "queue.sqlite3")
    store.start_session("11111111-2222-3333-4444-555555555555", "run", START)
    store.add_sample("11111111-2222-3333-4444-555555555555", {"t": 0.0, "hr": 120})
    store.close()

    status = run(paired, "status")
    answers: list[str] = []

    def ask(prompt: str) -> str:
        answers.append(prompt)
        return "y"

    resumed = run(paired, "record", "--sport", "ride", "--device", STRAP, ask=ask, **_recording(4))

    assert "was interrupted: `coachbot-sync record --resume` continues it" in status.out
    assert answers and "Continue it? [Y/n]" in answers[0]
    assert "Continuing the run session" in resumed.out
    (session,) = server.state.sessions.values()
    assert session.client_session_id == "11111111-2222-3333-4444-555555555555"
    assert server.state.samples(session.session_id)[0] == {"t": 0.0, "hr": 120}


def test_a_damaged_pairing_file_asks_to_pair_again(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{")
    result = run(tmp_path, "status")
    assert result.code == 2
    assert "is damaged: pair again" in result.err
