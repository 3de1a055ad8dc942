# Two set-up commands: `make demo` runs the main job on the embedded default, `make test` runs the tests.
# Each creates .venv if missing and installs Maskline with everything it needs (the spaCy model included).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.maskline-installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/maskline demo --dir demo

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check masking lineage dags tests

clean:
	rm -rf demo .pytest_cache
