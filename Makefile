# Two commands for a fresh machine:
#   make run   – install, then serve the platform on the embedded default
#                (SQLite, tasks in-process, demo data) at http://127.0.0.1:8000
#   make test  – install, then run the whole test suite (needs PostgreSQL and
#                Redis on localhost; see README)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint format migrations-check clean

install: $(VENV)/.installed static/dist/.built

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

static/dist/.built: package.json package-lock.json static/src/scss/*.scss static/src/js/*.mjs static/src/copy-vendor.mjs
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build
	touch $@

run: install
	DJANGO_DEBUG=true $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=true $(BIN)/python manage.py seed_demo
	DJANGO_DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install
	DJANGO_DEBUG=true DATABASE_URL=sqlite://:memory: $(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) node_modules static/dist staticfiles
