# Kwaliteitsmonitor — the front door for developers and operators.
#   make demo    set everything up and run the monitor with fictitious demo data on http://127.0.0.1:$(PORT)
#   make test    set everything up and run the whole test suite (SQLite, and PostgreSQL when reachable)
#   make bench   run the benchmarks (results appended to bench/RESULTS.md)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
WORKLOAD ?= small
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install install-dev demo serve test test-sqlite test-postgres lint fmt check-static browser bench bench-national bench-import openapi clean

help:
	@echo "make demo     installeren, database, fictieve demogegevens, site op http://127.0.0.1:$(PORT)"
	@echo "make test     installeren en alle tests draaien (SQLite en, indien bereikbaar, PostgreSQL)"
	@echo "make bench    benchmarks (WORKLOAD=small of national), resultaten in bench/RESULTS.md"
	@echo "make lint     ruff; make fmt: code opmaken; make openapi: openapi.yaml opnieuw maken"

$(VENV)/.stamp-runtime: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.stamp-dev: pyproject.toml $(VENV)/.stamp-runtime
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.stamp-runtime
install-dev: $(VENV)/.stamp-dev

demo: install
	$(BIN)/kwaliteitsmonitor migrate --noinput
	$(BIN)/kwaliteitsmonitor demo
	$(BIN)/kwaliteitsmonitor serve --port $(PORT)

serve: install
	$(BIN)/kwaliteitsmonitor serve --port $(PORT)

browser:
	@sh tools/ensure_chromium.sh
	@sh tools/ensure_poppler.sh

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

fmt: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Checks that need no database content: migrations match the models, the committed OpenAPI file is current.
check-static: install-dev
	KM_DATA_DIR=$$(mktemp -d) $(BIN)/kwaliteitsmonitor makemigrations --check --dry-run
	KM_DATA_DIR=$$(mktemp -d) $(BIN)/kwaliteitsmonitor spectacular --validate --file $$(mktemp) 2>/dev/null

test: install-dev browser lint check-static test-sqlite test-postgres

test-sqlite: install-dev
	@echo "== tests op SQLite =="
	KM_DATA_DIR=$$(mktemp -d) $(BIN)/pytest -n 2 $(PYTEST_ARGS)

# Runs the suite again on PostgreSQL when it is reachable. KM_REQUIRE_POSTGRES=1 (set by .ci/run) turns a
# missing PostgreSQL into an error instead of a skip.
test-postgres: install-dev
	@if $(BIN)/python tools/pg_available.py "$(PG_URL)"; then \
		echo "== tests op PostgreSQL =="; \
		DATABASE_URL="$(PG_URL)" KM_DATA_DIR=$$(mktemp -d) $(BIN)/pytest -n 2 $(PYTEST_ARGS); \
	elif [ "$$KM_REQUIRE_POSTGRES" = "1" ]; then \
		echo "PostgreSQL is niet bereikbaar op $(PG_URL), en KM_REQUIRE_POSTGRES=1: dat is een fout."; exit 1; \
	else \
		echo "PostgreSQL niet bereikbaar op $(PG_URL): tests op PostgreSQL overgeslagen."; \
	fi

openapi: install-dev
	KM_DATA_DIR=$$(mktemp -d) $(BIN)/kwaliteitsmonitor spectacular --validate --file openapi.yaml

bench: install-dev
	$(BIN)/python -m bench --workload $(WORKLOAD)
	$(BIN)/python -m bench.bench_report --workload demo
	$(BIN)/python -m bench.bench_snapshot --workload $(WORKLOAD)

bench-national: install-dev
	$(BIN)/python -m bench --workload national
	$(BIN)/python -m bench.bench_report --workload national
	$(BIN)/python -m bench.bench_snapshot --workload national

# End-to-end import of a national KWB-shaped CBS table (saved responses) against raw inserts.
bench-import: install-dev
	$(BIN)/python -m bench.bench_import

clean:
	rm -rf $(VENV) var test-artifacts .pytest_cache .ruff_cache .mypy_cache
