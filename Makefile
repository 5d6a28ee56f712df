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

.PHONY: install run test proof-api lint format migrations-check clean

install: $(VENV)/.installed static/dist/.built

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	# Taguette's own codebook import checks our CSV in the tests; without its
	# dependencies (it pins redis<5), which its importer does not need.
	$(BIN)/pip install --quiet --no-deps "taguette==1.5.2"
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

# The whole-service proof on its own (it also runs in `make test`): the
# permission matrix, schemathesis against the OpenAPI schema as every role,
# and the security checks. Prints its figures at the end.
proof-api: install
	$(BIN)/pytest tests/proof $(PYTEST_ARGS)

# lint-imports: the app dependency rule, as contracts in pyproject.toml.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache --no-logo

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install
	DJANGO_DEBUG=true DATABASE_URL=sqlite://:memory: $(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) node_modules static/dist staticfiles

# --- The whole service (issue 8) ----------------------------------------------
#   make stack         – migrate, then gunicorn, a Celery worker and beat (Procfile,
#                        honcho) against the local PostgreSQL and Redis; see README
#   make proof-system  – the second CI stage: the stack on private PostgreSQL and
#                        Redis with faults, backup/restore and a load smoke test
.PHONY: stack proof-system

stack: install
	scripts/stack.sh

proof-system: install
	$(BIN)/pytest -m system tests/system -p no:cacheprovider $(PYTEST_ARGS)
