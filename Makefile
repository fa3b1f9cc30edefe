# The two commands that matter: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

-include .env
export

.PHONY: run test install fonts messages clean

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# PDFs need Pango (WeasyPrint) and a CJK font from the system (Debian: fonts-noto-cjk); installed when missing
# and possible.
fonts:
	@{ fc-list :lang=zh 2>/dev/null | grep -q . && ldconfig -p | grep -q libpangoft2-1.0; } || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0; \
	  else echo "PDFs need Pango and a Chinese font: install libpango-1.0-0, libpangoft2-1.0-0 and fonts-noto-cjk."; fi; }

run: export DEBUG ?= 1
run: install fonts
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
# at 127.0.0.1:6379; see [tool.pytest.ini_options] env in pyproject.toml. The import rules are [tool.importlinter].
test: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache --no-logo
	$(BIN)/pytest

# Refresh the catalogues after changing texts; then translate locale/zh_Hans/LC_MESSAGES/django.po.
messages: export DEBUG := 1
messages: install
	$(BIN)/python manage.py makemessages -l zh_Hans -l en --no-obsolete --add-location file --ignore .venv --ignore staticfiles
	$(BIN)/python manage.py compilemessages --ignore .venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
