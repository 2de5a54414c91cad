# Two commands for a fresh machine with Python 3.11+:
#   make demo   install everything, then start the demo at http://127.0.0.1:8000
#   make test   install everything, then run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-postgres messages install

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/warmnet demo

test: $(STAMP)
	$(BIN)/ruff check warmnet tests bench
	$(BIN)/ruff format --check warmnet tests bench
	$(BIN)/mypy warmnet
	$(BIN)/python -m pytest -n 2 --dist loadfile -q

# The same suite on PostgreSQL (127.0.0.1:5432, database "test" unless DATABASE_URL says otherwise).
test-postgres: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/python -m pytest -n 2 --dist loadfile -q

# Re-extract the translatable strings (needs GNU gettext) and compile the catalogues.
messages: $(STAMP)
	cd warmnet && ../$(BIN)/django-admin makemessages -l nl --no-obsolete -i "engine/*" --settings=warmnet.settings
	cd warmnet && ../$(BIN)/django-admin compilemessages --settings=warmnet.settings
