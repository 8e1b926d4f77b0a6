# The two commands: `make build` and `make test`. Each sets up .venv first when it is
# missing or older than pyproject.toml / requirements.lock.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test serve bench bench-huge check lint clean distclean lock eval gold dictionary

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		-c requirements.lock -e '.[dev]'
	touch $@

build: $(STAMP)
	$(BIN)/python -m generator build

test: $(STAMP) node_modules/.installed
	$(BIN)/python -m pytest

# The validators the browser tests run: vnu-jar (Nu HTML Checker) and axe-core, exact versions.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

serve: $(STAMP)
	$(BIN)/python -m generator serve

check: $(STAMP)
	$(BIN)/python -m generator check

bench: $(STAMP)
	$(BIN)/python -m generator.bench

# A site of 100,000 articles (N=… for another size): time, peak memory and size, on disk.
bench-huge: $(STAMP)
	$(BIN)/python -m generator.bench.huge --n $(or $(N),100000)

# The extractor and a plain spaCy baseline scored on the gold sets of tests/extraction/.
eval: $(STAMP)
	$(BIN)/python -m generator.eval

# The glossary's dictionary from Open English WordNet (DATA holds yaml/ and SOURCE.txt).
dictionary: $(STAMP)
	@test -n "$(DATA)" || { echo "usage: make dictionary DATA=folder-holding-oewn-yaml-and-SOURCE.txt" >&2; exit 2; }
	$(BIN)/python -m generator.knowledge.dictionary_build "$(DATA)"

# Convert GUM and LitBank (DATA holds gum-dev/ and litbank-quotations/) into those gold sets.
gold: $(STAMP)
	@test -n "$(DATA)" || { echo "usage: make gold DATA=folder-holding-gum-dev-and-litbank-quotations" >&2; exit 2; }
	$(BIN)/python tests/extraction/make_gold.py --data "$(DATA)"

lint: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests

# Rewrite the lock from what a clean install of pyproject.toml resolves to today.
lock:
	rm -rf /tmp/explainer-lock-venv
	$(PY) -m venv /tmp/explainer-lock-venv
	/tmp/explainer-lock-venv/bin/pip install --quiet '.[dev]'
	{ echo '# Exact versions of every package in .venv (runtime and dev); pip installs with -c requirements.lock.'; \
	  echo '# Regenerate with `make lock` after changing pyproject.toml.'; \
	  /tmp/explainer-lock-venv/bin/pip freeze --exclude-editable | grep -v '^explainer-generator'; } > requirements.lock

clean:
	rm -rf _site .cache .pytest_cache

distclean: clean
	rm -rf $(VENV) node_modules
