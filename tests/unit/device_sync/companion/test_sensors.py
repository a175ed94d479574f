"""A sensor's link: reconnects with capped exponential backoff, gives up only on a device
that offers nothing we read, survives a garbled notification."""

from __future__ import annotations

import asyncio

from device_sync.ble import Measurement
from device_sync.ble.gatt import HEART_RATE_MEASUREMENT, full_uuid
from device_sync.companion.backoff import Backoff
from device_sync.companion.sensors import LinkState, SensorLink
from tests.unit.device_sync.companion.fakes import FakeDevice, FakeRadio, heart_rate_vectors

HR = full_uuid(HEART_RATE_MEASUREMENT)
BACKOFF = Backoff(initial_s=1, factor=2, cap_s=8, jitter=0)


def test_backoff_doubles_up_to_its_cap() -> None:
    assert [BACKOFF.delay(attempt) for attempt in range(6)] == [1, 2, 4, 8, 8, 8]
    jittered = Backoff(initial_s=10, jitter=0.1)
    assert all(9 <= jittered.delay(0) <= 11 for _ in range(100))


async def test_a_dropped_sensor_is_reconnected_with_backoff() -> None:
    strap = FakeDevice("strap", {HR: heart_rate_vectors()})
    received: list[Measurement] = []
    delays: list[float] = []

    async def sleep(seconds: float) -> None:
        delays.append(seconds)
        if len(delays) == 6:
            strap.back()
        await asyncio.sleep(0)

    radio = FakeRadio(strap)
    link = SensorLink("strap", radio.client, lambda _, m: received.append(m), BACKOFF, sleep)
    task = asyncio.create_task(link.run())
    await strap.link_up.wait()
    strap.step()
    strap.link_up.clear()
    strap.drop()
    await strap.link_up.wait()
    strap.step()
    task.cancel()

    assert delays == [1, 2, 4, 8, 8, 8]
    assert link.state is LinkState.CONNECTED
    assert len(received) == 2


async def test_a_garbled_notification_is_counted_and_skipped() -> None:
    strap = FakeDevice("strap", {HR: [{"hex": "11"}, {"hex": "0055"}]})
    received: list[Measurement] = []
    link = SensorLink("strap", FakeRadio(strap).client, lambda _, m: received.append(m), BACKOFF)
    task = asyncio.create_task(link.run())
    await strap.link_up.wait()
    await asyncio.sleep(0)  # the subscription follows the connection
    strap.step()
    strap.step()
    task.cancel()
    assert link.bad_notifications == 1
    assert len(received) == 1


async def test_a_device_without_supported_measurements_is_given_up() -> None:
    other = FakeDevice("kettle", {})
    link = SensorLink("kettle", FakeRadio(other).client, lambda _, m: None, BACKOFF)
    await link.run()
    assert link.state is LinkState.UNSUPPORTED
    assert not other.connected
