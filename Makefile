# Two commands: `make play` and `make test`. Both set up a local virtual environment first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: play test bench pictures assets clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

play: $(STAMP)
	$(PY) -m game $(ARGS)

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) -m benchmarks

assets: $(STAMP)
	$(PY) assets/export.py

pictures: $(STAMP)
	$(PY) docs/make_pictures.py

clean:
	rm -rf $(VENV) build *.egg-info
