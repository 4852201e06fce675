# Two commands for a newcomer: `make run` and `make test`. Each builds .venv when needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test check lint eval bench clean try-telegram

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

run: $(VENV)/.installed  ## the bot: Telegram when TELEGRAM_BOT_TOKEN is set, else the console
	$(PY) -m bot

test: $(VENV)/.installed  ## lint, fact-base check, tests
	$(PY) -m ruff check bot tests benchmarks
	$(PY) -m bot check
	$(PY) -m pytest -q

try-telegram: $(VENV)/.installed  ## the Telegram bot against a local fake Bot API: type as a Telegram user
	$(PY) tests/fake_telegram.py

check: $(VENV)/.installed
	$(PY) -m bot check

clean:
	rm -rf $(VENV) var .pytest_cache
