"""The advertisement on loopback: TXT records as announced, a change re-announced, a goodbye on stop."""

import asyncio

from kiosk.service_thread import ServiceThread
from provisioning.advertise import Advertisement, Advertiser
from provisioning.discover import discover

AD = Advertisement("Écran test.1", "0123456789abcdef0123456789abcdef", "legal-acts", "0.1.0", 8443, "ab" * 32)


def ours(seconds: float, want: int = 1, attempts: int = 3) -> list:
    """The screens found that are this test's own (other screens may announce on loopback too; while
    they probe names, one browse can miss ours: a few browses, until as many as wanted are seen)."""
    found: list = []
    for _ in range(attempts):
        found = [d for d in discover(seconds, interfaces=["127.0.0.1"]) if d.device_id == AD.device_id]
        if len(found) >= want:
            break
    return found


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
    assert ours(1.0, want=0, attempts=1) == []


def test_the_service_thread_runs_coroutines_and_stops():
    service = ServiceThread().start()

    async def answer() -> int:
        await asyncio.sleep(0.01)
        return 42

    assert service.submit(answer()).result(5) == 42
    service.stop()
