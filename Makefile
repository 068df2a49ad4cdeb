# Two commands on a fresh machine:
#   make demo   set up, generate realistic data, build on embedded DuckDB, print a summary
#   make test   set up, lint, build + test on DuckDB, PostgreSQL and Spark, run pytest
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
DBT := $(BIN)/dbt

DEMO_PEOPLE ?= 5000
DEMO_SEED ?= 42
DEMO_DIR := data/demo
DEMO_DB := warehouse/cdp.duckdb
# The demo world ends on DEMO_AS_OF: metrics and segments are evaluated at the end of that
# day rather than at the latest event (email opens trail the last sends by hours).
DEMO_AS_OF ?= 2026-10-31
DEMO_VARS := --vars '{cdp_as_of_date: "$(DEMO_AS_OF)", cdp_segments_as_of: "$(DEMO_AS_OF) 23:59:59"}'

TEST_PEOPLE ?= 1500
TEST_SEED ?= 7
TEST_DIR := data/test
TEST_DB := warehouse/test.duckdb

# make bench BENCH_SIZES=10000,100000,1000000 adds the 1M run (about 45 minutes on 2 cores)
BENCH_SIZES ?= 10000,100000
BENCH_ARGS ?=

# Fuzzy matching is off by default, so a plain build skips its models: make test builds them
# and runs their tests with it switched on (a CLI var replaces the whole setting).
FUZZY_ON_VARS = $$($(BIN)/python -c 'import json; from cdp.evaluate import fuzzy_settings; print(json.dumps({"cdp_identity_fuzzy": fuzzy_settings(True)}))')
FUZZY_MODELS := path:models/intermediate/identity/fuzzy

SPARK_DIR := warehouse/spark
# Not ported to Spark yet (README "Spark"): left out of make test-spark with their tests.
# Fuzzy matching is off by default (cdp_identity_fuzzy.enabled); this keeps it out when on.
SPARK_EXCLUDE ?= path:models/intermediate/identity/fuzzy

.PHONY: help install demo test lint test-duckdb test-postgres test-python _test-engines bench clean
.PHONY: test-spark

help:  ## list the targets
	@grep -E '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed  ## create .venv and install the project with its dev tools

demo: install  ## generate demo data, load it into DuckDB, dbt build, print a summary
	$(BIN)/cdp-generate --people $(DEMO_PEOPLE) --seed $(DEMO_SEED) --as-of $(DEMO_AS_OF) --out $(DEMO_DIR)
	$(BIN)/cdp-load --target duckdb --duckdb-path $(DEMO_DB) --input $(DEMO_DIR)
	CDP_DUCKDB_PATH=$(DEMO_DB) $(DBT) build --target duckdb --quiet --warn-error-options '{"error": []}' $(DEMO_VARS)
	$(BIN)/cdp-predict --duckdb-path $(DEMO_DB) --report-dir warehouse/predictions --skip-if-missing
	CDP_DUCKDB_PATH=$(DEMO_DB) $(DBT) build --target duckdb --quiet --select customer_predictions+ prediction_validation prediction_calibration $(DEMO_VARS)
	$(BIN)/cdp-summary --duckdb-path $(DEMO_DB) --input $(DEMO_DIR)
	@# Reverse ETL: one audience to a file and to a local signed webhook, run twice.
	CDP_DUCKDB_PATH=$(DEMO_DB) $(BIN)/python -m cdp.sync.demo --config syncs.yml --duckdb-path $(DEMO_DB)

# Each part of `make test` prints a banner, and on success how long it took; the durations
# are collected in $(TIMINGS) and printed together at the end.
TIMINGS := warehouse/make-test-timings.txt
define timed
	@printf '\n==> %s\n' "$(1)"
	@mkdir -p $(dir $(TIMINGS)); start=$$(date +%s); $(2); \
		printf '%-44s %5ss\n' "$(1)" $$(( $$(date +%s) - start )) | tee -a $(TIMINGS)
endef

test: install  ## lint, then dbt build + tests on DuckDB, PostgreSQL and Spark, then pytest
	@mkdir -p warehouse && rm -f $(TIMINGS)
	@$(MAKE) --no-print-directory lint
	@scripts/with_postgres.sh $(MAKE) --no-print-directory _test-engines
	@$(MAKE) --no-print-directory test-spark
	@printf '\n==> make test passed\n' && cat $(TIMINGS)

