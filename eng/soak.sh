#!/usr/bin/env bash
# Soak run of the randomized schema-evolution suite (tests/ElizaGen.Reliability.Tests): thousands of seeded cases
# instead of the few hundred of ./build.sh test.
#
#   eng/soak.sh                      5000 cases from a random run seed (printed first)
#   SOAK_CASES=20000 eng/soak.sh     more cases
#   SOAK_SEED=1234 eng/soak.sh       the run with that seed again (same cases, same order)
#   SOAK_REPLAY=<case seed> eng/soak.sh   one case alone, as a failure message prints it
#   SOAK_WORKERS=4 eng/soak.sh       databases used in parallel (default 3)
#
# A failure prints each broken invariant with the case seed and the case shrunk to a small one (the snapshots as
# JSON, the rename hints and the rows): keep it in tests/ElizaGen.Reliability.Tests/Evolution/RegressionCases.cs.
# The PostgreSQL server is the tests' usual one (ELIZAGEN_TEST_POSTGRES / POSTGRES_URL, else embedded).
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
configuration="${CONFIGURATION:-Release}"
seed="${SOAK_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"
export ELIZAGEN_EVOLUTION_SEED="$seed"
export ELIZAGEN_EVOLUTION_CASES="${SOAK_CASES:-5000}"
export ELIZAGEN_EVOLUTION_WORKERS="${SOAK_WORKERS:-3}"
if [ -n "${SOAK_REPLAY:-}" ]; then
  export ELIZAGEN_EVOLUTION_REPLAY="$SOAK_REPLAY"
  echo "soak: replaying case seed $SOAK_REPLAY"
else
  echo "soak: $ELIZAGEN_EVOLUTION_CASES cases, run seed $seed (repeat with SOAK_SEED=$seed)"
fi

./eng/setup-postgres.sh
project=tests/ElizaGen.Reliability.Tests/ElizaGen.Reliability.Tests.csproj
dotnet build "$project" -c "$configuration" -nologo -v:quiet
dotnet test "$project" -c "$configuration" --no-build -nologo -v:quiet \
  --filter "FullyQualifiedName~RandomEvolutionTests" \
  --logger "console;verbosity=detailed"
