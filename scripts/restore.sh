#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an empty database and media folder.
#
#   scripts/restore.sh BACKUP_FOLDER
#
# Restores into DATABASE_URL (created if it does not exist; refused if it
# already has tables) and DJANGO_MEDIA_ROOT (default var/media; refused
# unless missing or empty), so a restore never mixes with live data. The
# checksums are verified first; the database is restored in one transaction
# (all or nothing). Afterwards run `manage.py migrate` if the code is newer
# than the backup, then start the service.
set -euo pipefail
cd "$(dirname "$0")/.."

backup="${1:?Usage: scripts/restore.sh BACKUP_FOLDER}"
: "${DATABASE_URL:?Set DATABASE_URL to the (empty) database to restore into}"
media="${DJANGO_MEDIA_ROOT:-var/media}"

for file in database.dump media.tar.gz SHA256SUMS; do
  [[ -f "$backup/$file" ]] || { echo "restore: $backup/$file is missing" >&2; exit 1; }
done
(cd "$backup" && sha256sum --check --quiet SHA256SUMS) \
  || { echo "restore: checksums do not match; the backup is damaged" >&2; exit 1; }

if [[ -d "$media" ]] && [[ -n "$(ls -A "$media")" ]]; then
  echo "restore: the media folder $media is not empty; restore into an empty one" >&2
  exit 1
fi

# Create the database if it is missing; refuse one that already holds tables.
.venv/bin/python - <<'PYTHON'
import os
import sys

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

url = os.environ["DATABASE_URL"]
name = conninfo_to_dict(url)["dbname"]
with psycopg.connect(make_conninfo(url, dbname="postgres"), autocommit=True) as conn:
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        print(f"Created database {name}.")
with psycopg.connect(url) as conn:
    tables = conn.execute(
        "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
    ).fetchone()[0]
if tables:
    sys.exit(f"restore: database {name} already has {tables} tables; restore into an empty one")
PYTHON

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname "$DATABASE_URL" "$backup/database.dump"

mkdir -p "$media"
tar -C "$media" -xzf "$backup/media.tar.gz"

echo "Restored $backup"
sed 's/^/  /' "$backup/MANIFEST" 2>/dev/null || true
echo "Next: manage.py migrate (if the code is newer than the backup), then start the service."
