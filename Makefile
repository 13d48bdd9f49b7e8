# Two commands for a fresh machine:
#   make demo   set up .venv and analyze the bundled sample article
#   make test   set up .venv (and the browser for the UI tests) and run the tests
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test test-fast system-deps bench

$(BIN)/marsad: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/marsad

setup: $(BIN)/marsad

demo: setup
	$(BIN)/marsad analyze --publisher Arabi21 examples/seed.txt

system-deps:
	bash scripts/system-deps.sh

test: setup system-deps
	$(BIN)/pytest -q

test-fast: setup
	$(BIN)/pytest -q -m "not slow"

bench: setup
	$(BIN)/python benchmarks/bench_analyze.py
