"""Delivery state, run log and per-row error log: plain tables in schema ``cdp_sync``.

- ``sync_state``: one row per sync and record key delivered: the row hash (and config hash)
  the destination holds, and the identifiers needed to remove it later (JSON).
- ``sync_runs``: one row per run: plan counts, outcome counts, status, message.
- ``sync_row_errors``: one row per rejected row and run, with the destination's message;
  ``resolved_run_id`` is set when a later run delivered the row.

BI reads them as they are. Writes for one batch happen in one transaction, after the
destination confirmed the batch.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cdp.sync.warehouse import Warehouse

SCHEMA = "cdp_sync"
STATE = f"{SCHEMA}.sync_state"
RUNS = f"{SCHEMA}.sync_runs"
ERRORS = f"{SCHEMA}.sync_row_errors"
CONFIRMED = "cdp_sync_confirmed"  # temporary, per connection

DDL = [
    f"create schema if not exists {SCHEMA}",
    f"""create table if not exists {STATE} (
        sync_name varchar not null,
        record_key varchar not null,
        row_hash varchar not null,
        config_hash varchar not null,
        destination_ids varchar,
        first_delivered_at timestamp not null,
        delivered_at timestamp not null,
        run_id varchar not null,
        primary key (sync_name, record_key)
    )""",
    f"""create table if not exists {RUNS} (
        run_id varchar primary key,
        sync_name varchar not null,
        destination_type varchar not null,
        mode varchar not null,
        status varchar not null,
        started_at timestamp not null,
        finished_at timestamp,
        export_rows integer,
        planned_adds integer,
        planned_updates integer,
        planned_removes integer,
        planned_retries integer,
        skipped_consent integer,
        skipped_invalid integer,
        added integer not null default 0,
        updated integer not null default 0,
        removed integer not null default 0,
        failed integer not null default 0,
        batches integer not null default 0,
        is_forced boolean not null default false,
        message varchar
    )""",
    f"""create table if not exists {ERRORS} (
        run_id varchar not null,
        sync_name varchar not null,
        record_key varchar not null,
        operation varchar not null,
        error_message varchar not null,
        failed_at timestamp not null,
        resolved_run_id varchar,
        resolved_at timestamp
    )""",
]

# Run statuses, as the run log stores them.
RUNNING = "running"
SUCCESS = "success"
PARTIAL = "partial"  # delivered, but some rows were rejected (retried next run)
FAILED = "failed"  # stopped by a destination or warehouse error
BLOCKED = "blocked"  # stopped by a guard before sending anything
SKIPPED = "skipped"  # --after-dbt: the build did not succeed
INTERRUPTED = "interrupted"  # a run that never finished (process killed)


def now() -> datetime:
    """UTC wall time without zone, as the state tables store it."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def new_run_id() -> str:
    """Sortable by start time (to the microsecond: started_at keeps whole seconds, so two
    runs of one second are told apart by their ids), unique across processes."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}"


def ensure_tables(warehouse: Warehouse) -> None:
    for statement in DDL:
        warehouse.execute(statement)


@dataclass
class Confirmed:
    """A row the destination confirmed: its new state, or None for a removal."""

    record_key: str
    operation: str
    row_hash: str | None = None
    destination_ids: dict[str, Any] | None = None


@dataclass
class Rejected:
    record_key: str
    operation: str
    message: str


class StateStore:
    """State reads and per-batch commits for one sync."""

    def __init__(self, warehouse: Warehouse, sync_name: str) -> None:
        self.warehouse = warehouse
        self.sync_name = sync_name
        self._confirmed_ready = False

    # ---------- run log

    def interrupt_stale_runs(self) -> int:
        """Runs left 'running' by a killed process: we hold the sync's lock, so they are dead."""
        rows = self.warehouse.fetchall(
            f"select run_id from {RUNS} where sync_name = ? and status = ?",
            [self.sync_name, RUNNING],
        )
        if rows:
            self.warehouse.execute(
                f"update {RUNS} set status = ?, finished_at = coalesce(finished_at, ?), "
                "message = coalesce(message, 'the process stopped before the run finished') "
                "where sync_name = ? and status = ?",
                [INTERRUPTED, now(), self.sync_name, RUNNING],
            )
        return len(rows)

    def start_run(self, run_id: str, destination_type: str, mode: str, forced: bool) -> None:
        self.warehouse.execute(
            f"insert into {RUNS} (run_id, sync_name, destination_type, mode, status, started_at, "
            "is_forced) values (?, ?, ?, ?, ?, ?, ?)",
            [run_id, self.sync_name, destination_type, mode, RUNNING, now(), forced],
        )

    def record_plan(self, run_id: str, counts: dict[str, int]) -> None:
        self.warehouse.execute(
            f"update {RUNS} set export_rows = ?, planned_adds = ?, planned_updates = ?, "
            "planned_removes = ?, planned_retries = ?, skipped_consent = ?, skipped_invalid = ? "
            "where run_id = ?",
            [
                counts["export_rows"],
                counts["add"],
                counts["update"],
                counts["remove"],
                counts["retry"],
                counts["skipped_consent"],
                counts["skipped_invalid"],
                run_id,
            ],
        )

    def finish_run(self, run_id: str, status: str, message: str | None) -> None:
        self.warehouse.execute(
            f"update {RUNS} set status = ?, finished_at = ?, message = ? where run_id = ?",
            [status, now(), message, run_id],
        )

    # ---------- per batch

    def commit_batch(
        self,
        run_id: str,
        config_hash: str,
        confirmed: Sequence[Confirmed],
        rejected: Sequence[Rejected],
    ) -> None:
        """Record what the destination confirmed and what it rejected, atomically."""
        self._ensure_confirmed_table()
        delivered_at = now()
        with self.warehouse.transaction():
            self.warehouse.execute(f"delete from {CONFIRMED}")
            self.warehouse.insert_rows(
                CONFIRMED,
                ["record_key", "operation", "row_hash", "destination_ids"],
                [
                    (
                        row.record_key,
                        row.operation,
                        row.row_hash,
                        json.dumps(row.destination_ids, sort_keys=True)
                        if row.destination_ids is not None
                        else None,
                    )
                    for row in confirmed
                ],
            )
            if confirmed:
                self._apply_confirmed(run_id, config_hash, delivered_at)
            if rejected:
                self.warehouse.insert_rows(
                    ERRORS,
                    [
                        "run_id",
                        "sync_name",
                        "record_key",
                        "operation",
                        "error_message",
                        "failed_at",
                    ],
                    [
                        (
                            run_id,
                            self.sync_name,
                            row.record_key,
                            row.operation,
                            row.message[:2000],
                            delivered_at.isoformat(sep=" "),
                        )
                        for row in rejected
                    ],
                )
            counts = _count(confirmed)
            self.warehouse.execute(
                f"update {RUNS} set added = added + ?, updated = updated + ?, "
                "removed = removed + ?, failed = failed + ?, batches = batches + 1 "
                "where run_id = ?",
                [counts["add"], counts["update"], counts["remove"], len(rejected), run_id],
            )

    def _apply_confirmed(self, run_id: str, config_hash: str, delivered_at: datetime) -> None:
        self.warehouse.execute(
            f"""
            insert into {STATE} (
                sync_name, record_key, row_hash, config_hash, destination_ids,
                first_delivered_at, delivered_at, run_id
            )
            select ?, record_key, row_hash, ?, destination_ids, ?, ?, ?
            from {CONFIRMED}
            where operation <> 'remove'
            on conflict (sync_name, record_key) do update set
                row_hash = excluded.row_hash,
                config_hash = excluded.config_hash,
                destination_ids = excluded.destination_ids,
                delivered_at = excluded.delivered_at,
                run_id = excluded.run_id
            """,
            [self.sync_name, config_hash, delivered_at, delivered_at, run_id],
        )
        self.warehouse.execute(
            f"delete from {STATE} where sync_name = ? and record_key in "
            f"(select record_key from {CONFIRMED} where operation = 'remove')",
            [self.sync_name],
        )
        self.warehouse.execute(
            f"update {ERRORS} set resolved_run_id = ?, resolved_at = ? "
            f"where sync_name = ? and resolved_run_id is null "
            f"and record_key in (select record_key from {CONFIRMED})",
            [run_id, delivered_at, self.sync_name],
        )

    def _ensure_confirmed_table(self) -> None:
        if not self._confirmed_ready:
            self.warehouse.execute(
                f"create temporary table if not exists {CONFIRMED} (record_key varchar, "
                "operation varchar, row_hash varchar, destination_ids varchar)"
            )
            self._confirmed_ready = True

    # ---------- reads

    def delivered_count(self) -> int:
        row = self.warehouse.fetchone(
            f"select count(*) from {STATE} where sync_name = ?", [self.sync_name]
        )
        return int(row[0]) if row else 0

    def open_error_count(self) -> int:
        row = self.warehouse.fetchone(
            f"select count(distinct record_key) from {ERRORS} "
            "where sync_name = ? and resolved_run_id is null",
            [self.sync_name],
        )
        return int(row[0]) if row else 0

    def reset(self) -> tuple[int, int]:
        """Forget what was delivered (the next run sends everything again)."""
        with self.warehouse.transaction():
            state = self.delivered_count()
            errors = self.open_error_count()
            self.warehouse.execute(f"delete from {STATE} where sync_name = ?", [self.sync_name])
            self.warehouse.execute(f"delete from {ERRORS} where sync_name = ?", [self.sync_name])
        return state, errors


def _count(confirmed: Sequence[Confirmed]) -> dict[str, int]:
    counts = {"add": 0, "update": 0, "remove": 0}
    for row in confirmed:
        counts[row.operation] += 1
    return counts


def recent_runs(
    warehouse: Warehouse, sync_names: Sequence[str], limit: int
) -> list[tuple[Any, ...]]:
    """The latest runs per sync, newest first."""
    if not sync_names:
        return []
    marks = ", ".join("?" for _ in sync_names)
    return warehouse.fetchall(
        f"""
        select sync_name, run_id, status, started_at, finished_at, added, updated, removed,
            failed, skipped_consent, message
        from (
            select runs.*,
                row_number() over (partition by sync_name order by started_at desc, run_id desc)
                    as recency
            from {RUNS} as runs
            where sync_name in ({marks})
        ) as ranked
        where recency <= ?
        order by sync_name, started_at desc, run_id desc
        """,
        [*sync_names, limit],
    )
