#!/usr/bin/env bash
# Set everything up, then run the linters and the whole test suite (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
.venv/bin/ruff check src tests scripts
.venv/bin/ruff format --check src tests scripts
.venv/bin/mypy
.venv/bin/archkb validate
.venv/bin/python -m pytest "$@"
