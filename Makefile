# Two commands: `make build` (the main job) and `make test` (the whole suite).
# Both create .venv on first use from the hashed lock file; nothing is downloaded at run time.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build test lint lock clean golden

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/kg build seeds/ --out exports/

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check kg tests && $(BIN)/ruff format --check kg tests

lock:
	$(PYTHON) -m piptools compile --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in

clean:
	rm -rf $(VENV) exports/*.ttl exports/*.html exports/*.report.*

golden: $(STAMP)
	$(BIN)/python -c "import kg; open('tests/golden/seed.ttl', 'w').write(kg.build(['seeds']).serialize())"
