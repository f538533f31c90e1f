#!/usr/bin/env bash
# Runs every WellnessBot test. On a fresh machine it first installs what the tests need: the pinned npm tools
# (Azurite, which the Azure Table Storage tests start on free loopback ports; the Agents Playground and
# playwright-core for the end-to-end tests) and Debian's chromium for the browser test.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Storage]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

scripts/node-tools.sh
scripts/browser.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log="$(mktemp)"
set +e
dotnet test WellnessBot.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for people and CI: totals over every test assembly.
awk '/^(Passed!|Failed!)/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:")  { f += $(i+1) + 0 }
         if ($i == "Passed:")  { p += $(i+1) + 0 }
         if ($i == "Skipped:") { s += $(i+1) + 0 }
       }
       runs++
     }
     END {
       if (runs == 0) { print "tests: 0 passed, 0 failed (no test assembly ran)"; exit }
       printf "tests: %d passed, %d failed, %d skipped\n", p, f, s
     }' "$log"
rm -f "$log"
exit "$status"
