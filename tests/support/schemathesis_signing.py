"""A schemathesis hooks file (SCHEMATHESIS_HOOKS): every request is signed, as sent, by a paired
administrator's key, so the fuzzer reaches the signed routes' real work instead of their 401.

The key comes from $KIOSK_FUZZ_KEY_FILE (raw Ed25519 private bytes); each answer's method, path
template and status is appended to $KIOSK_FUZZ_LOG, for the test to see what was reached.
"""

import json
import os
from pathlib import Path

import requests
import schemathesis
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from layouts.bundle import key_id
from provisioning.signed_requests import sign_request

_KEY = Ed25519PrivateKey.from_private_bytes(Path(os.environ["KIOSK_FUZZ_KEY_FILE"]).read_bytes())
_KEY_NAME = key_id(_KEY.public_key())


class _SignedByAdmin(requests.auth.AuthBase):
    """Signs the prepared request: the exact path, query and body bytes that go on the wire."""

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        body = request.body
        if isinstance(body, str):
            body = body.encode("utf-8")
            request.body = body
            request.headers["Content-Length"] = str(len(body))
        if body is not None and not isinstance(body, bytes):
            return request  # a streamed body cannot be signed ahead: left unsigned (answered 401)
        request.headers.update(sign_request(_KEY, _KEY_NAME, request.method or "GET", request.path_url, body or b""))
        return request


@schemathesis.hook
def before_call(context, case, kwargs):  # noqa: ANN001 - schemathesis' hook signature
    kwargs["auth"] = _SignedByAdmin()


@schemathesis.hook
def after_call(context, case, response):  # noqa: ANN001
    with open(os.environ["KIOSK_FUZZ_LOG"], "a") as log:
        log.write(json.dumps([case.method, case.path, response.status_code]) + "\n")


# A bundle is bytes on the wire: fuzz the push with arbitrary bytes, signed like the rest.
schemathesis.serializer.alias("application/gzip", "application/octet-stream")
