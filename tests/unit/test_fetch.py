from pathlib import Path

from media.fetch import FetchOutcome, Validators, fetch
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
