"""The plan of a run, computed in SQL: the export diffed against the delivery state.

Every export row is read once in the warehouse into a temporary table ``cdp_sync_plan`` that
holds one row per key to act on (operation add / update / remove, why, whether it failed
before) with the export's columns, numbered in delivery order. Delivery then reads it page by
page, so Python never holds more than a page. The temporary table is a snapshot: the export
may be rebuilt while a run delivers.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from cdp.sync.config import Mode, ResolvedSync
from cdp.sync.state import ERRORS, STATE
from cdp.sync.warehouse import Warehouse, WarehouseError, quote_relation

PLAN_TABLE = "cdp_sync_plan"
OPERATIONS = ("remove", "add", "update")  # delivery order: privacy first
# Plan columns are prefixed so that they never clash with an export's own columns.
INTERNAL = (
    "_cdp_seq",
    "_cdp_key",
    "_cdp_operation",
    "_cdp_reason",
    "_cdp_is_retry",
    "_cdp_hash",
    "_cdp_previous_ids",
)


class PlanError(Exception):
    """The export cannot be planned (missing, wrong shape, duplicate keys)."""


@dataclass
class Plan:
    export_rows: int
    counts: dict[str, int]  # add, update, remove, retry, skipped_consent, skipped_invalid
    removal_reasons: dict[str, int]
    delivered_before: int
    samples: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.counts["add"] + self.counts["update"] + self.counts["remove"]

    @property
    def removal_share(self) -> float:
        return self.counts["remove"] / self.delivered_before if self.delivered_before else 0.0


def export_columns(warehouse: Warehouse, sync: ResolvedSync) -> list[str]:
    """The export's columns, after checking it has what the sync needs."""
    columns = warehouse.relation_columns(sync.export_relation)
    if columns is None:
        raise PlanError(
            f"export {sync.export_relation} does not exist in {warehouse.settings.describe()} "
            "(build it with dbt, or check `export:` and CDP_SCHEMA)"
        )
    config = sync.config
    needed = [config.key, config.hash_column, *config.consent_columns()]
    needed += list((config.fields or {}).values())
    missing = [column for column in dict.fromkeys(needed) if column not in columns]
    if missing:
        raise PlanError(f"export {sync.export_relation} has no column(s) {', '.join(missing)}")
    return columns


def payload_columns(sync: ResolvedSync, columns: list[str]) -> dict[str, str]:
    """Destination field -> export column: the mapping, or every payload column as it is."""
    if sync.config.fields:
        return dict(sync.config.fields)
    internal = {sync.config.hash_column, *sync.config.consent_columns()}
    return {
        column: column
        for column in columns
        if column not in internal
        and not (column.startswith("is_") and column.endswith("_consented"))
    }


