#!/usr/bin/env bash
# Set everything up, check the knowledge base, then build the docs site and serve it with live reload.
set -euo pipefail
cd "$(dirname "$0")/.."
ARCHKB_BROWSER=0 ./scripts/setup.sh
.venv/bin/archkb validate
