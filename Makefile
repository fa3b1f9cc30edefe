# The two commands that matter: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

-include .env
export

.PHONY: run test install lint messages clean

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

run: export DEBUG ?= 1
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@if [ -n "$$REDIS_URL" ]; then \
	  echo "Starting a Celery worker and beat beside the server (REDIS_URL=$$REDIS_URL)."; \
	  trap 'kill $$(jobs -p) 2>/dev/null; wait' EXIT; \
	  $(BIN)/celery -A redcross worker --loglevel=info --concurrency=2 & \
	  $(BIN)/celery -A redcross beat --loglevel=info & \
	  $(BIN)/python manage.py runserver 127.0.0.1:$(PORT); \
	else \
	  $(BIN)/python manage.py runserver 127.0.0.1:$(PORT); \
	fi

# Tests default to postgres://postgres@127.0.0.1:5432/redcross (DATABASE_URL overrides it) and Redis database 15
# at 127.0.0.1:6379; see [tool.pytest.ini_options] env in pyproject.toml.
test: install
	$(BIN)/ruff check .
	$(BIN)/pytest

# Refresh the catalogues after changing texts; then translate locale/zh_Hans/LC_MESSAGES/django.po.
messages: export DEBUG := 1
messages: install
	$(BIN)/python manage.py makemessages -l zh_Hans -l en --no-obsolete --add-location file --ignore .venv --ignore staticfiles
	$(BIN)/python manage.py compilemessages --ignore .venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
