"""Runs that die or fail half-way, then a rerun: the destination ends up with exactly the audience.

- A real crash: `cdp-sync run` in a subprocess is killed (SIGKILL) by the destination right
  after it applied a batch and before the answer arrives, so the delivery is done but its
  state was never committed; or killed from outside while writing change files.
- Destination errors: a fake that keeps failing at random points until retries run out.

After rerunning, the destination holds exactly the intended audience (adds and removals),
and keyed writes mean nothing is doubled.
"""

from __future__ import annotations

import csv
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from cdp.sync import state as st
from cdp.sync.connectors.webhook import generate_secret
from cdp.sync.warehouse import Warehouse, WarehouseSettings

from .conftest import (
    EXPORT,
    change_rows,
    delete_rows,
    key,
    make_export,
    make_suppression,
    run,
    write_config,
)
from .destinations import hubspot
from .fakes import WebhookFake

CDP_SYNC = [sys.executable, "-m", "cdp.sync.cli"]


def _warehouse(path: Path) -> Warehouse:
    return Warehouse(WarehouseSettings(target="duckdb", duckdb_path=path))


def _prepare(path: Path) -> None:
    """Deliverable audience: 1..200; then the next run has removals, adds and updates."""
    duckdb.connect(str(path)).close()
    with _warehouse(path) as warehouse:
        make_suppression(warehouse, [])
        make_export(warehouse, 200)


def _change(path: Path) -> set[str]:
    with _warehouse(path) as warehouse:
        delete_rows(warehouse, [key(i) for i in range(1, 41)])  # 40 removals
        warehouse.execute(
            f"insert into {EXPORT} select 'c' || lpad(cast(i as varchar), 5, '0'), "
            "'person' || cast(i as varchar) || '@example.com', 'Name' || cast(i as varchar), "
            "'+3361' || lpad(cast(i as varchar), 7, '0'), true, md5(cast(i as varchar)) "
            "from generate_series(201, 260) as series(i)"
        )  # 60 adds
        change_rows(warehouse, [key(i) for i in range(100, 130)])  # 30 updates
    return {key(i) for i in range(41, 261)}


def _state(path: Path, sync: str) -> tuple[set[str], list[str]]:
    with _warehouse(path) as warehouse:
        keys = {
            r[0]
            for r in warehouse.fetchall(
                "select record_key from cdp_sync.sync_state where sync_name = ?", [sync]
            )
        }
        statuses = [
            r[0]
            for r in warehouse.fetchall(
                "select status from cdp_sync.sync_runs where sync_name = ? "
                "order by started_at, run_id",
                [sync],
            )
        ]
    return keys, statuses


def _run_here(path: Path, sync: dict) -> str:
    """A normal run in this process (the warehouse file is closed again afterwards)."""
    with _warehouse(path) as warehouse:
        return run(warehouse, sync).status


