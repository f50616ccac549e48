# The two commands a newcomer needs (see README.md):
#   make run    set up and run the site with sample content on SQLite
#   make test   set up and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: run test setup lint worker lock clean lighthouse audit

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The virtual environment is rebuilt whenever the lock file changes.
$(VENV)/.installed: requirements-dev.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	touch $@

setup: $(VENV)/.installed

run: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) load_initial_content
	$(MANAGE) create_demo_admin
	bash scripts/run_dev.sh

# Mozilla's HTTP Observatory scorer, used offline by tests/security/test_observatory.py.
# Without Node.js the test says it was skipped and why.
tools/observatory/node_modules/.installed: tools/observatory/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  cd tools/observatory && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch node_modules/.installed; \
	else echo "npm not found: tests/security/test_observatory.py will be skipped"; fi

test: setup tools/observatory/node_modules/.installed
	bash scripts/ensure_chromium.sh
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

# Lighthouse scores per page type against production settings (needs npm; not part of CI).
lighthouse: setup
	$(BIN)/python bench/lighthouse.py

# Dependency audit (optional; README "Security"): pip-audit from its own environment, and a
# failure, not a pass, when any pinned package could not be checked. Not a CI step: the
# vulnerability database is not reachable from every machine.
.venv-audit/.installed: requirements-audit.lock
	$(PYTHON) -m venv .venv-audit
	.venv-audit/bin/python -m pip install --quiet -r requirements-audit.lock
	touch $@

audit: .venv-audit/.installed
	$(PYTHON) scripts/audit_dependencies.py --pip-audit .venv-audit/bin/pip-audit requirements.lock

worker: setup
	$(MANAGE) db_worker

# Re-pin every dependency from requirements*.in into the lock files.
lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install --quiet -r requirements.in
	.lockvenv/bin/pip freeze | grep -v '^pip==' > requirements.lock
	.lockvenv/bin/pip install --quiet -r requirements-dev.in
	.lockvenv/bin/pip freeze | grep -v '^pip==' > requirements-dev.lock
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install --quiet -r requirements-audit.in
	.lockvenv/bin/pip freeze | grep -v '^pip==' > requirements-audit.lock
	rm -rf .lockvenv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
