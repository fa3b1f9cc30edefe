# The two commands that matter: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

-include .env
export

.PHONY: run test install fonts test-packages services messages clean

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# Debian packages are installed where missing when root with apt (otherwise named); each check adds to $$missing.
apt_install_missing = if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else echo "$(1) need these Debian packages:$$missing"; fi; \
	fi
# PDFs need Pango (WeasyPrint) and a CJK font (Noto Sans/Serif CJK SC).
pdf_checks = fc-list :lang=zh 2>/dev/null | grep -q . || missing="$$missing fonts-noto-cjk"; \
	ldconfig -p | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0";

fonts:
	@missing=""; $(pdf_checks) $(call apt_install_missing,PDFs)

# What the suite needs besides: Chromium (browser tests), gettext (catalogues), poppler (PDF pages as pictures),
# nginx (the proxy test).
test-packages:
	@missing=""; $(pdf_checks) \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	$(call apt_install_missing,The tests)

# PostgreSQL and Redis on 127.0.0.1 for the tests, started where they are installed but not running.
services:
	@if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null; then \
	  for version in $$(ls /etc/postgresql); do pg_ctlcluster --skip-systemctl-redirect "$$version" main start || true; done; \
	fi
	@if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && command -v redis-server >/dev/null; then \
	  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no; \
	fi
	@for _ in $$(seq 30); do \
	  pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && exit 0; \
	  sleep 1; \
	done; echo "PostgreSQL or Redis does not answer on 127.0.0.1: the tests need both (see README.md)."

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
test: install test-packages services
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
