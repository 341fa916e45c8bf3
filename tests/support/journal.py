"""Journals for tests: a real SQLite file filled through the real appender, a test device key."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from journal.appender import Appender
from journal.checkpoint import DeviceSigner
from journal.store import JournalStore

T0 = datetime(2026, 7, 14, 8, 0, tzinfo=UTC)


def test_signer(key: Ed25519PrivateKey | None = None) -> DeviceSigner:
    key = key or Ed25519PrivateKey.generate()
    return DeviceSigner(key.sign, key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


test_signer.__test__ = False  # a helper, not a test


def filled_journal(path: Path, signer: DeviceSigner, entries: int, checkpoint_every: int = 100,
                   start: datetime = T0, screen: str = "hall-1") -> JournalStore:
    """``entries`` varied entries a minute apart, a signed checkpoint every ``checkpoint_every`` and at the end."""
    store = JournalStore(path)
    appender = Appender(store, screen)
    events = ("heartbeat", "act_opened", "page_shown", "screen_on", "screenshot", "act_listed")
    for i in range(entries):
        event = events[i % len(events)]
        act = f"ARR-2026-{i % 7:03d}" if event in ("act_opened", "page_shown", "act_listed") else ""
        appender.add(start + timedelta(minutes=i), event, act, f"{i % 7:02x}" * 32 if act else "",
                     {"page": i % 12, "note": f"n°{i} é"})
        if (i + 1) % checkpoint_every == 0:
            appender.flush()
            appender.checkpoint(signer, start + timedelta(minutes=i))
    appender.flush()
    appender.checkpoint(signer, start + timedelta(minutes=entries))
    return store
