"""Fixtures shared by the Qt tests."""

import pytest
from PySide6.QtCore import QtMsgType, qInstallMessageHandler


@pytest.fixture
def qml_warnings():
    """Every Qt message above debug level while the test runs (a test asserts there is none it did not expect)."""
    caught: list[str] = []

    def handler(kind, context, message):
        if kind != QtMsgType.QtDebugMsg:
            caught.append(message)

    previous = qInstallMessageHandler(handler)
    yield caught
    qInstallMessageHandler(previous)
