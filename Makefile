# Two set-up commands: `make demo` runs the main job on the embedded default, `make test` runs the tests.
# Each creates .venv if missing and installs Maskline with everything it needs (the spaCy model included).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.maskline-installed

.PHONY: demo test lint bench clean chromium

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/maskline demo --dir demo

# The lineage page is tested in a real headless browser: Debian's chromium, installed here when running as root.
chromium:
	@command -v chromium >/dev/null || [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null \
		|| (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

test: $(STAMP) chromium
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check masking lineage dags tests

clean:
	rm -rf demo .pytest_cache
