"""Plans, state and guards on both engines, delivered to the file destination."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cdp.sync import state as st
from cdp.sync.engine import EXIT_BLOCKED, EXIT_OK, plan_only
from cdp.sync.warehouse import Warehouse

from .conftest import (
    EXPORT,
    change_rows,
    delete_rows,
    key,
    make_export,
    make_suppression,
    resolved,
    run,
    state_keys,
)


def file_sync(tmp_path: Path, mode: str = "mirror", **extra) -> dict:
    return {
        "name": "audience_file",
        "export": EXPORT,
        "mode": mode,
        "consent": ["email_marketing"],
        "destination": {"type": "file", "path": str(tmp_path / "out"), "format": "csv"},
        **extra,
    }


def snapshot(tmp_path: Path) -> dict[str, dict[str, str]]:
    with (tmp_path / "out" / "audience_file.csv").open() as handle:
        return {row["customer_id"]: row for row in csv.DictReader(handle)}


def test_first_run_sends_consented_rows_and_second_run_sends_nothing(
    warehouse: Warehouse, tmp_path: Path
):
    make_export(warehouse, 30, unconsented_every=10)
    sync = file_sync(tmp_path)

    first = run(warehouse, sync)
    assert first.status == st.SUCCESS and first.exit_code == EXIT_OK
    assert (first.added, first.updated, first.removed) == (27, 0, 0)
    assert first.plan.counts["skipped_consent"] == 3
    assert set(snapshot(tmp_path)) == {key(i) for i in range(1, 31) if i % 10}
    assert state_keys(warehouse, "audience_file") == set(snapshot(tmp_path))

    second = run(warehouse, sync)
    assert (second.plan.total, second.added, second.batches) == (0, 0, 0)
    runs = warehouse.fetchall(
        "select status, added, planned_adds from cdp_sync.sync_runs order by started_at, run_id"
    )
    assert [tuple(r) for r in runs] == [("success", 27, 27), ("success", 0, 0)]


def test_changes_removals_consent_and_erasure_in_mirror_mode(warehouse: Warehouse, tmp_path: Path):
    make_export(warehouse, 40)
    sync = file_sync(tmp_path)
    run(warehouse, sync)

    change_rows(warehouse, [key(1), key(2)])
    delete_rows(warehouse, [key(3)])
    warehouse.execute(
        f"update {EXPORT} set is_email_marketing_consented = false where customer_id = ?", [key(4)]
    )
    make_suppression(warehouse, [key(5)])
    make_export_more = [key(41)]  # a new member
    warehouse.execute(
        f"insert into {EXPORT} "
        "select 'c00041', 'new@example.com', 'New', '+33600000041', true, 'h41'"
    )

    plan = plan_only(warehouse, resolved(sync))
    assert (plan.counts["add"], plan.counts["update"], plan.counts["remove"]) == (1, 2, 3)
    assert plan.removal_reasons == {"left_export": 1, "consent": 1, "suppressed": 1}

    summary = run(warehouse, sync)
    assert (summary.added, summary.updated, summary.removed) == (1, 2, 3)
    current = snapshot(tmp_path)
    expected = {key(i) for i in range(1, 41)} - {key(3), key(4), key(5)} | set(make_export_more)
    assert set(current) == expected
    assert current[key(1)]["first_name"] == "Name1v1v2"
    assert state_keys(warehouse, "audience_file") == expected


def test_upsert_keeps_rows_that_left_but_removes_withdrawn_and_erased(
    warehouse: Warehouse, tmp_path: Path
):
    make_export(warehouse, 20)
    sync = file_sync(tmp_path, mode="upsert")
    run(warehouse, sync)
    delete_rows(warehouse, [key(1), key(2)])
    warehouse.execute(
        f"update {EXPORT} set is_email_marketing_consented = false where customer_id = ?", [key(3)]
    )
    make_suppression(warehouse, [key(1)])  # erased after leaving the export

    summary = run(warehouse, sync)
    assert summary.removed == 2
    assert key(2) in state_keys(warehouse, "audience_file")
    assert not {key(1), key(3)} & state_keys(warehouse, "audience_file")


def test_insert_mode_never_updates(warehouse: Warehouse, tmp_path: Path):
    make_export(warehouse, 10)
    sync = file_sync(tmp_path, mode="insert")
    run(warehouse, sync)
    change_rows(warehouse, [key(1)])
    make_export_extra = (
        "insert into {} select 'c00011', 'x@example.com', 'X', '+33600000011', true, 'h'"
    )
    warehouse.execute(make_export_extra.format(EXPORT))
    summary = run(warehouse, sync)
    assert (summary.added, summary.updated) == (1, 0)
    assert snapshot(tmp_path)[key(1)]["first_name"] == "Name1v1"


def test_mapping_change_resends_every_row(warehouse: Warehouse, tmp_path: Path):
    make_export(warehouse, 8)
    run(warehouse, file_sync(tmp_path, fields={"customer_id": "customer_id", "email": "email"}))
    summary = run(
        warehouse,
        file_sync(
            tmp_path, fields={"customer_id": "customer_id", "email": "email", "name": "first_name"}
        ),
    )
    assert summary.updated == 8
    assert snapshot(tmp_path)[key(8)]["name"] == "Name8v1"


def test_empty_export_never_wipes_the_destination(warehouse: Warehouse, tmp_path: Path):
    make_export(warehouse, 12)
    sync = file_sync(tmp_path)
    run(warehouse, sync)
    warehouse.execute(f"delete from {EXPORT}")

    for force in (False, True):
        summary = run(warehouse, sync, force=force)
        assert summary.status == st.BLOCKED and summary.exit_code == EXIT_BLOCKED
        assert "empty export never wipes" in summary.message
    assert len(state_keys(warehouse, "audience_file")) == 12
    assert len(snapshot(tmp_path)) == 12


def test_removal_share_above_the_limit_needs_force(warehouse: Warehouse, tmp_path: Path):
    make_export(warehouse, 20)
    sync = file_sync(tmp_path, max_removal_share=0.25)
    run(warehouse, sync)
    delete_rows(warehouse, [key(i) for i in range(1, 7)])  # 30 % of what was delivered

    blocked = run(warehouse, sync)
    assert blocked.status == st.BLOCKED and "above the limit of 25%" in blocked.message
    assert len(state_keys(warehouse, "audience_file")) == 20

    forced = run(warehouse, sync, force=True)
    assert forced.status == st.SUCCESS and forced.removed == 6
    assert set(snapshot(tmp_path)) == {key(i) for i in range(7, 21)}
    assert warehouse.fetchone(
        "select is_forced from cdp_sync.sync_runs where run_id = ?", [forced.run_id]
    )[0]


def test_duplicate_keys_fail_the_plan_and_send_nothing(warehouse: Warehouse, tmp_path: Path):
    make_export(warehouse, 5)
    warehouse.execute(f"insert into {EXPORT} select * from {EXPORT} where customer_id = 'c00001'")
    summary = run(warehouse, file_sync(tmp_path))
    assert summary.status == st.FAILED and "duplicate" in summary.message
    assert not (tmp_path / "out" / "audience_file.csv").exists()


@pytest.mark.parametrize("file_format", ["jsonl", "parquet"])
def test_other_file_formats_hold_the_audience(
    duckdb_warehouse: Warehouse, tmp_path: Path, file_format: str
):
    import duckdb

    make_export(duckdb_warehouse, 15)
    sync = file_sync(tmp_path)
    sync["destination"]["format"] = file_format
    run(duckdb_warehouse, sync)
    delete_rows(duckdb_warehouse, [key(1)])
    change_rows(duckdb_warehouse, [key(2)])
    run(duckdb_warehouse, sync)
    target = tmp_path / "out" / f"audience_file.{file_format}"
    reader = "read_json" if file_format == "jsonl" else "read_parquet"
    rows = duckdb.sql(f"select customer_id, first_name from {reader}('{target}')").fetchall()
    assert sorted(r[0] for r in rows) == [key(i) for i in range(2, 16)]
    assert dict(rows)[key(2)] == "Name2v1v2"
