# Two commands: `make play` and `make test`. Both set up a local virtual environment first.
# `make dist` builds what players install: the wheel, the sdist and the PyInstaller bundle.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DIST_STAMP := $(VENV)/.dist-stamp
DIST ?= dist

.PHONY: play test test-unit test-install test-dist dist bench pictures assets clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

play: $(STAMP)
	$(PY) -m game $(ARGS)

# The suite, then the wheel built and installed in a fresh virtual environment outside the
# checkout and played from another folder (tests/install; pip needs the package index).
test: test-unit test-install

test-unit: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

test-install: $(STAMP)
	$(PY) -m pytest -m install tests/install

# `make dist`, then the bundle started headless from another folder (a couple of minutes).
test-dist: $(DIST_STAMP)
	$(PY) -m pytest -m dist tests/install

$(DIST_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test,dist]'
	touch $(DIST_STAMP)

# dist/: the wheel and sdist, and dist/flawed/, a one-folder bundle that needs no Python (on
# Linux with flawed.desktop and the icon beside it). The spec is packaging/flawed.spec.
dist: $(DIST_STAMP)
	rm -rf $(DIST) build/pyinstaller
	$(PY) -m build --outdir $(DIST) .
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath $(DIST) --workpath build/pyinstaller packaging/flawed.spec
	if [ "$$(uname -s)" = Linux ]; then cp packaging/flawed.desktop build/icons/flawed.png $(DIST)/flawed/; fi

bench: $(STAMP)
	$(PY) -m benchmarks

assets: $(STAMP)
	$(PY) assets/export.py

pictures: $(STAMP)
	$(PY) docs/make_pictures.py

clean:
	rm -rf $(VENV) build dist *.egg-info
