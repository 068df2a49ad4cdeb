"""`cdp-predict`: validate the predictive models out of time, then score every customer.

    cdp-predict                                   # DuckDB file of CDP_DUCKDB_PATH
    cdp-predict --target postgres                 # PG* environment variables
    cdp-predict --validate-only --report-dir out  # figures only, no scores written

Reads the dbt models of models/marts/predictions (run `dbt build` first), writes
<schema>.customer_prediction_scores (replaced), <schema>.prediction_validation_metrics and
<schema>.prediction_calibration_bins (one set of rows per run), and the report as
prediction_report.json and prediction_report.md in --report-dir. Rebuild
`customer_predictions+` afterwards to expose new scores to segments. Exit codes: 0 done,
2 data not ready (history or volume too small; the message says what is missing),
1 any other failure.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
from threadpoolctl import threadpool_limits

from . import modeling
from .report import (
    CALIBRATION_COLUMNS,
    METRIC_COLUMNS,
    SCORE_COLUMNS,
    calibration_rows,
    format_report,
    metric_rows,
)
from .warehouse import Warehouse, WarehouseError, connect, quote

log = logging.getLogger("cdp.predict")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    base = os.environ.get("CDP_SCHEMA", "cdp")
    parser = argparse.ArgumentParser(
        prog="cdp-predict",
        description="Validate churn, propensity and value models out of time, then score "
        "every customer into the warehouse.",
    )
    parser.add_argument(
        "--target",
        default=os.environ.get("CDP_TARGET", "duckdb"),
        choices=["duckdb", "postgres"],
        help="warehouse (default $CDP_TARGET or duckdb)",
    )
    parser.add_argument("--duckdb-path", type=Path, help="DuckDB file (default $CDP_DUCKDB_PATH)")
    parser.add_argument(
        "--marts-schema", default=f"{base}_marts", help=f"dbt marts schema (default {base}_marts)"
    )
    parser.add_argument(
        "--schema",
        default=os.environ.get("CDP_PREDICTIONS_SCHEMA", f"{base}_predictions"),
        help=f"schema the scores and the report tables go to (default {base}_predictions; "
        "dbt var cdp_predictions_schema must name the same)",
    )
    parser.add_argument(
        "--report-dir",
        type=Path,
        default=Path("warehouse/predictions"),
        help="folder of prediction_report.json and .md (default warehouse/predictions)",
    )
    parser.add_argument("--seed", type=int, default=42, help="random seed of the models")
    parser.add_argument(
        "--threads",
        type=int,
        default=int(os.environ.get("CDP_PREDICT_THREADS", "0")),
        help="threads for model training (default $CDP_PREDICT_THREADS, else every core; "
        "1 is faster on a busy shared machine)",
    )
    parser.add_argument(
        "--min-customers",
        type=int,
        default=modeling.Thresholds.min_customers,
        help="least customers (past buyers for churn) at each training and validation cutoff",
    )
    parser.add_argument(
        "--min-positives",
        type=int,
        default=modeling.Thresholds.min_positives,
        help="least examples of each outcome at each cutoff",
    )
    parser.add_argument(
        "--validate-only", action="store_true", help="validate and report; write no scores"
    )
    parser.add_argument(
        "--skip-if-missing",
        action="store_true",
        help="exit 0 with a note when the prediction models are not built (pipelines that "
        "run before the Customer 360 marts are switched on)",
    )
    parser.add_argument("--log-level", default="INFO")
    return parser.parse_args(argv)


class NotBuilt(WarehouseError):
    """The prediction models are not in the warehouse."""


def load_dataset(warehouse: Warehouse, marts: str) -> modeling.Dataset:
    for table in ("prediction_cutoffs", "prediction_features", "prediction_labels"):
        if not warehouse.table_exists(marts, table):
            raise NotBuilt(
                f"{marts}.{table} does not exist: run `dbt build` (with the Customer 360 "
                "marts on) before cdp-predict"
            )
    schema = quote(marts)
    cutoffs = warehouse.query(f"select * from {schema}.prediction_cutoffs where is_scoring_cutoff")
    if not len(cutoffs["as_of_date"]):
        raise modeling.NotReady("no activity at all: prediction_cutoffs is empty")
    horizons = {
        key: int(cutoffs[key][0]) for key in ("churn_days", "propensity_days", "value_days")
    }
    # one row per customer and cutoff: bounded by customers x 7 cutoffs, never raw events
    columns = warehouse.query(
        f"""
        select features.*, {", ".join(f"labels.{name}" for name in modeling.LABELS)}
        from {schema}.prediction_features as features
        left outer join {schema}.prediction_labels as labels
            on
                features.cutoff_date = labels.cutoff_date
                and features.customer_id = labels.customer_id
        order by features.cutoff_date, features.customer_id
        """
    )
    columns["cutoff_date"] = np.array([_as_date(v) for v in columns["cutoff_date"]], dtype=object)
    return modeling.Dataset(columns, _as_date(cutoffs["as_of_date"][0]), horizons)


def _as_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def recommendation_validation(warehouse: Warehouse, marts: str) -> list[dict]:
    if not warehouse.table_exists(marts, "prediction_recommendation_validation"):
        return []
    rows = warehouse.query(f"select * from {quote(marts)}.prediction_recommendation_validation")
    return [
        {
            "method": str(rows["method"][i]),
            "cutoff_date": _as_date(rows["cutoff_date"][i]).isoformat(),
            "k": int(rows["k"][i]),
            "customers_evaluated": int(rows["customers_evaluated"][i]),
            "customers_hit": int(rows["customers_hit"][i]),
            "hit_rate": float(rows["hit_rate"][i]),
        }
        for i in range(len(rows["method"]))
    ]


def run(args: argparse.Namespace) -> dict:
    started = time.perf_counter()
    run_at = datetime.now(UTC).replace(microsecond=0)
    warehouse = connect(args.target, args.duckdb_path)
    try:
        data = load_dataset(warehouse, args.marts_schema)
        log.info(
            "read %d feature rows (%d features) as of %s",
            len(data.columns["customer_id"]),
            len(data.feature_names),
            data.as_of,
        )
        limits = modeling.Thresholds(args.min_customers, args.min_positives)
        problems = modeling.check_readiness(data, limits)
        if problems:
            raise modeling.NotReady(
                "not enough data to train honest models:\n  - " + "\n  - ".join(problems)
            )
        report = {
            "run_id": f"{run_at:%Y%m%dT%H%M%SZ}",
            "run_at": run_at.isoformat(),
            "as_of_date": data.as_of.isoformat(),
            "engine": warehouse.engine,
            "customers_scored": 0,
            "models": [modeling.validate(data, task, args.seed) for task in modeling.TASKS],
            "recommendations": recommendation_validation(warehouse, args.marts_schema),
        }
        if not args.validate_only:
            scores = modeling.score(data, args.seed)
            report["customers_scored"] = len(scores["customer_id"])
            warehouse.replace_rows(
                args.schema,
                "customer_prediction_scores",
                SCORE_COLUMNS,
                _score_table(scores, data.as_of, report),
            )
        where = f"run_id = '{report['run_id']}'"
        warehouse.replace_rows(
            args.schema, "prediction_validation_metrics", METRIC_COLUMNS, metric_rows(report), where
        )
        warehouse.replace_rows(
            args.schema,
            "prediction_calibration_bins",
            CALIBRATION_COLUMNS,
            calibration_rows(report),
            where,
        )
        report["seconds"] = round(time.perf_counter() - started, 1)
        args.report_dir.mkdir(parents=True, exist_ok=True)
        (args.report_dir / "prediction_report.json").write_text(json.dumps(report, indent=2) + "\n")
        (args.report_dir / "prediction_report.md").write_text(format_report(report))
        return report
    finally:
        warehouse.close()


def _score_table(scores: dict[str, np.ndarray], as_of: date, report: dict) -> pa.Table:
    def probability(values: np.ndarray) -> pa.Array:
        return pa.array(np.round(values, 6), mask=np.isnan(values), type=pa.float64())

    n = len(scores["customer_id"])
    return pa.table(
        {
            "customer_id": pa.array(scores["customer_id"].tolist(), pa.string()),
            "as_of_date": pa.array([as_of] * n, pa.date32()),
            "churn_probability": probability(scores["churn"]),
            "purchase_probability": probability(scores["propensity"]),
            "predicted_value": pa.array(np.round(scores["value"], 2), pa.float64()),
            "run_id": pa.array([report["run_id"]] * n, pa.string()),
            "scored_at": pa.array(
                [datetime.fromisoformat(report["run_at"]).replace(tzinfo=None)] * n,
                pa.timestamp("us"),
            ),
        }
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        with threadpool_limits(limits=args.threads or None):
            report = run(args)
    except modeling.NotReady as error:
        print(f"cdp-predict: refusing to train: {error}", file=sys.stderr)
        return 2
    except NotBuilt as error:
        print(f"cdp-predict: {error}", file=sys.stderr)
        return 0 if args.skip_if_missing else 1
    except WarehouseError as error:
        print(f"cdp-predict: {error}", file=sys.stderr)
        return 1
    print(format_report(report), end="")
    print(f"report: {args.report_dir / 'prediction_report.md'} (and .json)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
