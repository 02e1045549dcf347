#!/usr/bin/env bash
# Makes sure Debian's chromium is at /usr/bin/chromium: the browser tests drive it through
# Playwright instead of downloading a browser. Safe to run again: an installed one is left alone.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "chromium: already installed"
  exit 0
fi

echo "chromium: installing the Debian package"
export DEBIAN_FRONTEND=noninteractive
SUDO=()
[ "$(id -u)" -eq 0 ] || SUDO=(sudo)
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
[ -x /usr/bin/chromium ] || { echo "chromium: the package installed but /usr/bin/chromium is missing" >&2; exit 1; }
