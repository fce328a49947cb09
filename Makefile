# The two commands of README.md: `make demo` and `make test`. Everything else builds on `make install`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install install-test demo serve test test-sqlite test-postgres lint bench

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(PY) -m pip install -q -r requirements-test.txt
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)
	@command -v soffice >/dev/null && command -v pdftoppm >/dev/null || (apt-get update -qq && apt-get install -y -qq libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils >/dev/null)
	touch $@

install-test: $(VENV)/.installed-test

# Migrates the SQLite database, loads the demo region once, runs the task worker and serves.
demo: install
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_demo --once
	DEBUG=1 $(PY) manage.py db_worker & trap "kill $$!" EXIT; DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

test-sqlite: install-test
	@echo "=== База данных: SQLite ==="
	DATABASE_URL=sqlite:///:memory: $(VENV)/bin/pytest -q

test-postgres: install-test
	@echo "=== База данных: PostgreSQL ($(PG_URL)) ==="
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -q

# The whole suite on both databases, then the linters.
test: lint test-sqlite test-postgres
	@echo "Тесты пройдены на SQLite и PostgreSQL."

# Every benchmark on SQLite, then the import (the COPY path production uses) on PostgreSQL.
bench: install-test
	DEBUG=1 $(PY) -m bench
	DEBUG=1 BENCH_POSTGRES_URL=$(PG_URL) $(PY) -m bench import_participants indicators
