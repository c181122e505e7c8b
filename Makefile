# Masthead: `make run` starts the demo newsroom, `make test` runs every check.
# Everything installs into .venv from the lock files; nothing else on the machine is touched
# except where a target says so (bench and CI install Debian packages they need).

PYTHON_BIN := $(shell scripts/find-python)
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve install install-dev test lint format typecheck pytest screenshots bench lock clean-db cluster cluster-test

$(VENV)/bin/activate:
	@test -n "$(PYTHON_BIN)" || (echo "No Python 3.12 or newer found; see README.md." && exit 1)
	$(PYTHON_BIN) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.installed-base: requirements.lock | $(VENV)/bin/activate
	$(UV) pip install --quiet --python $(PY) --require-hashes -r requirements.lock
	@touch $@

$(VENV)/.installed-dev: requirements-dev.lock | $(VENV)/bin/activate
	$(UV) pip install --quiet --python $(PY) --require-hashes -r requirements-dev.lock
	@touch $@ $(VENV)/.installed-base

install: $(VENV)/.installed-base
install-dev: $(VENV)/.installed-dev

## run: install, migrate, load the demo on first start, then serve the site and the worker.
## SITE_URL (every absolute link, and the CMS Site's address) follows HOST and PORT unless set.
run: install
	@mkdir -p var
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --no-input -v0
	DEBUG=$${DEBUG:-1} SITE_URL=$${SITE_URL:-$$(HOST=$(HOST) PORT=$(PORT) $(PY) scripts/dev.py --site-url)} $(PY) manage.py load_demo --first-start
	DEBUG=$${DEBUG:-1} HOST=$(HOST) PORT=$(PORT) $(PY) scripts/dev.py

## serve: production server: granian (WEB_WORKERS processes) with WhiteNoise for static files.
## Needs SECRET_KEY and ALLOWED_HOSTS (see README.md); put deploy/nginx.conf in front of it.
serve: install
	@mkdir -p var
	$(PY) manage.py collectstatic --no-input -v0
	$(PY) manage.py migrate --no-input -v0
	exec $(VENV)/bin/granian --interface wsgi --host $(HOST) --port $(PORT) \
	  --workers $${WEB_WORKERS:-2} --blocking-threads $${WEB_THREADS:-1} --backlog 2048 \
	  --no-access-log config.wsgi:application

## test: lint, type check, migration check and the whole pytest suite.
test: install-dev lint typecheck pytest

## lint: ruff (lint and format), the import contracts (app layering, pyproject [tool.importlinter]),
## the templates (djlint) and the JavaScript (biome: one style, no `var`).
TEMPLATE_DIRS = templates $(wildcard */templates)
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/djlint --lint --quiet $(TEMPLATE_DIRS)
	$(VENV)/bin/biome lint --no-errors-on-unmatched --diagnostic-level=error

## format: rewrite Python and JavaScript in the house style (templates are left as written: a
## reformat would change the HTML readers get).
format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/biome format --write

typecheck: install-dev
	$(VENV)/bin/mypy

pytest: install-dev
	@mkdir -p var
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run -v1
	$(PY) -m pytest $(PYTEST_ARGS)

## cluster: haproxy + two web nodes + two task workers + a narration worker, PostgreSQL, Redis,
## an S3 server (moto) and nginx (deploy/nginx.conf) as the edge, on this machine; Ctrl-C stops it.
## Needs PostgreSQL and Redis running locally and Debian's nginx, haproxy and the purge module.
cluster: install-dev
	$(PY) scripts/cluster.py

## cluster-test: start the cluster and check that its nodes and workers act as one site.
## CLUSTER_PORT_BASE (ports from there up), CLUSTER_DATABASE and CLUSTER_REDIS_URL keep it
## apart from other runs on a shared machine. -s: the checks print their figures as they go.
cluster-test: install-dev
	MASTHEAD_CLUSTER_TEST=1 $(PY) -m pytest tests/cluster -v -s -rfE -p no:cacheprovider --durations=10 $(PYTEST_ARGS)

## screenshots: home, article, news feed and a tag page at 1280 px and 390 px, and the CMS pages a
## reporter and an editor use (new article, submitting, review, newsletter issue and send page)
## at 1280 px, into screenshots/.
screenshots: install-dev
	$(PY) scripts/screenshots.py

## lock: re-pin dependencies after editing pyproject.toml.
lock: | $(VENV)/bin/activate
	$(UV) pip compile pyproject.toml --universal --python-version 3.12 --generate-hashes -q -o requirements.lock
	$(UV) pip compile pyproject.toml --extra dev --universal --python-version 3.12 --generate-hashes -q -o requirements-dev.lock

clean-db:
	rm -rf var/masthead.sqlite3* var/media

## bench: every benchmark; each writes its own section of docs/benchmarks.md.
BENCHES := web live narration respellings newsletters campaigns cluster peers
bench: install-dev
	@for name in $(BENCHES); do \
	  if [ -f scripts/bench/$$name.py ]; then echo "== bench $$name"; $(PY) scripts/bench/$$name.py || exit 1; \
	  else echo "== bench $$name: not written yet"; fi; \
	done

bench-%: install-dev
	$(PY) scripts/bench/$*.py
