"""The bot under load as a child process on 127.0.0.1: its settings, start, memory and stop."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import time
from pathlib import Path

import aiohttp
from redis.asyncio import Redis
from redis.exceptions import RedisError

from bench.seed import ROOT

TOKEN = "123456:BENCH-load-token-abcdef"
SECRET = "bench-webhook-secret-0123456789"
START_TIMEOUT_S = 60.0
# The several-workers case keeps its FSM in this Redis database (`fsm:` keys only).
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """A bot process on 127.0.0.1, its log in `workdir`."""

    def __init__(
        self, module: list[str], env: dict[str, str], workdir: Path, name: str = ""
    ) -> None:
        self.module, self.env = module, env
        self.log = workdir / f"{name or module[0]}.log"
        self.process: asyncio.subprocess.Process | None = None
        self.url = f"http://127.0.0.1:{env['WEB_PORT']}"

    async def start(self, session: aiohttp.ClientSession) -> None:
        with self.log.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", *self.module, cwd=ROOT, env=self.env,
                stdout=log, stderr=asyncio.subprocess.STDOUT,
            )  # fmt: skip
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.returncode is not None:
                raise RuntimeError(f"{self.module[0]} exited: see {self.log}")
            try:
                async with session.get(self.url + "/healthz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)
        raise RuntimeError(f"{self.module[0]} did not start in {START_TIMEOUT_S:.0f} s")

    def peak_rss_mb(self) -> float:
        assert self.process is not None
        status = Path(f"/proc/{self.process.pid}/status")
        for line in status.read_text().splitlines() if status.exists() else []:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    async def stop(self) -> int:
        """SIGTERM, then the count of error lines the process logged."""
        if self.process is None:
            return 0
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), 20)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        text = self.log.read_text(errors="replace")
        return sum(" ERROR " in line or "Traceback" in line for line in text.splitlines())


def environment(api_url: str, database_url: str) -> dict[str, str]:
    port = free_port()
    env = {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": api_url,
        "DATABASE_URL": database_url,
        "WEBHOOK_URL": f"http://127.0.0.1:{port}",
        "WEBHOOK_SECRET": SECRET,
        "WEB_HOST": "127.0.0.1",
        "WEB_PORT": str(port),
        "LOG_LEVEL": "INFO",
        # Each simulated athlete sends a few updates a second, above what throttling lets
        # through; throttled updates would be dropped unanswered and flatter the numbers.
        "THROTTLE_BURST": "100000",
    }
    env.pop("REDIS_URL", None)
    return env


async def redis_reachable() -> bool:
    client = Redis.from_url(REDIS_URL)
    try:
        return bool(await client.ping())
    except (RedisError, OSError):
        return False
    finally:
        await client.aclose()


async def clear_redis() -> None:
    """The FSM keys and locks of earlier runs (aiogram's `fsm:` prefix), nothing else."""
    client = Redis.from_url(REDIS_URL)
    try:
        keys = [key async for key in client.scan_iter("fsm:*", count=1000)]
        if keys:
            await client.delete(*keys)
    finally:
        await client.aclose()
