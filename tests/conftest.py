import os

import pytest

# Tests never need a screen; the real-window test starts its own Xvfb.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

from tests.support.http import LoopbackServer  # noqa: E402


@pytest.fixture
def http_server():
    server = LoopbackServer().start()
    yield server
    server.stop()
