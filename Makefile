# `make run` and `make test` are the only two commands a new machine needs.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt constraints.txt pyproject.toml | md5sum | cut -c1-8)

.DEFAULT_GOAL := check
.PHONY: install lock system-deps kb run test lint format check bench clean

# The project is installed in editable mode (pyproject.toml), at the versions in constraints.txt.
$(STAMP): requirements.txt constraints.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

lock: install  ## pin every installed package into constraints.txt (after changing pyproject.toml)
	$(PY) -m pip freeze --exclude-editable | grep -v '^pip==' > constraints.txt

kb: install  ## load, validate and write data/build/kb.ttl
	$(VENV)/bin/kb build

run: kb  ## build the KB and start the UI on the embedded store
	$(VENV)/bin/streamlit run ui/app.py --server.address 127.0.0.1 --server.headless true --browser.gatherUsageStats false

system-deps:  ## Debian's Chromium, Virtuoso 7, npm, Pango, fonts and poppler-utils when missing; axe-core from the npm registry
	./scripts/install-system-deps.sh
	./scripts/install-axe.sh

test: install system-deps  ## install everything the tests need and run them
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: kb system-deps  ## query and UI benchmarks (figures are kept in the README)
	$(PY) bench/queries.py
	$(PY) -m bench.ui_pages

check: lint test

clean:
	rm -rf data/build data/.build.* tests/artifacts .pytest_cache
