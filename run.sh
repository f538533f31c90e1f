#!/usr/bin/env bash
# Runs WellnessBot locally on the embedded SQLite store (./data/wellnessbot.db) on http://localhost:3978, and
# Microsoft's local Teams-like chat (the Microsoft 365 Agents Playground) pointed at it, fully offline.
# On a fresh machine it first installs the pinned npm tools. Stop both with Ctrl+C; however this script ends (Ctrl+C,
# SIGTERM, SIGHUP, or the bot stopping), it stops everything it started: each child runs in a process group of its own.
#   WELLNESSBOT_PORT=3978   PLAYGROUND_PORT=56150   NO_PLAYGROUND=1 (bot only)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

scripts/node-tools.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Storage__ConnectionString="${Storage__ConnectionString:-Data Source=$root/data/wellnessbot.db}"
# The playground's coordinator (see playground/.m365agentsplayground.yml) may use coordinator commands.
export Program__Coordinators__0="${Program__Coordinators__0:-msteams:29:coordinator-eli}"
# No Bot Framework credentials here: the local chat calls the bot on loopback without a token (Development only).
export Bot__AllowUnauthenticatedLocalClients="${Bot__AllowUnauthenticatedLocalClients:-true}"
# Support requests are encrypted; a local key is made once and kept beside the local database.
mkdir -p "$root/data"
if [ -z "${Support__Keys__localdev:-}" ]; then
  [ -s "$root/data/support-dev.key" ] || (umask 077; head -c 32 /dev/urandom | base64 > "$root/data/support-dev.key")
  export Support__Keys__localdev="$(cat "$root/data/support-dev.key")"
fi
# The catalog coordinators edit: the repo's copy, so a saved edit shows up in the running bot within seconds.
export Resources__CatalogPath="${Resources__CatalogPath:-$root/src/Bot/catalog/resources.json}"
port="${WELLNESSBOT_PORT:-3978}"
playground_port="${PLAYGROUND_PORT:-56150}"

dotnet build src/Bot -c Release --nologo -v quiet

# Every child is the leader of a session (setsid), so stopping its process group stops whatever it started in turn
# (dotnet run's app, the playground's node). Asked nicely first, for up to 10 s; then killed.
pids=()
alive() { for pid in "${pids[@]}"; do kill -0 -- "-$pid" 2>/dev/null && return 0; done; return 1; }
stop_children() {
  trap - EXIT INT TERM HUP
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 50); do alive || return 0; sleep 0.2; done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
}
trap stop_children EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

setsid dotnet run --project src/Bot -c Release --no-build --no-launch-profile -- --urls "http://localhost:$port" &
pids+=($!)

for _ in $(seq 1 60); do
  curl -fsS "http://localhost:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "${pids[0]}" 2>/dev/null || { echo "WellnessBot stopped before it was ready (see above)." >&2; exit 1; }
  sleep 0.5
done

if [ "${NO_PLAYGROUND:-}" = "1" ]; then
  echo "WellnessBot is running on http://localhost:$port (health: /healthz; coordinators' console: /console). Ctrl+C stops it."
  wait "${pids[0]}"
  exit
fi

# Offline and headless: no telemetry, no browser launched by the tool itself.
log="$root/data/playground.log"
: >"$log" # never read the last run's port
mkdir -p "$root/data"
(cd playground && exec setsid env TEAMSAPPTESTER_BROWSER=none APPLICATION_INSIGHTS_NO_STATSBEAT=true \
  M365_AGENTS_PLAYGROUND_LOGFILE="$root/data/playground-tool.log" \
  "$root/node_modules/.bin/agentsplayground" --disable-telemetry \
    -e "http://127.0.0.1:$port/api/messages" -c msteams -p "$playground_port" >"$log" 2>&1) &
pids+=($!)

actual=""
for _ in $(seq 1 60); do
  actual=$(sed -n 's/.*Listening on \([0-9]*\).*/\1/p' "$log" | head -n1)
  [ -n "$actual" ] && break
  sleep 0.5
done

echo
echo "  WellnessBot:  http://localhost:$port   (health: http://localhost:$port/healthz)"
echo "  Local chat:   http://localhost:${actual:-$playground_port}   ← open this in your browser"
echo "                You are Ana (a resident). Try: help"
echo "  Console:      http://localhost:$port/console   (coordinators; sign in locally as Eli Coordinator)"
echo "  Ctrl+C stops both."
echo
# Either stopping ends the script, and the exit trap stops the other.
wait -n "${pids[@]}"
