#!/usr/bin/env bash
# The full stack on one machine: gunicorn, a Celery worker and Celery beat
# (the Procfile, run by honcho) against PostgreSQL and Redis.
#
#   make stack                      # or scripts/stack.sh
#   STACK_SEED=1 make stack         # load the demo data first (public passwords:
#                                   # never on a live site)
#   STACK_PORT=8080 DATABASE_URL=postgres://... REDIS_URL=redis://... make stack
#
# Defaults: the local PostgreSQL (database scr_platform, created if missing)
# and Redis database 0, the site on http://127.0.0.1:8000, and the development
# profile (DJANGO_DEBUG=true) unless DJANGO_SECRET_KEY is set, in which case
# the production profile applies and static files are collected first.
# Migrations run before anything starts. Ctrl-C stops all three processes.
set -euo pipefail
cd "$(dirname "$0")/.."

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/scr_platform}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
if [[ -z "${DJANGO_SECRET_KEY:-}" ]]; then
  export DJANGO_DEBUG="${DJANGO_DEBUG:-true}"
fi
export STACK_HOST="${STACK_HOST:-127.0.0.1}"
export STACK_PORT="${STACK_PORT:-8000}"
# One access-log line per request, unless the caller says otherwise (the load test does).
export GUNICORN_CMD_ARGS="${GUNICORN_CMD_ARGS---access-logfile -}"
mkdir -p var
PY=.venv/bin/python

say() { printf '==> %s\n' "$*"; }

say "Database: ${DATABASE_URL%%\?*}"
"$PY" - <<'PYTHON'
"""Create the stack's PostgreSQL database if it does not exist yet."""
import os
import sys

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

url = os.environ["DATABASE_URL"]
if not url.startswith(("postgres://", "postgresql://")):
    sys.exit(0)  # another engine: nothing to create
name = conninfo_to_dict(url)["dbname"]
try:
    with psycopg.connect(make_conninfo(url, dbname="postgres"), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}.")
except psycopg.OperationalError as error:
    sys.exit(f"PostgreSQL is not reachable: {error}")
PYTHON

say "Redis: $REDIS_URL"
"$PY" -c '
import os, sys, redis
try:
    redis.Redis.from_url(os.environ["REDIS_URL"], socket_connect_timeout=3).ping()
except redis.RedisError as error:
    sys.exit(f"Redis is not reachable: {error}")
'

say "Migrations"
"$PY" manage.py migrate --no-input

if [[ "${DJANGO_DEBUG:-false}" != "true" ]]; then
  say "Static files (production profile)"
  "$PY" manage.py collectstatic --no-input --verbosity 0
fi

if [[ "${STACK_SEED:-}" == "1" ]]; then
  say "Demo data"
  # Tasks in-process (no REDIS_URL) so the demo reports are read and published
  # now; then the shared cache is told that what the public sees changed (the
  # public version: cached trend figures and whole public pages).
  env -u REDIS_URL "$PY" manage.py seed_demo --force
  "$PY" manage.py shell -c \
    'from collation.services.trends import trends_changed; trends_changed()'
fi

say "Starting web (http://$STACK_HOST:$STACK_PORT), worker and beat"
exec .venv/bin/honcho start --procfile Procfile
