"""Erasure and PII separation end to end, on the whole project over a small generated data set.

Erasure (DuckDB): a person who is a customer, a segment member and in an export is named in
an erasure request (by email, written the way a support agent would type it). After the next
run they are in no mart, BI view, segment or export, under any customer id: none of their
identifiers or source record ids is left in any of those tables. The run reports what it
suppressed, and the suppression list holds only hashes. A `--full-refresh` after the request
itself has been purged from the source does not bring them back.

Grants (PostgreSQL): the BI role reads the BI views, which carry masked and hashed contact
data only, and is refused the marts that hold plain emails.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pytest

from cdp.generate.cli import main as generate
from cdp.load import main as load

pytestmark = pytest.mark.slow

# Models and seeds only: the data and unit tests run in `make test`'s dbt build already.
BUILD = ["build", "--exclude-resource-type", "test", "unit_test"]
# Schemas (of the default target schema `cdp`) that must not hold an erased person.
PUBLISHED_SCHEMAS = ("cdp_marts", "cdp_bi", "cdp_activation")
HEX_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Raw sources of 300 people (enough for every shipped segment to have members)."""
    out = tmp_path_factory.mktemp("privacy") / "data"
    quiet = ["--no-progress", "--log-level", "WARNING"]
    assert generate(["--people", "300", "--seed", "11", "--out", str(out), *quiet]) == 0
    return out


@contextmanager
def duckdb_connection(env: dict[str, str], read_only: bool = True) -> Iterator[Any]:
    connection = duckdb.connect(env["CDP_DUCKDB_PATH"], read_only=read_only)
    try:
        yield connection
    finally:
        connection.close()


def rows(env: dict[str, str], sql: str, params: list[Any] | None = None) -> list[tuple]:
    with duckdb_connection(env) as connection:
        return connection.execute(sql, params or []).fetchall()


def published_text_columns(env: dict[str, str]) -> dict[str, list[str]]:
    """Every table and view of the published schemas -> its text columns."""
    found: dict[str, list[str]] = {}
    for schema, table, column, data_type in rows(
        env,
        "select table_schema, table_name, column_name, data_type "
        "from information_schema.columns where table_schema in (?, ?, ?) "
        "order by table_schema, table_name, ordinal_position",
        list(PUBLISHED_SCHEMAS),
    ):
        columns = found.setdefault(f'"{schema}"."{table}"', [])
        if data_type.upper() == "VARCHAR":
            columns.append(column)
    return found


def tables_holding(env: dict[str, str], values: set[str]) -> dict[str, int]:
    """Published tables with a text column equal to one of the values, and how many rows."""
    holding: dict[str, int] = {}
    value_list = sorted(values)
    placeholders = ", ".join("?" for _ in value_list)
    for relation, columns in published_text_columns(env).items():
        if not columns:
            continue
        predicate = " or ".join(f'"{column}" in ({placeholders})' for column in columns)
        count = rows(
            env,
            f"select count(*) from {relation} where {predicate}",
            value_list * len(columns),
        )[0][0]
        if count:
            holding[relation] = count
    return holding


def pick_person(env: dict[str, str]) -> tuple[str, str]:
    """A VIP in the file export (so: customer, segment member, exported) with web activity."""
    picked = rows(
        env,
        """
        select exported.customer_id, exported.email
        from cdp_activation.export_vip__file as exported
        where exists (
            select 1 from cdp_marts.customer_activities as activities
            where activities.customer_id = exported.customer_id
                and activities.anonymous_id is not null
        )
        order by exported.customer_id
        limit 1
        """,
    )
    assert picked, "no exported VIP with web activity: the fixture data is too small"
    return picked[0]


def person_values(env: dict[str, str], customer_id: str) -> set[str]:
    """What identifies the person: their identifiers, source record ids and customer id."""
    identifiers = rows(
        env,
        "select identifier_value from cdp_intermediate.int_identity__identifier_map "
        "where customer_id = ?",
        [customer_id],
    )
    records = rows(
        env,
        "select record_id from cdp_intermediate.int_identity__record_map where customer_id = ?",
        [customer_id],
    )
    return {customer_id} | {value for (value,) in identifiers + records if value}


def suppression_report(env: dict[str, str]) -> dict[str, int]:
    columns = ["added_this_run", "erasure_requests", "suppressed_customers"]
    found = rows(
        env,
        f"select {', '.join(columns)} from cdp_marts.privacy_suppression_report "
        "where identifier_type = 'all'",
    )
    return dict(zip(columns, found[0], strict=True)) if found else dict.fromkeys(columns, 0)


