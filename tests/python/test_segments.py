"""Segments end to end: membership history across runs, holdout, consent, compile errors.

The upstream marts (customers, customer_metrics, customer_activities, customer_consent and
the suppression list) are written directly as small tables with the columns their contracts
declare, so that each step controls exactly what the segments see; then only the segment and
activation models are built, several times, as a scheduler would.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = pytest.mark.slow

UPSTREAM = [
    "customers",
    "customer_metrics",
    "customer_activities",
    "customer_consent",
    "int_privacy__suppressed_customers",
]
SELECT_OURS = ["--select", "models/marts/segments", "models/activation"]
NO_UNIT_TESTS = ["--exclude-resource-type", "unit_test"]

# Segments of this test: an abandoned cart that needs email consent (the name the webhook
# export reads), and a 50 % holdout over everyone.
SEGMENTS = [
    {
        "name": "cart_abandoners",
        "consent": "email_marketing",
        "where": {
            "activity": "product_added",
            "within_hours": 24,
            "not_followed_by": "order_placed",
        },
    },
    {
        "name": "halves",
        "holdout_percent": 50,
        "where": {"attribute": "customer_id", "op": "is_not_null"},
    },
]

# Types for columns whose contract does not say (used only when data_type is missing).
FALLBACK_TYPES = {"occurred_at": "timestamp", "amount": "decimal(18, 2)", "is_granted": "boolean"}


def column_type(column: str, data_type: str | None) -> str:
    """The declared type as the engine names it: contracts say `string`, which dbt aliases
    to `text` on DuckDB and PostgreSQL."""
    if not data_type:
        return FALLBACK_TYPES.get(column, "varchar")
    return "text" if data_type.lower() == "string" else data_type


def dbt_vars(as_of: str, segments: list[dict[str, Any]] = SEGMENTS) -> list[str]:
    settings = {"cdp_segments_as_of": as_of, "cdp_segments": segments}
    return ["--vars", yaml.safe_dump(settings)]


def upstream_nodes(dbt, env: dict[str, str], tmp_path: Path) -> dict[str, dict[str, Any]]:
    """The upstream mart nodes, with their declared columns, from a parse."""
    dbt(["parse"], env=env)
    manifest = json.loads((tmp_path / "dbt-target" / "manifest.json").read_text())
    nodes = {
        node["name"]: node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["name"] in UPSTREAM
    }
    assert sorted(nodes) == sorted(UPSTREAM)
    return nodes


class Warehouse:
    """Just enough of a connection to write the upstream tables and read results."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.is_postgres = env["CDP_TARGET"] == "postgres"

    @contextmanager
    def connect(self) -> Iterator[Any]:
        if self.is_postgres:
            import psycopg2

            conn = psycopg2.connect(
                host=self.env["PGHOST"],
                port=self.env["PGPORT"],
                user=self.env["PGUSER"],
                password=self.env["PGPASSWORD"],
                dbname=self.env["PGDATABASE"],
            )
            try:
                yield conn
                conn.commit()
            finally:
                conn.close()
        else:
            import duckdb

            conn = duckdb.connect(self.env["CDP_DUCKDB_PATH"])
            try:
                yield conn
            finally:
                conn.close()

    def execute(self, sql: str, params: list[tuple[Any, ...]] | None = None) -> None:
        if not self.is_postgres:
            sql = sql.replace("%s", "?")
        with self.connect() as conn:
            cur = conn.cursor()
            if params is None:
                cur.execute(sql)
            else:
                cur.executemany(sql, params)

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        with self.connect() as conn:
            cur = conn.cursor()
            cur.execute(sql)
            return [tuple(row) for row in cur.fetchall()]


