#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests when it is missing (never a browser download by a test tool).
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0

echo "Installing Debian's chromium for the browser tests (apt-get)…"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo="sudo -n"; else
    echo "chromium is missing and this user cannot install it: run 'apt-get install chromium' as root." >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
[ -x "$chromium" ] || { echo "chromium did not install at $chromium" >&2; exit 1; }
