#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine: Debian's Chromium (no browser download),
# ffmpeg/espeak-ng/sox for the demo media and audio decoding, optionally PyTorch for the model
# pipelines and their parity tests (--with-torch), then the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive PUPPETEER_SKIP_DOWNLOAD=1
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
packages=(chromium ffmpeg espeak-ng sox fonts-dejavu-core)
[ "${1:-}" = --with-torch ] && packages+=(python3-torch python3-numpy)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # The registry mirror here lacks the other platforms' optional packages (e.g. rollup's), which
  # the lock file then cannot list, and `npm ci` refuses such a lock: install from it instead.
  npm ci --no-audit --no-fund || npm install --no-audit --no-fund
fi
