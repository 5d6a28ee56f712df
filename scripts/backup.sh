#!/usr/bin/env bash
# Back up the platform: the PostgreSQL database and the uploaded reports.
#
#   scripts/backup.sh [DEST]          (DEST defaults to var/backups)
#
# Reads the platform's own settings from the environment: DATABASE_URL (a
# PostgreSQL URL) and DJANGO_MEDIA_ROOT (default var/media). Writes
# DEST/scr-backup-<UTC time>/ holding
#   database.dump   pg_dump, custom format (restored with pg_restore)
#   media.tar.gz    every file under the media folder
#   SHA256SUMS      checksums of both, verified before any restore
#   MANIFEST        when, from where, and how many reviews and documents
# The folder appears under its final name only once complete, so a
# half-written backup is never mistaken for a good one. Safe while the
# service runs: the database is dumped first (one consistent snapshot), then
# the files; a document's file is stored before its row is committed and is
# never deleted, so every document in the dump has its file in the archive.
# Prints the backup's folder.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?Set DATABASE_URL to the database to back up}"
media="${DJANGO_MEDIA_ROOT:-var/media}"
dest="${1:-var/backups}"
final="$dest/scr-backup-$(date -u +%Y%m%dT%H%M%SZ)"
work="$final.partial"

[[ -e "$final" ]] && { echo "backup: $final already exists" >&2; exit 1; }
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

pg_dump --format=custom --no-owner --no-privileges --file "$work/database.dump" "$DATABASE_URL"

if [[ -d "$media" ]]; then
  tar -C "$media" -czf "$work/media.tar.gz" .
else
  echo "backup: no media folder at $media; archiving none" >&2
  tar -czf "$work/media.tar.gz" -T /dev/null
fi

(cd "$work" && sha256sum database.dump media.tar.gz > SHA256SUMS)

counts=$(psql "$DATABASE_URL" -X -tA -F ' ' -c \
  "SELECT (SELECT count(*) FROM collation_review), (SELECT count(*) FROM collation_reviewdocument)" \
  2>/dev/null || echo "? ?")
read -r reviews documents <<<"$counts"
{
  echo "created: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "database: ${DATABASE_URL%%\?*}" | sed -E 's#(://[^:/@]+):[^@]*@#\1:***@#'
  echo "media: $(cd "$media" 2>/dev/null && pwd || echo "$media (missing)")"
  echo "reviews: $reviews"
  echo "documents: $documents"
  echo "files: $(tar -tzf "$work/media.tar.gz" | grep -vc '/$' || true)"
  echo "pg_dump: $(pg_dump --version)"
} > "$work/MANIFEST"

mv "$work" "$final"
trap - EXIT
echo "$final"
