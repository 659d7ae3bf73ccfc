#!/usr/bin/env bash
# Install headless Chromium (Debian's `chromium` package) for the HTML report's browser
# tests. Idempotent: does nothing when chromium exists.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
    echo "install-browser: chromium already present"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -n)
else
    echo "install-browser: need root or sudo to install chromium" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-browser: installing chromium"
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
command -v chromium >/dev/null 2>&1
echo "install-browser: done"
