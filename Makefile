# finsam: two commands do all set-up on a fresh machine with Python 3.11 and make.
#   make demo   creates .venv, installs finsam, imports the example journals, prints them
#   make test   creates/updates .venv, installs with the test extra, lints, type-checks, tests

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO   := demo
PKGS   := finsam_es commands projections cli

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	@rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(BIN)/finsam --db $(DEMO)/harnosand-timra-2020.db import examples/harnosand-timra-2020.toml
	$(BIN)/finsam --db $(DEMO)/harnosand-timra-2020.db board --as-of 2020-08-28
	$(BIN)/finsam --db $(DEMO)/harnosand-timra-2020.db minutes 2020-08-28
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db import examples/solleftea-2024.toml
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db board --as-of 2024-12-31
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db minutes 2023-11-23
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db budget --year 2024 --as-of 2024-12-31
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db result --year 2024 --as-of 2024-12-31
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db interventions --as-of 2024-12-31
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db equity --as-of 2024-12-31
	$(BIN)/finsam --db $(DEMO)/harnosand-timra-2018.db import examples/harnosand-timra-2018.toml
	$(BIN)/finsam --db $(DEMO)/harnosand-timra-2018.db budget --year 2018 --as-of 2018-01-01
	$(BIN)/finsam --db $(DEMO)/harnosand-timra-2018.db interventions --as-of 2018-01-01

lint: $(VENV)/.installed-test
	$(BIN)/ruff check $(PKGS) tests benchmarks
	$(BIN)/ruff format --check $(PKGS) tests benchmarks
	$(BIN)/mypy $(PKGS)

test: lint
	$(BIN)/pytest --cov --cov-report=term tests
	@printf "coverage of finsam_es/ and projections/ (must stay above 90 %%): "
	@$(BIN)/coverage report --include='finsam_es/*,projections/*' --fail-under=90 --format=total

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .mypy_cache .ruff_cache .coverage
