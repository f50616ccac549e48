#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (browsers cannot be downloaded by Playwright here).
# Install it when it is missing and we are allowed to; otherwise say what to do.
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "Chromium is missing: run 'apt-get install chromium' as root, then 'make test' again." >&2
      exit 1
    fi
  fi
  echo "Installing Debian's chromium package for the browser tests..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
else
  echo "Chromium is missing at $CHROMIUM. Install it, or set CHROMIUM_PATH." >&2
  exit 1
fi
