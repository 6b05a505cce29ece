#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine: Debian's Chromium and Firefox ESR (no browser download),
# ffmpeg/espeak-ng/sox for the demo media and audio decoding, optionally PyTorch for the model
# pipelines and their parity tests (--with-torch), then the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive PUPPETEER_SKIP_DOWNLOAD=1
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
# firefox-esr + xvfb: the Firefox end-to-end test (headless Firefox has no WebGL, so it runs on Xvfb)
packages=(chromium chromium-l10n firefox-esr xvfb ffmpeg espeak-ng sox fonts-dejavu-core)
[ "${1:-}" = --with-torch ] && packages+=(python3-torch python3-numpy)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # The lock file lists every platform's optional packages, so `npm ci` installs it as it is. Should a
  # registry still refuse it, install from it without rewriting it: set-up never modifies tracked files.
  log=$(mktemp)
  if ! npm ci --no-audit --no-fund --loglevel=error 2>"$log"; then
    echo "npm ci refused the lock file ($(grep -m1 'npm error' "$log" || true)); installing without rewriting it" >&2
    npm install --no-audit --no-fund --no-save --package-lock=false --loglevel=error
  fi
  rm -f "$log"
fi
