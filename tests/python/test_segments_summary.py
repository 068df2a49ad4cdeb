"""cdp.segments: the segment size query and its formatting, on a small DuckDB."""

from __future__ import annotations

import duckdb
import pytest

from cdp.segments import SegmentSize, format_segment_sizes, segment_sizes


@pytest.fixture
def connection() -> duckdb.DuckDBPyConnection:
    conn = duckdb.connect()
    conn.execute("create schema cdp_marts")
    conn.execute(
        "create table cdp_marts.segment_definitions as select * from (values "
        "('vip', 'crm', 1), ('empty_one', null, 2), ('cart_abandoners', 'growth', 3)"
        ") as t (segment_name, segment_owner, declaration_order)"
    )
    conn.execute(
        "create table cdp_marts.segment_memberships as select * from (values "
        "('vip', 'c1', false), ('vip', 'c2', true), ('cart_abandoners', 'c3', false)"
        ") as t (segment_name, customer_id, is_holdout)"
    )
    return conn


def test_segment_sizes_counts_members_and_holdout_in_declaration_order(connection):
    assert segment_sizes(connection) == [
        SegmentSize("vip", 2, 1, "crm"),
        SegmentSize("empty_one", 0, 0, None),
        SegmentSize("cart_abandoners", 1, 0, "growth"),
    ]


def test_format_segment_sizes_aligns_columns():
    text = format_segment_sizes([SegmentSize("vip", 12, 1, "crm"), SegmentSize("x", 3, 0, None)])
    assert text.splitlines() == [
        "segment   members   holdout  owner",
        "vip            12         1  crm",
        "x               3         0",
    ]


def test_schema_name_is_checked(connection):
    with pytest.raises(ValueError, match="not a schema name"):
        segment_sizes(connection, schema="cdp; drop table x")
