"""``GET /journal``: the proof-of-display journal streamed to a paired admin (``kioskctl journal pull``).

Signed admins only. Each call seals the newest entry with a checkpoint signed by the device key,
then streams JSON lines (``journal.transfer``): entries after ``after``, at most ``limit``, their
checkpoints, a trailer. The admin stores them and then says so (``POST /journal/exported``): only
then may the screen prune them (``journal.retention``), never on a stream that may not have arrived.
"""

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import StreamingResponse

from journal import JournalError
from journal.checkpoint import DeviceSigner
from journal.entry import utc_text
from journal.export import seal
from journal.store import JournalStore
from journal.transfer import MAX_PAGE_ENTRIES, lines

JOURNAL_FILE = "journal.sqlite"
MAX_SEQ = 2**62


def add_journal_routes(app: FastAPI, signed_by_admin: Callable[[Request], Awaitable[str]], data_dir: Path) -> None:
    path = data_dir / JOURNAL_FILE

    @app.get("/journal", response_class=StreamingResponse,
             responses={200: {"content": {"application/x-ndjson": {}}}, 404: {"description": "no journal yet"}})
    async def journal(after: int = Query(0, ge=0, le=MAX_SEQ), limit: int = Query(MAX_PAGE_ENTRIES, ge=1, le=MAX_PAGE_ENTRIES),
                      _admin: str = Depends(signed_by_admin)) -> StreamingResponse:
        if not path.is_file():
            raise HTTPException(404, "this screen has no journal yet")
        try:
            certificate = await asyncio.to_thread(_seal, path, data_dir)
        except (JournalError, OSError, ValueError) as exc:
            raise HTTPException(503, f"the journal cannot be sealed: {exc}") from None
        return StreamingResponse(_stream(path, after, limit, certificate), media_type="application/x-ndjson")

    @app.post("/journal/exported", openapi_extra={"requestBody": {"content": {"application/json": {"schema": {
        "type": "object", "properties": {"seq": {"type": "integer", "minimum": 1}}, "required": ["seq"]}}}, "required": True}})
    async def exported(request: Request, _admin: str = Depends(signed_by_admin)) -> dict[str, int]:
        """The admin stored everything through the checkpoint at ``seq``: older entries may be pruned."""
        try:
            seq = (await request.json()).get("seq")  # bounded by BodyLimits; parsed after the signature
        except (ValueError, AttributeError, RecursionError):
            seq = None
        if type(seq) is not int or not 0 < seq <= MAX_SEQ:
            raise HTTPException(422, "the body must be {\"seq\": a checkpoint's entry number}")
        if not path.is_file():
            raise HTTPException(404, "this screen has no journal yet")
        try:
            with JournalStore(path) as store:
                if store.checkpoint(seq) is None:
                    raise HTTPException(409, f"no checkpoint at seq {seq} on this screen")
                store.mark_exported(seq, utc_text(datetime.now(UTC)))
        except JournalError as exc:
            raise HTTPException(503, str(exc)) from None
        return {"exported_through": seq}


def _seal(path: Path, data_dir: Path) -> str:
    """A signed checkpoint of the newest entry; returns the device certificate (PEM) to send with it."""
    certificate = (data_dir / "identity" / "device.crt").read_text()
    with JournalStore(path) as store:
        seal(store, _device_signer(data_dir), datetime.now(UTC))
    return certificate


def _stream(path: Path, after: int, limit: int, certificate: str) -> Iterator[str]:
    """Runs in the server's worker threads (a sync iterator): the reads never block the event loop."""
    with JournalStore(path, readonly=True) as store:
        yield from lines(store, after, limit, certificate)


def _device_signer(data_dir: Path) -> DeviceSigner:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, load_pem_private_key

    key = load_pem_private_key((data_dir / "identity" / "device.key").read_bytes(), None)
    return DeviceSigner(key.sign, key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))  # type: ignore[union-attr]
