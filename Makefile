# CoachBot developer commands. `make help` lists them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run chat migrate test lint format bench clean

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## create .venv and install the project with its dev tools

run: $(STAMP) ## run the bot (with BOT_TOKEN), or the offline sandbox chat (without)
	$(BIN)/coachbot

chat: $(STAMP) ## chat with the bot offline in this terminal
	$(BIN)/coachbot chat

migrate: $(STAMP) ## bring DATABASE_URL's schema up to date
	$(BIN)/coachbot migrate

test: $(STAMP) ## run the test suite (PostgreSQL/Redis too when COACHBOT_TEST_* are set)
	$(BIN)/pytest

lint: $(STAMP) ## ruff (lint and format check), mypy --strict, import-linter
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/lint-imports

bench: $(STAMP) ## benchmarks on seeded data in var/bench/ (PostgreSQL too if up); writes BENCHMARKS.md
	$(BIN)/python -m bench

format: $(STAMP) ## format the code
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
