#!/usr/bin/env bash
# Builds the Teams app package (dist/wellnessbot-teams.zip) from manifest/teams/manifest.json, validated against
# Microsoft's schema. Needs the bot's app id and host:  BOT_ID=<MicrosoftAppId> BOT_DOMAIN=bot.example.org ./package-teams.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
scripts/node-tools.sh
exec node scripts/teams-package.mjs "$@"
