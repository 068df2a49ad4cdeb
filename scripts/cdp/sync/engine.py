"""One run of one sync: lock, plan, guards, batched delivery with per-batch state commits.

Order of delivery: removals first (consent withdrawn and erasure must not wait behind a large
add), then adds, then updates. A batch the destination refuses as a whole is split in halves
until the rows it objects to are isolated; every part it accepts is committed at once. A
crash between a confirmed delivery and its commit means the rows are sent again next run,
which the destinations absorb because every write is keyed (upsert, add-to-set, remove).
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from tqdm import tqdm

from cdp.sync import state as st
from cdp.sync.config import ResolvedSync
from cdp.sync.connectors import (
    BatchRejected,
    Connector,
    DestinationError,
    Outcome,
    Record,
    Removal,
    SyncContext,
    connector_class,
    parse_settings,
)
from cdp.sync.http import DestinationUnavailable
from cdp.sync.plan import (
    Plan,
    PlanError,
    PlannedRow,
    build_plan,
    drop_plan,
    iter_plan,
    payload_columns,
)
from cdp.sync.warehouse import Warehouse, WarehouseError

log = logging.getLogger("cdp.sync")

# Exit codes a scheduler can act on; with several syncs the highest wins.
EXIT_OK = 0
EXIT_PARTIAL = 1  # delivered, some rows rejected (logged, retried next run)
EXIT_CONFIG = 2  # the config or the export is wrong
EXIT_BLOCKED = 3  # a guard stopped the run: look at the plan, rerun with --force if right
EXIT_FAILED = 4  # destination or warehouse error mid-run: rerun later, nothing is lost
EXIT_SKIPPED = 5  # --after-dbt: the dbt build did not succeed

STATUS_EXIT = {
    st.SUCCESS: EXIT_OK,
    st.PARTIAL: EXIT_PARTIAL,
    st.BLOCKED: EXIT_BLOCKED,
    st.FAILED: EXIT_FAILED,
    st.SKIPPED: EXIT_SKIPPED,
}


@dataclass
class RunSummary:
    sync_name: str
    destination_type: str
    mode: str
    run_id: str = ""
    status: str = st.RUNNING
    plan: Plan | None = None
    added: int = 0
    updated: int = 0
    removed: int = 0
    failed: int = 0
    batches: int = 0
    http_retries: int = 0
    seconds: float = 0.0
    message: str | None = None
    notes: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # samples (key, message)

    @property
    def exit_code(self) -> int:
        return STATUS_EXIT.get(self.status, EXIT_FAILED)


def make_connector(sync: ResolvedSync, run_id: str = "") -> Connector:
    cls = connector_class(sync.config.destination.type)
    context = SyncContext(
        sync_name=sync.name,
        mode=sync.mode,
        key_field=sync.config.key,
        retry=sync.retry,
        run_id=run_id,
    )
    return cls(parse_settings(sync.config), context)


def batch_size(sync: ResolvedSync) -> int:
    limit = connector_class(sync.config.destination.type).max_batch_size
    return min(sync.config.batch_size or limit, limit)


class Runner:
    def __init__(
        self,
        warehouse: Warehouse,
        sync: ResolvedSync,
        *,
        force: bool = False,
        progress: bool = True,
    ) -> None:
        self.warehouse = warehouse
        self.sync = sync
        self.force = force
        self.progress = progress
        self.store = st.StateStore(warehouse, sync.name)
        self.config_hash = sync.config_hash()

    def run(self) -> RunSummary:
        sync = self.sync
        summary = RunSummary(sync.name, sync.config.destination.type, sync.mode.value)
        started = time.monotonic()
        if not self.warehouse.try_advisory_lock(sync.name):
            summary.status = st.FAILED
            summary.message = "another run of this sync holds its lock"
            return summary
        connector: Connector | None = None
        try:
            st.ensure_tables(self.warehouse)
            stale = self.store.interrupt_stale_runs()
            if stale:
                log.warning(
                    "%s: %d earlier run(s) never finished; marked interrupted", sync.name, stale
                )
            summary.run_id = st.new_run_id()
            self.store.start_run(summary.run_id, summary.destination_type, summary.mode, self.force)
            try:
                summary.plan = build_plan(self.warehouse, sync)
            except PlanError as error:
                return self._end(summary, st.FAILED, str(error))
            self.store.record_plan(summary.run_id, summary.plan.counts)
            blocked = self._guard(summary.plan)
            if blocked:
                return self._end(summary, st.BLOCKED, blocked)
            connector = make_connector(sync, summary.run_id)
            self._deliver(connector, summary)
            note = connector.finish(summary.added + summary.updated + summary.removed > 0)
            if note:
                summary.notes.append(note)
            status = st.PARTIAL if summary.failed else st.SUCCESS
            message = (
                f"{summary.failed} row(s) rejected; retried next run" if summary.failed else None
            )
            return self._end(summary, status, message)
        except (DestinationError, DestinationUnavailable) as error:
            return self._end(summary, st.FAILED, f"{type(error).__name__}: {error}")
        except WarehouseError as error:
            return self._end(summary, st.FAILED, f"warehouse: {error}")
        finally:
            summary.seconds = time.monotonic() - started
            if connector is not None:
                summary.http_retries = getattr(getattr(connector, "_http", None), "retries", 0)
                connector.close()
            drop_plan(self.warehouse)
            self.warehouse.advisory_unlock(sync.name)

    def _end(self, summary: RunSummary, status: str, message: str | None) -> RunSummary:
        summary.status = status
        summary.message = message
        if summary.run_id:
            try:
                self.store.finish_run(summary.run_id, status, message)
            except WarehouseError as error:
                log.error("could not record the end of run %s: %s", summary.run_id, error)
        return summary

    def _guard(self, plan: Plan) -> str | None:
        counts = plan.counts
        eligible = plan.export_rows - counts["skipped_invalid"] - counts["skipped_consent"]
        if eligible <= 0 and counts["remove"] > 0:
            return (
                f"the export {self.sync.export_relation} has no row to send; refusing to remove "
                f"{counts['remove']} delivered row(s) (an empty export never wipes a destination)"
            )
        limit = self.sync.max_removal_share
        if counts["remove"] and plan.removal_share > limit and not self.force:
            return (
                f"{counts['remove']} removal(s) = {plan.removal_share:.0%} of the "
                f"{plan.delivered_before} delivered row(s), above the limit of {limit:.0%}; "
                "check `cdp-sync plan` and rerun with --force if this is right"
            )
        return None

    # ---------- delivery

    def _deliver(self, connector: Connector, summary: RunSummary) -> None:
        assert summary.plan is not None
        size = batch_size(self.sync)
        fields = None
        bar = tqdm(
            total=summary.plan.total,
            desc=f"{self.sync.name}",
            unit="row",
            disable=not self.progress or summary.plan.total == 0,
            file=sys.stderr,
            leave=False,
        )
        connector.start()
        try:
            page_size = size * max(1, 5000 // size)
            for page in iter_plan(self.warehouse, page_size):
                if fields is None:
                    fields = self._mapping()
                for batch in _batches(page, size):
                    self._attempt(connector, batch, fields, summary)
                    bar.update(len(batch))
        finally:
            bar.close()

    def _mapping(self) -> dict[str, str]:
        columns = self.warehouse.relation_columns(self.sync.export_relation) or []
        return payload_columns(self.sync, columns)

    def _attempt(
        self,
        connector: Connector,
        rows: Sequence[PlannedRow],
        fields: dict[str, str],
        summary: RunSummary,
    ) -> None:
        """Deliver rows; split on whole-batch refusal; commit each accepted part."""
        try:
            if rows[0].operation == "remove":
                outcomes = connector.remove(
                    [Removal(row.key, _ids(row.previous_ids), row.reason or "") for row in rows]
                )
            else:
                outcomes = connector.send([self._record(row, fields) for row in rows])
        except BatchRejected as error:
            if len(rows) == 1:
                outcomes = [Outcome.rejected(rows[0].key, str(error))]
            else:
                middle = len(rows) // 2
                self._attempt(connector, rows[:middle], fields, summary)
                self._attempt(connector, rows[middle:], fields, summary)
                return
        self._commit(rows, outcomes, summary)

    def _record(self, row: PlannedRow, fields: dict[str, str]) -> Record:
        return Record(
            key=row.key,
            operation=row.operation,
            fields={name: row.values.get(column) for name, column in fields.items()},
            row_hash=row.row_hash or "",
            previous_ids=_ids(row.previous_ids) if row.previous_ids else None,
        )

    def _commit(
        self, rows: Sequence[PlannedRow], outcomes: list[Outcome], summary: RunSummary
    ) -> None:
        by_key = {outcome.key: outcome for outcome in outcomes}
        confirmed, rejected = [], []
        for row in rows:
            outcome = by_key.get(row.key) or Outcome.rejected(row.key, "no answer for this row")
            if outcome.ok:
                confirmed.append(st.Confirmed(row.key, row.operation, row.row_hash, outcome.ids))
            else:
                rejected.append(st.Rejected(row.key, row.operation, outcome.error or "rejected"))
        self.store.commit_batch(summary.run_id, self.config_hash, confirmed, rejected)
        summary.batches += 1
        for row in confirmed:
            if row.operation == "add":
                summary.added += 1
            elif row.operation == "update":
                summary.updated += 1
            else:
                summary.removed += 1
        summary.failed += len(rejected)
        for row in rejected[: max(0, 5 - len(summary.errors))]:
            summary.errors.append((row.record_key, row.message))


def _ids(text: str | None) -> dict:
    return json.loads(text) if text else {}


def _batches(page: list[PlannedRow], size: int) -> Iterator[list[PlannedRow]]:
    """Consecutive rows of one kind (removal vs. send), at most `size` per batch."""
    batch: list[PlannedRow] = []
    for row in page:
        if batch and (
            len(batch) >= size or (row.operation == "remove") != (batch[0].operation == "remove")
        ):
            yield batch
            batch = []
        batch.append(row)
    if batch:
        yield batch


def plan_only(warehouse: Warehouse, sync: ResolvedSync, samples: int = 5) -> Plan:
    """The plan without sending or recording a run."""
    st.ensure_tables(warehouse)
    try:
        return build_plan(warehouse, sync, samples)
    finally:
        drop_plan(warehouse)
