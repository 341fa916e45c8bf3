"""The real QtWebEngine, offscreen, for the locked-down browser's tests.

QtWebEngineQuick.initialize() must run before the application exists, so it runs here, when the
conftest is imported during collection (pytest-qt makes the application later, in the first test
that asks for it). A fake camera and microphone let getUserMedia reach the permission request."""

import os
from pathlib import Path

import pytest

os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
                                            + " --use-fake-device-for-media-stream")
os.environ.pop("QTWEBENGINE_REMOTE_DEBUGGING", None)  # no devtools port, ever

from PySide6.QtQuick import QQuickWindow, QSGRendererInterface  # noqa: E402
from PySide6.QtWebEngineQuick import QtWebEngineQuick  # noqa: E402

QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
QtWebEngineQuick.initialize()

from tests.gui.browser.driver import BrowserDriver  # noqa: E402
from tests.gui.browser.hostile_server import HostileServer  # noqa: E402


def pytest_collection_modifyitems(items):
    # Chromium's GPU process says this once per process when it starts without a GPU: not QML, not ours.
    for item in items:
        if "tests/gui/browser" in str(item.fspath):
            item.add_marker(pytest.mark.qt_log_ignore("GPUInfo not initialized"))


@pytest.fixture(scope="module")
def hostile_server():
    server = HostileServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser(qapp, hostile_server, tmp_path_factory):
    driver = BrowserDriver(qapp, hostile_server, Path(tmp_path_factory.mktemp("downloads")))
    yield driver
    driver.close()


@pytest.fixture
def fresh(browser, hostile_server):
    """Each attack starts from the tile's start page with nothing recorded."""
    hostile_server.seen.clear()
    browser.reset_records()
    yield browser