class Upstream:
    """The upstream marts as plain tables, shaped by the manifest's column declarations."""

    def __init__(self, warehouse: Warehouse, nodes: dict[str, dict[str, Any]]) -> None:
        self.warehouse = warehouse
        self.nodes = nodes

    def relation(self, name: str) -> str:
        node = self.nodes[name]
        return f'"{node["schema"]}"."{node.get("alias") or name}"'

    def create(self) -> None:
        schemas = {node["schema"] for node in self.nodes.values()}
        for schema in sorted(schemas):
            self.warehouse.execute(f'create schema if not exists "{schema}"')
        for name, node in self.nodes.items():
            columns = [
                f'"{column}" {column_type(column, spec.get("data_type"))}'
                for column, spec in node["columns"].items()
            ]
            self.warehouse.execute(f"drop table if exists {self.relation(name)}")
            self.warehouse.execute(f"create table {self.relation(name)} ({', '.join(columns)})")

    def insert(self, name: str, rows: list[dict[str, Any]]) -> None:
        declared = set(self.nodes[name]["columns"])
        for row in rows:
            unknown = set(row) - declared
            assert not unknown, f"{name} has no columns {unknown}"
        columns = sorted({column for row in rows for column in row})
        placeholders = ", ".join(["%s"] * len(columns))
        column_list = ", ".join(f'"{column}"' for column in columns)
        self.warehouse.execute(
            f"insert into {self.relation(name)} ({column_list}) values ({placeholders})",
            [tuple(row.get(column) for column in columns) for row in rows],
        )


def set_consent(upstream: Upstream, customer_id: str, granted: bool) -> None:
    upstream.warehouse.execute(
        f"update {upstream.relation('customer_consent')} set is_granted = "
        f"{'true' if granted else 'false'} where customer_id = '{customer_id}'"
    )


def holdout_bucket(segment: str, customer_id: str) -> int:
    """The bucket segment_hash_bucket computes, worked out here independently."""
    return int(hashlib.md5(f"{segment}:{customer_id}".encode()).hexdigest()[:6], 16) % 10000


@pytest.fixture(params=["duckdb", "postgres"])
def engine_env(request: pytest.FixtureRequest) -> dict[str, str]:
    return request.getfixturevalue(f"{request.param}_env")


@pytest.fixture
def upstream(dbt, engine_env: dict[str, str], tmp_path: Path) -> Upstream:
    upstream = Upstream(Warehouse(engine_env), upstream_nodes(dbt, engine_env, tmp_path))
    upstream.create()
    upstream.insert(
        "customers",
        [
            {"customer_id": "c1", "email": "ann@example.com", "first_name": "Ann"},
            {"customer_id": "c2", "email": "bob@example.com", "first_name": "Bob"},
            {"customer_id": "c3", "email": "cy@example.com", "first_name": "Cy"},
        ],
    )
    upstream.insert(
        "customer_activities",
        [
            {
                "activity_id": "a1",
                "customer_id": "c1",
                "activity_type": "product_added",
                "occurred_at": "2024-06-30 08:00:00",
            },
            {
                "activity_id": "a2",
                "customer_id": "c2",
                "activity_type": "product_added",
                "occurred_at": "2024-06-30 09:00:00",
            },
            {
                "activity_id": "a3",
                "customer_id": "c3",
                "activity_type": "order_placed",
                "occurred_at": "2024-06-01 09:00:00",
                "amount": 10,
            },
        ],
    )
    upstream.insert(
        "customer_consent",
        [
            {"customer_id": customer_id, "purpose": "email_marketing", "is_granted": True}
            for customer_id in ("c1", "c2", "c3")
        ],
    )
    return upstream


def members(warehouse: Warehouse, segment: str) -> dict[str, bool]:
    rows = warehouse.query(
        "select customer_id, is_holdout from cdp_marts.segment_memberships "
        f"where segment_name = '{segment}'"
    )
    return {customer_id: bool(is_holdout) for customer_id, is_holdout in rows}


def history(warehouse: Warehouse, segment: str) -> list[tuple[Any, ...]]:
    return sorted(
        warehouse.query(
            "select customer_id, cast(entered_at as varchar), cast(exited_at as varchar) "
            f"from cdp_marts.segment_membership_history where segment_name = '{segment}'"
        ),
        key=lambda row: (row[0], row[1]),
    )


