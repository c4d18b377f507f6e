# Two commands set everything up: `make brief` and `make test` (see README).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SAMPLE := examples/revitalizing-alliances.md

.PHONY: brief test lint typecheck unit bench install dev sysdeps browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed sysdeps
dev: $(VENV)/.dev sysdeps

# WeasyPrint subsets fonts with HarfBuzz when libharfbuzz-subset is present and falls back
# to fontTools otherwise: same PDF, but ~1.5 s slower per card. Install it where we can.
sysdeps:
	@if ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing libharfbuzz-subset0 (faster PDF font subsetting)"; \
		(apt-get update -qq && apt-get install -y -qq libharfbuzz-subset0) >/dev/null 2>&1 \
			|| echo "note: could not install libharfbuzz-subset0; PDFs will render more slowly"; \
	else echo "note: libharfbuzz-subset0 missing (apt-get install libharfbuzz-subset0 speeds up PDFs)"; fi

# The browser tests drive Debian's chromium with Playwright (never a downloaded browser);
# without it they skip with a reason.
browser: $(VENV)/.dev
	VENV=$(VENV) bash .ci/install-browser

brief: install
	$(BIN)/briefer brief $(SAMPLE) -o out --format pdf,json

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: dev
	$(BIN)/mypy

unit: dev browser
	$(BIN)/pytest

test: lint typecheck unit

$(VENV)/.bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

bench: install $(VENV)/.bench
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build dist *.egg-info out/*.pdf out/*.json out/*.html out/*.md
