"""Identity resolution end to end on DuckDB: stable customer ids, increments, custom sources,
never-match, explanations.

One small generated batch (300 people) is resolved several times in a row, as a scheduler
would run it; each step snapshots what the tests below look at. The steps run once per
module, in order, on one warehouse file.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

from conftest import run_dbt

pytestmark = pytest.mark.slow

BIN_DIR = Path(sys.executable).parent
PEOPLE = 300
SEED = 23
INTERMEDIATE = "cdp_intermediate"
IDENTITY = [
    "--select",
    "path:models/intermediate/identity",
    "--exclude",
    "path:models/intermediate/identity/fuzzy",
]
UPSTREAM = [
    "--select",
    "+path:models/intermediate/identity",
    "--exclude",
    "path:models/intermediate/identity/fuzzy",
]

# A user table of people, wired in by configuration only: raw, unnormalized columns.
CUSTOM_SOURCES = [
    {
        "source_name": "app_users",
        "schema": "raw_app",
        "table": "users",
        "record_id": "user_id",
        "observed_at": "updated_at",
        "identifiers": {"email": "email_address", "phone": "mobile"},
        "attributes": {
            "email": "email_address",
            "phone": "mobile",
            "first_name": "given_name",
            "country_code": "country",
        },
        "where": "not is_internal",
    }
]

RecordMap = dict[tuple[str, str], str]


@dataclass
class Snapshot:
    record_map: RecordMap
    history: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Runs:
    db: Path
    first: Snapshot
    rerun: Snapshot
    increment: Snapshot
    new_records: set[tuple[str, str]]
    touched_records: set[tuple[str, str]]
    touched_values: set[tuple[str, Any]]
    evidence_before: dict[tuple[str, str], set[tuple[str, Any]]]
    custom_email_owner: tuple[str, str]
    explanation: str
    never_match_pair: tuple[tuple[str, str], tuple[str, str]]
    never_match: Snapshot


def _cli(name: str, *args: str) -> None:
    subprocess.run([str(BIN_DIR / name), *args], check=True, capture_output=True, text=True)


def _query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def _snapshot(db: Path, since_history_rows: int = 0) -> Snapshot:
    record_map = {
        (source, record): customer
        for source, record, customer in _query(
            db,
            f"select source_name, record_id, customer_id "
            f"from {INTERMEDIATE}.int_identity__record_map",
        )
    }
    rows = _query(
        db,
        f"select customer_id, previous_customer_id, reason, run_id, changed_at "
        f"from {INTERMEDIATE}.customer_id_history order by changed_at, change_id",
    )
    keys = ["customer_id", "previous_customer_id", "reason", "run_id", "changed_at"]
    history = [dict(zip(keys, row, strict=True)) for row in rows][since_history_rows:]
    return Snapshot(record_map, history)


def _history_rows(db: Path) -> int:
    return _query(db, f"select count(*) from {INTERMEDIATE}.customer_id_history")[0][0]


def _evidence_by_record(db: Path) -> dict[tuple[str, str], set[tuple[str, Any]]]:
    """Per record: its identifier values and its profile attributes (what matching reads)."""
    evidence: dict[tuple[str, str], set[tuple[str, Any]]] = {}
    for source, record, kind, key in _query(
        db,
        f"select source_name, record_id, identifier_type, match_key "
        f"from {INTERMEDIATE}.int_identity__observations",
    ):
        evidence.setdefault((source, record), set()).add((kind, key))
    for source, record, *attributes in _query(
        db,
        f"select source_name, record_id, first_name, last_name, birth_date, postcode "
        f"from {INTERMEDIATE}.int_identity__records",
    ):
        evidence.setdefault((source, record), set()).add(("attributes", tuple(attributes)))
    return evidence


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    base = tmp_path_factory.mktemp("identity")
    data, increment, db = base / "data", base / "increment", base / "warehouse.duckdb"
    env = {"CDP_TARGET": "duckdb", "CDP_DUCKDB_PATH": str(db)}
    target = base / "dbt-target"

    custom_vars = ["--vars", yaml.safe_dump({"cdp_custom_identity_sources": CUSTOM_SOURCES})]

    def dbt(*args: str) -> subprocess.CompletedProcess[str]:
        return run_dbt([*args, *custom_vars], env=env, target_path=target)

    _cli(
        "cdp-generate",
        "--people",
        str(PEOPLE),
        "--seed",
        str(SEED),
        "--out",
        str(data),
        "--no-progress",
    )
    _cli("cdp-load", "--target", "duckdb", "--duckdb-path", str(db), "--input", str(data))
    # a user table of people wired in by configuration only; empty for now
    with duckdb.connect(str(db)) as connection:
        connection.execute("create schema raw_app")
        connection.execute(
            "create table raw_app.users (user_id varchar, email_address varchar, "
            "mobile varchar, given_name varchar, country varchar, is_internal boolean, "
            "updated_at timestamp)"
        )
    dbt("build", *UPSTREAM, "--exclude-resource-type", "test", "unit_test")
    first = _snapshot(db)

    # the same data again, rebuilt from scratch
    dbt("run", "--full-refresh", *IDENTITY)
    rerun = _snapshot(db, len(first.history))

    # a month later: new people, new orders, contacts and emails for some known people, and
    # users of the custom source, one repeating a known shop customer's email and first name
    # in raw form
    evidence_before = _evidence_by_record(db)
    owner_email, owner_first_name, owner = _query(
        db,
        "select shop.email, shop.first_name, shop.customer_id "
        "from cdp_staging.stg_shop__customers as shop "
        f"inner join {INTERMEDIATE}.int_identity__identifier_map as identifiers "
        "on identifiers.identifier_type = 'email' and identifiers.identifier_value = shop.email "
        "and identifiers.record_id = shop.customer_id "
        "where shop.first_name is not null and not identifiers.is_shared_across_customers "
        "order by shop.customer_id limit 1",
    )[0]
    with duckdb.connect(str(db)) as connection:
        connection.execute(
            "insert into raw_app.users values "
            "('u1', ?, ' 555 0100 ', ?, 'us', false, timestamp '2026-11-01 10:00:00'), "
            "('u2', 'Someone.New@Mailbox.org', null, 'Zed', 'Deutschland', false, "
            "timestamp '2026-11-02 10:00:00'), "
            "('u3', ?, null, 'Staff', 'US', true, timestamp '2026-11-02 10:00:00')",
            [f"  {owner_email.upper()} ", owner_first_name.upper(), owner_email],
        )
    _cli(
        "cdp-generate",
        "--increment-of",
        str(data),
        "--fraction",
        "0.1",
        "--out",
        str(increment),
        "--no-progress",
    )
    _cli(
        "cdp-load",
        "--target",
        "duckdb",
        "--duckdb-path",
        str(db),
        "--input",
        str(increment),
        "--append",
    )
    history_before = _history_rows(db)
    dbt("run", *IDENTITY)
    increment_snapshot = _snapshot(db, history_before)
    evidence_after = _evidence_by_record(db)
    new_records = set(increment_snapshot.record_map) - set(rerun.record_map)
    # new evidence: new records, and known records seen again with other values or attributes
    touched_records = {
        record
        for record, evidence in evidence_after.items()
        if evidence != evidence_before.get(record)
    }
    touched_values = {
        value
        for record in touched_records
        for value in evidence_after[record] | evidence_before.get(record, set())
        if value[0] != "attributes"
    }

    # why is a shop account one customer with one of its orders? then: they must not be
    pair = _query(
        db,
        f"select source_name_a, record_id_a, source_name_b, record_id_b "
        f"from {INTERMEDIATE}.int_identity__graph_edges "
        f"where is_active and source_name_a = 'shop_customers' and source_name_b = 'shop_orders' "
        f"order by edge_id limit 1",
    )[0]
    args = {
        "source_name_a": pair[0],
        "record_id_a": pair[1],
        "source_name_b": pair[2],
        "record_id_b": pair[3],
    }
    explanation = dbt(
        "run-operation", "explain_identity_link", "--args", yaml.safe_dump(args)
    ).stdout
    with duckdb.connect(str(db)) as connection:
        connection.execute(
            "insert into cdp_reference.never_match values (?, ?, ?, ?, 'two people, one account')",
            list(pair),
        )
    history_before = _history_rows(db)
    dbt("run", *IDENTITY)
    never_match = _snapshot(db, history_before)

    return Runs(
        db=db,
        first=first,
        rerun=rerun,
        increment=increment_snapshot,
        new_records=new_records,
        touched_records=touched_records,
        touched_values=touched_values,
        evidence_before=evidence_before,
        custom_email_owner=("shop_customers", owner),
        explanation=explanation,
        never_match_pair=((pair[0], pair[1]), (pair[2], pair[3])),
        never_match=never_match,
    )


def test_first_run_creates_one_id_per_customer(runs: Runs) -> None:
    customers = set(runs.first.record_map.values())
    created = [row for row in runs.first.history if row["reason"] == "created"]
    assert len(created) == len(customers)
    assert {row["customer_id"] for row in created} == customers
    assert len(customers) < len(runs.first.record_map), "some records should have merged"


def test_full_refresh_on_the_same_data_changes_no_customer_id(runs: Runs) -> None:
    assert runs.rerun.record_map == runs.first.record_map
    assert runs.rerun.history == []


def test_increment_changes_only_the_ids_new_evidence_touches(runs: Runs) -> None:
    """A record may change customer only when its customer, before or after, holds a record
    with new evidence (a new record, or one seen again with other values or attributes), or
    a value that such a record carries: a merge, or a value newly found to be shared."""
    before, after = runs.rerun.record_map, runs.increment.record_map
    assert runs.new_records, "the increment should bring new records"
    assert set(before) <= set(after), "no record may disappear"
    old_customers = set(before.values())
    # some new records join customers that already existed: the new evidence was used
    assert any(after[record] in old_customers for record in runs.new_records)

    records_now: dict[str, set[tuple[str, str]]] = {}
    for record, customer in after.items():
        records_now.setdefault(customer, set()).add(record)
    records_before: dict[str, set[tuple[str, str]]] = {}
    for record, customer in before.items():
        records_before.setdefault(customer, set()).add(record)

    changed = {record for record in before if after[record] != before[record]}
    for record in changed:
        customer_now_touched = bool(records_now[after[record]] & runs.touched_records)
        customer_before_touched = any(
            runs.evidence_before.get(old_record, set()) & runs.touched_values
            or old_record in runs.touched_records
            for old_record in records_before[before[record]]
        )
        assert customer_now_touched or customer_before_touched, (
            f"{record} changed id without new evidence"
        )
    untouched = [
        record
        for record in before
        if not records_now[after[record]] & runs.touched_records
        and not any(
            old_record in runs.touched_records
            or runs.evidence_before.get(old_record, set()) & runs.touched_values
            for old_record in records_before[before[record]]
        )
    ]
    assert untouched, "most customers should be untouched by a small increment"
    assert all(after[record] == before[record] for record in untouched)


def test_every_id_change_of_the_increment_is_in_the_history(runs: Runs) -> None:
    before, after = runs.rerun.record_map, runs.increment.record_map
    explained = {
        (row["previous_customer_id"], row["customer_id"]) for row in runs.increment.history
    }
    reasons = {row["reason"] for row in runs.increment.history}
    assert reasons <= {"created", "merged", "split"}
    for record in before:
        if after[record] != before[record]:
            assert (before[record], after[record]) in explained
    merged_away = {
        row["previous_customer_id"] for row in runs.increment.history if row["reason"] == "merged"
    }
    assert not merged_away & set(after.values()), "a merged-away id must not live on"
    assert len({row["run_id"] for row in runs.increment.history}) <= 1


def test_custom_source_added_by_configuration_takes_part_in_matching(runs: Runs) -> None:
    record_map = runs.increment.record_map
    assert record_map[("app_users", "u1")] == record_map[runs.custom_email_owner]
    assert ("app_users", "u2") in record_map
    assert ("app_users", "u3") not in record_map, "the where filter drops internal users"
    records = _query(
        runs.db,
        f"select email, phone, first_name, country_code from {INTERMEDIATE}.int_identity__records "
        f"where source_name = 'app_users' order by record_id",
    )
    assert records[1][0] == "someone.new@mailbox.org"
    assert records[1][3] == "DE"
    assert records[0][0] == records[0][0].strip().lower()


def test_explanation_names_the_shared_identifier(runs: Runs) -> None:
    (source_a, record_a), (source_b, record_b) = runs.never_match_pair
    assert f"{source_a} {record_a} -> {source_b} {record_b}: share " in runs.explanation


def test_never_match_pair_ends_in_two_customers(runs: Runs) -> None:
    first, second = runs.never_match_pair
    assert runs.increment.record_map[first] == runs.increment.record_map[second]
    assert runs.never_match.record_map[first] != runs.never_match.record_map[second]
    assert {row["reason"] for row in runs.never_match.history} == {"split"}
    dropped = _query(
        runs.db,
        f"select count(*) from {INTERMEDIATE}.int_identity__graph_edges "
        "where drop_reason = 'never_match'",
    )[0][0]
    assert dropped > 0
    # the pair shares the account id, the strongest edge: the guard drops the component's
    # weakest edges round after round, each later round recomputing only what split
    rounds = _query(
        runs.db,
        f"select refinement_round, max(edges_dropped) "
        f"from {INTERMEDIATE}.int_identity__component_iterations group by 1 order by 1",
    )
    assert len(rounds) >= 2 and rounds[-1][1] == 0
