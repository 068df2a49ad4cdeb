"""cdp-load --target spark: parquet tables in the warehouse of dbt's local Spark session.

Needs the spark extra (PySpark) and Java 17; `make test-spark` runs these after its dbt build
(CDP_SPARK_TESTS=1). They start one local Spark in this process, so they run in one worker.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from cdp.dbt_sources import load_sources, spark_type
from cdp.load import main as load

pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(
        not os.environ.get("CDP_SPARK_TESTS")
        or importlib.util.find_spec("pyspark") is None
        or shutil.which("java") is None,
        reason="Spark tests run with CDP_SPARK_TESTS=1, the spark extra and Java (make test-spark)",
    ),
]


@pytest.fixture(scope="module")
def spark_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One warehouse for the module: a JVM keeps the metastore it opened first."""
    folder = tmp_path_factory.mktemp("spark")
    saved = os.environ.get("CDP_SPARK_DIR")
    os.environ["CDP_SPARK_DIR"] = str(folder)
    yield folder
    if saved is None:
        os.environ.pop("CDP_SPARK_DIR", None)
    else:
        os.environ["CDP_SPARK_DIR"] = saved


def query(sql: str) -> list[tuple]:
    from cdp.dbt_sources import project_dir
    from cdp.spark import spark_session

    spark = spark_session(project_dir())
    return [tuple(row) for row in spark.sql(sql).collect()]


def manifest_counts(*folders: Path) -> dict[str, int]:
    import json

    total: dict[str, int] = {}
    for folder in folders:
        info = json.loads((folder / "manifest.json").read_text())
        for key, value in [*info["row_counts"].items(), ("truth", info["ground_truth_rows"])]:
            total[key] = total.get(key, 0) + value
    return total


def spark_counts() -> dict[str, int]:
    parts = [
        f"select '{source}.{table.name}', count(*) from `{table.schema}`.`{table.name}`"
        for source, tables in load_sources().items()
        for table in tables.values()
    ]
    parts.append("select 'truth', count(*) from raw_truth.ground_truth")
    return {name: count for name, count in query(" union all ".join(parts))}


def test_spark_load_matches_the_manifest_types_and_values(spark_dir, source_batches) -> None:
    base, inc = source_batches
    assert load(["--target", "spark", "--input", str(base)]) == 0
    assert spark_counts() == manifest_counts(base)
    for source, tables in load_sources().items():
        table = tables[next(iter(tables))]
        described = {
            name: data_type
            for name, data_type, *_ in query(f"describe `{table.schema}`.`{table.name}`")
            if name and not name.startswith("#")
        }
        declared = {c.name: spark_type(c.data_type) for c in table.columns}
        assert described == declared, f"{source}.{table.name}"
    # values survive: nulls stay null, decimals and timestamps keep their value
    spark_orders = query(
        "select count_if(customer_id is null), sum(total_price), max(created_at)"
        " from raw_shop.orders"
    )[0]
    duck_orders = (
        duckdb.connect()
        .execute(
            "select count(*) filter (where customer_id is null), sum(total_price),"
            f" max(created_at) from read_parquet('{base}/shop/orders/*.parquet')"
        )
        .fetchall()[0]
    )
    assert spark_orders == duck_orders

    assert load(["--target", "spark", "--input", str(inc), "--append"]) == 0
    assert spark_counts() == manifest_counts(base, inc)
    assert load(["--target", "spark", "--input", str(base)]) == 0
    assert spark_counts() == manifest_counts(base)


def test_spark_loads_csv_exports(spark_dir, tmp_path) -> None:
    folder = tmp_path / "own" / "crm" / "contacts"
    folder.mkdir(parents=True)
    columns = load_sources()["crm"]["contacts"].column_names
    row = dict.fromkeys(columns, "")
    row.update(id="c-1", email='"Ann" <ann@example.com>', first_name="Zoë", email_opt_out="true",
               created_at="2024-05-01 10:00:00", is_deleted="false")  # fmt: skip
    with open(folder / "export.csv", "w", newline="", encoding="utf-8") as handle:
        import csv

        writer = csv.writer(handle)
        writer.writerow(reversed(columns))  # column order of an export need not match
        writer.writerow([row[name] for name in reversed(columns)])
    own = tmp_path / "own"
    assert load(["--target", "spark", "--input", str(own), "--sources", "crm"]) == 0
    found = query(
        "select email, first_name, email_opt_out, cast(created_at as string), phone"
        " from raw_crm.contacts"
    )
    assert found == [('"Ann" <ann@example.com>', "Zoë", True, "2024-05-01 10:00:00", None)]
