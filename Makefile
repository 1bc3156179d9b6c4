# Publish UN meeting documents in six languages.
#
#   make              set up (.venv, Debian packages) and build HTML + PDF of every language
#   make test         set up, then run the whole test suite
#   make html         HTML of every language, the landing page and the status page
#   make latexpdf     PDF of every language (_build/pdf/<symbol>_<L>.pdf)
#   make gettext      extract the message templates (_build/gettext/*.pot)
#   make update-po    bring every catalogue in line with the templates, nothing lost
#   make check        quality checks over every catalogue (file:line for each finding)
#   make stats        translated / fuzzy / untranslated per language and document
#   make xliff        export XLIFF 1.2 per language and document (_build/xliff)
#   make assemble     merge sharded builds: make assemble SHARDS="../a/_build ../b/_build"
#   make serve        serve the site on 127.0.0.1:$(PORT), rebuilt in place on every save
#   make bench        benchmark against the plain sphinx-build loop
#   make lint         ruff
#   make clean        remove _build
#   make help         this list
#
# LANGUAGES="fr ar" restricts any target; JOBS=N sets how many languages build at once;
# SHARD=K/N makes html and latexpdf build only shard K of N of the languages.

# -- settings you may override -----------------------------------------------------------
LANGUAGES ?= ar zh_CN en fr ru es
JOBS      ?=
SHARD     ?=
SHARDS    ?=
PYTHON    ?= python3
PYTEST_ARGS ?=
PORT      ?= 8000

# -- fixed -------------------------------------------------------------------------------
VENV      := .venv
BIN       := $(VENV)/bin
CLI       := $(BIN)/meetingdocs --languages "$(LANGUAGES)"
JOBS_ARG  := $(if $(JOBS),--jobs $(JOBS),)
SHARD_ARG := $(if $(SHARD),--shard $(SHARD),)
SETUP     := $(VENV)/.system $(VENV)/.installed
# Debian's package database: installing or removing a package makes the check run again.
DPKG_STATUS := $(wildcard /var/lib/dpkg/status)

.DEFAULT_GOAL := all

.PHONY: all
all: html latexpdf

.PHONY: help
help:
	@sed -n 's/^#   //p' Makefile

.PHONY: system
system:
	@$(PYTHON) tools/system.py

# Stamped like .installed: a build whose packages are in place runs no dpkg-query.
$(VENV)/.system: tools/system.py meetingdocs/publish/debian.toml $(DPKG_STATUS)
	@$(PYTHON) tools/system.py
	@mkdir -p $(VENV) && touch $@

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --config-settings editable_mode=compat -e '.[test]'
	@touch $@

.PHONY: html
html: $(SETUP)
	$(CLI) build --formats html $(JOBS_ARG) $(SHARD_ARG)

.PHONY: latexpdf
latexpdf: $(SETUP)
	$(CLI) build --formats pdf $(JOBS_ARG) $(SHARD_ARG)

.PHONY: gettext
gettext: $(SETUP)
	$(CLI) gettext

.PHONY: update-po
update-po: $(SETUP)
	$(CLI) update-po

.PHONY: check
check: $(SETUP)
	$(CLI) check

.PHONY: stats
stats: $(SETUP)
	$(CLI) stats

.PHONY: xliff
xliff: $(SETUP)
	$(CLI) xliff

# Runs neither Sphinx nor LaTeX: the Debian packages are not needed.
.PHONY: assemble
assemble: $(VENV)/.installed
	$(if $(strip $(SHARDS)),,$(error SHARDS="dir1 dir2" names the shards' _build folders))
	$(CLI) assemble $(SHARDS)

.PHONY: serve
serve: $(SETUP)
	$(CLI) serve --port $(PORT)

.PHONY: bench
bench: $(SETUP)
	$(BIN)/python bench/run.py

.PHONY: lint
lint: $(SETUP)
	$(BIN)/ruff check meetingdocs tests tools $(wildcard bench)

.PHONY: test
test: $(SETUP)
	$(BIN)/ruff check meetingdocs tests tools $(wildcard bench)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

.PHONY: clean
clean:
	rm -rf _build
