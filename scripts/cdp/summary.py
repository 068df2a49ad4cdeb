"""Print what a build produced: the demo summary behind `make demo`.

    cdp-summary --duckdb-path warehouse/cdp.duckdb --input data/demo

Sources loaded (rows per raw table), customers found against source records (and true
people when the generator's ground truth is in --input), values staging rejected (malformed
or placeholders, nulled and listed in stg_quality__rejected_values) per source, column and
reason and the duplicate deliveries it dropped, quarantined identifier values by reason, a
few example profiles with their metrics and consent (read from the BI views, so contact
data is masked), segment sizes when the segments marts exist, where sync results are, and
how to open the DuckDB file. Every part is skipped with a note when its tables are missing,
so the summary works on a partial build too.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger("cdp.summary")

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
RAW_SCHEMA_PREFIX = "raw_"
GROUND_TRUTH_NAMES = ("ground_truth", "truth")
PERSON_ID_COLUMNS = ("person_id", "true_person_id", "entity_id")


@dataclass(frozen=True)
class Schemas:
    """Schema names of one dbt target: <base>_marts, <base>_bi, <base>_intermediate."""

    base: str

    def __post_init__(self) -> None:
        if not _NAME.match(self.base):
            raise ValueError(f"not a schema name: {self.base!r}")

    @property
    def marts(self) -> str:
        return f"{self.base}_marts"

    @property
    def bi(self) -> str:
        return f"{self.base}_bi"

    @property
    def intermediate(self) -> str:
        return f"{self.base}_intermediate"


def _rows(connection: Any, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    cursor = connection.cursor()
    cursor.execute(sql, list(params))
    return list(cursor.fetchall())


def table_exists(connection: Any, schema: str, table: str) -> bool:
    rows = _rows(
        connection,
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        (schema, table),
    )
    return bool(rows and rows[0][0])


def format_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Left-aligned text columns, numbers right-aligned."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [
        max(len(header), *(len(row[i]) for row in cells)) if cells else len(header)
        for i, header in enumerate(headers)
    ]
    numeric = [
        bool(rows) and all(isinstance(row[i], int | float) or row[i] is None for row in rows)
        for i in range(len(headers))
    ]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            value.rjust(widths[i]) if numeric[i] else value.ljust(widths[i])
            for i, value in enumerate(values)
        ).rstrip()

    return "\n".join([line(list(headers)), *(line(row) for row in cells)])


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def sources_loaded(connection: Any) -> list[tuple[str, str, int]]:
    """(schema, table, rows) for every table in a raw_<source> schema."""
    tables = _rows(
        connection,
        "select table_schema, table_name from information_schema.tables "
        "where table_schema like ? order by table_schema, table_name",
        (RAW_SCHEMA_PREFIX + "%",),
    )
    result = []
    for schema, table in tables:
        if not (_NAME.match(schema) and _NAME.match(table)):
            continue
        count = _rows(connection, f'select count(*) from "{schema}"."{table}"')[0][0]
        result.append((schema, table, int(count)))
    return result


def identity_counts(connection: Any, schemas: Schemas) -> dict[str, int] | None:
    """Source records, customers and suppressed customers; None before identity ran."""
    if not table_exists(connection, schemas.intermediate, "int_identity__record_map"):
        return None
    records, customers = _rows(
        connection,
        f"select count(*), count(distinct customer_id) "
        f"from {schemas.intermediate}.int_identity__record_map",
    )[0]
    counts = {"records": int(records), "customers": int(customers)}
    if table_exists(connection, schemas.marts, "customers"):
        counts["customers_in_marts"] = int(
            _rows(connection, f"select count(*) from {schemas.marts}.customers")[0][0]
        )
    return counts


def _intermediate_rows(
    connection: Any, schemas: Schemas, table: str, select: str, rest: str
) -> list[tuple[Any, ...]] | None:
    """`select <select> from <intermediate>.<table> <rest>`; None while the table is not built."""
    if not table_exists(connection, schemas.intermediate, table):
        return None
    return _rows(connection, f"select {select} from {schemas.intermediate}.{table} {rest}")


def quarantined_by_reason(connection: Any, schemas: Schemas) -> list[tuple[Any, ...]] | None:
    return _intermediate_rows(
        connection,
        schemas,
        "int_identity__quarantined_values",
        "reason, identifier_type, count(*) as identifier_values, sum(record_count) as records",
        "group by reason, identifier_type order by identifier_values desc, reason",
    )


def rejected_values(connection: Any, schemas: Schemas) -> list[tuple[Any, ...]] | None:
    """Values staging nulled as malformed or placeholders, per source, column and reason,
    with the share of the model's records."""
    return _intermediate_rows(
        connection,
        schemas,
        "int_quality__rejected_value_counts",
        "source_name, table_name, column_name, reason, rejected_values, "
        "cast(100 * rejected_share as double) as percent_of_records",
        "order by source_name, table_name, column_name, reason",
    )


