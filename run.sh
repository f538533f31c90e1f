#!/usr/bin/env bash
# Runs WellnessBot locally on the embedded SQLite store (./data/wellnessbot.db), on http://localhost:3978.
# On a fresh machine it first installs the pinned npm tools. Stop with Ctrl+C.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

scripts/node-tools.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Storage__ConnectionString="${Storage__ConnectionString:-Data Source=$root/data/wellnessbot.db}"
port="${WELLNESSBOT_PORT:-3978}"

dotnet build src/Bot -c Release --nologo -v quiet
echo
echo "WellnessBot is starting on http://localhost:$port (health: http://localhost:$port/healthz)"
echo "Store: embedded SQLite at ${Storage__ConnectionString#Data Source=}"
echo
exec dotnet run --project src/Bot -c Release --no-build --no-launch-profile -- --urls "http://localhost:$port"
