"""Sources by configuration: switched-off sources and a custom source build green; bad raw
values are nulled, flagged, quarantined and counted; every staging column is documented.

Builds run on DuckDB files of their own, from one small generated batch: one per
switched-off case, and one (`staged`) shared by the quarantine and documentation tests.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest
import yaml

from cdp.dbt_sources import load_sources
from cdp.generate.cli import main as generate
from cdp.load import main as load
from cdp.summary import Schemas, build_summary
from conftest import REPO_ROOT, run_dbt

SOURCES = sorted(load_sources())
# Contacts whose address no placeholder rule touches, to be met again in the custom source.
PLAIN_EMAIL = r"^[a-z][a-z0-9._]*@(gmail|outlook|yahoo|icloud)\.com$"


@pytest.fixture(scope="module")
def raw_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Raw sources of 200 people."""
    out = tmp_path_factory.mktemp("sources") / "raw"
    quiet = ["--no-progress", "--log-level", "WARNING"]
    assert generate(["--people", "200", "--seed", "5", "--out", str(out), *quiet]) == 0
    return out


def load_into(database: Path, raw_folder: Path, sources: list[str]) -> None:
    args = ["--target", "duckdb", "--duckdb-path", str(database), "--input", str(raw_folder)]
    assert load([*args, "--sources", ",".join(sources), "--log-level", "WARNING"]) == 0


