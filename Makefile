# The two commands of the README. Both set up what is missing first (scripts/bootstrap.sh).
.PHONY: demo test bootstrap bench bench-vs-chromium

PYTEST_ENV = QT_QPA_PLATFORM=offscreen QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox

bootstrap:
	@bash scripts/bootstrap.sh

demo: bootstrap
	@if [ "$$(id -u)" = 0 ]; then export QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox; fi; .venv/bin/kiosk demo

# One pytest process per tier: the fast tiers answer first, and no tier's Qt objects outlive it into another's.
test: bootstrap
	.venv/bin/ruff check .
	$(PYTEST_ENV) .venv/bin/python -m pytest tests/unit
	$(PYTEST_ENV) .venv/bin/python -m pytest tests/integration
	$(PYTEST_ENV) .venv/bin/python -m pytest tests/gui
	$(PYTEST_ENV) .venv/bin/python -m pytest tests/e2e

bench: bootstrap
	@bash scripts/bench-deps.sh
	$(PYTEST_ENV) .venv/bin/python bench/startup.py
	$(PYTEST_ENV) .venv/bin/python bench/transitions.py
	$(PYTEST_ENV) .venv/bin/python bench/soak.py
	$(PYTEST_ENV) .venv/bin/python bench/sensor_to_screen.py
	$(PYTEST_ENV) .venv/bin/python bench/idle_cost.py
	$(PYTEST_ENV) .venv/bin/python bench/push.py
	$(PYTEST_ENV) .venv/bin/python bench/discovery.py
	$(PYTEST_ENV) .venv/bin/python bench/gui_stalls.py
	$(PYTEST_ENV) .venv/bin/python bench/alert_latency.py
	$(PYTEST_ENV) .venv/bin/python bench/acts_search.py
	$(PYTEST_ENV) .venv/bin/python bench/acts_open.py
	$(PYTEST_ENV) .venv/bin/python bench/journal.py
	.venv/bin/python bench/vs_chromium.py

# The side-by-side figures alone, three runs each (medians): on a quiet machine for the published figures.
bench-vs-chromium: bootstrap
	@bash scripts/bench-deps.sh
	.venv/bin/python bench/vs_chromium.py --repeat 3
