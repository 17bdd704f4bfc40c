# make run: set up and generate every workbook in inputs/ into outputs/.  make test: set up and run the tests.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.terpasang

.PHONY: run test setup lint bench clean

$(STAMP): pyproject.toml
	@scripts/install-system.sh venv
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	@scripts/install-system.sh graphviz
	$(BIN)/keputusan buat --sop

test: $(STAMP)
	@scripts/install-system.sh graphviz libreoffice postgresql
	$(BIN)/ruff check generator tests scripts benchmarks
	$(BIN)/pytest

bench: $(STAMP)
	@scripts/install-system.sh graphviz libreoffice
	$(BIN)/python benchmarks/run.py
	KEPUTUSAN_UJI_BATCH=100 $(BIN)/pytest -q tests/test_reproducible_batch.py

clean:
	rm -rf $(VENV) outputs/*.docx outputs/*.pdf outputs/.*.sha256 outputs/.~keputusan-*
