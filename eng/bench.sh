#!/usr/bin/env bash
# Runs the benchmarks of tests/ElizaGen.Benchmarks against ElizaGen's embedded PostgreSQL server (a private cluster
# started for the run) and writes docs/benchmarks.md: the machine, the versions, and for each figure its absolute
# value and ElizaGen's ratio to each peer, all from the same run. Takes about 20 minutes on an idle 2-core machine (--quick: about 10).
#
#   usage: eng/bench.sh [--quick] [--full-peer] [--only rows,paired,bulk,vectors,migrations,peer,generator]
#     --quick   BenchmarkDotNet ShortRun instead of MediumRun, bulk inserts of 10k rows only, vector search over
#               20k rows, a short run of the ElizaOS peer benchmark
#     --full-peer  the ElizaOS workload at full size (2,000 inserts, growth to 20,000) even with --quick
#     --only    run some sections (the others read "not run in this run")
#
#   PEER_BENCH_DIR             the ElizaOS plugin benchmark (peer-bench: run.sh, bench.mjs); default
#                              /work/shared/peer-bench when it exists. It is copied to artifacts/peer-bench and
#                              its node packages installed there (npm ci) on first use; needs node >= 20.
#   ELIZAGEN_BENCH_CONNECTION  run against that server instead (the peer benchmark needs a Unix socket host).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf 'bench: %s\n' "$*" >&2; }

args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) args+=(--quick) ;;
    --full-peer) args+=(--full-peer) ;;
    --only) [ $# -ge 2 ] || { log "--only needs a list, e.g. --only rows,bulk"; exit 2; }; args+=(--only "$2"); shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) log "unknown argument $1 (see --help)"; exit 2 ;;
  esac
  shift
done

# The embedded server needs PostgreSQL and pgvector on this machine.
if [ -z "${ELIZAGEN_BENCH_CONNECTION:-}" ]; then
  ./eng/setup-postgres.sh
fi

PEER_BENCH_DIR=${PEER_BENCH_DIR:-}
if [ -z "$PEER_BENCH_DIR" ] && [ -f /work/shared/peer-bench/run.sh ]; then PEER_BENCH_DIR=/work/shared/peer-bench; fi
if [ -n "$PEER_BENCH_DIR" ]; then
  if [ ! -f "$PEER_BENCH_DIR/run.sh" ]; then
    log "PEER_BENCH_DIR=$PEER_BENCH_DIR has no run.sh; the ElizaOS peer benchmark is skipped"
  elif ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    log "node and npm are not installed; the ElizaOS peer benchmark is skipped (install node >= 20 to run it)"
  else
    # A copy, so that its node_modules and results/ stay out of the original folder.
    copy="$ROOT/artifacts/peer-bench"
    mkdir -p "$copy"
    for f in "$PEER_BENCH_DIR"/*; do
      case "$(basename "$f")" in node_modules|results) ;; *) cp -R "$f" "$copy/" ;; esac
    done
    if [ ! -d "$copy/node_modules/@elizaos/plugin-sql" ]; then
      log "installing the peer benchmark's node packages (npm ci) in $copy"
      (cd "$copy" && npm ci --no-audit --no-fund >&2)
    fi
    args+=(--peer-bench "$copy")
  fi
fi

log "building tests/ElizaGen.Benchmarks (Release)"
dotnet build tests/ElizaGen.Benchmarks/ElizaGen.Benchmarks.csproj -c Release -v:q -nologo >&2

# From the project folder: BenchmarkDotNet builds its child processes from this project.
cd tests/ElizaGen.Benchmarks
dotnet bin/Release/net10.0/ElizaGen.Benchmarks.dll report \
  --out "$ROOT/docs/benchmarks.md" --artifacts "$ROOT/artifacts/bench" ${args[@]+"${args[@]}"}
