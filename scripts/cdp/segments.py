"""Segment sizes for summaries: one row per declared segment, read from the warehouse.

Works with any DB-API connection (duckdb, psycopg2)::

    from cdp.segments import segment_sizes, format_segment_sizes
    print(format_segment_sizes(segment_sizes(duckdb.connect("warehouse/cdp.duckdb"))))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_SCHEMA = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class SegmentSize:
    segment_name: str
    members: int
    holdout: int
    owner: str | None


def segment_sizes_sql(schema: str = "cdp_marts") -> str:
    """The query behind segment_sizes: every declared segment, empty ones included."""
    if not _SCHEMA.match(schema):
        raise ValueError(f"not a schema name: {schema!r}")
    return f"""
        select
            definitions.segment_name,
            count(memberships.customer_id) as members,
            count(case when memberships.is_holdout then 1 end) as holdout,
            definitions.segment_owner
        from {schema}.segment_definitions as definitions
        left outer join {schema}.segment_memberships as memberships
            on definitions.segment_name = memberships.segment_name
        group by
            definitions.segment_name,
            definitions.segment_owner,
            definitions.declaration_order
        order by definitions.declaration_order
    """


def segment_sizes(connection: Any, schema: str = "cdp_marts") -> list[SegmentSize]:
    """Current members (and how many of them are held out) per declared segment."""
    cursor = connection.cursor()
    cursor.execute(segment_sizes_sql(schema))
    return [
        SegmentSize(str(name), int(members), int(holdout), owner)
        for name, members, holdout, owner in cursor.fetchall()
    ]


def format_segment_sizes(sizes: list[SegmentSize]) -> str:
    """A small aligned table for terminal output."""
    if not sizes:
        return "no segments declared"
    width = max(len("segment"), *(len(size.segment_name) for size in sizes))
    lines = [f"{'segment':<{width}}  {'members':>8}  {'holdout':>8}  owner"]
    for size in sizes:
        lines.append(
            f"{size.segment_name:<{width}}  {size.members:>8}  {size.holdout:>8}  "
            f"{size.owner or ''}".rstrip()
        )
    return "\n".join(lines)
