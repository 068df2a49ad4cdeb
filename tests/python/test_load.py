"""cdp-load: round trips into DuckDB and PostgreSQL, appends, CSV input, clear errors."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from cdp.dbt_sources import load_sources
from cdp.load import main as load

BIN = Path(sys.executable).parent


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text())


def duckdb_counts(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    counts = {}
    for source, tables in load_sources().items():
        for table in tables.values():
            counts[f"{source}.{table.name}"] = con.execute(
                f'select count(*) from "{table.schema}"."{table.name}"'
            ).fetchall()[0][0]
    counts["truth"] = con.execute("select count(*) from raw_truth.ground_truth").fetchall()[0][0]
    con.close()
    return counts


def expected_counts(*folders: Path) -> dict[str, int]:
    total: dict[str, int] = {}
    for folder in folders:
        info = manifest(folder)
        for key, value in [*info["row_counts"].items(), ("truth", info["ground_truth_rows"])]:
            total[key] = total.get(key, 0) + value
    return total


def test_duckdb_round_trip_matches_the_manifest_and_the_declared_types(
    source_batches, tmp_path, capsys
) -> None:
    base, _ = source_batches
    db = tmp_path / "w.duckdb"
    assert load(["--target", "duckdb", "--duckdb-path", str(db), "--input", str(base)]) == 0
    assert duckdb_counts(db) == expected_counts(base)
    report = capsys.readouterr().out
    assert "raw_web.pages" in report and "seconds" in report
    con = duckdb.connect(str(db), read_only=True)
    declared = {
        (t.schema, t.name, c.name): c.data_type
        for tables in load_sources().values()
        for t in tables.values()
        for c in t.columns
    }
    found = {
        (schema, table, column): data_type.lower()
        for schema, table, column, data_type in con.execute(
            "select table_schema, table_name, column_name, data_type"
            " from information_schema.columns where table_schema like 'raw_%'"
            " and table_schema <> 'raw_truth'"
        ).fetchall()
    }
    assert found == declared
    con.close()


def test_append_adds_the_increment_and_replace_starts_over(source_batches, tmp_path) -> None:
    base, inc = source_batches
    db = tmp_path / "w.duckdb"
    common = ["--target", "duckdb", "--duckdb-path", str(db)]
    assert load([*common, "--input", str(base)]) == 0
    assert load([*common, "--input", str(inc), "--append"]) == 0
    assert duckdb_counts(db) == expected_counts(base, inc)
    assert load([*common, "--input", str(base)]) == 0
    assert duckdb_counts(db) == expected_counts(base)


def test_a_subset_of_sources_and_csv_exports_load(source_batches, tmp_path, caplog) -> None:
    base, _ = source_batches
    own = tmp_path / "own"
    shutil.copytree(base / "privacy", own / "privacy")
    folder = own / "crm" / "contacts"
    folder.mkdir(parents=True)
    columns = load_sources()["crm"]["contacts"].column_names
    with open(folder / "export.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(reversed(columns))  # column order of an export need not match
        row = {name: "" for name in columns}
        row.update(id="c-1", email="Ann@Example.com", first_name="Zoë", email_opt_out="true",
                   created_at="2024-05-01 10:00:00", is_deleted="false")  # fmt: skip
        writer.writerow([row[name] for name in reversed(columns)])
    db = tmp_path / "w.duckdb"
    caplog.set_level("INFO", logger="cdp.load")
    assert load(["--target", "duckdb", "--duckdb-path", str(db), "--input", str(own),
                 "--sources", "crm,privacy,web"]) == 0  # fmt: skip
    assert "skipping source web" in caplog.text
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute(
        "select email, first_name, email_opt_out, created_at, phone from raw_crm.contacts"
    ).fetchall()[0][:3] == ("Ann@Example.com", "Zoë", True)
    schemas = {
        r[0] for r in con.execute("select schema_name from information_schema.schemata").fetchall()
    }
    assert "raw_web" not in schemas and "raw_privacy" in schemas
    con.close()


def test_a_csv_whose_columns_do_not_match_is_refused(tmp_path, capsys) -> None:
    folder = tmp_path / "in" / "support" / "users"
    folder.mkdir(parents=True)
    (folder / "users.csv").write_text("id,full_name,email\n1,Ann,ann@example.com\n")
    db = tmp_path / "w.duckdb"
    code = load(["--target", "duckdb", "--duckdb-path", str(db), "--input", str(tmp_path / "in")])
    assert code == 1
    error = capsys.readouterr().err
    assert "support.users" in error and "missing" in error and "full_name" in error
    assert not db.exists() or "raw_support" not in str(
        duckdb.connect(str(db)).execute("select schema_name from information_schema.schemata")
        .fetchall()
    )  # fmt: skip


def test_a_missing_input_folder_is_a_clear_error(tmp_path) -> None:
    result = subprocess.run(
        [BIN / "cdp-load", "--target", "duckdb", "--duckdb-path", str(tmp_path / "w.duckdb"),
         "--input", str(tmp_path / "nowhere")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 1
    assert "input folder not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_failed_connection_is_a_clear_error(source_batches) -> None:
    base, _ = source_batches
    env = {**os.environ, "PGHOST": "127.0.0.1", "PGPORT": "1", "PGCONNECT_TIMEOUT": "2"}
    result = subprocess.run(
        [BIN / "cdp-load", "--target", "postgres", "--input", str(base)],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert result.returncode == 1
    assert "cannot connect to PostgreSQL" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.postgres
def test_postgres_round_trip_and_append(source_batches, postgres_env, monkeypatch) -> None:
    import psycopg2

    base, inc = source_batches
    for key, value in postgres_env.items():
        monkeypatch.setenv(key, value)
    assert load(["--target", "postgres", "--input", str(base)]) == 0
    assert load(["--target", "postgres", "--input", str(inc), "--append"]) == 0
    con = psycopg2.connect(
        host=postgres_env["PGHOST"], port=postgres_env["PGPORT"], user=postgres_env["PGUSER"],
        password=postgres_env["PGPASSWORD"], dbname=postgres_env["PGDATABASE"],
    )  # fmt: skip
    counts = {}
    with con.cursor() as cur:
        for source, tables in load_sources().items():
            for table in tables.values():
                cur.execute(f'select count(*) from "{table.schema}"."{table.name}"')
                counts[f"{source}.{table.name}"] = cur.fetchone()[0]
        cur.execute("select count(*) from raw_truth.ground_truth")
        counts["truth"] = cur.fetchone()[0]
        # values survive the CSV stream: nulls stay null, decimals and timestamps keep their value
        cur.execute(
            "select count(*) filter (where customer_id is null), sum(total_price),"
            " max(created_at) from raw_shop.orders"
        )
        pg_orders = cur.fetchone()
    con.close()
    assert counts == expected_counts(base, inc)
    db = duckdb.connect()
    duck_orders = db.execute(
        "select count(*) filter (where customer_id is null), sum(total_price), max(created_at)"
        f" from read_parquet(['{base}/shop/orders/*.parquet', '{inc}/shop/orders/*.parquet'])"
    ).fetchall()[0]
    assert tuple(pg_orders) == tuple(duck_orders)
