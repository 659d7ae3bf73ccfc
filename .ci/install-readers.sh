#!/usr/bin/env bash
# Install the two independent Word readers the docx oracle tests use:
# pandoc and LibreOffice (headless). Idempotent: does nothing when both exist.
set -euo pipefail

missing=()
command -v pandoc >/dev/null 2>&1 || missing+=(pandoc)
if ! command -v soffice >/dev/null 2>&1 && ! command -v libreoffice >/dev/null 2>&1; then
    missing+=(libreoffice-writer-nogui)
fi

if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-readers: pandoc and LibreOffice already present"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -n)
else
    echo "install-readers: need root or sudo to install: ${missing[*]}" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-readers: installing ${missing[*]}"
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
command -v pandoc >/dev/null 2>&1
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1
echo "install-readers: done"
