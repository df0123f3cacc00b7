#!/usr/bin/env bash
# The one list of checks, in order. .ci/run runs every stage; GitHub Actions
# (.github/workflows/site.yml) runs the same stages, one step each, so the two cannot drift apart
# (tests/test_workflow.py compares the workflow's steps with `--list`).
#
#   bash scripts/ci-checks.sh                   every stage, in order
#   bash scripts/ci-checks.sh data format       only the stages named, in the order given
#   bash scripts/ci-checks.sh --data DIR data   check another data folder (a test's, a pull request's)
#   bash scripts/ci-checks.sh --list            print the stage names, in order
#
# On GitHub Actions (GITHUB_ACTIONS=true) the data stage also prints each problem as an annotation
# on the exact line of the data file. A pull request that changes only data/ gets the quick path:
# setup without the browser and Node tools, and only the tests that read data/ (`--data-only`
# prints yes or no); the full suite runs on every other change and on main.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1

STAGES=(setup data format lint tests build)
DATA_DIR=data

# A pull request whose every changed file is under data/ (VOLIA_CHANGED_FILES, one per line, stands
# in for git's list in tests).
data_only_change() {
  [[ "${GITHUB_EVENT_NAME:-}" == pull_request ]] || return 1
  local changed="${VOLIA_CHANGED_FILES-}"
  if [[ -z "${VOLIA_CHANGED_FILES+set}" ]]; then
    [[ -n "${GITHUB_BASE_REF:-}" ]] || return 1
    changed="$(git diff --name-only "origin/$GITHUB_BASE_REF...HEAD")" || return 1
  fi
  [[ -n "$changed" ]] && ! grep -qv '^data/' <<<"$changed"
}

# The tests that read the repository's data/ (the others read fixtures and code, which did not change).
data_tests() { grep -l -e 'ROOT / "data"' -e 'DEFAULT_DATA' tests/test_*.py; }

stage_setup() {
  if data_only_change; then
    echo "only data/ changed: the Python tools only (no browser tests will run)"
    make setup
    return
  fi
  make setup node
  # GitHub's Ubuntu runners ship Google Chrome but no Debian Chromium, and Ubuntu's `chromium`
  # package is a snap; the browser tests expect /usr/bin/chromium, so Chrome stands in there.
  if [[ -n "${GITHUB_ACTIONS:-}" && ! -x /usr/bin/chromium && -x /usr/bin/google-chrome ]]; then
    sudo ln -s "$(readlink -f /usr/bin/google-chrome)" /usr/bin/chromium
  fi
  make browser
}

stage_data()   { .venv/bin/volia --data "$DATA_DIR" check ${GITHUB_ACTIONS:+--github}; }
stage_format() { .venv/bin/volia --data "$DATA_DIR" fmt --check; }
stage_lint() {
  .venv/bin/ruff check volia hooks tests bench
  .venv/bin/mypy volia hooks
  # The layer contract (pyproject.toml, [tool.importlinter]): no import reaches up a layer, and
  # nothing in the package but the build command imports MkDocs.
  .venv/bin/lint-imports --no-cache
}
stage_build() {
  .venv/bin/volia --data "$DATA_DIR" build --site site
  # A pull request's run summary lists the pages it changes, to open from the built site's artifact.
  if [[ -n "${GITHUB_STEP_SUMMARY:-}" && "${GITHUB_EVENT_NAME:-}" == pull_request && -n "${GITHUB_BASE_REF:-}" ]]; then
    local before
    before="$(mktemp -d)"
    for name in prisoners facilities; do
      git show "origin/$GITHUB_BASE_REF:data/$name.yaml" > "$before/$name.yaml" 2>/dev/null || rm -f "$before/$name.yaml"
    done
    .venv/bin/volia --data "$DATA_DIR" changed-pages --before "$before" \
      --artifact "site-${VOLIA_PR_NUMBER:-pr}" >> "$GITHUB_STEP_SUMMARY"
  fi
}

stage_tests() {
  # Some tests run single stages of this script; none may start the test suite again.
  if [[ -n "${VOLIA_CI_TESTS_RUNNING:-}" ]]; then
    echo "ci-checks.sh: the tests stage was started from inside the test suite; refusing to recurse" >&2
    return 2
  fi
  if data_only_change; then
    echo "only data/ changed: the tests that read data/ ($(data_tests | wc -l) files); the build follows"
    # shellcheck disable=SC2046  # one argument per file name; the names have no spaces
    VOLIA_CI_TESTS_RUNNING=1 .venv/bin/pytest -q -m "not browser" $(data_tests)
    return
  fi
  VOLIA_CI_TESTS_RUNNING=1 make test
}

selected=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --list) printf '%s\n' "${STAGES[@]}"; exit 0 ;;
    --data) [[ $# -ge 2 ]] || { echo "ci-checks.sh: --data needs a folder" >&2; exit 2; }
            DATA_DIR="$2"; shift 2 ;;
    --data-only) if data_only_change; then echo yes; else echo no; fi; exit 0 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) if [[ " ${STAGES[*]} " == *" $1 "* ]]; then
         selected+=("$1"); shift
       else
         echo "ci-checks.sh: unknown stage '$1'; the stages are: ${STAGES[*]}" >&2; exit 2
       fi ;;
  esac
done
[[ ${#selected[@]} -gt 0 ]] || selected=("${STAGES[@]}")

for stage in "${selected[@]}"; do
  echo "== $stage"
  "stage_$stage"
done