def test_erased_person_leaves_every_mart_segment_and_export_for_good(
    dbt, duckdb_env, generated
) -> None:
    env = duckdb_env
    load_args = ["--target", "duckdb", "--duckdb-path", env["CDP_DUCKDB_PATH"]]
    assert load([*load_args, "--input", str(generated)]) == 0
    dbt(BUILD, env=env)

    customer_id, email = pick_person(env)
    values = person_values(env, customer_id)
    assert email in values
    before = suppression_report(env)
    assert tables_holding(env, values).keys() >= {
        '"cdp_marts"."customers"',
        '"cdp_marts"."customer_activities"',
        '"cdp_marts"."segment_memberships"',
        '"cdp_activation"."export_vip__file"',
    }

    # The request names the email as typed into a support form: upper case, padded.
    with duckdb_connection(env, read_only=False) as connection:
        connection.execute(
            "insert into raw_privacy.erasure_requests "
            "(id, identifier_type, identifier_value, request_channel, requested_at) "
            "values ('ER-TEST-1', 'Email', ?, 'support', timestamp '2026-10-30 12:00:00')",
            [f"  {email.upper()} "],
        )
    result = dbt(BUILD, env=env)

    assert tables_holding(env, values) == {}
    report = suppression_report(env)
    assert report["erasure_requests"] == before["erasure_requests"] + 1
    assert report["suppressed_customers"] == before["suppressed_customers"] + 1
    assert report["added_this_run"] >= len(values) - 1  # every identifier and record, hashed
    assert "erasure suppression:" in result.stdout

    suppression_list = rows(env, "select * from cdp_intermediate.int_privacy__suppression_list")
    columns = [
        name
        for (name,) in rows(
            env,
            "select column_name from information_schema.columns "
            "where table_schema = 'cdp_intermediate' "
            "and table_name = 'int_privacy__suppression_list'",
        )
    ]
    hashes = [row[columns.index("identifier_hash")] for row in suppression_list]
    assert hashes and all(HEX_SHA256.match(value) for value in hashes)
    held = {str(value) for row in suppression_list for value in row if value is not None}
    assert not held & values, "the suppression list holds plain identifiers"
    assert not any(email.split("@")[0] in value for value in held)

    # The request log is purged and everything is rebuilt from the raw data, which still
    # holds the person: the suppression list is kept, so they stay out.
    with duckdb_connection(env, read_only=False) as connection:
        connection.execute("delete from raw_privacy.erasure_requests where id = 'ER-TEST-1'")
    dbt([*BUILD, "--full-refresh"], env=env)

    assert tables_holding(env, values) == {}
    assert rows(env, "select count(*) from cdp_intermediate.int_privacy__suppression_list") == [
        (len(suppression_list),)
    ]
    assert suppression_report(env)["suppressed_customers"] == report["suppressed_customers"]


# ---------------------------------------------------------------- PostgreSQL grants


@pytest.fixture
def postgres_build(
    dbt, postgres_env: dict[str, str], generated: Path, monkeypatch: pytest.MonkeyPatch
) -> dict[str, str]:
    for key, value in postgres_env.items():
        monkeypatch.setenv(key, value)
    assert load(["--target", "postgres", "--input", str(generated)]) == 0
    # only what the test reads: the BI views, the marts behind them and one export
    selected = ["+models/marts/customer360/bi", "+customer_contact_points", "+export_vip__file"]
    dbt([*BUILD, "--select", *selected], env=postgres_env)
    return postgres_env


@contextmanager
def postgres_as(env: dict[str, str], role: str | None = None) -> Iterator[Any]:
    """A connection to the test database; with `role`, every statement runs as that role."""
    import psycopg2

    connection = psycopg2.connect(
        host=env["PGHOST"],
        port=env["PGPORT"],
        user=env["PGUSER"],
        password=env["PGPASSWORD"],
        dbname=env["PGDATABASE"],
    )
    connection.autocommit = True
    try:
        if role:
            with connection.cursor() as cursor:
                cursor.execute(f'set role "{role}"')
        yield connection
    finally:
        connection.close()


def fetch(connection: Any, sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


@pytest.mark.postgres
def test_bi_role_reads_bi_views_but_not_plain_emails(postgres_build) -> None:
    import psycopg2.errors

    env = postgres_build
    with postgres_as(env) as owner:
        emails = {email for (email,) in fetch(owner, "select email from cdp_marts.customers")}
    assert len(emails) > 10

    with postgres_as(env, role="cdp_bi") as bi:
        customers, masked = fetch(
            bi, "select count(*), count(email_masked) from cdp_bi.bi_customers"
        )[0]
        assert customers > 0 and masked > 0
        for view in ("bi_customer_metrics", "bi_customer_consent", "bi_customer_activities"):
            assert fetch(bi, f"select count(*) from cdp_bi.{view}")[0][0] > 0
        shown = {
            str(value)
            for row in fetch(bi, "select * from cdp_bi.bi_customers")
            for value in row
            if value is not None
        }
        assert not shown & emails, "a BI view shows a plain email"

        for relation in (
            "cdp_marts.customers",
            "cdp_marts.customer_contact_points",
            "cdp_intermediate.int_identity__records",
            "cdp_activation.export_vip__file",
            "raw_shop.customers",
        ):
            with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                fetch(bi, f"select * from {relation} limit 1")
