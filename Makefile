# The two set-up commands of the README: `make sample` and `make test`. Each creates the virtual
# environment and installs the project from pyproject.toml the first time.
VENV ?= .venv
PYTHON ?= python3
export PREFECT_SERVER_ANALYTICS_ENABLED = false
export DO_NOT_TRACK = 1

.PHONY: sample test

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e ".[test]"
	touch $@

sample: $(VENV)/.installed
	$(VENV)/bin/khabar run

test: $(VENV)/.installed
	$(VENV)/bin/python -m pytest
