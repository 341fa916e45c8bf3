import pytest

from tests.support.http import LoopbackServer


@pytest.fixture
def http_server():
    server = LoopbackServer().start()
    yield server
    server.stop()
