#!/usr/bin/env bash
# Install the Debian packages the interoperability tests need, when missing: pandoc and
# LibreOffice (the Word oracles), Chromium (the HTML report's browser tests). Idempotent.
set -euo pipefail

missing=()
command -v pandoc >/dev/null 2>&1 || missing+=(pandoc)
if ! command -v soffice >/dev/null 2>&1 && ! command -v libreoffice >/dev/null 2>&1; then
    missing+=(libreoffice-writer-nogui)
fi
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    missing+=(chromium)
fi

if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-system: pandoc, LibreOffice and Chromium already present"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -n)
else
    echo "install-system: need root or sudo to install: ${missing[*]}" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-system: installing ${missing[*]}"
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
command -v pandoc >/dev/null 2>&1
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1
echo "install-system: done"
