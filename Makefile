# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run vendor-js test typecheck test-far-clock test-prerequisites venv lint bench cluster worker migrations certificate-samples clean

# The product with its dev extra, and the LINE platform emulator (a development tool the product does not ship).
$(STAMP): pyproject.toml line_emulator/pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]' -e ./line_emulator
	@touch $(STAMP)

venv: $(STAMP)

## Serve on http://127.0.0.1:8000 (PORT overrides) with embedded PostgreSQL + Redis under DATA_DIR (./data), the demo (development, demo accounts and data).
run: $(STAMP)
	$(BIN)/python -m app serve --demo $(if $(PORT),--port $(PORT),) $(if $(EMPTY),--empty,)

## The types (mypy, [tool.mypy] in pyproject.toml), then the whole suite against real PostgreSQL and Redis
## (throwaway servers unless DATABASE_URL/REDIS_URL are set).
test: test-prerequisites typecheck
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## mypy over app/, backend/, bot/ and nlu/ (its cache in .mypy_cache).
typecheck: $(STAMP)
	$(BIN)/mypy

## The suite twice more, with the machine's clock a year ahead and at Buddhist-era New Year (tests/far_clock.py).
test-far-clock: test-prerequisites
	$(BIN)/python -m tests.far_clock $(PYTEST_ARGS)

## What the suite needs besides Python packages (Chromium, poppler's pdftoppm): installed as root, else named.
test-prerequisites: $(STAMP)
	$(BIN)/python -m tests.prerequisites

## ruff, the import contracts between app/, bot/, backend/ and nlu/ (pyproject.toml; also run by make test), and mypy.
lint: $(STAMP) typecheck
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-logo

worker: $(STAMP)
	$(BIN)/python -m app worker

migrations: $(STAMP)
	$(BIN)/python -m backend makemigrations

## The sample certificates in docs/ (a one-day and a three-day course), rendered again from the PDF (needs pdftoppm).
certificate-samples: $(STAMP)
	$(BIN)/python -m backend certificate-samples docs

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

## 2 web processes + 2 workers + the LINE emulator against DATABASE_URL / REDIS_URL (local servers by default).
cluster: $(STAMP)
	$(BIN)/python bench/cluster.py

## Apache ECharts for the admin's charts, from the npm registry at the version package.json pins (package-lock.json),
## copied to backend/admin/static/vendor/ (committed: the product serves it itself, never from a CDN).
vendor-js:
	npm ci --no-audit --no-fund
	cp node_modules/echarts/dist/echarts.min.js backend/admin/static/vendor/echarts.min.js
	cp node_modules/echarts/LICENSE backend/admin/static/vendor/echarts.LICENSE.txt

clean:
	rm -rf $(VENV) data
