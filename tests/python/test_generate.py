"""cdp-generate: determinism, table contracts, ground truth, noise, signals, chunks, increments."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from cdp.dbt_sources import load_sources
from cdp.generate.cli import main as generate
from cdp.generate.reference import NICKNAMES

BIN = Path(sys.executable).parent
IDENTITY_RECORDS = {
    "web_devices": [
        ("web", "identifies", "anonymous_id"),
        ("web", "pages", "anonymous_id"),
        ("web", "tracks", "anonymous_id"),
    ],
    "shop_customers": [("shop", "customers", "id")],
    "shop_orders": [("shop", "orders", "id")],
    "payments_customers": [("payments", "customers", "id")],
    "crm_contacts": [("crm", "contacts", "id")],
    "support_users": [("support", "users", "id")],
    "email_subscribers": [("email", "subscribers", "id")],
    "pos_loyalty_members": [("pos", "loyalty_members", "card_number")],
}


def run_generate(out: Path, *args: str) -> dict:
    assert generate([*args, "--out", str(out), "--no-progress", "--log-level", "WARNING"]) == 0
    return json.loads((out / "manifest.json").read_text())


def scan(folder: Path, source: str, table: str) -> str:
    return f"read_parquet('{folder}/{source}/{table}/*.parquet')"


def records_sql(folder: Path) -> str:
    parts = []
    for source_name, tables in IDENTITY_RECORDS.items():
        for source, table, column in tables:
            parts.append(
                f"select '{source_name}' as source_name, cast({column} as varchar) as record_id"
                f" from {scan(folder, source, table)} where {column} is not null"
            )
    return "\nunion\n".join(parts)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """1,500 people at the default noise level, in three chunks."""
    out = tmp_path_factory.mktemp("gen") / "batch"
    return out, run_generate(out, "--people", "1500", "--seed", "11", "--chunk-size", "500")


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    return duckdb.connect()


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


# ---------------------------------------------------------------- determinism
def test_same_arguments_give_identical_data_whatever_the_workers(tmp_path: Path) -> None:
    args = ["--people", "300", "--seed", "5", "--chunk-size", "100"]
    run_generate(tmp_path / "one", *args, "--workers", "1")
    run_generate(tmp_path / "two", *args, "--workers", "2")
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*.parquet"))
    assert files == sorted(
        p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*.parquet")
    )
    for name in files:
        assert pq.read_table(tmp_path / "one" / name).equals(pq.read_table(tmp_path / "two" / name))


def test_another_seed_gives_other_people(tmp_path: Path) -> None:
    run_generate(tmp_path / "a", "--people", "200", "--seed", "1")
    run_generate(tmp_path / "b", "--people", "200", "--seed", "2")
    emails_a = set(pq.read_table(tmp_path / "a/shop/customers").column("email").to_pylist())
    emails_b = set(pq.read_table(tmp_path / "b/shop/customers").column("email").to_pylist())
    assert len(emails_a & emails_b - {None}) < 5
    assert not pq.read_table(tmp_path / "a/web/pages").equals(
        pq.read_table(tmp_path / "b/web/pages")
    )


# ---------------------------------------------------------------- contracts
def test_every_declared_table_and_column_is_written_with_its_type(batch) -> None:
    out, manifest = batch
    for source, tables in load_sources().items():
        for name, table in tables.items():
            folder = out / source / name
            parts = sorted(folder.glob("part-*.parquet"))
            assert parts, f"{source}.{name}: no parts"
            for part in parts:
                assert pq.read_schema(part).remove_metadata() == table.arrow_schema(), part
            assert f"{source}.{name}" in manifest["row_counts"]
            if name not in ("erasure_requests",):
                assert manifest["row_counts"][f"{source}.{name}"] > 0, f"{source}.{name} empty"


def test_manifest_counts_match_the_files(batch) -> None:
    out, manifest = batch
    for key, count in manifest["row_counts"].items():
        source, table = key.split(".")
        assert pq.ParquetDataset(out / source / table).read().num_rows == count, key
    assert manifest["ground_truth_rows"] == pq.read_table(out / "ground_truth").num_rows
    assert manifest["generator_version"] and manifest["seconds"] >= 0
    assert manifest["arguments"]["people"] == 1500


# ---------------------------------------------------------------- ground truth
def test_ground_truth_covers_every_identity_record_exactly_once(batch, con) -> None:
    out, _ = batch
    truth = f"read_parquet('{out}/ground_truth/*.parquet')"
    records = records_sql(out)
    missing = rows(
        con,
        f"select count(*) from ({records}) as r anti join {truth} as t"
        " on t.source_name = r.source_name and t.record_id = r.record_id",
    )
    assert missing == [(0,)]
    orphans = rows(
        con,
        f"select count(*) from {truth} as t anti join ({records}) as r"
        " on t.source_name = r.source_name and t.record_id = r.record_id",
    )
    assert orphans == [(0,)]
    twice = rows(
        con,
        f"select count(*) from (select source_name, record_id from {truth}"
        " group by all having count(*) > 1)",
    )
    assert twice == [(0,)]
    kinds = dict(rows(con, f"select source_name, count(*) from {truth} group by 1"))
    assert set(kinds) == set(IDENTITY_RECORDS)


def test_ground_truth_marks_deliberately_shared_identifiers(batch, con) -> None:
    out, _ = batch
    truth = f"read_parquet('{out}/ground_truth/*.parquet')"
    shared = dict(
        rows(con, f"select source_name, count(*) from {truth} where is_shared group by 1")
    )
    assert shared.get("web_devices", 0) > 0  # family tablets
    # an office mailbox: one address, several true people, every such record marked shared
    mailbox = rows(
        con,
        f"""
        with contacts as (
            select lower(trim(c.email)) as email, t.person_id, t.is_shared
            from {scan(out, "crm", "contacts")} as c
            inner join {truth} as t
                on t.source_name = 'crm_contacts' and t.record_id = c.id
            where regexp_matches(
                lower(c.email), '^(office|info|frontdesk|reception|accounts|orders|team)@'
            )
        )
        select email, count(distinct person_id), bool_and(is_shared) from contacts group by 1
        """,
    )
    assert any(people > 1 and all_shared for _, people, all_shared in mailbox)


# ---------------------------------------------------------------- noise
NOISE_KINDS = [
    "name_typo", "name_case_whitespace", "nickname", "accents_stripped", "non_ascii_name",
    "email_typo", "email_case_whitespace", "gmail_dots", "email_plus_tag", "email_malformed",
    "placeholder_email", "placeholder_phone", "invalid_phone", "phone_extension",
    "phone_format_intl", "phone_format_national", "birth_date_swapped", "birth_date_free_text",
    "birth_date_impossible", "missing_value", "duplicate_row", "late_event", "clock_skew",
    "old_address_used", "old_email_used", "shared_family_phone", "shared_device",
    "shared_office_mailbox", "test_account", "erasure_request", "duplicate_shop_account",
]  # fmt: skip


def test_each_kind_of_noise_is_injected_at_the_default_level(batch) -> None:
    _, manifest = batch
    counts = manifest["noise_counts"]
    absent = [kind for kind in NOISE_KINDS if counts.get(kind, 0) == 0]
    assert not absent, f"noise kinds never injected: {absent}"


def test_noise_is_visible_in_the_data(batch, con) -> None:
    out, _ = batch

    def count(source: str, table: str, condition: str) -> int:
        return rows(con, f"select count(*) from {scan(out, source, table)} where {condition}")[0][0]

    assert count("shop", "customers", "email <> lower(trim(email))") > 0
    assert count("crm", "contacts", "email in ('test@test.com', 'noemail@noemail.com', "
                 "'none@none.com', 'no@email.com', 'na@na.com', 'customer@example.com', "
                 "'unknown@unknown.com', 'x@x.com')") > 0  # fmt: skip
    malformed = (
        "email not like '%@%' or email like '%@@%' or email like '%.' or email like '% at %'"
    )
    assert sum(
        count(s, t, malformed)
        for s, t in [("shop", "orders"), ("crm", "contacts"), ("web", "identifies"),
                     ("pos", "loyalty_members"), ("email", "subscribers")]
    ) > 0  # fmt: skip
    assert count("shop", "orders", "email like '%+%@%'") > 0
    assert count("web", "identifies", "regexp_matches(first_name, '[^\\x00-\\x7F]')") > 0
    assert (
        count("pos", "loyalty_members", "regexp_matches(birth_date, '^\\d\\d/\\d\\d/\\d{4}$')") > 0
    )
    formats = rows(
        con,
        f"""select count(distinct case
                when regexp_matches(date_of_birth, '^\\d{{4}}-\\d\\d-\\d\\d$') then 'iso'
                when regexp_matches(date_of_birth, '^\\d\\d/\\d\\d/\\d{{4}}$') then 'us'
                when regexp_matches(date_of_birth, '^\\d+\\.\\d+\\.\\d{{4}}$') then 'dots'
                when regexp_matches(date_of_birth, '^[A-Z][a-z]+ \\d') then 'words'
                when regexp_matches(date_of_birth, '-[A-Z][a-z]{{2}}-') then 'mon'
            end) from {scan(out, "crm", "contacts")}""",
    )[0][0]
    assert formats >= 4
    ids = rows(con, f"select count(*) - count(distinct id) from {scan(out, 'web', 'pages')}")
    assert ids[0][0] > 0  # exact duplicate deliveries
    late = "received_at > timestamp + interval 1 hour"
    assert count("web", "tracks", late) > 0
    assert count("web", "pages", "timestamp > sent_at") == 0
    assert count("web", "pages", "timestamp < sent_at - interval 5 minute") > 0  # clock skew
    phones = rows(con, f"select phone from {scan(out, 'shop', 'orders')} where phone is not null")
    styles = {re.sub(r"\d", "9", phone) for (phone,) in phones}
    assert len(styles) >= 6  # national and international formats, punctuation
    assert count("shop", "customers", "tags ilike '%test%'") > 0


def test_nicknames_appear_for_one_person_across_systems(batch, con) -> None:
    out, _ = batch
    truth = f"read_parquet('{out}/ground_truth/*.parquet')"
    names = rows(
        con,
        f"""
        select distinct t.person_id, trim(r.first_name)
        from (
            select cast(id as varchar) as record_id, 'shop_customers' as source_name, first_name
            from {scan(out, "shop", "customers")}
            union all
            select id, 'crm_contacts', first_name from {scan(out, "crm", "contacts")}
            union all
            select card_number, 'pos_loyalty_members', first_name
            from {scan(out, "pos", "loyalty_members")}
        ) as r
        inner join {truth} as t using (source_name, record_id)
        where r.first_name is not null
        """,
    )
    by_person: dict[str, set[str]] = {}
    for person, name in names:
        by_person.setdefault(person, set()).add(name)
    pairs = sum(
        1
        for seen in by_person.values()
        for formal in seen
        if any(nick in seen for nick in NICKNAMES.get(formal, []))
    )
    assert pairs > 0


# ---------------------------------------------------------------- signals for predictions
def test_complementary_products_are_bought_together(batch, con) -> None:
    out, _ = batch
    lift = rows(
        con,
        f"""
        with typed as (
            select l.order_id, p.product_type
            from {scan(out, "shop", "order_lines")} as l
            inner join {scan(out, "shop", "products")} as p on p.id = l.product_id
        ),
        orders as (
            select order_id,
                bool_or(product_type = 'Running Shoes') as shoes,
                bool_or(product_type = 'Socks') as socks
            from typed group by 1
        )
        select avg(case when socks then 1 else 0 end) filter (where shoes)
            / avg(case when socks then 1 else 0 end)
        from orders
        """,
    )[0][0]
    assert lift > 1.5


def test_products_are_viewed_before_they_are_bought(batch, con) -> None:
    out, _ = batch
    share = rows(
        con,
        f"""
        with bought as (
            select distinct cast(o.customer_id as varchar) as user_id,
                cast(l.product_id as varchar) as product_id, o.created_at
            from {scan(out, "shop", "orders")} as o
            inner join {scan(out, "shop", "order_lines")} as l on l.order_id = o.id
            where o.customer_id is not null
        ),
        viewed as (
            select user_id, product_id, min(timestamp) as first_view
            from {scan(out, "web", "tracks")}
            where event = 'product_viewed' and user_id is not null
            group by all
        )
        select avg(case when viewed.first_view < bought.created_at then 1 else 0 end)
        from bought left join viewed using (user_id, product_id)
        """,
    )[0][0]
    assert share > 0.3


def test_purchases_peak_before_christmas(batch, con) -> None:
    """Seasonality: more orders in November-December 2025 than in the May-June on either
    side of it (their mean, so that the growth of the customer base cancels out)."""
    out, _ = batch
    winter, summer = rows(
        con,
        f"""
        select
            count(*) filter (where created_at >= '2025-11-01' and created_at < '2026-01-01'),
            count(*) filter (
                where (created_at >= '2025-05-01' and created_at < '2025-07-01')
                or (created_at >= '2026-05-01' and created_at < '2026-07-01')
            ) / 2
        from {scan(out, "shop", "orders")}
        """,
    )[0]
    assert winter > 1.2 * summer


def test_some_people_buy_on_a_regular_rhythm(batch, con) -> None:
    """Cadence: gaps between one person's orders vary far less than a memoryless process
    would make them (coefficient of variation about 1) for a good share of buyers."""
    out, _ = batch
    shares = rows(
        con,
        f"""
        with orders as (
            select truth.person_id, orders.created_at
            from {scan(out, "shop", "orders")} as orders
            inner join read_parquet('{out}/ground_truth/*.parquet') as truth
                on truth.source_name = 'shop_orders'
                and truth.record_id = cast(orders.id as varchar)
        ),
        gaps as (
            select person_id,
                date_diff('hour', lag(created_at) over (partition by person_id order by created_at),
                    created_at) as gap
            from orders
        ),
        spread as (
            select person_id, stddev_samp(gap) / avg(gap) as cv
            from gaps where gap is not null group by person_id having count(*) >= 4
        )
        select avg(case when cv < 0.6 then 1.0 else 0.0 end), count(*) from spread
        """,
    )[0]
    assert shares[1] > 30
    assert shares[0] > 0.15


# ---------------------------------------------------------------- chunks and increments
def test_small_chunks_write_one_part_per_chunk(batch) -> None:
    out, manifest = batch
    assert len(manifest["world"]["people_chunks"]) == 3
    for table in ("web/pages", "shop/orders", "ground_truth", "email/sends"):
        assert len(list((out / table).glob("part-*.parquet"))) == 3, table


def test_increment_adds_new_people_and_activity_with_disjoint_ids(batch, tmp_path, con) -> None:
    out, base = batch
    inc = tmp_path / "increment"
    manifest = run_generate(inc, "--increment-of", str(out), "--fraction", "0.05")
    assert manifest["kind"] == "increment"
    assert manifest["new_people"] == 75
    assert manifest["window"]["from"] > base["window"]["to"]
    for key in ("shop.orders", "web.pages", "email.sends", "crm.contacts", "shop.customers"):
        assert manifest["row_counts"][key] > 0, key
    for source, table, column in [
        ("shop", "orders", "id"), ("shop", "order_lines", "id"), ("shop", "customers", "id"),
        ("payments", "charges", "id"), ("crm", "contacts", "id"), ("email", "subscribers", "id"),
        ("email", "sends", "id"), ("web", "pages", "id"), ("web", "tracks", "id"),
        ("web", "identifies", "id"), ("pos", "transactions", "id"), ("support", "tickets", "id"),
    ]:  # fmt: skip
        overlap = rows(
            con,
            f"select count(*) from (select {column} from {scan(out, source, table)}"
            f" intersect select {column} from {scan(inc, source, table)})",
        )
        assert overlap == [(0,)], f"{source}.{table}"
    truth_base = f"read_parquet('{out}/ground_truth/*.parquet')"
    truth_inc = f"read_parquet('{inc}/ground_truth/*.parquet')"
    assert rows(
        con,
        f"select count(*) from {truth_base} as b inner join {truth_inc} as i"
        " using (source_name, record_id)",
    ) == [(0,)]
    # existing people come back: orders and a CRM contact for people already known
    returning = rows(
        con,
        f"select count(distinct person_id) from {truth_inc}"
        f" where person_id in (select person_id from {truth_base})",
    )[0][0]
    assert returning > 0
    # the combined world still has ground truth for every record
    both = tmp_path / "both"
    for batch_dir in (out, inc):
        for part in batch_dir.rglob("*.parquet"):
            target = both / part.parent.relative_to(batch_dir) / f"{batch_dir.name}-{part.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(part)
    missing = rows(
        con,
        f"select count(*) from ({records_sql(both)}) as r"
        f" anti join read_parquet('{both}/ground_truth/*.parquet') as t"
        " on t.source_name = r.source_name and t.record_id = r.record_id",
    )
    assert missing == [(0,)]


def test_cli_help_and_bad_arguments(tmp_path: Path) -> None:
    result = subprocess.run([BIN / "cdp-generate", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "--people" in result.stdout
    result = subprocess.run(
        [BIN / "cdp-generate", "--out", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode != 0 and "--people" in result.stderr
    result = subprocess.run(
        [BIN / "cdp-generate", "--people", "10", "--noise", "loud", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "--noise" in result.stderr


def test_noise_level_scales_the_noise(tmp_path: Path) -> None:
    low = run_generate(tmp_path / "low", "--people", "400", "--noise", "low")
    high = run_generate(tmp_path / "high", "--people", "400", "--noise", "high")
    for kind in ("name_typo", "email_case_whitespace", "late_event", "duplicate_row"):
        assert high["noise_counts"].get(kind, 0) > 2 * low["noise_counts"].get(kind, 0), kind
