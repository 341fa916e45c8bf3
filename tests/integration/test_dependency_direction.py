"""The pure packages stay free of Qt: import-linter contracts, and a check of every sign model."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PURE_MODULES = ["layouts", "layouts.store", "layouts.schema", "media.cache", "media.fetch", "media.prepare",
                "media.sources", "media.qr", "media.feeds.mapping", "media.feeds.mqtt_feed", "media.feeds.flag",
                "provisioning", "provisioning.identity", "provisioning.advertise", "provisioning.discover",
                "provisioning.cli", "provisioning.admin_key", "provisioning.pairing", "provisioning.signed_requests", "layouts.bundle",
                "signs.widgets.navigation",
                "signs.beach.display"]
PURE_MODULES += ["common.atomic", "common.terminal", "common.events", "common.clock", "common.fingerprints",
                 "layouts.kinds", "signs.resolution", "signs.live",
                 "signs.beach.feeds"]
PURE_MODULES += [".".join(p.relative_to(ROOT).with_suffix("").parts) for name in ("model.py", "item.py")
                 for p in (ROOT / "signs").rglob(name)]


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and " 0 broken" in result.stdout


@pytest.mark.parametrize("module", PURE_MODULES)
def test_pure_module_imports_without_qt(module):
    code = f"import sys, {module}; bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]; print(bad); sys.exit(1 if bad else 0)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