def build_plan(warehouse: Warehouse, sync: ResolvedSync, sample_size: int = 5) -> Plan:
    """Create the plan table for this connection and return its counts and samples."""
    columns = export_columns(warehouse, sync)
    config = sync.config
    export = quote_relation(sync.export_relation)
    key = f'export."{config.key}"'

    duplicates = warehouse.fetchone(
        f"select count(*) - count(distinct {key}) from {export} as export where {key} is not null"
    )
    if duplicates and duplicates[0]:
        raise PlanError(
            f"export {sync.export_relation} has {duplicates[0]} duplicate value(s) of key "
            f"{config.key!r}: one row per key is required"
        )

    consented = " and ".join(f'coalesce(export."{c}", false)' for c in config.consent_columns())
    suppressed = (
        "\n            union\n            ".join(
            f'select cast("{s.key_column}" as varchar) as record_key '
            f"from {quote_relation(s.relation)}"
            for s in sync.suppression
        )
        or "select cast(null as varchar) as record_key where false"
    )
    removal_filter = "" if sync.mode == Mode.MIRROR else "and diff._cdp_reason <> 'left_export'"
    update_filter = "and false" if sync.mode == Mode.INSERT else ""

    warehouse.execute(f"drop table if exists {PLAN_TABLE}")
    warehouse.execute(
        f"""
        create temporary table {PLAN_TABLE} as
        with

        export_rows as (

            select
                cast({key} as varchar) as _cdp_export_key,
                cast(export."{config.hash_column}" as varchar) as _cdp_export_hash,
                {consented or "true"} as _cdp_is_consented,
                export.*
            from {export} as export
            where {key} is not null

        ),

        delivered as (

            select * from {STATE} where sync_name = ?

        ),

        suppressed as (

            -- keys never to send and to remove wherever they were sent (erasure)
            {suppressed}

        ),

        failed_before as (

            select distinct record_key from {ERRORS}
            where sync_name = ? and resolved_run_id is null

        ),

        joined as (

            select
                coalesce(export_rows._cdp_export_key, delivered.record_key) as _cdp_key,
                export_rows._cdp_export_key,
                export_rows._cdp_export_hash,
                export_rows._cdp_is_consented,
                delivered.record_key as delivered_key,
                delivered.row_hash as delivered_hash,
                delivered.config_hash as delivered_config_hash,
                delivered.destination_ids
            from export_rows
            full outer join delivered
                on export_rows._cdp_export_key = delivered.record_key

        ),

        diff as (

            select
                joined._cdp_key,
                case
                    when joined.delivered_key is null then 'add'
                    when suppressed.record_key is not null then 'remove'
                    when joined._cdp_export_key is null then 'remove'
                    when not joined._cdp_is_consented then 'remove'
                    when joined._cdp_export_hash <> joined.delivered_hash
                        or joined.delivered_config_hash <> ? then 'update'
                end as _cdp_operation,
                case
                    when suppressed.record_key is not null then 'suppressed'
                    when joined._cdp_export_key is null then 'left_export'
                    when not joined._cdp_is_consented then 'consent'
                end as _cdp_reason,
                failed_before.record_key is not null as _cdp_is_retry,
                joined._cdp_export_hash as _cdp_hash,
                joined.destination_ids as _cdp_previous_ids,
                joined._cdp_is_consented,
                suppressed.record_key is not null as _cdp_is_suppressed
            from joined
            left outer join (select distinct record_key from suppressed) as suppressed
                on joined._cdp_key = suppressed.record_key
            left outer join failed_before
                on joined._cdp_key = failed_before.record_key

        ),

        actionable as (

            select * from diff
            where
                (diff._cdp_operation = 'add'
                    and diff._cdp_is_consented and not diff._cdp_is_suppressed)
                or (diff._cdp_operation = 'update' {update_filter})
                or (diff._cdp_operation = 'remove' {removal_filter})

        ),

        final as (

            select
                row_number() over (
                    order by
                        case actionable._cdp_operation
                            when 'remove' then 1 when 'add' then 2 else 3
                        end,
                        actionable._cdp_key
                ) as _cdp_seq,
                actionable._cdp_key,
                actionable._cdp_operation,
                actionable._cdp_reason,
                actionable._cdp_is_retry,
                actionable._cdp_hash,
                actionable._cdp_previous_ids,
                export_rows.*
            from actionable
            left outer join export_rows
                on actionable._cdp_key = export_rows._cdp_export_key

        )

        select * from final
        """,
        [sync.name, sync.name, sync.config_hash()],
    )
    if warehouse.dialect == "postgres":
        warehouse.execute(f"create index on {PLAN_TABLE} (_cdp_seq)")

    counts = {operation: 0 for operation in OPERATIONS}
    for operation, rows in warehouse.fetchall(
        f"select _cdp_operation, count(*) from {PLAN_TABLE} group by _cdp_operation"
    ):
        counts[str(operation)] = int(rows)
    retry = warehouse.fetchone(f"select count(*) from {PLAN_TABLE} where _cdp_is_retry")
    reasons = dict(
        (str(reason), int(rows))
        for reason, rows in warehouse.fetchall(
            f"select _cdp_reason, count(*) from {PLAN_TABLE} where _cdp_operation = 'remove' "
            "group by _cdp_reason"
        )
    )
    export_stats = warehouse.fetchone(
        f"""
        select
            count(*),
            count(case when {key} is null then 1 end),
            count(case when {key} is not null and not ({consented or "true"}) then 1 end)
        from {export} as export
        """
    )
    assert export_stats is not None
    delivered = warehouse.fetchone(f"select count(*) from {STATE} where sync_name = ?", [sync.name])
    counts.update(
        retry=int(retry[0]) if retry else 0,
        skipped_invalid=int(export_stats[1]),
        skipped_consent=int(export_stats[2]),
        export_rows=int(export_stats[0]),
    )
    plan = Plan(
        export_rows=int(export_stats[0]),
        counts=counts,
        removal_reasons=reasons,
        delivered_before=int(delivered[0]) if delivered else 0,
    )
    fields = payload_columns(sync, columns)
    for operation in OPERATIONS:
        names, rows = warehouse.query(
            f"select * from {PLAN_TABLE} where _cdp_operation = ? order by _cdp_seq limit ?",
            [operation, sample_size],
        )
        plan.samples[operation] = [
            _sample(dict(zip(names, row, strict=True)), fields) for row in rows
        ]
    return plan


def _sample(row: dict[str, Any], fields: dict[str, str]) -> dict[str, Any]:
    sample: dict[str, Any] = {"key": row["_cdp_key"]}
    if row["_cdp_reason"]:
        sample["reason"] = row["_cdp_reason"]
    if row["_cdp_is_retry"]:
        sample["retry"] = True
    if row["_cdp_export_key"] is not None:
        for field_name, column in list(fields.items())[:4]:
            sample[field_name] = row.get(column)
    return sample


@dataclass
class PlannedRow:
    seq: int
    key: str
    operation: str
    reason: str | None
    is_retry: bool
    row_hash: str | None
    previous_ids: str | None
    values: dict[str, Any]  # export columns (empty when the row left the export)


def iter_plan(warehouse: Warehouse, page_size: int) -> Iterator[list[PlannedRow]]:
    """The plan in delivery order, one page at a time (keyset pagination on _cdp_seq)."""
    last = 0
    while True:
        names, rows = warehouse.query(
            f"select * from {PLAN_TABLE} where _cdp_seq > ? order by _cdp_seq limit ?",
            [last, page_size],
        )
        if not rows:
            return
        page = []
        for row in rows:
            record = dict(zip(names, row, strict=True))
            in_export = record.get("_cdp_export_key") is not None
            values = {name: value for name, value in record.items() if not name.startswith("_cdp_")}
            page.append(
                PlannedRow(
                    seq=int(record["_cdp_seq"]),
                    key=str(record["_cdp_key"]),
                    operation=str(record["_cdp_operation"]),
                    reason=record["_cdp_reason"],
                    is_retry=bool(record["_cdp_is_retry"]),
                    row_hash=record["_cdp_hash"],
                    previous_ids=record["_cdp_previous_ids"],
                    values=values if in_export else {},
                )
            )
        last = page[-1].seq
        yield page


def drop_plan(warehouse: Warehouse) -> None:
    with contextlib.suppress(WarehouseError):
        warehouse.execute(f"drop table if exists {PLAN_TABLE}")
