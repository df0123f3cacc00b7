#!/usr/bin/env bash
# Lighthouse scores (performance, accessibility, best practices, SEO) for the home page, the list of
# people, a person's page (one with an envelope to write on), the statistics and one essay. A report to read, not a test: scores move with the
# machine's speed. Aim: 95 or more in each.
#
#   scripts/lighthouse.sh              build the site into a temporary folder, then measure it
#   scripts/lighthouse.sh SITE_DIR     measure a site already built (volia build --site SITE_DIR)
#
# The site is served on 127.0.0.1 with gzip, as GitHub Pages serves it (tests/browser.py's server).
# Lighthouse runs Debian's Chromium (CHROME_PATH); npx fetches lighthouse@12.2.3 from npm once.
# Reports (JSON) stay in $LIGHTHOUSE_OUT, a temporary folder unless set.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1

SITE="${1:-}"
if [ -z "$SITE" ]; then
  SITE="$(mktemp -d)/site"
  .venv/bin/volia build --site "$SITE" >/dev/null
fi
SITE="$(cd "$SITE" && pwd)"
OUT="${LIGHTHOUSE_OUT:-$(mktemp -d)}"
mkdir -p "$OUT"
RECORD="$(cd "$SITE" && grep -l 'volia-envelope' prisoners/*.html | grep -v '/index.html$' | head -n 1)"
PAGES=(index.html prisoners/index.html "$RECORD" statistics.html strategies/negotiate.html)

# Serve the site from a helper process; it prints its address, then serves until killed.
.venv/bin/python - "$SITE" > "$OUT/server.txt" <<'PY' &
import sys, threading
sys.path.insert(0, "tests")
from pathlib import Path
from browser import http_server
with http_server(Path(sys.argv[1]), compress=True) as base:
    print(base, flush=True)
    threading.Event().wait()
PY
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$OUT/server.txt" ] && break; sleep 0.1; done
BASE="$(head -n 1 "$OUT/server.txt")"

export CHROME_PATH=/usr/bin/chromium
FLAGS="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking"
FLAGS="$FLAGS --disable-component-update --disable-sync"
for page in "${PAGES[@]}"; do
  name="$(echo "$page" | tr '/.' '__')"
  npx --yes lighthouse@12.2.3 "$BASE$page" --quiet --output=json --output-path="$OUT/$name.json" \
    --only-categories=performance,accessibility,best-practices,seo --chrome-flags="$FLAGS" \
    || echo "lighthouse failed on $page" >&2
done

.venv/bin/python - "$OUT" "${PAGES[@]}" <<'PY'
import json, sys
from pathlib import Path
out, pages = Path(sys.argv[1]), sys.argv[2:]
keys = ("performance", "accessibility", "best-practices", "seo")
print(f"{'page':<40}" + "".join(f"{k:>16}" for k in keys))
for page in pages:
    report = out / (page.replace("/", "_").replace(".", "_") + ".json")
    if not report.exists():
        print(f"{page:<40} (no report)")
        continue
    data = json.loads(report.read_text())
    scores = [data["categories"][k]["score"] for k in keys]
    print(f"{page:<40}" + "".join(f"{round(s * 100) if s is not None else '-':>16}" for s in scores))
    for k in keys:  # what cost points, so that the number says what to fix
        for ref in data["categories"][k]["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 0.9:
                print(f"    {k}: {audit['id']} ({audit['score']}) {audit.get('displayValue', '')}")
print(f"reports: {out}")
PY