def test_history_records_entry_and_exit_and_survives_full_refresh(dbt, engine_env, upstream):
    warehouse = upstream.warehouse
    build = ["build", *SELECT_OURS, *NO_UNIT_TESTS]

    # Run 1: c1 and c2 left a cart, neither ordered, both consented.
    dbt([*build, *dbt_vars("2024-06-30 12:00:00")], env=engine_env)
    assert set(members(warehouse, "cart_abandoners")) == {"c1", "c2"}
    exported = warehouse.query(
        "select customer_id from cdp_activation.export_cart_abandoners__webhook"
    )
    assert sorted(exported) == [("c1",), ("c2",)]
    halves_first = members(warehouse, "halves")

    # Run 2: c1 ordered after the cart, c2 withdrew email consent.
    upstream.insert(
        "customer_activities",
        [
            {
                "activity_id": "a4",
                "customer_id": "c1",
                "activity_type": "order_placed",
                "occurred_at": "2024-06-30 10:00:00",
                "amount": 25,
            }
        ],
    )
    set_consent(upstream, "c2", granted=False)
    dbt([*build, *dbt_vars("2024-06-30 18:00:00")], env=engine_env)
    assert members(warehouse, "cart_abandoners") == {}
    assert (
        warehouse.query("select customer_id from cdp_activation.export_cart_abandoners__webhook")
        == []
    )

    expected_history = [
        ("c1", "2024-06-30 12:00:00", "2024-06-30 18:00:00"),
        ("c2", "2024-06-30 12:00:00", "2024-06-30 18:00:00"),
    ]
    assert history(warehouse, "cart_abandoners") == expected_history

    # Run 3: everything rebuilt from scratch; the history table is kept, nothing changes.
    dbt([*build, "--full-refresh", *dbt_vars("2024-06-30 18:00:00")], env=engine_env)
    assert history(warehouse, "cart_abandoners") == expected_history
    sizes = warehouse.query(
        "select members, entered, exited from cdp_marts.segment_sizes_daily "
        "where segment_name = 'cart_abandoners' and size_date = cast('2024-06-30' as date)"
    )
    assert sizes == [(0, 2, 2)]

    # c2 gives consent again: a new stay opens, the closed one stays as it was.
    set_consent(upstream, "c2", granted=True)
    dbt([*build, *dbt_vars("2024-06-30 20:00:00")], env=engine_env)
    assert history(warehouse, "cart_abandoners") == [
        *expected_history,
        ("c2", "2024-06-30 20:00:00", None),
    ]

    # An erased customer disappears from memberships and from the whole history.
    upstream.insert("int_privacy__suppressed_customers", [{"customer_id": "c3"}])
    dbt([*build, *dbt_vars("2024-06-30 21:00:00")], env=engine_env)
    assert warehouse.query(
        "select count(*) from cdp_marts.segment_membership_history where customer_id = 'c3'"
    ) == [(0,)]
    assert "c3" not in members(warehouse, "halves")

    # The holdout is the same in every run and is the hash of segment and customer.
    halves_last = members(warehouse, "halves")
    assert halves_last == {key: value for key, value in halves_first.items() if key != "c3"}
    assert halves_first == {
        customer_id: holdout_bucket("halves", customer_id) < 5000
        for customer_id in ("c1", "c2", "c3")
    }


@pytest.mark.parametrize(
    ("definition", "messages"),
    [
        (
            {
                "name": "broken_attr",
                "where": {"attribute": "no_such_column", "op": "=", "value": 1},
            },
            ["Segment 'broken_attr'", "unknown attribute 'no_such_column'"],
        ),
        (
            {"name": "broken_op", "where": {"attribute": "customer_id", "op": "=>", "value": "x"}},
            ["Segment 'broken_op'", "unknown operator '=>'"],
        ),
        (
            {"name": "broken_window", "where": {"activity": "order_placed", "within_days": -3}},
            ["Segment 'broken_window'", "within_days must be a positive whole number"],
        ),
        (
            {"name": "broken_key", "where": {"atribute": "customer_id", "op": "is_null"}},
            ["Segment 'broken_key'", "exactly one of all, any, not, attribute, activity, segment"],
        ),
    ],
    ids=["unknown_attribute", "bad_operator", "bad_window", "misspelt_key"],
)
def test_malformed_definition_fails_compile_naming_segment_and_problem(
    dbt, duckdb_env, definition, messages
):
    result = dbt(
        [
            "compile",
            "--select",
            "segment_memberships",
            *dbt_vars("2024-06-30 12:00:00", [definition]),
        ],
        env=duckdb_env,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    for message in messages:
        assert message in output, output[-3000:]


def test_circular_segment_references_fail_compile(dbt, duckdb_env):
    segments = [
        {"name": "loop_a", "include_segments": ["loop_b"]},
        {"name": "loop_b", "where": {"not": {"segment": "loop_c"}}},
        {"name": "loop_c", "include_segments": ["loop_a"]},
    ]
    result = dbt(
        ["compile", "--select", "segment_memberships", *dbt_vars("2024-06-30 12:00:00", segments)],
        env=duckdb_env,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    assert "circular reference between segments: loop_a -> loop_b -> loop_c -> loop_a" in output
