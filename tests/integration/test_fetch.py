import socket
import threading
import time
from pathlib import Path

import pytest

from media.fetch import DEFAULT_DEADLINE_S, DOCUMENT_DEADLINE_S, FetchOutcome, Validators, fetch, fetch_document
from tests.support.http import Route


def test_fetch_then_a_304_costs_no_download(http_server, tmp_path: Path):
    body = b"x" * 50_000
    http_server.routes["/a.bin"] = Route(body, last_modified="Wed, 21 Oct 2026 07:28:00 GMT")
    first = fetch(http_server.url + "/a.bin", tmp_path / "a.bin")
    assert first.outcome is FetchOutcome.FETCHED
    assert first.path.read_bytes() == body
    assert first.validators.etag and first.validators.last_modified
    sent = http_server.stats.body_bytes_sent
    second = fetch(http_server.url + "/a.bin", tmp_path / "b.bin", first.validators)
    assert second.outcome is FetchOutcome.NOT_MODIFIED
    assert http_server.stats.body_bytes_sent == sent
    assert http_server.stats.requests[-1][1]["If-None-Match"] == first.validators.etag
    assert not (tmp_path / "b.bin").exists()


def test_if_modified_since_alone_is_honoured(http_server, tmp_path: Path):
    http_server.routes["/lm"] = Route(b"abc", etag=False, last_modified="Wed, 21 Oct 2026 07:28:00 GMT")
    result = fetch(http_server.url + "/lm", tmp_path / "x", Validators(last_modified="Wed, 21 Oct 2026 07:28:00 GMT"))
    assert result.outcome is FetchOutcome.NOT_MODIFIED


def test_size_limit_declared_and_streamed(http_server, tmp_path: Path):
    http_server.routes["/big"] = Route(b"y" * 10_000)
    http_server.routes["/big-undeclared"] = Route(b"y" * 10_000, declare_length=False)
    for path in ("/big", "/big-undeclared"):
        result = fetch(http_server.url + path, tmp_path / "big", max_bytes=4096)
        assert result.outcome is FetchOutcome.FAILED
        assert "4096-byte limit" in result.error
        assert result.permanent
    assert list(tmp_path.iterdir()) == []  # neither the file nor a .part is left


def test_truncated_body_is_a_failure_without_a_file(http_server, tmp_path: Path):
    http_server.routes["/cut"] = Route(b"z" * 100_000, truncate_to=1000)
    result = fetch(http_server.url + "/cut", tmp_path / "cut")
    assert result.outcome is FetchOutcome.FAILED
    assert list(tmp_path.iterdir()) == []


def test_http_errors_and_unreachable_hosts_are_outcomes(http_server, tmp_path: Path):
    missing = fetch(http_server.url + "/nope", tmp_path / "n")
    assert (missing.outcome, missing.permanent) == (FetchOutcome.FAILED, True)
    assert "HTTP 404" in missing.error
    http_server.routes["/oops"] = Route(b"", status=503)
    assert fetch(http_server.url + "/oops", tmp_path / "o").permanent is False
    refused = fetch("http://127.0.0.1:9/x", tmp_path / "r", timeout_s=(1, 1))
    assert refused.outcome is FetchOutcome.FAILED and "ConnectionError" in refused.error


def test_a_server_that_never_answers_times_out(http_server, tmp_path: Path):
    http_server.routes["/hang"] = Route(b"late", hang_s=3)
    result = fetch(http_server.url + "/hang", tmp_path / "h", timeout_s=(1, 0.5))
    assert result.outcome is FetchOutcome.FAILED
    assert "timed out" in result.error


# A slowloris server: one byte every 0.5 s never trips a per-read timeout.
TRICKLE = {"trickle_every_s": 0.5}