def duplicate_rows(connection: Any, schemas: Schemas) -> list[tuple[Any, ...]] | None:
    """Duplicate deliveries staging dropped, per raw table."""
    return _intermediate_rows(
        connection,
        schemas,
        "int_quality__duplicate_rows",
        "source_name, table_name, duplicate_rows, raw_rows",
        "order by source_name, table_name",
    )


def example_profiles(connection: Any, schemas: Schemas, limit: int = 3) -> list[dict[str, Any]]:
    """The customers with the most sources behind them and the highest lifetime value,
    from the BI views only (masked email, no names), with metrics and consent."""
    if not (
        table_exists(connection, schemas.bi, "bi_customers")
        and table_exists(connection, schemas.bi, "bi_customer_metrics")
    ):
        return []
    cursor = connection.cursor()
    cursor.execute(
        f"""
        select
            customers.customer_id, customers.email_masked, customers.city,
            customers.country_code, customers.source_names, customers.record_count,
            customers.match_tier, metrics.orders_count, metrics.lifetime_value,
            metrics.currency, metrics.rfm_segment, metrics.churn_risk,
            metrics.open_rate_90d, metrics.days_since_last_order
        from {schemas.bi}.bi_customers as customers
        inner join {schemas.bi}.bi_customer_metrics as metrics
            on customers.customer_id = metrics.customer_id
        order by customers.source_count desc, metrics.lifetime_value desc, customers.customer_id
        limit {int(limit)}
        """
    )
    names = [column[0] for column in cursor.description]
    profiles = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    has_consent = table_exists(connection, schemas.bi, "bi_customer_consent")
    for profile in profiles:
        profile["consent"] = (
            _rows(
                connection,
                f"select purpose, consent_state from {schemas.bi}.bi_customer_consent "
                f"where customer_id = ? order by purpose",
                (profile["customer_id"],),
            )
            if has_consent
            else []
        )
    return profiles


def format_profile(profile: dict[str, Any]) -> str:
    consent = ", ".join(f"{purpose}={state}" for purpose, state in profile["consent"]) or "-"
    money = profile["lifetime_value"]
    money_text = f"{float(money):,.2f} {profile['currency']}" if money is not None else "-"
    return "\n".join(
        [
            f"  customer {profile['customer_id']}  {profile['email_masked'] or '(no email)'}  "
            f"{profile['city'] or '-'}, {profile['country_code'] or '-'}",
            f"    {profile['record_count']} records from {profile['source_names']} "
            f"({profile['match_tier']})",
            f"    orders {profile['orders_count']}, lifetime value {money_text}, "
            f"RFM {profile['rfm_segment']}, churn risk {profile['churn_risk'] or '-'}, "
            f"days since last order {_cell(profile['days_since_last_order'])}, "
            f"email open rate 90d {_cell(profile['open_rate_90d'])}",
            f"    consent: {consent}",
        ]
    )


def ground_truth_people(input_dir: Path | None) -> int | None:
    """Distinct true people in the generator's ground-truth file, when there is one."""
    if input_dir is None or not input_dir.is_dir():
        return None
    import duckdb

    for path in sorted(input_dir.rglob("*")):
        stem = path.name.split(".")[0]
        if path.suffix not in {".parquet", ".csv"} or stem not in GROUND_TRUTH_NAMES:
            continue
        reader = "read_parquet" if path.suffix == ".parquet" else "read_csv_auto"
        connection = duckdb.connect()
        columns = [
            row[0]
            for row in connection.execute(
                f"describe select * from {reader}(?)", [str(path)]
            ).fetchall()
        ]
        for column in PERSON_ID_COLUMNS:
            if column in columns:
                result = connection.execute(
                    f'select count(distinct "{column}") from {reader}(?)', [str(path)]
                ).fetchall()
                return int(result[0][0])
    return None


def segment_sizes_text(connection: Any, schemas: Schemas) -> str | None:
    if not (
        table_exists(connection, schemas.marts, "segment_definitions")
        and table_exists(connection, schemas.marts, "segment_memberships")
    ):
        return None
    from cdp.segments import format_segment_sizes, segment_sizes

    return format_segment_sizes(segment_sizes(connection, schemas.marts))


