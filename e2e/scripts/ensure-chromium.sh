#!/bin/sh
# The browser tests drive Debian's Chromium (Playwright's own download needs the internet).
# Installs it when missing; apt-get needs root, which this project's machines give.
set -eu
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing at $chromium: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH." >&2
  exit 1
fi
echo "installing Chromium (apt-get install chromium) ..."
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
