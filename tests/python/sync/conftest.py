"""Fixtures for cdp-sync tests: a warehouse on each engine, export-shaped tables, fake APIs.

Exports are made here in SQL (the shape of models/activation: key, payload, consent flag,
row_hash) so these tests never depend on the segment models being built.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from cdp.sync.config import ResolvedSync, SyncFile
from cdp.sync.engine import Runner, RunSummary
from cdp.sync.warehouse import Warehouse, WarehouseSettings

EXPORT = "cdp_activation.export_audience"
SUPPRESSED = "cdp_intermediate.suppressed_customers"


@pytest.fixture(params=["duckdb", "postgres"])
def warehouse(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Warehouse]:
    """A fresh warehouse on each engine (PostgreSQL tests skip without a server)."""
    if request.param == "postgres":
        env = request.getfixturevalue("postgres_env")
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        settings = WarehouseSettings(target="postgres")
    else:
        path = tmp_path / "warehouse.duckdb"
        import duckdb

        duckdb.connect(str(path)).close()
        monkeypatch.setenv("CDP_TARGET", "duckdb")
        monkeypatch.setenv("CDP_DUCKDB_PATH", str(path))
        settings = WarehouseSettings(target="duckdb", duckdb_path=path)
    with Warehouse(settings) as connection:
        make_suppression(connection, [])
        yield connection


@pytest.fixture
def duckdb_warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Warehouse]:
    """DuckDB only: for tests about destinations rather than engines."""
    import duckdb

    path = tmp_path / "warehouse.duckdb"
    duckdb.connect(str(path)).close()
    monkeypatch.setenv("CDP_TARGET", "duckdb")
    monkeypatch.setenv("CDP_DUCKDB_PATH", str(path))
    with Warehouse(WarehouseSettings(target="duckdb", duckdb_path=path)) as connection:
        make_suppression(connection, [])
        yield connection


def make_export(
    warehouse: Warehouse,
    size: int,
    *,
    start: int = 1,
    version: str = "v1",
    unconsented_every: int = 0,
    relation: str = EXPORT,
) -> None:
    """customer c00001..: email, first_name, phone, consent flag and a row_hash of the payload."""
    schema = relation.split(".")[0]
    warehouse.execute(f"create schema if not exists {schema}")
    warehouse.execute(f"drop table if exists {relation}")
    consent = f"mod(i, {unconsented_every}) <> 0" if unconsented_every else "true"
    warehouse.execute(
        f"""
        create table {relation} as
        select
            customer_id,
            email,
            first_name,
            phone,
            is_email_marketing_consented,
            md5(email || '|' || first_name || '|' || phone) as row_hash
        from (
            select
                'c' || lpad(cast(i as varchar), 5, '0') as customer_id,
                'person' || cast(i as varchar) || '@example.com' as email,
                'Name' || cast(i as varchar) || '{version}' as first_name,
                '+3361' || lpad(cast(i as varchar), 7, '0') as phone,
                {consent} as is_email_marketing_consented
            from generate_series({start}, {start + size - 1}) as series(i)
        ) as people
        """
    )


def change_rows(
    warehouse: Warehouse, keys: list[str], version: str = "v2", relation: str = EXPORT
) -> None:
    marks = ", ".join("?" for _ in keys)
    warehouse.execute(
        f"update {relation} set first_name = first_name || '{version}', "
        f"row_hash = md5(email || '|' || first_name || '{version}' || '|' || phone) "
        f"where customer_id in ({marks})",
        keys,
    )


def delete_rows(warehouse: Warehouse, keys: list[str], relation: str = EXPORT) -> None:
    marks = ", ".join("?" for _ in keys)
    warehouse.execute(f"delete from {relation} where customer_id in ({marks})", keys)


def make_suppression(warehouse: Warehouse, keys: list[str]) -> None:
    warehouse.execute("create schema if not exists cdp_intermediate")
    warehouse.execute(f"drop table if exists {SUPPRESSED}")
    warehouse.execute(f"create table {SUPPRESSED} (customer_id varchar)")
    for key in keys:
        warehouse.execute(f"insert into {SUPPRESSED} values (?)", [key])


def key(i: int) -> str:
    return f"c{i:05d}"


def sync_file(*syncs: dict[str, Any], **defaults: Any) -> SyncFile:
    base = {
        "retry": {"max_attempts": 4, "base_seconds": 0.01, "max_seconds": 2, "timeout_seconds": 10},
        "suppression": [{"relation": SUPPRESSED}],
    }
    return SyncFile.model_validate({"defaults": {**base, **defaults}, "syncs": list(syncs)})


def resolved(sync: dict[str, Any], **defaults: Any) -> ResolvedSync:
    parsed = sync_file(sync, **defaults)
    from cdp.sync.connectors import validate_destination

    validate_destination(parsed.syncs[0])
    return ResolvedSync(parsed.syncs[0], parsed.defaults, "cdp")


def run(
    warehouse: Warehouse, sync: dict[str, Any], force: bool = False, **defaults: Any
) -> RunSummary:
    return Runner(warehouse, resolved(sync, **defaults), force=force, progress=False).run()


def write_config(path: Path, *syncs: dict[str, Any], **defaults: Any) -> Path:
    base = {
        "retry": {"max_attempts": 4, "base_seconds": 0.01, "max_seconds": 2, "timeout_seconds": 10},
        "suppression": [{"relation": SUPPRESSED}],
    }
    path.write_text(yaml.safe_dump({"defaults": {**base, **defaults}, "syncs": list(syncs)}))
    return path


def state_keys(warehouse: Warehouse, sync_name: str) -> set[str]:
    from cdp.sync.state import ensure_tables

    ensure_tables(warehouse)
    rows = warehouse.fetchall(
        "select record_key from cdp_sync.sync_state where sync_name = ?", [sync_name]
    )
    return {row[0] for row in rows}
