# The two commands a newcomer needs: `make run` and `make test`.
# Everything else: `make test-stress`, `make bench`, `make bench-scale`, `make screenshots`,
# `make examples`, `make lint`, `make dist`, `make dist-test`, `make dist-nuitka`, `make clean`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-stress bench bench-scale screenshots examples lint dist dist-test dist-nuitka clean

# A clean clone gets its own virtualenv with the pinned dependencies (constraints.txt).
$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip==26.3
	$(PY) -m pip install -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

# The window over the demo database (synthetic patients, created on first use).
run: $(STAMP)
	$(PY) -m netboard --demo

# The whole suite: domain, database (SQLite and a throwaway PostgreSQL), window, reports, CLI.
test: $(STAMP)
	$(PY) -m pytest

# The stress tier (tests marked `stress`, a few minutes): 32 writers for 30 s, 50 trials per race,
# SIGKILL during `db encrypt`, the wheel installed and run outside the checkout. CI runs it after
# `make test`.
test-stress: $(STAMP)
	$(PY) -m pytest -m stress

# Demo databases of 1,000 / 10,000 / 100,000 patients (cached in benchmarks/.cache) and timings.
bench: $(STAMP)
	$(PY) -m benchmarks

# One million patients on SQLite and on PostgreSQL (built once, cached; the first run takes a while),
# measured side by side: search keystrokes, pages, the largest case, start-up.
bench-scale: $(STAMP)
	nice -n 10 $(PY) -m benchmarks.scale

# Developer tools (tools/, not shipped): the README's screenshots and the example PDFs, both from
# fresh synthetic demo databases.
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m tools.screenshots docs/screenshots

examples: $(STAMP)
	$(PY) -m tools.examples docs/examples

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy netboard
	$(VENV)/bin/lint-imports

# The one-folder app build (PyInstaller, packaging/netboard.spec): dist/netboard/netboard is the
# window and the command line. `make dist-test` builds it and runs it from outside the checkout.
DIST_STAMP := $(VENV)/.dist-installed
$(DIST_STAMP): $(STAMP)
	$(PY) -m pip install -q -c constraints.txt -e '.[dist]'
	touch $(DIST_STAMP)

dist: $(DIST_STAMP)
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN \
	  --workpath build/pyinstaller --distpath dist packaging/netboard.spec

dist-test: dist
	packaging/smoke-test dist/netboard/netboard

# The same one-folder app built with Nuitka instead (build/nuitka/main.dist/), for the comparison
# in the README; needs gcc and patchelf, and far longer than `make dist`; not part of CI.
NUITKA_STAMP := $(VENV)/.nuitka-installed
$(NUITKA_STAMP): $(STAMP)
	$(PY) -m pip install -q -c constraints.txt -e '.[nuitka]'
	touch $(NUITKA_STAMP)

dist-nuitka: $(NUITKA_STAMP)
	nice -n 15 packaging/nuitka-build
	packaging/smoke-test build/nuitka/main.dist/netboard-app

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache benchmarks/.cache build dist