def build_summary(
    connection: Any, schemas: Schemas, duckdb_path: Path | None, input_dir: Path | None
) -> str:
    parts: list[str] = []

    sources = sources_loaded(connection)
    parts.append("== Sources loaded")
    if sources:
        parts.append(format_table(["schema", "table", "rows"], sources))
        parts.append(f"{len(sources)} tables, {sum(rows for *_, rows in sources):,} rows")
    else:
        parts.append("no raw_<source> tables found (run cdp-load first)")

    parts.append("\n== Identity resolution")
    counts = identity_counts(connection, schemas)
    if counts is None:
        parts.append("identity models not built yet")
    else:
        ratio = counts["records"] / counts["customers"] if counts["customers"] else 0.0
        parts.append(
            f"{counts['records']:,} source records -> {counts['customers']:,} customers "
            f"({ratio:.2f} records per customer)"
        )
        if "customers_in_marts" in counts:
            parts.append(
                f"{counts['customers_in_marts']:,} customers in the marts "
                "(suppressed after erasure requests are left out)"
            )
        people = ground_truth_people(input_dir)
        if people is not None:
            parts.append(f"{people:,} true people in the generator's ground truth")

    parts.append("\n== Rejected values (malformed or placeholders: null in staging, not used)")
    rejected = rejected_values(connection, schemas)
    if rejected is None:
        parts.append("not built yet")
    elif not rejected:
        parts.append("none")
    else:
        parts.append(
            format_table(["source", "table", "column", "reason", "values", "% of rows"], rejected)
        )
        parts.append(
            f"{sum(int(row[4]) for row in rejected):,} values rejected; each one with its record "
            f"and reason in {schemas.base}_staging.stg_quality__rejected_values"
        )

    duplicates = duplicate_rows(connection, schemas)
    if duplicates:
        parts.append(
            "Duplicate deliveries dropped (first copy kept): "
            + ", ".join(
                f"{source} {table} {int(dropped):,} of {int(rows):,} rows"
                for source, table, dropped, rows in duplicates
            )
        )

    parts.append("\n== Quarantined identifier values (shared or junk; never merged on)")
    quarantined = quarantined_by_reason(connection, schemas)
    if quarantined is None:
        parts.append("not built yet")
    elif not quarantined:
        parts.append("none")
    else:
        parts.append(format_table(["reason", "type", "values", "records"], quarantined))

    parts.append("\n== Example profiles (from the BI views: email masked, no names)")
    profiles = example_profiles(connection, schemas)
    parts.append("\n".join(format_profile(p) for p in profiles) if profiles else "none yet")

    parts.append("\n== Segments")
    segments = segment_sizes_text(connection, schemas)
    parts.append(segments if segments is not None else "segments not built (skipped)")

    parts.append("\n== Syncs")
    parts.append(
        "Plan what would be sent without sending: cdp-sync --help (dry run prints adds, "
        "updates and removes per destination); delivery state is kept in the warehouse."
    )

    parts.append("\n== Open the warehouse")
    if duckdb_path is not None:
        parts.append(f"DuckDB file: {duckdb_path.resolve()}")
        parts.append(f"  duckdb {duckdb_path}")
        parts.append(f"  python -c \"import duckdb; duckdb.connect('{duckdb_path}')\"")
    parts.append(
        f"Tables: {schemas.marts}.customers, customer_metrics, customer_activities, "
        f"customer_consent, customer_identities; BI views in {schemas.bi}."
    )
    return "\n".join(parts)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="cdp-summary", description="Print a summary of a built CDP warehouse (DuckDB)."
    )
    parser.add_argument(
        "--duckdb-path",
        type=Path,
        default=Path(os.environ.get("CDP_DUCKDB_PATH", "warehouse/cdp.duckdb")),
        help="DuckDB file dbt built (default: $CDP_DUCKDB_PATH or warehouse/cdp.duckdb)",
    )
    parser.add_argument(
        "--input",
        type=Path,
        default=None,
        help="folder cdp-generate wrote (for the ground-truth count of true people)",
    )
    parser.add_argument(
        "--schema",
        default=os.environ.get("CDP_SCHEMA", "cdp"),
        help="base schema of the dbt target (default: $CDP_SCHEMA or cdp)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not args.duckdb_path.exists():
        log.error("no DuckDB file at %s (run make demo, or pass --duckdb-path)", args.duckdb_path)
        return 2
    import duckdb

    try:
        schemas = Schemas(args.schema)
    except ValueError as error:
        log.error("%s", error)
        return 2
    connection = duckdb.connect(str(args.duckdb_path), read_only=True)
    try:
        print(build_summary(connection, schemas, args.duckdb_path, args.input))
    finally:
        connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
