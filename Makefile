# gongkai — the two commands of the README:
#   make run    create .venv, install, check the bundled sample reports
#   make test   install what the tests need and run everything (lint, types, contracts, tests)

VENV      := .venv
BIN       := $(VENV)/bin
STAMP     := $(VENV)/.installed
SAMPLES   := src/gongkai/samples

.PHONY: run test lint typecheck contracts pytest docs bench clean system-deps

$(STAMP): pyproject.toml
	@PY=$$(scripts/find-python) || exit 1; \
	  echo "使用 Python: $$PY"; \
	  [ -x $(BIN)/python ] || $$PY -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	@echo "== 青山区司法局 2023 年度报告（示例，数据与正文取自已公开的年报）"
	@$(BIN)/gongkai check $(SAMPLES)/qingshan-justice-2023.json || true
	@echo "== 淮安市洪泽区人民政府 2023 年度报告（仅表格数字，原报告表四总计有误）"
	@$(BIN)/gongkai check $(SAMPLES)/hongze-2023-tables.json || true
	@echo "更多用法：$(BIN)/gongkai --help"

system-deps:
	@scripts/install-system-deps

test: $(STAMP) system-deps lint typecheck contracts pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	$(BIN)/pytest -n 2

docs: $(STAMP)
	$(BIN)/gongkai rules --format markdown > docs/rules.md

bench: $(STAMP)
	$(BIN)/python benchmarks/check_speed.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
