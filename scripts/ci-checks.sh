#!/usr/bin/env bash
# The one list of checks, in order. GitHub Actions (.github/workflows/site.yml) and .ci/run both
# call this script, so the two cannot drift apart.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1

echo "== setup";        make setup
echo "== data check";   .venv/bin/volia check ${GITHUB_ACTIONS:+--github}
echo "== data format";  .venv/bin/volia fmt --check
echo "== lint";         .venv/bin/ruff check volia hooks tests bench
echo "== tests";        make test
echo "== site build";   .venv/bin/volia build --site site
