#!/usr/bin/env bash
# ElizaGen's two commands:  ./build.sh demo   and   ./build.sh test   (and ./build.sh build).
# Each first makes sure PostgreSQL and pgvector are installed (eng/setup-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
configuration="${CONFIGURATION:-Release}"

usage() {
  echo "usage: ./build.sh demo | test | build" >&2
  exit 2
}

setup() { ./eng/setup-postgres.sh; }

build() {
  dotnet build ElizaGen.sln -c "$configuration" -nologo -v:minimal -p:UseSharedCompilation=true "$@"
}

run_tests() {
  local log rc=0
  log=$(mktemp /tmp/elizagen-test.XXXXXX.log)
  build
  # Test projects run one after another (the machine has 2 cores); test classes run in parallel inside.
  local projects
  projects=$(find tests -name '*.Tests.csproj' | sort)
  for p in $projects; do
    echo "== $p"
    if ! dotnet test "$p" -c "$configuration" --no-build -nologo -v:quiet \
        --logger "console;verbosity=minimal" 2>&1 | tee -a "$log"; then
      rc=1
    fi
  done
  # dotnet test prints one summary per project: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12"
  local sums
  sums=$( (grep -E '^(Passed|Failed)!' "$log" || true) \
    | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' \
    | awk '{f+=$1; p+=$2; s+=$3} END {printf "%d %d %d", p+0, f+0, s+0}')
  local count_projects count_summaries
  count_projects=$(echo "$projects" | grep -c . || true)
  count_summaries=$(grep -cE '^(Passed|Failed)!' "$log" || true)
  set -- $sums
  local passed=$1 failed=$2 skipped=$3
  if [ "$count_summaries" -lt "$count_projects" ]; then
    echo "only $count_summaries of $count_projects test projects reported a summary" >&2
    rc=1
    [ "$failed" -gt 0 ] || failed=1
  fi
  [ "$failed" -eq 0 ] || rc=1
  rm -f "$log"
  echo
  echo "$passed passed, $failed failed, $skipped skipped"
  return $rc
}

case "${1:-}" in
  build) setup; build ;;
  test) setup; run_tests ;;
  demo) setup; dotnet run --project samples/AgentDemo -c "$configuration" -- "${@:2}" ;;
  *) usage ;;
esac
