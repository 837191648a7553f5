# Two commands matter: `make run` (the site with demo content, SQLite, no services) and
# `make test` (everything the suite needs, started and stopped by the build).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export DJANGO_SETTINGS_MODULE ?= tasharuk.settings.dev

.PHONY: run test docs lint runtime install messages makemessages demo benchmark clean

# `make run` needs only the runtime; the test, lint, manual and benchmark tools (a browser
# driver, a load generator, MkDocs…) come on top for the targets that use them.
$(VENV)/.runtime: requirements/base.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.installed: $(VENV)/.runtime requirements/dev.txt requirements/docs.txt
	$(PY) -m pip install --quiet -r requirements/dev.txt
	touch $@

runtime: $(VENV)/.runtime

install: $(VENV)/.installed

messages: runtime
	$(PY) scripts/compile_messages.py

makemessages: install
	$(PY) manage.py makemessages --locale ar --ignore '.venv/*' --ignore '.build/*' --ignore 'tests/*' --ignore 'benchmarks/*' --no-obsolete

demo: messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_data

run: demo
	$(PY) manage.py runserver 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: install messages
	scripts/test

# The manual (docs/, mkdocs.yml) into .build/manual/, warnings as errors; open .build/manual/index.html.
docs: install
	scripts/docs

benchmark: install
	$(PY) benchmarks/search.py --profile realistic

clean:
	scripts/postgres/stop || true
	scripts/redis/stop || true
	test ! -x scripts/search-engine/stop || scripts/search-engine/stop || true
	rm -rf .build db.sqlite3 static
