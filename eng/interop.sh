#!/usr/bin/env bash
# Interop check between ElizaGen and the TypeScript @elizaos/plugin-sql 1.7.2 (node side).
#
#   POSTGRES_URL=<server url> eng/interop.sh [fill]
#       creates a fresh database on that server, migrates and fills it through the plugin (fill.mjs) and
#       prints the database URL and the manifest path; the C# side opens that database and verifies it.
#   eng/interop.sh read <database url> <manifest>
#       runs the plugin's migrator on a database ElizaGen migrated and filled, reads every manifest row
#       back through the plugin (read.mjs); prints the JSON verdict; exit 0 only when everything matches.
#   POSTGRES_URL=<server url> eng/interop.sh self-check
#       fill + read on one fresh database (the plugin reads its own data); drops the database when it passes.
#
# The server needs pgvector, fuzzystrmatch and pgcrypto, and the role must be allowed to CREATE DATABASE
# and CREATE EXTENSION. Socket URLs work: postgresql://postgres@/postgres?host=/path/to/socketdir&port=5432
# Output goes to artifacts/interop/<database>/ (git-ignored) unless INTEROP_OUT is set.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
dir="$here/interop"
export TZ=UTC

usage() { sed -n '2,/^[^#]/{/^#/p}' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

command -v node >/dev/null 2>&1 || { echo "interop.sh: node (>= 20) is not on PATH; install Node.js 20 or newer" >&2; exit 2; }
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || { echo "interop.sh: node $(node --version) is too old; Node.js 20 or newer is needed" >&2; exit 2; }

# node packages: installed on first run, and again whenever package-lock.json is newer than the install.
# Concurrent runs (tests run in parallel) take turns: the first installs, the others find it done.
needs_install() { [ ! -d "$dir/node_modules/@elizaos/plugin-sql" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; }
if needs_install; then
  exec 9>"$dir/.npm-install.lock"
  flock 9
  if needs_install; then
    echo "interop.sh: installing node packages (npm ci in eng/interop)..." >&2
    if ! (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null); then
      echo "interop.sh: npm ci failed in $dir; run it there by hand to see why (needs the npm registry)" >&2
      exit 1
    fi
  fi
  flock -u 9
fi

need_server_url() {
  [ -n "${POSTGRES_URL:-}" ] || { echo "interop.sh: set POSTGRES_URL to a server connection string whose role may CREATE DATABASE, e.g. postgresql://postgres@/postgres?host=/path/to/socketdir&port=5432" >&2; exit 2; }
}

out_dir_for() { # database url -> output folder
  local name
  name=$(node -e 'const m=/^[a-z]+:\/\/[^/]*\/([^?#]*)/i.exec(process.argv[1]); console.log(m&&m[1]?decodeURIComponent(m[1]):"unknown")' "$1")
  echo "${INTEROP_OUT:-$root/artifacts/interop}/$name"
}

fill() { # prints the database url on stdout
  local db_url out
  db_url=$(node "$dir/database.mjs" create)
  out=$(out_dir_for "$db_url")
  mkdir -p "$out"
  if ! POSTGRES_URL="$db_url" node "$dir/fill.mjs" --manifest "$out/manifest.json" >/dev/null; then
    echo "interop.sh: fill.mjs failed on $db_url (the database is left for inspection)" >&2
    exit 1
  fi
  echo "$db_url"
}

mode="${1:-fill}"
case "$mode" in
  fill)
    [ $# -le 1 ] || usage
    need_server_url
    db_url=$(fill)
    out=$(out_dir_for "$db_url")
    counts=$(node -e 'const m=require(process.argv[1]); console.log(Object.entries(m.row_counts).map(([t,n])=>t+"="+n).join(" "))' "$out/manifest.json")
    echo "database: $db_url"
    echo "manifest: $out/manifest.json"
    echo "rows:     $counts"
    ;;
  read)
    [ $# -eq 3 ] || usage
    [ -f "$3" ] || { echo "interop.sh: manifest $3 does not exist" >&2; exit 2; }
    POSTGRES_URL="$2" exec node "$dir/read.mjs" --manifest "$3"
    ;;
  self-check)
    [ $# -eq 1 ] || usage
    need_server_url
    db_url=$(fill)
    out=$(out_dir_for "$db_url")
    status=0
    POSTGRES_URL="$db_url" node "$dir/read.mjs" --manifest "$out/manifest.json" >"$out/verdict.json" || status=$?
    node -e '
      const v = require(process.argv[1]);
      const runs = v.migration?.runs ?? [];
      console.log(`verdict:  ok=${v.ok}, ${v.summary.checks} checks, ${v.summary.failed} failed`);
      console.log(`migrator: ${runs.map((r) => `${r.run} run ${r.outcome}, ${r.schema_change_statements.length} schema changes`).join("; ")}`);
      for (const c of v.failed_checks.slice(0, 20)) console.log(`  FAILED ${c.table} ${c.id} ${c.via}: ${c.detail}`);
    ' "$out/verdict.json"
    echo "manifest: $out/manifest.json"
    echo "verdict:  $out/verdict.json"
    if [ "$status" -eq 0 ]; then
      POSTGRES_URL="$POSTGRES_URL" node "$dir/database.mjs" drop "$(basename "$out")"
      echo "database: dropped (the check passed)"
    else
      echo "database: $db_url (kept for inspection)"
    fi
    exit "$status"
    ;;
  -h|--help|help) usage ;;
  *) usage ;;
esac