def _cli(config: Path, db: Path, env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            *CDP_SYNC,
            "run",
            *args,
            "--config",
            str(config),
            "--duckdb-path",
            str(db),
            "--no-progress",
        ],
        env={**os.environ, **env, "CDP_TARGET": "duckdb"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_process_killed_by_the_destination_mid_run_converges_on_rerun(tmp_path: Path):
    db = tmp_path / "warehouse.duckdb"
    _prepare(db)
    secret = generate_secret()
    fake = WebhookFake(secret).start()
    env = {"CRASH_WEBHOOK_SECRET": secret}
    os.environ["CRASH_WEBHOOK_SECRET"] = secret
    sync = {
        "name": "crash_webhook",
        "export": EXPORT,
        "batch_size": 20,
        "max_removal_share": 0.5,
        "destination": {
            "type": "webhook",
            "url": f"{fake.url}/hook",
            "secret_env": "CRASH_WEBHOOK_SECRET",
        },
    }
    config = write_config(tmp_path / "syncs.yml", sync)
    try:
        assert _run_here(db, sync) == st.SUCCESS
        assert fake.members() == {key(i) for i in range(1, 201)}
        intended = _change(db)

        victim: list[subprocess.Popen] = []
        applied = []

        def kill_after_third_batch(api):
            applied.append(1)
            if (
                len(applied) == 3
            ):  # 2 removal batches and 1 add batch applied, the last one unanswered
                victim[0].send_signal(signal.SIGKILL)
                victim[0].wait(timeout=30)

        fake.after_apply = kill_after_third_batch
        victim.append(_cli(config, db, env, "crash_webhook"))
        assert victim[0].wait(timeout=60) == -signal.SIGKILL
        delivered, _ = _state(db, "crash_webhook")
        members = fake.members()
        assert members != intended  # the crash left the destination half-way
        assert members - delivered  # ... and the state behind what the destination applied
        fake.after_apply = None

        assert _run_here(db, sync) == st.SUCCESS
        delivered, statuses = _state(db, "crash_webhook")
        assert fake.members() == intended == delivered
        assert statuses == ["success", "interrupted", "success"]
        expected_names = {key(i): f"Name{i}v1v2" for i in range(100, 130)}
        assert all(fake.receiver.members[k]["first_name"] == v for k, v in expected_names.items())

        requests = len(fake.requests)
        assert _run_here(db, sync) == st.SUCCESS and len(fake.requests) == requests
    finally:
        fake.stop()
        os.environ.pop("CRASH_WEBHOOK_SECRET", None)


def test_process_killed_while_writing_files_converges_without_duplicate_rows(tmp_path: Path):
    db = tmp_path / "warehouse.duckdb"
    _prepare(db)
    out = tmp_path / "out"
    sync = {
        "name": "crash_file",
        "export": EXPORT,
        "batch_size": 10,
        "max_removal_share": 0.5,
        "destination": {"type": "file", "path": str(out), "format": "csv"},
    }
    config = write_config(tmp_path / "syncs.yml", sync)
    assert _run_here(db, sync) == st.SUCCESS
    intended = _change(db)
    changes = out / "crash_file" / "changes"
    before = len(list(changes.glob("*.csv")))

    victim = _cli(config, db, {}, "crash_file")

    def kill_when_some_batches_are_written() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(list(changes.glob("*.csv"))) < before + 4:
            time.sleep(0.005)
        victim.send_signal(signal.SIGKILL)

    watcher = threading.Thread(target=kill_when_some_batches_are_written)
    watcher.start()
    code = victim.wait(timeout=60)
    watcher.join()
    assert code == -signal.SIGKILL

    assert _run_here(db, sync) == st.SUCCESS
    with (out / "crash_file.csv").open() as handle:
        rows = [row["customer_id"] for row in csv.DictReader(handle)]
    assert sorted(rows) == sorted(intended)  # every key once: no loss, no duplicate
    assert _state(db, "crash_file")[0] == intended


def test_destination_failing_at_random_points_converges_over_reruns(
    duckdb_warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch
):
    harness = hubspot(monkeypatch)
    chaos = random.Random(7)
    try:
        make_export(duckdb_warehouse, 450)
        harness.sync["max_removal_share"] = 0.5

        def sometimes_break(api):
            if chaos.random() < 0.3:
                api.fail_next(503, {"message": "upstream down"}, times=4)  # beyond max_attempts
            if chaos.random() < 0.2:
                api.fail_next(429, {"message": "slow down"}, {"Retry-After": "0"})

        harness.fake.after_apply = sometimes_break

        def converge() -> list[str]:
            statuses = []
            for _ in range(40):
                summary = run(duckdb_warehouse, harness.sync)
                statuses.append(summary.status)
                if summary.status == st.SUCCESS:
                    return statuses
            raise AssertionError(f"no successful run in 40: {statuses}")

        statuses = converge()
        assert st.FAILED in statuses  # the chaos did interrupt runs
        assert harness.members() == {f"person{i}@example.com" for i in range(1, 451)}

        delete_rows(duckdb_warehouse, [key(i) for i in range(1, 101)])
        change_rows(duckdb_warehouse, [key(i) for i in range(200, 260)])
        converge()
        fake = harness.fake
        assert harness.members() == {f"person{i}@example.com" for i in range(101, 451)}
        assert len(fake.contacts) == 450  # each person created once, however often re-sent
        assert all(
            fake.contacts[fake.by_email[f"person{i}@example.com"]]["firstname"] == f"Name{i}v1v2"
            for i in range(200, 260)
        )
    finally:
        harness.fake.stop()
