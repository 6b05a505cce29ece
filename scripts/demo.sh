#!/usr/bin/env bash
# One command for the demo on a fresh machine: install, build, open the demo call in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
npm run demo -- "$@"
