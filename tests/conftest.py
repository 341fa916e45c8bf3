import os

import pytest

# Tests never need a screen; the real-window test starts its own Xvfb.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

from tests.support.http import LoopbackServer  # noqa: E402
from tests.support.kiosk_process import KioskProcess  # noqa: E402


@pytest.fixture
def jobs():
    """A Jobs pool held until its work is done: a pool dropped while a worker still ran crashed the
    test process (the last reference then went in the worker). The runtime's is the app's child."""
    from kiosk.jobs import Jobs

    pool = Jobs()
    yield pool
    pool.stop(5000)


@pytest.fixture
def http_server():
    server = LoopbackServer().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def no_qml_warnings_in_kiosk_processes():
    """QML warnings are bugs: a test whose kiosk process printed one fails (in-process Qt messages
    fail through pytest-qt's qt_log_level_fail)."""
    KioskProcess.started.clear()
    yield
    warnings = {p.stderr_path.name: p.qml_warnings() for p in KioskProcess.started}
    KioskProcess.started.clear()
    assert not any(warnings.values()), warnings
