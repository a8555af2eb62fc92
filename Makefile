# finsam: two commands do all set-up on a fresh machine with Python 3.11 and make.
#   make demo   creates .venv, installs finsam, imports the example journals, prints them,
#               and writes the protokoll of 2023-11-23 as PDF and a PNG of its first page,
#               the year 2024's archive package (E-ARK SIP, docs/archive.md),
#               screenshots of the web view (when Debian's chromium is installed), and prints
#               the command that opens the web view (finsam serve)
#   make test   creates/updates .venv, installs with the test extra, lints, type-checks, tests
# Installs take their versions from constraints.txt (make lock refreshes it), so a
# fresh machine gets the same libraries and tools as the last developer did.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO   := demo
PKGS   := finsam_es store commands projections cli web
PIP    := $(BIN)/python -m pip install --quiet --constraint constraints.txt
PIP_VERSION := 26.3

.PHONY: demo test fast lint bench bench-quick lock mutants clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip==$(PIP_VERSION)

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e '.[test]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-dev: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e '.[test,dev]'
	touch $@ $(VENV)/.installed-test $(VENV)/.installed

demo: $(VENV)/.installed
	@rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(BIN)/finsam --db $(DEMO)/harnosand-timra-2020.db import examples/harnosand-timra-2020.toml
	$(BIN)/finsam --db $(DEMO)/harnosand-timra-2020.db board --as-of 2020-08-28
	$(BIN)/finsam --db $(DEMO)/harnosand-timra-2020.db minutes 2020-08-28
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db import examples/solleftea-2024.toml
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db board --as-of 2024-12-31
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db minutes 2023-11-23
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db minutes 2023-11-23 --format pdf --output $(DEMO)/protokoll-2023-11-23.pdf
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db minutes 2023-11-23 --format png --output $(DEMO)/protokoll-2023-11-23.png
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db meetings
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db budget --year 2024 --as-of 2024-12-31
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db result --year 2024 --as-of 2024-12-31
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db interventions --as-of 2024-12-31
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db equity --as-of 2024-12-31
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db report resultatrakning --year 2024 --unit tkr
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db report annual --year 2024 --output $(DEMO)/solleftea-arsredovisning-2024.pdf
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db report all --year 2024 --unit tkr --format xlsx --output $(DEMO)/solleftea-2024.xlsx
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db export sie --year 2024 --output $(DEMO)/solleftea-2024.se
	$(BIN)/finsam --db $(DEMO)/solleftea-2024.db archive --year 2024 --output $(DEMO)/solleftea-arkiv-2024.zip
	$(BIN)/finsam --db $(DEMO)/harnosand-timra-2018.db import examples/harnosand-timra-2018.toml
	$(BIN)/finsam --db $(DEMO)/harnosand-timra-2018.db budget --year 2018 --as-of 2018-01-01
	$(BIN)/finsam --db $(DEMO)/harnosand-timra-2018.db interventions --as-of 2018-01-01
	@# the web view: screenshots in Debian's chromium when it is installed (playwright: the browser extra)
	@if [ -x /usr/bin/chromium ]; then $(PIP) playwright && \
		$(BIN)/python -m web.browser $(DEMO)/solleftea-2024.db $(DEMO); \
	else echo "no screenshots of the web view under $(DEMO)/: Debian's chromium is not installed (apt-get install chromium)"; fi
	@echo "The web view of the Sollefteå example: $(BIN)/finsam --db $(DEMO)/solleftea-2024.db serve  (then open http://127.0.0.1:8000/)"
	@echo "The board's workspace (sign-in, roles, forms): make the first account, then serve the same store:"
	@echo "  $(BIN)/finsam --db $(DEMO)/solleftea-2024.db user add sekreteraren --role sekreterare --forbund solleftea"
	@echo "  $(BIN)/finsam --db $(DEMO)/solleftea-2024.db user grant sekreteraren --role admin --forbund solleftea"
	@echo "  $(BIN)/finsam --db $(DEMO)/solleftea-2024.db serve  (then open http://127.0.0.1:8000/login; the password is the one you typed)"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check $(PKGS) tests benchmarks
	$(BIN)/ruff format --check $(PKGS) tests benchmarks
	$(BIN)/mypy $(PKGS) tests benchmarks