_test-engines: test-duckdb test-postgres test-python

lint: install  ## sqlfluff over SQL, ruff over Python
	$(call timed,lint: ruff (Python),$(BIN)/ruff check scripts tests/python && $(BIN)/ruff format --check scripts tests/python)
	@# the dbt templater opens the DuckDB target: give it a file of its own
	@mkdir -p warehouse
	$(call timed,lint: sqlfluff (SQL through the dbt templater),CDP_DUCKDB_PATH=warehouse/lint.duckdb $(BIN)/sqlfluff lint models macros tests analyses --processes 2 --disable-progress-bar)

$(TEST_DIR)/.generated: $(VENV)/.installed
	$(BIN)/cdp-generate --people $(TEST_PEOPLE) --seed $(TEST_SEED) --out $(TEST_DIR) --no-progress
	@touch $@

test-duckdb: install $(TEST_DIR)/.generated  ## dbt build (models, data and unit tests) on DuckDB
	$(call timed,DuckDB: load + dbt build ($(TEST_DB)),$(BIN)/cdp-load --target duckdb --duckdb-path $(TEST_DB) --input $(TEST_DIR) && CDP_DUCKDB_PATH=$(TEST_DB) $(DBT) build --target duckdb --full-refresh)
	@# the documentation site builds from what was just built (every mart column described:
	@# tests/python/test_marts_docs.py)
	$(call timed,DuckDB: dbt docs generate,CDP_DUCKDB_PATH=$(TEST_DB) $(DBT) docs generate --target duckdb --quiet)
	$(call timed,DuckDB: fuzzy matching models + tests,CDP_DUCKDB_PATH=$(TEST_DB) $(DBT) build --target duckdb --select $(FUZZY_MODELS) --vars "$(FUZZY_ON_VARS)")

test-postgres: install $(TEST_DIR)/.generated  ## dbt build (models, data and unit tests) on PostgreSQL (PG*, else a private server)
ifeq ($(origin PGHOST),undefined)
	@scripts/with_postgres.sh $(MAKE) --no-print-directory test-postgres
else
	$(call timed,PostgreSQL: load + dbt build ($(PGHOST):$(PGPORT)/$(PGDATABASE)),$(BIN)/cdp-load --target postgres --input $(TEST_DIR) && $(DBT) build --target postgres --full-refresh)
	$(call timed,PostgreSQL: fuzzy matching models + tests,$(DBT) build --target postgres --select $(FUZZY_MODELS) --vars "$(FUZZY_ON_VARS)")
endif

test-python: install  ## pytest (end-to-end runs on DuckDB, and on PostgreSQL when PG* is set)
	$(call timed,pytest -n 2 ($(if $(PGHOST),PostgreSQL at $(PGHOST):$(PGPORT),no PG*: PostgreSQL tests skip)),$(BIN)/pytest -n 2 --dist loadscope --durations=15)

bench: install  ## time and size the pipeline at BENCH_SIZES people, full and incremental (README "Benchmarks")
	nice -n 10 $(BIN)/cdp-bench --sizes $(BENCH_SIZES) $(BENCH_ARGS)

$(VENV)/.spark-installed: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev,spark]'
	@touch $@

test-spark: $(VENV)/.spark-installed $(TEST_DIR)/.generated  ## dbt build + tests on Spark (local PySpark, Java 17; README "Spark")
	@scripts/ensure_java.sh
	$(call timed,Spark: load + dbt build + incremental build + pytest -m spark,\
	export CDP_SPARK_DIR=$(CURDIR)/$(SPARK_DIR) SPARK_LOCAL_IP=127.0.0.1 CDP_SPARK_TESTS=1 && \
	$(BIN)/cdp-load --target spark --input $(TEST_DIR) && \
	$(DBT) build --target spark --full-refresh --exclude $(SPARK_EXCLUDE) && \
	$(DBT) build --target spark --select config.materialized:incremental --exclude $(SPARK_EXCLUDE) \
		--exclude-resource-type unit_test && \
	$(BIN)/pytest -m spark)

clean:  ## remove generated data, warehouses and dbt artefacts
	rm -rf data warehouse target target-bench logs bench-results
