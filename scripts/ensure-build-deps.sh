#!/usr/bin/env bash
# Debian packages that pip needs to build the pinned packages which ship no wheel: PyICU compiles
# against the system's ICU (libicu-dev, found through pkg-config). Installed only when missing.
set -euo pipefail
if command -v pkg-config >/dev/null && pkg-config --exists icu-i18n && command -v g++ >/dev/null; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "Installing Debian's ICU headers and pkg-config to build PyICU..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libicu-dev pkg-config g++ >/dev/null
