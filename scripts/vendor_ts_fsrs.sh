#!/usr/bin/env bash
# Update the vendored ts-fsrs (the browser's FSRS scheduler) from the npm package, at a pinned version:
#   ./scripts/vendor_ts_fsrs.sh 5.4.2
# Takes dist/index.umd.js and LICENSE from `npm pack ts-fsrs@VERSION` (in a temp folder; nothing is
# installed), copies them unchanged into src/archkb/assets/ and records version and SHA-256 in
# src/archkb/assets/vendor.json. The site serves these files; nothing is fetched at run time.
# After an update run the cross-language test: pytest tests/test_quiz_fsrs.py
set -euo pipefail
version="${1:?usage: $0 VERSION (e.g. 5.4.2)}"
root="$(cd "$(dirname "$0")/.." && pwd)"
assets="$root/src/archkb/assets"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "ts-fsrs@$version" >/dev/null && tar xzf "ts-fsrs-$version.tgz")
cp "$tmp/package/dist/index.umd.js" "$assets/ts-fsrs.umd.js"
cp "$tmp/package/LICENSE" "$assets/ts-fsrs.LICENSE.txt"
python3 - "$assets" "$version" <<'PY'
import hashlib, json, pathlib, sys
assets, version = pathlib.Path(sys.argv[1]), sys.argv[2]
digest = lambda name: hashlib.sha256((assets / name).read_bytes()).hexdigest()
record = {"ts-fsrs": {"version": version, "source": f"npm package ts-fsrs@{version}: dist/index.umd.js and LICENSE, unchanged",
                      "license": "MIT", "files": {n: digest(n) for n in ("ts-fsrs.umd.js", "ts-fsrs.LICENSE.txt")}}}
(assets / "vendor.json").write_text(json.dumps(record, indent=2) + "\n")
PY
echo "vendored ts-fsrs $version into $assets"
