# berkas: make setup | make run | make test
PYTHON ?= python3
VENV := .venv
UV := $(VENV)/bin/uv
STAMP := $(VENV)/.installed

.PHONY: setup setup-test run test lint bench clean-venv

setup: system $(STAMP)

system:
	@bash scripts/system-packages.sh runtime

$(STAMP): requirements.lock pyproject.toml
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	@test -x $(UV) || $(VENV)/bin/pip install -q uv==0.13.9
	$(UV) pip sync -q --python $(VENV)/bin/python requirements.lock
	$(UV) pip install -q --python $(VENV)/bin/python --no-deps -e .
	@touch $(STAMP)

setup-test: setup
	@bash scripts/system-packages.sh test

run: setup
	$(VENV)/bin/berkas run

test: setup-test
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check berkas extractors flows tests bench
	$(VENV)/bin/mypy berkas extractors flows

bench: setup
	$(VENV)/bin/python bench/run_all.py

clean-venv:
	rm -rf $(VENV)
