"""The advertisement on loopback: TXT records as announced, a change re-announced, a goodbye on stop."""

import asyncio

from kiosk.service_thread import ServiceThread
from provisioning.advertise import Advertisement, Advertiser
from provisioning.discover import discover

AD = Advertisement("Écran test.1", "0123456789abcdef0123456789abcdef", "legal-acts", "0.1.0", 8443, "ab" * 32)


def ours(seconds: float) -> list:
    """The screens found that are this test's own (other screens may announce on loopback too)."""
    return [d for d in discover(seconds, interfaces=["127.0.0.1"]) if d.device_id == AD.device_id]


def test_advertise_update_and_withdraw():
    service = ServiceThread().start()
    advertiser = Advertiser(AD, ["127.0.0.1"])
    try:
        service.submit(advertiser.start()).result(10)
        [found] = ours(2.0)
        assert found.name == "Écran test-1"  # dots would split the DNS label
        assert (found.port, found.role, found.paired, found.fingerprint_sha256) == (8443, "legal-acts", False, "ab" * 32)
        service.submit(advertiser.update(paired=True)).result(10)
        [found] = ours(2.0)
        assert found.paired is True
    finally:
        service.submit(advertiser.stop()).result(10)
        service.stop()
    assert ours(1.0) == []


def test_the_service_thread_runs_coroutines_and_stops():
    service = ServiceThread().start()

    async def answer() -> int:
        await asyncio.sleep(0.01)
        return 42

    assert service.submit(answer()).result(5) == 42
    service.stop()