@pytest.mark.parametrize("route", [
    Route(b"x" * 1000, **TRICKLE),
    Route(b"x" * 1000, declare_length=False, **TRICKLE),  # the deadline's end of file is not the body's end
    Route(b"x" * 1000, trickle_headers=True, **TRICKLE),
], ids=["body", "body-without-length", "headers"])
def test_a_trickling_server_is_cut_off_at_the_deadline(http_server, tmp_path: Path, route):
    http_server.routes["/slow"] = route
    started = time.monotonic()
    result = fetch(http_server.url + "/slow", tmp_path / "slow", deadline_s=2)
    elapsed_s = time.monotonic() - started
    assert result.outcome is FetchOutcome.FAILED and not result.permanent
    assert result.error == "took longer than the 2 s deadline (headers and body)"
    assert 1.9 <= elapsed_s < 2.8  # without the deadline: 500 s, one byte every 0.5 s
    assert list(tmp_path.iterdir()) == []
    started = time.monotonic()
    document = fetch_document(http_server.url + "/slow", deadline_s=1.5)
    assert (document.outcome, document.body) == (FetchOutcome.FAILED, None)
    assert document.error == "took longer than the 1.5 s deadline (headers and body)"
    assert 1.4 <= time.monotonic() - started < 2.3


def test_a_fetch_within_its_deadline_is_untouched(http_server, tmp_path: Path):
    http_server.routes["/ok"] = Route(b"abcdef", trickle_every_s=0.05)
    result = fetch(http_server.url + "/ok", tmp_path / "ok", deadline_s=5)
    assert result.outcome is FetchOutcome.FETCHED and result.path.read_bytes() == b"abcdef"
    assert fetch_document(http_server.url + "/ok", deadline_s=5).body == b"abcdef"


def test_feed_documents_have_a_shorter_deadline_than_media():
    assert DOCUMENT_DEADLINE_S <= 15 < DEFAULT_DEADLINE_S


BROKEN_SERVERS = {
    "/cut": Route(b"z" * 100_000, truncate_to=1000),  # urllib3's ProtocolError used to escape
    "/garbage": Route(raw=b"SPLAT\r\n\r\n"),
    "/bad-chunk": Route(raw=b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n"),
    "/huge-length": Route(raw=b"HTTP/1.1 200 OK\r\nContent-Length: " + b"9" * 5000 + b"\r\n\r\nabc"),
    "/empty": Route(raw=b""),
    "/bad-gzip": Route(raw=b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 5\r\n\r\nnot-z"),
}


@pytest.mark.parametrize("path", list(BROKEN_SERVERS))
def test_protocol_errors_are_failed_outcomes_not_exceptions(http_server, tmp_path: Path, path):
    http_server.routes[path] = BROKEN_SERVERS[path]
    document = fetch_document(http_server.url + path)
    assert document.outcome is FetchOutcome.FAILED and document.body is None
    assert document.error
    result = fetch(http_server.url + path, tmp_path / "f")
    assert result.outcome is FetchOutcome.FAILED and result.error
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("url", ["http://[::1", "https://[", "http://127.0.0.1:99999/", "http://exa\x00mple.org/",
                                 "ftp://example.org/x", "nonsense", ""])
def test_malformed_urls_are_failed_outcomes(tmp_path: Path, url):
    assert fetch_document(url).outcome is FetchOutcome.FAILED
    result = fetch(url, tmp_path / "u")
    assert result.outcome is FetchOutcome.FAILED
    assert "\x00" not in result.error  # outside text is escaped


def test_a_trickling_tls_handshake_is_cut_off_at_the_deadline_too(tmp_path: Path):
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def trickle_handshakes():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                return
            threading.Thread(target=trickle, args=(conn,), daemon=True).start()

    def trickle(conn):
        # One byte of a TLS record every 0.5 s: the handshake never ends, no read ever times out.
        with conn:
            try:
                while not stop.wait(0.5):
                    conn.send(b"\x16")
            except OSError:
                pass  # the client gave up

    threading.Thread(target=trickle_handshakes, daemon=True).start()
    url = f"https://127.0.0.1:{server.getsockname()[1]}/x"
    try:
        for attempt in (lambda: fetch(url, tmp_path / "x", deadline_s=1.5), lambda: fetch_document(url, deadline_s=1.5)):
            started = time.monotonic()
            result = attempt()
            assert result.outcome is FetchOutcome.FAILED and "1.5 s deadline" in result.error
            assert 1.4 <= time.monotonic() - started < 2.3
    finally:
        stop.set()
        server.close()
