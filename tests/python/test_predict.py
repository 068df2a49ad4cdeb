"""Predictive traits end to end on a small synthetic world, on DuckDB and PostgreSQL.

The upstream marts the prediction models read (customers, customer_metrics,
customer_activities, and the shop's order lines and products) are written directly as
tables, from a world drawn with a fixed seed in which some customers buy on a steady rhythm
until the end, others stop, others buy now and then and some only browse. dbt builds the
prediction models, cdp-predict validates, trains and scores, and customer_predictions is
rebuilt over the scores.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pytest
import yaml

from cdp.predict import modeling
from cdp.predict.warehouse import Column, Warehouse, connect
from conftest import run_dbt

pytestmark = pytest.mark.slow

AS_OF = date(2026, 6, 30)
START = date(2023, 7, 1)
PRODUCTS = [f"p{i:02d}" for i in range(40)]  # complements: p00-p01, p02-p03, ...
VARS = [
    "--vars",
    yaml.safe_dump(
        {"cdp_using_customer360": True, "cdp_predictions": {"as_of_date": AS_OF.isoformat()}}
    ),
]
BIN = Path(sys.executable).parent


@dataclass
class World:
    customers: list[str]
    kind: dict[str, str]  # steady, stopped, occasional, browser
    stopped_on: dict[str, date]
    activities: pa.Table
    order_lines: pa.Table


def draw_world(seed: int = 7) -> World:
    """1,100 customers over three years. steady: a purchase every 25-60 days (+-20 %) to the
    end; stopped: the same rhythm until a day between 2024-09 and 2026-02; occasional: about
    two purchases a year at random; browser: page and product views only. Every buyer has
    four favourite products; an order holds one and often its complement; product views
    come a few days before orders."""
    rng = np.random.default_rng(seed)
    kinds = ["steady"] * 400 + ["stopped"] * 350 + ["occasional"] * 200 + ["browser"] * 150
    customers = [f"c{i:04d}" for i in range(len(kinds))]
    rows: dict[str, list] = {
        k: [] for k in ("activity_id", "customer_id", "activity_type", "occurred_at", "amount")
    }
    rows.update(currency=[], status=[], order_id=[], product_id=[])
    lines: dict[str, list] = {"order_line_id": [], "order_id": [], "product_id": []}
    stopped_on: dict[str, date] = {}
    span = (AS_OF - START).days

    def add(customer: str, kind: str, when: datetime, **values: object) -> None:
        rows["activity_id"].append(f"a{len(rows['activity_id'])}")
        rows["customer_id"].append(customer)
        rows["activity_type"].append(kind)
        rows["occurred_at"].append(when)
        for column in ("amount", "currency", "status", "order_id", "product_id"):
            rows[column].append(values.get(column))

    for customer, kind in zip(customers, kinds, strict=True):
        joined = START + timedelta(days=int(rng.integers(0, span // 3)))
        add(customer, "page_viewed", datetime(joined.year, joined.month, joined.day, 9))
        favourites = rng.choice(len(PRODUCTS) // 2, size=4, replace=False) * 2
        basket_size = float(rng.lognormal(np.log(60), 0.4))
        if kind == "browser":
            for _ in range(int(rng.integers(2, 12))):
                day = joined + timedelta(days=int(rng.integers(0, (AS_OF - joined).days + 1)))
                product = PRODUCTS[int(rng.choice(favourites))]
                add(
                    customer,
                    "product_viewed",
                    datetime(day.year, day.month, day.day, 20),
                    product_id=product,
                )
            continue
        end = AS_OF
        if kind == "stopped":
            end = date(2024, 9, 1) + timedelta(days=int(rng.integers(0, 540)))
            stopped_on[customer] = end
        cadence = float(rng.uniform(25, 60))
        day = joined + timedelta(days=int(rng.integers(1, 30)))
        while day <= end:
            order = f"o{len(lines['order_id'])}_{customer}"
            product = int(rng.choice(favourites))
            items = [product] + ([product + 1] if rng.random() < 0.6 else [])
            moment = datetime(day.year, day.month, day.day, 12)
            view_day = moment - timedelta(days=int(rng.integers(1, 5)))
            for item in items:
                lines["order_line_id"].append(f"l{len(lines['order_line_id'])}")
                lines["order_id"].append(order)
                lines["product_id"].append(PRODUCTS[item])
                add(customer, "product_viewed", view_day, product_id=PRODUCTS[item])
            amount = round(basket_size * float(rng.uniform(0.7, 1.3)) * len(items), 2)
            add(
                customer,
                "order_placed",
                moment,
                amount=amount,
                currency="USD",
                status="paid",
                order_id=order,
            )
            if kind == "occasional":
                day += timedelta(days=int(rng.exponential(180)) + 1)
            else:
                day += timedelta(days=max(1, int(cadence * rng.uniform(0.8, 1.2))))
    activities = pa.table(
        {
            "activity_id": pa.array(rows["activity_id"], pa.string()),
            "customer_id": pa.array(rows["customer_id"], pa.string()),
            "activity_type": pa.array(rows["activity_type"], pa.string()),
            "occurred_at": pa.array(rows["occurred_at"], pa.timestamp("us")),
            "amount": pa.array(rows["amount"], pa.float64()),
            "currency": pa.array(rows["currency"], pa.string()),
            "status": pa.array(rows["status"], pa.string()),
            "order_id": pa.array(rows["order_id"], pa.string()),
            "product_id": pa.array(rows["product_id"], pa.string()),
        }
    )
    return World(
        customers, dict(zip(customers, kinds, strict=True)), stopped_on, activities, pa.table(lines)
    )


ACTIVITY_COLUMNS = [
    Column("activity_id", "varchar"),
    Column("customer_id", "varchar"),
    Column("activity_type", "varchar"),
    Column("occurred_at", "timestamp"),
    Column("amount", "decimal(18, 2)"),
    Column("currency", "varchar"),
    Column("status", "varchar"),
    Column("order_id", "varchar"),
    Column("product_id", "varchar"),
]


def write_upstream(warehouse: Warehouse, world: World) -> None:
    ids = pa.array(world.customers, pa.string())
    warehouse.replace_rows(
        "cdp_marts", "customers", [Column("customer_id", "varchar")], pa.table({"customer_id": ids})
    )
    # two steady buyers have an open high-priority ticket
    tickets = [1 if customer in ("c0000", "c0001") else 0 for customer in world.customers]
    warehouse.replace_rows(
        "cdp_marts",
        "customer_metrics",
        [Column("customer_id", "varchar"), Column("open_high_priority_tickets", "integer")],
        pa.table({"customer_id": ids, "open_high_priority_tickets": pa.array(tickets, pa.int32())}),
    )
    warehouse.replace_rows("cdp_marts", "customer_activities", ACTIVITY_COLUMNS, world.activities)
    warehouse.replace_rows(
        "cdp_staging",
        "stg_shop__order_lines",
        [
            Column("order_line_id", "varchar"),
            Column("order_id", "varchar"),
            Column("product_id", "varchar"),
        ],
        world.order_lines,
    )
    warehouse.replace_rows(
        "cdp_staging",
        "stg_shop__products",
        [Column("product_id", "varchar"), Column("product_title", "varchar")],
        pa.table({"product_id": PRODUCTS, "product_title": [f"Product {p}" for p in PRODUCTS]}),
    )


def rows(warehouse: Warehouse, sql: str) -> list[tuple]:
    return warehouse._fetch(sql)


@dataclass
class Built:
    env: dict[str, str]
    warehouse: Warehouse
    world: World
    report: dict
    features_before: list[tuple]
    features_after: list[tuple]


def dbt_or_skip(args: list[str], env: dict[str, str], target: Path) -> None:
    result = run_dbt([*args, *VARS], env=env, target_path=target, check=False)
    if result.returncode != 0 and "int_identity" in result.stdout:
        pytest.skip("the Customer 360 marts cannot be switched on yet (identity models missing)")
    assert result.returncode == 0, result.stdout[-3000:]


def open_warehouse(env: dict[str, str]) -> Warehouse:
    return connect(env["CDP_TARGET"], Path(env.get("CDP_DUCKDB_PATH", "")))


FEATURES = "select * from cdp_marts.prediction_features order by cutoff_date, customer_id"


def build(env: dict[str, str], target: Path, report_dir: Path) -> Built:
    """Three dbt steps (a DuckDB file takes one writer at a time, so no connection stays
    open across them): build, cdp-predict, then customer_predictions over the scores and,
    after purchases are added on the as-of day, the features again."""
    world = draw_world()
    warehouse = open_warehouse(env)
    write_upstream(warehouse, world)
    warehouse.close()
    dbt_or_skip(
        [
            "build",
            "--select",
            "fx_rates",
            "models/marts/predictions",
            # tests with a parent outside the selection (source reconciliations) stay out
            "--indirect-selection",
            "cautious",
        ],
        env,
        target,
    )
    predict = subprocess.run(
        [
            BIN / "cdp-predict",
            "--report-dir",
            str(report_dir),
            "--min-customers",
            "200",
            "--min-positives",
            "30",
            "--threads",
            "1",
        ],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    assert predict.returncode == 0, predict.stdout + predict.stderr
    report = json.loads((report_dir / "prediction_report.json").read_text())
    warehouse = open_warehouse(env)
    before = rows(warehouse, FEATURES)
    # a late burst of purchases on the as-of day: every earlier cutoff must ignore it
    late = pa.table(
        {
            "activity_id": [f"late{i}" for i in range(50)],
            "customer_id": world.customers[:50],
            "activity_type": ["order_placed"] * 50,
            "occurred_at": pa.array([datetime(2026, 6, 30, 18)] * 50, pa.timestamp("us")),
            "amount": [999.0] * 50,
            "currency": ["USD"] * 50,
            "status": ["paid"] * 50,
            "order_id": [f"late{i}" for i in range(50)],
            "product_id": pa.array([None] * 50, pa.string()),
        }
    ).cast(world.activities.schema)
    everything = pa.concat_tables([world.activities, late])
    warehouse.replace_rows("cdp_marts", "customer_activities", ACTIVITY_COLUMNS, everything)
    warehouse.close()
    dbt_or_skip(
        [
            "run",
            "--select",
            "customer_predictions",
            "prediction_validation",
            "prediction_calibration",
            "prediction_purchases",
            "prediction_daily_activity",
            "prediction_features",
        ],
        env,
        target,
    )
    warehouse = open_warehouse(env)
    after = rows(warehouse, FEATURES)
    return Built(env, warehouse, world, report, before, after)


@pytest.fixture(scope="module", params=["duckdb", "postgres"])
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Built]:
    folder = tmp_path_factory.mktemp(f"predict-{request.param}")
    if request.param == "duckdb":
        env = {"CDP_TARGET": "duckdb", "CDP_DUCKDB_PATH": str(folder / "warehouse.duckdb")}
        duckdb.connect(env["CDP_DUCKDB_PATH"]).close()
        result = build(env, folder / "dbt-target", folder / "report")
        yield result
        result.warehouse.close()
        return
    server = request.getfixturevalue("postgres_server")
    import psycopg2

    name = f"cdp_predict_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(
        dbname="postgres",
        host=server["PGHOST"],
        port=server["PGPORT"],
        user=server["PGUSER"],
        password=server["PGPASSWORD"],
    )
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'create database "{name}"')
    try:
        env = {**server, "PGDATABASE": name, "CDP_TARGET": "postgres"}
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            result = build(env, folder / "dbt-target", folder / "report")
            yield result
            result.warehouse.close()
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    finally:
        with admin.cursor() as cur:
            cur.execute(f'drop database if exists "{name}" with (force)')
        admin.close()


def test_customers_who_stopped_buying_score_higher_churn_than_steady_buyers(built: Built) -> None:
    scores = dict(
        rows(
            built.warehouse,
            "select customer_id, churn_probability from cdp_marts.customer_predictions",
        )
    )
    gone = [c for c, day in built.world.stopped_on.items() if (AS_OF - day).days > 150]
    steady = [c for c in built.world.customers if built.world.kind[c] == "steady"]
    assert len(gone) > 50 and len(steady) > 300
    gone_mean = np.mean([scores[c] for c in gone])
    steady_mean = np.mean([scores[c] for c in steady])
    assert gone_mean > 0.8 > 0.3 > steady_mean, (gone_mean, steady_mean)
    # browsers never bought: no churn probability, but a purchase probability
    browser = next(c for c in built.world.customers if built.world.kind[c] == "browser")
    (row,) = rows(
        built.warehouse,
        "select churn_probability, purchase_probability from cdp_marts.customer_predictions"
        f" where customer_id = '{browser}'",
    )
    assert row[0] is None and 0 <= row[1] <= 1


def test_models_beat_their_baselines_out_of_time(built: Built) -> None:
    models = {m["task"]: m for m in built.report["models"]}
    for task in ("churn", "propensity"):
        figures, baseline = models[task]["model_metrics"], models[task]["baseline_metrics"]
        assert figures["auc"] > baseline["auc"], task
        assert models[task]["train_cutoff"] < models[task]["test_cutoff"]
    assert models["value"]["model_metrics"]["rmse"] < models["value"]["baseline_metrics"]["rmse"]
    validation = rows(
        built.warehouse,
        "select model_name, method, metric from cdp_marts.prediction_validation"
        " where is_latest_run",
    )
    assert ("churn", "rfm", "top_decile_lift") in validation
    assert ("recommendations", "model", "hit_rate_at_5") in validation


def test_features_ignore_everything_after_their_cutoff(built: Built) -> None:
    scoring = AS_OF
    earlier_before = [r for r in built.features_before if r[0] != scoring]
    earlier_after = [r for r in built.features_after if r[0] != scoring]
    assert earlier_before == earlier_after
    # ...while the as-of day's own features did see the late purchases
    assert [r for r in built.features_before if r[0] == scoring] != [
        r for r in built.features_after if r[0] == scoring
    ]


def test_recommendations_exclude_what_was_just_bought(built: Built) -> None:
    clashes = rows(
        built.warehouse,
        """
        select count(*)
        from cdp_marts.prediction_recommendations as rec
        inner join cdp_marts.prediction_cutoffs as cut on rec.cutoff_date = cut.cutoff_date
        inner join cdp_marts.prediction_product_events as ev
            on ev.customer_id = rec.customer_id and ev.product_id = rec.product_id
        where ev.interaction_type = 'purchased'
            and ev.occurred_at < cut.cutoff_at
            and ev.occurred_at >= cut.cutoff_at - interval '90 days'
        """,
    )
    assert clashes == [(0,)]
    # and they are not empty: every scored customer gets k products, co-occurrence first
    (per_customer,) = rows(
        built.warehouse,
        "select min(n), max(n) from (select customer_id, count(*) as n"
        f" from cdp_marts.prediction_recommendations where cutoff_date = '{AS_OF}'"
        " group by customer_id) as counted",
    )
    assert per_customer == (5, 5)
    (hit,) = rows(
        built.warehouse,
        "select hit_rate from cdp_marts.prediction_recommendation_validation"
        " where method = 'co_occurrence'",
    )
    assert hit[0] > 0


def test_next_best_action_follows_the_rules(built: Built) -> None:
    actions = dict(
        rows(
            built.warehouse,
            "select customer_id, next_best_action from cdp_marts.customer_predictions",
        )
    )
    assert actions["c0000"] == actions["c0001"] == "service_follow_up"
    gone = [c for c, day in built.world.stopped_on.items() if (AS_OF - day).days > 300]
    assert {actions[c] for c in gone} == {"win_back_offer"}
    (reasons,) = rows(
        built.warehouse,
        "select count(*) from cdp_marts.customer_predictions where next_best_action_reason is null",
    )
    assert reasons == (0,)


def test_cli_refuses_to_train_when_volume_is_too_small(built: Built, tmp_path: Path) -> None:
    # a DuckDB file takes one process at a time: the fixture's connection steps aside
    built.warehouse.close()
    try:
        result = subprocess.run(
            [BIN / "cdp-predict", "--report-dir", str(tmp_path), "--min-customers", "100000"],
            env={**os.environ, **built.env},
            capture_output=True,
            text=True,
        )
    finally:
        built.warehouse = open_warehouse(built.env)
    assert result.returncode == 2
    assert "refusing to train" in result.stderr and "at least 100000 needed" in result.stderr
    assert not (tmp_path / "prediction_report.json").exists()


def test_readiness_names_a_history_too_short() -> None:
    """Six months of history cannot validate a 365-day value model."""
    n = 2000
    rng = np.random.default_rng(3)
    as_of = date(2026, 6, 30)
    columns = {
        "cutoff_date": np.array([as_of] * n, dtype=object),
        "customer_id": np.array([f"c{i}" for i in range(n)], dtype=object),
        "tenure_days": rng.integers(0, 180, size=n).astype(float),
        "orders_count": rng.integers(0, 5, size=n).astype(float),
        **{label: np.full(n, np.nan) for label in modeling.LABELS},
    }
    data = modeling.Dataset(
        columns, as_of, {"churn_days": 90, "propensity_days": 30, "value_days": 365}
    )
    problems = modeling.check_readiness(data, modeling.Thresholds())
    assert any(p.startswith("value") and "history too short" in p for p in problems)
    assert any(p.startswith("churn") for p in problems)
