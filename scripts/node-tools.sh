#!/usr/bin/env bash
# Installs the pinned npm tools (Azurite, the Agents Playground, playwright-core, the Teams manifest schemas and ajv) into ./node_modules
# when they are missing or package-lock.json changed. Safe to run again: it does nothing when up to date.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "WellnessBot needs Node.js 20+ and npm for its local tools (Azurite, the Agents Playground)." >&2
  echo "Install them (for example: apt-get install nodejs npm) and run this again." >&2
  exit 1
fi

stamp=node_modules/.wellnessbot-lock
if [ -x node_modules/.bin/azurite-table ] && [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
  exit 0
fi
echo "Installing pinned npm tools (npm ci)…"
npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json "$stamp"
