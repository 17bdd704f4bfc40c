# make run: set up and generate every workbook in inputs/ into outputs/.  make test: set up and run the tests.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.terpasang

# make serve [HOST=0.0.0.0] [PORT=8080]; unset, the KEPUTUSAN_WEB_* variables or the defaults apply
HOST ?=
PORT ?=

.PHONY: run test setup lint bench bench-web serve clean

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
	@scripts/install-system.sh graphviz libreoffice chromium postgresql
	$(BIN)/ruff check generator tests scripts benchmarks
	$(BIN)/pytest -n auto --dist loadscope

bench: $(STAMP)
	@scripts/install-system.sh graphviz libreoffice
	$(BIN)/python benchmarks/run.py
	KEPUTUSAN_UJI_BATCH=100 $(BIN)/pytest -q tests/test_reproducible_batch.py

bench-web: $(STAMP)
	@scripts/install-system.sh graphviz libreoffice
	$(BIN)/python benchmarks/web_load.py

serve: $(STAMP)
	@scripts/install-system.sh graphviz libreoffice
	$(BIN)/keputusan layani $(if $(HOST),--host $(HOST)) $(if $(PORT),--port $(PORT))

clean:
	rm -rf $(VENV) outputs/*.docx outputs/*.pdf outputs/.*.sha256 outputs/.~keputusan-*
