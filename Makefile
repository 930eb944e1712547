# gongkai — the two commands of the README:
#   make run    create .venv, install, migrate, load the demo data and serve the site
#   make test   install what the tests need and run everything (lint, types, contracts, tests on
#               SQLite, then the web and browser tests again on a throwaway PostgreSQL)

VENV      := .venv
BIN       := $(VENV)/bin
STAMP     := $(VENV)/.installed
SAMPLES   := src/gongkai/samples
PORT      ?= 8000
ECHARTS := src/gongkai/web/supervision/static/supervision/vendor/echarts.min.js
LOCALE    := src/gongkai/web/locale/en/LC_MESSAGES
MANAGE    := $(BIN)/python -m gongkai.web
# The development server: DEBUG on (static files, plain HTTP), data in ./var
DEV_ENV   := GONGKAI_DEBUG=1 PORT=$(PORT)

.PHONY: run test lint typecheck contracts pytest pytest-postgres docs bench clean system-deps \
	samples messages messages-update screenshots axe

$(STAMP): pyproject.toml
	@PY=$$(scripts/find-python) || exit 1; \
	  echo "使用 Python: $$PY"; \
	  [ -x $(BIN)/python ] || $$PY -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP) $(ECHARTS)
	@$(DEV_ENV) $(MANAGE) migrate --noinput -v0
	@$(DEV_ENV) $(MANAGE) load_demo
	@$(DEV_ENV) $(MANAGE) schedule_reminders
	@$(DEV_ENV) $(MANAGE) schedule_inspection
	@echo "按 Ctrl+C 停止（网站与后台任务进程一起停止）。"
	@$(DEV_ENV) scripts/serve $(BIN)/python 127.0.0.1:$(PORT)

# The command-line checker on the two bundled sample reports (what `make run` did before the site).
samples: $(STAMP)
	@echo "== 青山区司法局 2023 年度报告（示例，数据与正文取自已公开的年报）"
	@$(BIN)/gongkai check $(SAMPLES)/qingshan-justice-2023.json || true
	@echo "== 淮安市洪泽区人民政府 2023 年度报告（仅表格数字，原报告表四总计有误）"
	@$(BIN)/gongkai check $(SAMPLES)/hongze-2023-tables.json || true

system-deps:
	@scripts/install-system-deps

test: $(STAMP) system-deps axe lint typecheck contracts messages pytest pytest-postgres

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

# The npm packages pinned in package-lock.json: ECharts (served from the site's own static
# files) and axe-core (the browser tests' accessibility checks).
NODE_MODULES := node_modules/.package-lock.json
$(NODE_MODULES): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

axe: $(NODE_MODULES)

# The site's English catalogue (zh-hans is the source language). `make messages-update` adds new
# strings from the sources to it (then translate the empty entries); `make messages` compiles it.
messages-update: $(STAMP)
	cd src/gongkai/web && ../../../$(BIN)/python -m gongkai.web makemessages -l en --no-obsolete

messages: $(STAMP)
	msgfmt --check -o $(LOCALE)/django.mo $(LOCALE)/django.po
	msgfmt --check -o src/gongkai/web/locale/zh_Hans/LC_MESSAGES/django.mo src/gongkai/web/locale/zh_Hans/LC_MESSAGES/django.po

pytest: $(STAMP) $(ECHARTS)
	$(BIN)/pytest -n 2

pytest-postgres: $(STAMP) $(ECHARTS)
	scripts/with-postgres $(BIN)/pytest -n 2 tests/web tests/e2e

# Screenshots of the main pages for docs/web.md (docs/images/web-*.png).
screenshots: $(STAMP)
	GONGKAI_SCREENSHOTS=1 $(BIN)/pytest tests/e2e -q -k screenshots

docs: $(STAMP)
	$(BIN)/gongkai rules --format markdown > docs/rules.md

bench: $(STAMP)
	$(BIN)/python benchmarks/corpus_accuracy.py
	$(BIN)/python benchmarks/check_speed.py
	$(BIN)/python benchmarks/read_speed.py
	$(BIN)/python benchmarks/write_speed.py
	$(BIN)/python benchmarks/deadline_speed.py
	$(BIN)/python benchmarks/compile_tables.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis

# ECharts for the supervision charts, from npm (pinned in package-lock.json), served from the
# site's own static files; the copy is git-ignored (docs/supervision.md).
$(ECHARTS): $(NODE_MODULES)
	mkdir -p $(dir $@)
	cp node_modules/echarts/dist/echarts.min.js $@
	cp node_modules/echarts/LICENSE $(dir $@)ECHARTS-LICENSE
