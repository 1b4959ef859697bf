# berkas: make setup | make run | make test
PYTHON ?= python3
VENV := .venv
UV := $(VENV)/bin/uv
STAMP := $(VENV)/.installed

.PHONY: setup setup-test run test lint bench clean-venv

setup: system $(STAMP)

system:
	@bash scripts/system-packages.sh runtime

# Bytecode is compiled once here and for the project's own sources before each run: with
# PYTHONDONTWRITEBYTECODE set (as on these machines), every `berkas` process would otherwise compile
# Prefect and the rest from source again (measured: `berkas pending --help` 6.2 s -> 2.8 s).
$(STAMP): requirements.lock pyproject.toml
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	@test -x $(UV) || $(VENV)/bin/pip install -q uv==0.13.9
	$(UV) pip sync -q --compile-bytecode --python $(VENV)/bin/python requirements.lock
	$(UV) pip install -q --python $(VENV)/bin/python --no-deps -e .
	@touch $(STAMP)

setup-test: setup
	@bash scripts/system-packages.sh test

run: setup
	@$(VENV)/bin/python -m compileall -q berkas extractors >/dev/null
	$(VENV)/bin/berkas run

test: setup-test
	@$(VENV)/bin/python -m compileall -q berkas extractors tests >/dev/null
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy extractors berkas
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy extractors berkas

bench: setup-test
	$(VENV)/bin/python bench/read_speed.py --pages 24 --clean 16
	$(VENV)/bin/python bench/cer.py --pages 3
	$(VENV)/bin/python bench/accuracy.py --digital 40 --scanned 8 --photo 6
	$(VENV)/bin/python bench/accuracy.py --heldout
	$(VENV)/bin/python bench/corpora.py -j 2
	$(VENV)/bin/python bench/intake.py
	$(VENV)/bin/python bench/flows.py --runs 3
	$(VENV)/bin/python bench/pictures.py

clean-venv:
	rm -rf $(VENV)
