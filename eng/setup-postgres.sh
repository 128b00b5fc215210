#!/usr/bin/env bash
# Makes sure this machine has PostgreSQL server binaries, the pgvector extension for them, and PgBouncer (the
# reliability tests run a private PgBouncer in transaction pooling mode in front of the test server).
# Idempotent: when all are present it only checks and returns (well under 2 s).
# As root it installs what is missing through apt; as another user it prints the commands and fails.
set -euo pipefail

log() { printf 'setup-postgres: %s\n' "$*" >&2; }

newest_pg_bindir() {
  local d best="" bestv=0 v
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/postgres" ] || continue
    v=$(basename "$(dirname "$d")")
    if [[ "$v" =~ ^[0-9]+$ ]] && [ "$v" -gt "$bestv" ]; then bestv=$v; best=$d; fi
  done
  [ -n "$best" ] && printf '%s\n' "$best"
}

pg_bindir="${ELIZA_PG_BIN:-}"
if [ -z "$pg_bindir" ] || [ ! -x "$pg_bindir/postgres" ]; then
  pg_bindir=$(newest_pg_bindir || true)
fi

vector_present() {
  # $1 = major version
  [ -f "/usr/share/postgresql/$1/extension/vector.control" ] && ls "/usr/lib/postgresql/$1/lib/vector.so" >/dev/null 2>&1
}

pgbouncer_present() {
  command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ]
}

postgres_ready=0
if [ -n "$pg_bindir" ]; then
  major=$(basename "$(dirname "$pg_bindir")")
  if vector_present "$major"; then postgres_ready=1; fi
fi
if [ "$postgres_ready" -eq 1 ] && pgbouncer_present; then
  log "PostgreSQL $major, pgvector and PgBouncer are installed ($pg_bindir)."
  exit 0
fi

# Something is missing from here on.
if [ "$(id -u)" -ne 0 ]; then
  missing=()
  if [ -z "$pg_bindir" ]; then missing+=("PostgreSQL server binaries")
  elif [ "$postgres_ready" -eq 0 ]; then missing+=("the pgvector extension for PostgreSQL $(basename "$(dirname "$pg_bindir")")"); fi
  pgbouncer_present || missing+=("PgBouncer")
  log "$(IFS=,; echo "${missing[*]}" | sed 's/,/, /g'): not installed, and installing needs root; run as root (or with sudo):"
  if [ -z "$pg_bindir" ]; then
    echo "  apt-get update && apt-get install -y postgresql postgresql-contrib"
  fi
  pgbouncer_present || echo "  apt-get update && apt-get install -y pgbouncer"
  echo "  sudo $(cd "$(dirname "$0")" && pwd)/setup-postgres.sh"
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt_updated=0
apt_update_once() {
  if [ "$apt_updated" -eq 0 ]; then
    log "apt-get update"
    apt-get update -qq >/dev/null || apt-get update
    apt_updated=1
  fi
}

if ! pgbouncer_present; then
  apt_update_once
  log "installing the distribution's PgBouncer"
  # The package's own service stays stopped (policy-rc.d, or no init system): the tests start private instances.
  apt-get install -y -qq pgbouncer >/dev/null
  pgbouncer_present || { log "PgBouncer installation failed: no pgbouncer program after apt-get install"; exit 1; }
fi

if [ -z "$pg_bindir" ]; then
  apt_update_once
  log "installing the distribution's PostgreSQL server"
  # policy-rc.d keeps the package from starting the system's own cluster (we run private clusters).
  apt-get install -y -qq postgresql postgresql-contrib >/dev/null
  pg_bindir=$(newest_pg_bindir)
fi
major=$(basename "$(dirname "$pg_bindir")")
if vector_present "$major"; then
  log "PostgreSQL $major, pgvector and PgBouncer are installed ($pg_bindir)."
  exit 0
fi
log "PostgreSQL $major found at $pg_bindir; pgvector missing"

apt_update_once
if [ -n "$(apt-cache policy "postgresql-$major-pgvector" 2>/dev/null | awk '/Candidate:/ && $2 != "(none)" {print $2}')" ]; then
  log "installing postgresql-$major-pgvector from the distribution"
  apt-get install -y -qq "postgresql-$major-pgvector" >/dev/null
else
  log "postgresql-$major-pgvector is not packaged here: building pgvector from Debian's source package"
  # The Debian mirror this machine's apt sources already use (nothing is hard-coded here).
  mirror=""
  if compgen -G "/etc/apt/sources.list.d/*.sources" >/dev/null; then
    mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    [ -n "$mirror" ] || mirror=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources | grep -i debian | grep -vi security | awk '{print $2; exit}')
  fi
  if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
    mirror=$(awk '$1=="deb" && $0 !~ /security/ {for(i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' /etc/apt/sources.list)
  fi
  if [ -z "$mirror" ]; then
    log "cannot find a Debian mirror in /etc/apt/sources.list{,.d}; add one and run again"
    exit 1
  fi
  work=$(mktemp -d /tmp/elizagen-pgvector.XXXXXX)
  chmod 755 "$work"
  trap 'rm -rf "$work"' EXIT
  cat > "$work/src.sources" <<SRC
Types: deb-src
URIs: $mirror
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  mkdir -p "$work/lists/partial"
  apt_opts=(-o "Dir::Etc::sourcelist=$work/src.sources" -o "Dir::Etc::sourceparts=-" -o "Dir::State::Lists=$work/lists")
  apt-get "${apt_opts[@]}" update -qq >/dev/null
  (cd "$work" && apt-get "${apt_opts[@]}" source --download-only -qq pgvector >/dev/null)
  apt-get install -y -qq "postgresql-server-dev-$major" make gcc >/dev/null
  tarball=$(ls "$work"/pgvector_*.orig.tar.* | head -1)
  mkdir -p "$work/build"
  tar xf "$tarball" -C "$work/build"
  srcdir=$(find "$work/build" -mindepth 1 -maxdepth 1 -type d | head -1)
  log "building $(basename "$srcdir")"
  make -s -C "$srcdir" PG_CONFIG="$pg_bindir/pg_config" OPTFLAGS="" >/dev/null
  make -s -C "$srcdir" PG_CONFIG="$pg_bindir/pg_config" install >/dev/null
fi

if vector_present "$major"; then
  log "pgvector is installed for PostgreSQL $major"
else
  log "pgvector installation failed: /usr/share/postgresql/$major/extension/vector.control is missing"
  exit 1
fi