def query(database: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def add_gym_members(database: Path) -> list[str]:
    """A partner's table of people (raw_gym.members), as the README's example describes it:
    two CRM contacts again (email typed in another case, names as the gym wrote them), a new
    person, and a test row its filter drops. Returns the two contacts' ids."""
    con = duckdb.connect(str(database))
    contacts = con.execute(
        "select id, email, first_name, last_name from raw_crm.contacts"
        f" where regexp_full_match(lower(trim(email)), '{PLAIN_EMAIL}') order by id limit 2"
    ).fetchall()
    assert len(contacts) == 2
    con.execute("create schema raw_gym")
    con.execute(
        "create table raw_gym.members (member_no varchar, e_mail varchar, mobile varchar,"
        " landline varchar, first varchar, last varchar, dob varchar, zip varchar,"
        " country varchar, status varchar, last_visit_at timestamp)"
    )
    rows = [
        ("G1", f"  {contacts[0][1].upper()} ", None, contacts[0][2], contacts[0][3]),
        ("G2", contacts[1][1], "0044 20 7946 0958", contacts[1][2], contacts[1][3]),
        ("G3", "zed.quill.gym@gmail.com", "+49 30 1234567", "Zed", "Quill"),
        ("G4", contacts[0][1], None, "Test", "Member"),
    ]
    for member_no, email, mobile, first, last in rows:
        con.execute(
            "insert into raw_gym.members values"
            " (?, ?, ?, null, ?, ?, '1990-05-17', '10115', 'DE', ?, timestamp '2024-05-01')",
            [member_no, email, mobile, first, last, "test" if member_no == "G4" else "active"],
        )
    con.close()
    return [str(contact[0]) for contact in contacts]


def gym_vars() -> dict:
    project = yaml.safe_load((REPO_ROOT / "dbt_project.yml").read_text())
    identifier_types = dict(project["vars"]["cdp_identity_identifier_types"])
    identifier_types["gym_member_id"] = {
        "priority": 75,
        "is_strong": True,
        "account": True,
        "max_per_customer": 1,
        "supernode_threshold": 1,
        "name_check": False,
    }
    return {
        "cdp_identity_identifier_types": identifier_types,
        "cdp_custom_identity_sources": [
            {
                "source_name": "gym_members",
                "schema": "raw_gym",
                "table": "members",
                "record_id": "member_no",
                "observed_at": "last_visit_at",
                "identifiers": {
                    "email": "e_mail",
                    "phone": ["mobile", "landline"],
                    "gym_member_id": "member_no",
                },
                "attributes": {
                    "email": "e_mail",
                    "phone": "mobile",
                    "first_name": "first",
                    "last_name": "last",
                    "birth_date": "dob",
                    "postcode": "zip",
                    "country_code": "country",
                },
                "where": "status <> 'test'",
            }
        ],
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    ("switched_off", "with_gym"),
    [(["web", "email", "pos"], True), (["shop", "crm", "support", "privacy"], False)],
    ids=["web-email-pos-off-and-a-custom-source", "shop-crm-support-privacy-off"],
)
def test_switched_off_sources_build_green_without_their_raw_tables(
    raw_folder: Path, tmp_path: Path, switched_off: list[str], with_gym: bool
) -> None:
    database = tmp_path / "warehouse.duckdb"
    switched_on = [source for source in SOURCES if source not in switched_off]
    # the raw schemas of a switched-off source do not even exist
    load_into(database, raw_folder, switched_on)
    dbt_vars = {f"cdp_using_{source}": False for source in switched_off}
    if with_gym:
        contact_ids = add_gym_members(database)
        dbt_vars |= gym_vars()
    target = tmp_path / "dbt-target"
    env = {"CDP_TARGET": "duckdb", "CDP_DUCKDB_PATH": str(database)}

    run_dbt(["build", "--vars", json.dumps(dbt_vars)], env=env, target_path=target)

    results = json.loads((target / "run_results.json").read_text())["results"]
    built = {result["unique_id"] for result in results}
    for source in SOURCES:
        staged = {node for node in built if node.startswith(f"model.cdp.stg_{source}__")}
        assert bool(staged) == (source in switched_on), source
    quarantined = {
        row[0]
        for row in query(
            database, "select distinct source_name from cdp_staging.stg_quality__rejected_values"
        )
    }
    assert quarantined, "the generated noise should leave rejected values in enabled sources"
    assert quarantined <= set(switched_on)
    if with_gym:
        customer_of = dict(
            query(
                database,
                "select source_name || ':' || record_id, customer_id"
                " from cdp_intermediate.int_identity__record_map"
                " where source_name in ('gym_members', 'crm_contacts')",
            )
        )
        assert {key for key in customer_of if key.startswith("gym_members:")} == {
            "gym_members:G1",
            "gym_members:G2",
            "gym_members:G3",
        }
        assert customer_of["gym_members:G1"] == customer_of[f"crm_contacts:{contact_ids[0]}"]
        assert customer_of["gym_members:G2"] == customer_of[f"crm_contacts:{contact_ids[1]}"]
        assert list(customer_of.values()).count(customer_of["gym_members:G3"]) == 1
        normalized = query(
            database,
            "select email, phone from cdp_intermediate.int_identity__records"
            " where source_name = 'gym_members' and record_id in ('G1', 'G3') order by record_id",
        )
        assert normalized[0][0] == normalized[0][0].strip().lower()
        assert normalized[1] == ("zed.quill.gym@gmail.com", "+49301234567")


@pytest.fixture(scope="module")
def staged(raw_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """Every source loaded, one CRM contact given a malformed email, phone and birth date;
    staging, the quarantine and its tests built (unit tests run in the main builds).
    Returns the DuckDB file, the dbt target folder and the contact's id."""
    folder = tmp_path_factory.mktemp("staged")
    database = folder / "warehouse.duckdb"
    load_into(database, raw_folder, SOURCES)
    con = duckdb.connect(str(database))
    contact_id = con.execute("select min(id) from raw_crm.contacts").fetchall()[0][0]
    con.execute(
        "update raw_crm.contacts set email = 'ann..lee@mail.com', phone = '555-01',"
        " date_of_birth = '31/02/1985' where id = ?",
        [contact_id],
    )
    con.close()
    env = {"CDP_TARGET": "duckdb", "CDP_DUCKDB_PATH": str(database)}
    selection = [
        "path:models/staging",
        "+int_quality__rejected_value_counts",
        "int_quality__duplicate_rows",
        "tests/quality",
    ]
    # cautious: tests that also read marts (not built here) stay out
    options = ["--indirect-selection", "cautious", "--exclude-resource-type", "unit_test"]
    run_dbt(
        ["build", "--select", *selection, *options],
        env=env,
        target_path=folder / "dbt-target",
    )
    return database, folder / "dbt-target", str(contact_id)


@pytest.mark.slow
def test_a_malformed_value_is_nulled_flagged_and_quarantined_with_its_reason(
    staged: tuple[Path, Path, str],
) -> None:
    database, _, contact_id = staged

    contact = query(
        database,
        "select email, has_invalid_email, phone, has_invalid_phone,"
        " birth_date, has_invalid_birth_date"
        f" from cdp_staging.stg_crm__contacts where contact_id = '{contact_id}'",
    )
    assert contact == [(None, True, None, True, None, True)]
    quarantined = query(
        database,
        "select column_name, reason, rejected_value, is_value_masked"
        " from cdp_staging.stg_quality__rejected_values"
        f" where source_name = 'crm' and record_id = '{contact_id}'"
        " and column_name in ('email', 'phone', 'birth_date') order by column_name",
    )
    assert quarantined == [
        ("birth_date", "impossible_date", "99/99/9999", True),
        ("email", "malformed_email", "aaa..aaa@aaaa.aaa", True),
        ("phone", "invalid_phone", "999-99", True),
    ]
    # the summary counts every malformed email of the contacts, this one included
    counted = query(
        database,
        "select rejected_values, records_checked"
        " from cdp_intermediate.int_quality__rejected_value_counts"
        " where model_name = 'stg_crm__contacts' and column_name = 'email'"
        " and reason = 'malformed_email'",
    )
    flagged = query(
        database,
        "select count(*) filter (where has_invalid_email), count(*)"
        " from cdp_staging.stg_crm__contacts",
    )
    assert counted == flagged


@pytest.mark.slow
def test_the_summary_prints_the_rejected_value_counts(staged: tuple[Path, Path, str]) -> None:
    database, _, _ = staged
    con = duckdb.connect(str(database), read_only=True)
    try:
        text = build_summary(con, Schemas("cdp"), database, None)
    finally:
        con.close()
    section = text.split("== Rejected values")[1].split("\n==")[0]
    (flagged,) = query(
        database, "select count(*) from cdp_staging.stg_crm__contacts where has_invalid_email"
    )[0]
    assert re.search(rf"crm\s+contacts\s+email\s+malformed_email\s+{flagged}\s", section)
    (total,) = query(database, "select count(*) from cdp_staging.stg_quality__rejected_values")[0]
    assert f"{total:,} values rejected" in section
    # web pages delivered twice: the raw copies beyond the first are counted and reported
    (raw_rows,) = query(database, "select count(*) from raw_web.pages")[0]
    (staged_rows,) = query(database, "select count(*) from cdp_staging.stg_web__pages")[0]
    assert raw_rows > staged_rows, "the generator delivers some page views twice"
    assert f"web pages {raw_rows - staged_rows:,} of {raw_rows:,} rows" in section


@pytest.mark.slow
def test_every_staging_model_and_column_is_documented(staged: tuple[Path, Path, str]) -> None:
    """The YAML of each staging model describes it and exactly the columns it builds."""
    database, target, _ = staged
    manifest = json.loads((target / "manifest.json").read_text())
    models = [
        node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
        and node["original_file_path"].startswith("models/staging/")
    ]
    built_columns: dict[str, set[str]] = {}
    for table, column in query(
        database,
        "select table_name, column_name from information_schema.columns"
        " where table_schema = 'cdp_staging'",
    ):
        built_columns.setdefault(table, set()).add(column)
    assert {node["alias"] for node in models} <= set(built_columns)

    problems = []
    for node in models:
        name = node["name"]
        documented = {
            column: spec.get("description", "") for column, spec in node["columns"].items()
        }
        if not node["description"].strip():
            problems.append(f"{name}: no description")
        problems += [
            f"{name}.{column}: not documented"
            for column in sorted(built_columns[node["alias"]] - set(documented))
        ]
        problems += [
            f"{name}.{column}: documented, not built"
            for column in sorted(set(documented) - built_columns[node["alias"]])
        ]
        problems += [
            f"{name}.{column}: no description"
            for column, text in documented.items()
            if not text.strip()
        ]
    assert problems == []