# The postgres extra (psycopg) for the suite's second run on PostgreSQL.
$(VENV)/.installed-postgres: pyproject.toml constraints.txt $(VENV)/.installed-test
	$(PIP) -e '.[test,postgres]'
	touch $@

test: lint $(VENV)/.installed-postgres
	@# the hledger export is checked by Debian's hledger (skipped when it cannot be installed)
	@command -v hledger >/dev/null || { apt-get update -qq && apt-get install -y -qq hledger >/dev/null; } \
		|| echo "hledger could not be installed: tests/test_exports.py skips its check"
	@# the spreadsheets are read by LibreOffice headless (tests/test_libreoffice.py skips without it)
	@command -v soffice >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null; } \
		|| echo "LibreOffice could not be installed: tests/test_libreoffice.py skips"
	@# the web view is tested in Debian's chromium (tests/test_web_browser.py skips without it)
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; } \
		|| echo "chromium could not be installed: tests/test_web_browser.py skips"
	@# the archive package is checked by eark-validator in a venv of its own (it pins lxml
	@# 5.1.0, pyHanko needs 5.4): tests/test_archive_eark.py skips when it cannot be made
	@test -x .venv-eark/bin/eark-validator || { $(PYTHON) -m venv .venv-eark \
		&& .venv-eark/bin/python -m pip install --quiet eark-validator==1.1.3; } \
		|| echo "eark-validator could not be installed: tests/test_archive_eark.py skips"
	@# the workspace's pages are checked by axe-core in chromium (npm; the tests skip without it)
	@test -f .axe/node_modules/axe-core/axe.min.js || npm install --silent --prefix .axe axe-core@4.14.1 \
		|| echo "axe-core could not be installed: the workspace's axe checks skip"
	@# The suite runs twice with a throw-away PostgreSQL server on loopback (installed
	@# when missing, stopped also when a test fails): on SQLite (the PostgreSQL-only tests
	@# use the server), then with every test store on PostgreSQL.
	tests/with_postgres.sh sh -c '$(BIN)/pytest --cov --cov-report=term tests \
		&& FINSAM_TEST_BACKEND=postgres $(BIN)/pytest -p no:cacheprovider tests'
	@# store/ was part of finsam_es/ when the gate was set: the gate still covers its files
	@printf "coverage of finsam_es/, store/ and projections/ (must stay above 90 %%): "
	@$(BIN)/coverage report --include='finsam_es/*,store/*,projections/*' --fail-under=90 --format=total

# The fast layer: everything but the property and whole-store tests (a few seconds).
fast: $(VENV)/.installed-test
	$(BIN)/pytest -q -m "not slow" tests

# The benchmark of docs/performance.md (CI runs neither): 10k, 100k and 1M events and a
# förbund with 100 years, side by side with the library alone, raw SQLite, hledger and
# PostgreSQL (each when installed); under 20 minutes on the project's 2-core machine.
bench: $(VENV)/.installed-postgres
	$(BIN)/python benchmarks/bench.py
	@# the workspace's pages and form posts on 1M events (issue 22: p99 <= 100 ms / 200 ms)
	$(BIN)/python benchmarks/web_workspace.py

# The same at 100k events only, under 2 minutes: before a change to the write or read path.
bench-quick: $(VENV)/.installed-postgres
	$(BIN)/python benchmarks/bench.py --quick
	$(BIN)/python benchmarks/web_workspace.py --size 100k

# Refresh constraints.txt: resolve the newest versions pyproject.toml allows in a
# throw-away venv and pin them all. Review the diff, run make test, commit both.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet pip==$(PIP_VERSION)
	.lock-venv/bin/python -m pip install --quiet -e '.[test,dev,postgres]'
	{ echo "# Pinned versions of every library and tool finsam installs; make lock refreshes it."; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^#'; } > constraints.txt
	rm -rf .lock-venv

# Mutation testing of the money and governance rules (see docs/architecture.md).
mutants: $(VENV)/.installed-dev
	$(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut results

clean:
	rm -rf $(VENV) .venv-eark $(DEMO) .pytest_cache .mypy_cache .ruff_cache .coverage mutants .lock-venv
