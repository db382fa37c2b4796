#!/usr/bin/env bash
# Idempotent setup: system packages (graphviz, poppler-utils for the PDF tests, Chromium for browser tests)
# where missing, a virtual environment in .venv, archkb with its extras installed into it, and the QTI 1.2.1
# DTD the tests validate the QTI export against (from the pyslet sdist on PyPI, checked by its SHA-256).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v dot >/dev/null 2>&1 || need+=(graphviz)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep -qi "DejaVu Sans" || need+=(fonts-dejavu-core)
if [ "${ARCHKB_BROWSER:-1}" = 1 ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
fi
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "setup: installing ${need[*]} with apt-get" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
stamp=.venv/.archkb-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".[dev]"
  touch "$stamp"
fi

# The QTI 1.2.1 DTD (IMS), as the pyslet sdist ships it for its own tests; only the tests read it.
dtd=.venv/share/archkb/ims_qtiasiv1p2p1.dtd
dtd_sum=c991ca648247cde8f228500a4ffb7e3578505c451f54150f43258b7f1ab445bd
if [ ! -f "$dtd" ] || ! echo "$dtd_sum  $dtd" | sha256sum -c --status; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  .venv/bin/python -m pip download -q --no-deps --no-binary :all: -d "$tmp" pyslet==0.7.20170805 >/dev/null
  tar -xzf "$tmp"/pyslet-0.7.20170805.tar.gz -C "$tmp" pyslet-0.7.20170805/unittests/data_imsqtiv1p2p1/ims_qtiasiv1p2p1.dtd
  mkdir -p "$(dirname "$dtd")"
  echo "$dtd_sum  $tmp/pyslet-0.7.20170805/unittests/data_imsqtiv1p2p1/ims_qtiasiv1p2p1.dtd" | sha256sum -c --status
  cp "$tmp"/pyslet-0.7.20170805/unittests/data_imsqtiv1p2p1/ims_qtiasiv1p2p1.dtd "$dtd"
fi
