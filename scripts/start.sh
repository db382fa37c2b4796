#!/usr/bin/env bash
# Set everything up, check the knowledge base, build the docs site into site/ (swapped in only
# when the strict build succeeds), then serve it with live reload on http://127.0.0.1:8000/.
set -euo pipefail
cd "$(dirname "$0")/.."
ARCHKB_BROWSER=0 ./scripts/setup.sh
.venv/bin/archkb validate
.venv/bin/archkb build
exec .venv/bin/archkb serve "$@"
