#!/usr/bin/env bash
# Prints the benchmark figures (latency median/p99, throughput) named in the issues.
# Usage: ./bench.sh [all|storage|turns|kudos|kudos-turns|support|resources|slack|safety|console]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
scripts/node-tools.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build tests/WellnessBot.Benchmarks -c Release --nologo -v quiet
exec dotnet run --project tests/WellnessBot.Benchmarks -c Release --no-build -- "${1:-all}"
