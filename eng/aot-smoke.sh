#!/usr/bin/env bash
# NativeAOT smoke test: publishes samples/AotSmoke (the runtime + HelloPlugin's generated code) with
# PublishAot=true, fails on any trim or AOT warning (IL2xxx / IL3xxx), then runs the native binary against
# POSTGRES_URL / DATABASE_URL or, without them, the embedded server in a temporary data folder.
# Not part of ./build.sh test: publishing takes a few minutes on a small machine.
#   usage: eng/aot-smoke.sh            (exit code 0 = published without warnings and the run printed OK)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf 'aot-smoke: %s\n' "$*" >&2; }

# NativeAOT links with clang and needs zlib's headers (Debian packages clang, zlib1g-dev).
missing=()
command -v clang >/dev/null 2>&1 || missing+=(clang)
dpkg-query -W -f='${Status}' zlib1g-dev 2>/dev/null | grep -q 'ok installed' || missing+=(zlib1g-dev)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "NativeAOT needs ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
  log "installing ${missing[*]} for NativeAOT"
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
fi

# The embedded server needs PostgreSQL and pgvector on this machine.
if [ -z "${POSTGRES_URL:-}${DATABASE_URL:-}" ]; then
  ./eng/setup-postgres.sh
fi

case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64 | arm64) rid=linux-arm64 ;;
  *) log "no NativeAOT runtime identifier known for $(uname -m)"; exit 1 ;;
esac

seconds_since() { awk -v start="$1" -v now="$EPOCHREALTIME" 'BEGIN { printf "%.1f", now - start }'; }

work=$(mktemp -d /tmp/elizagen-aot.XXXXXX)
chmod 755 "$work" # the embedded server's user (postgres, when this runs as root) must reach $work/data
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

publish_log="$work/publish.log"
# ILCompiler reports trim/AOT warnings only when it runs: make it run even when the last publish is up to date.
rm -rf "samples/AotSmoke/obj/Release/net10.0/$rid/native"
log "publishing samples/AotSmoke for $rid with PublishAot=true"
publish_start=$EPOCHREALTIME
# TrimmerSingleWarn=false: every trim/AOT warning on its own line, not one summary per assembly.
if ! dotnet publish samples/AotSmoke/AotSmoke.csproj -c Release -r "$rid" -o "$work/bin" -nologo -v:minimal \
    -p:ElizaGenPublishAot=true -p:TrimmerSingleWarn=false >"$publish_log" 2>&1; then
  cat "$publish_log" >&2
  log "FAILED: dotnet publish failed"
  exit 1
fi
publish_seconds=$(seconds_since "$publish_start")

warnings=$(grep -E '(warning|error) IL[23][0-9]{3}' "$publish_log" | sort -u || true)
if [ -n "$warnings" ]; then
  printf '%s\n' "$warnings" >&2
  log "FAILED: $(printf '%s\n' "$warnings" | wc -l) trim/AOT warning(s) in the publish output"
  exit 1
fi
binary="$work/bin/AotSmoke"
log "published in ${publish_seconds}s without trim/AOT warnings: $(du -h "$binary" | cut -f1) native binary"

# Without a server URL the runtime starts the embedded server in ELIZA_DATA_DIR, and stops it at the end.
export ELIZA_DATA_DIR="${ELIZA_DATA_DIR:-$work/data}"
run_start=$EPOCHREALTIME
if ! "$binary"; then
  log "FAILED: the native binary did not print OK"
  exit 1
fi
run_seconds=$(seconds_since "$run_start")
log "OK: publish ${publish_seconds}s, run ${run_seconds}s"
