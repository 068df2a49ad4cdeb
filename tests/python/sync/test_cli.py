"""The command line: config errors, --after-dbt, plan, status, reset; the PostgreSQL table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cdp.sync.cli import main
from cdp.sync.config import ConfigError, load_config
from cdp.sync.engine import EXIT_CONFIG, EXIT_OK, EXIT_SKIPPED
from cdp.sync.warehouse import Warehouse

from .conftest import EXPORT, delete_rows, key, make_export, run, state_keys, write_config


def _file_sync(tmp_path: Path) -> dict:
    return {
        "name": "cli_file",
        "export": EXPORT,
        "destination": {"type": "file", "path": str(tmp_path / "out")},
    }


@pytest.mark.parametrize(
    ("sync", "message"),
    [
        ({"destination": {"type": "carrier_pigeon"}}, "unknown destination type 'carrier_pigeon'"),
        ({"destination": {"type": "hubspot", "list_id": "1"}, "batch_size": 500}, "limit of 100"),
        (
            {"destination": {"type": "hubspot", "list_id": "1"}, "fields": {"name": "first_name"}},
            "needs field(s) email",
        ),
        ({"destination": {"type": "file", "path": "x", "colour": "red"}}, "destination.colour"),
        ({"destination": {"type": "webhook"}}, "exactly one of `url` or `url_env`"),
        ({"destination": {"type": "file", "path": "x"}, "mode": "replace"}, "mode"),
    ],
)
def test_config_errors_name_the_sync_and_the_problem(tmp_path: Path, sync: dict, message: str):
    path = write_config(tmp_path / "syncs.yml", {"name": "broken", "export": EXPORT, **sync})
    with pytest.raises(ConfigError, match="broken") as error:
        load_config(path)
    assert message in str(error.value)


def test_shipped_sync_file_is_valid(repo_root: Path):
    parsed = load_config(repo_root / "syncs.yml")
    assert {"vip_file", "vip_webhook"} <= {sync.name for sync in parsed.syncs}


def test_run_after_dbt_only_when_the_build_succeeded(
    duckdb_warehouse: Warehouse, tmp_path: Path, capsys
):
    make_export(duckdb_warehouse, 5)
    config = write_config(tmp_path / "syncs.yml", _file_sync(tmp_path))
    results = tmp_path / "run_results.json"
    common = ["--config", str(config)]
    results.write_text(
        json.dumps(
            {
                "results": [
                    {"unique_id": "model.cdp.export_audience", "status": "success"},
                    {"unique_id": "test.cdp.not_null_x", "status": "fail"},
                ]
            }
        )
    )
    assert main(["run", "cli_file", "--after-dbt", str(results), *common]) == EXIT_SKIPPED
    assert "not syncing" in capsys.readouterr().err
    assert state_keys(duckdb_warehouse, "cli_file") == set()

    results.write_text(
        json.dumps(
            {
                "results": [
                    {"unique_id": "model.cdp.export_audience", "status": "success"},
                    {"unique_id": "test.cdp.not_null_x", "status": "pass"},
                ]
            }
        )
    )
    assert main(["run", "cli_file", "--after-dbt", str(results), *common]) == EXIT_OK
    assert len(state_keys(duckdb_warehouse, "cli_file")) == 5
    assert "5 added" in capsys.readouterr().out


def test_plan_status_reset_and_guard_exit_codes(
    duckdb_warehouse: Warehouse, tmp_path: Path, capsys
):
    make_export(duckdb_warehouse, 10)
    config = write_config(tmp_path / "syncs.yml", _file_sync(tmp_path))
    common = ["--config", str(config)]
    assert main(["run", *common]) == EXIT_CONFIG  # neither names nor --all
    assert main(["plan", "cli_file", *common]) == EXIT_OK
    out = capsys.readouterr().out
    assert "plan: 10 add, 0 update, 0 remove" in out and "p***@example.com" in out
    assert state_keys(duckdb_warehouse, "cli_file") == set()  # a plan sends nothing

    assert main(["run", "--all", *common]) == EXIT_OK
    delete_rows(duckdb_warehouse, [key(i) for i in range(1, 6)])
    assert main(["run", "cli_file", *common]) == 3  # 50 % removals: blocked
    assert main(["status", *common]) == EXIT_OK
    out = capsys.readouterr().out
    assert "10 delivered, 0 failing" in out and "blocked" in out

    assert main(["reset", "cli_file", *common]) == EXIT_CONFIG  # needs --yes
    assert main(["reset", "cli_file", "--yes", *common]) == EXIT_OK
    assert state_keys(duckdb_warehouse, "cli_file") == set()


def test_postgres_table_destination_upserts_deletes_and_isolates_bad_rows(
    duckdb_warehouse: Warehouse, postgres_env: dict, monkeypatch: pytest.MonkeyPatch
):
    import psycopg2

    dsn = " ".join(
        f"{k}={postgres_env[v]}"
        for k, v in [
            ("host", "PGHOST"),
            ("port", "PGPORT"),
            ("user", "PGUSER"),
            ("dbname", "PGDATABASE"),
        ]
    )
    monkeypatch.setenv("TEST_TABLE_DSN", dsn)
    con = psycopg2.connect(dsn)
    con.autocommit = True
    with con.cursor() as cursor:
        cursor.execute("create schema crm")
        cursor.execute(
            "create table crm.audience (customer_id text primary key, email text, "
            "first_name text check (first_name <> 'Name7v1'), _cdp_row_hash text, "
            "_cdp_synced_at timestamptz default now())"
        )
    sync = {
        "name": "to_table",
        "export": EXPORT,
        "fields": {"email": "email", "first_name": "first_name"},
        "destination": {"type": "postgres", "table": "crm.audience", "dsn_env": "TEST_TABLE_DSN"},
    }
    make_export(duckdb_warehouse, 30)
    first = run(duckdb_warehouse, sync)
    assert (first.added, first.failed) == (29, 1) and first.errors[0][0] == key(7)
    delete_rows(duckdb_warehouse, [key(1)])
    run(duckdb_warehouse, sync)
    with con.cursor() as cursor:
        cursor.execute("select customer_id from crm.audience order by 1")
        assert [r[0] for r in cursor.fetchall()] == [key(i) for i in range(2, 31) if i != 7]
    con.close()
