"""The validation report: rows for the warehouse tables and a Markdown summary."""

from __future__ import annotations

from datetime import date, datetime

import pyarrow as pa

from .warehouse import Column

SCORE_COLUMNS = [
    Column("customer_id", "varchar"),
    Column("as_of_date", "date"),
    Column("churn_probability", "double precision"),
    Column("purchase_probability", "double precision"),
    Column("predicted_value", "double precision"),
    Column("run_id", "varchar"),
    Column("scored_at", "timestamp"),
]
METRIC_COLUMNS = [
    Column("run_id", "varchar"),
    Column("run_at", "timestamp"),
    Column("as_of_date", "date"),
    Column("model_name", "varchar"),
    Column("method", "varchar"),
    Column("metric", "varchar"),
    Column("metric_value", "double precision"),
    Column("train_cutoff", "date"),
    Column("test_cutoff", "date"),
    Column("train_rows", "integer"),
    Column("test_rows", "integer"),
]
CALIBRATION_COLUMNS = [
    Column("run_id", "varchar"),
    Column("model_name", "varchar"),
    Column("method", "varchar"),
    Column("bin", "integer"),
    Column("bin_low", "double precision"),
    Column("bin_high", "double precision"),
    Column("customers", "integer"),
    Column("mean_predicted", "double precision"),
    Column("observed_rate", "double precision"),
]
ARROW_TYPES = {
    "varchar": pa.string(),
    "date": pa.date32(),
    "timestamp": pa.timestamp("us"),
    "double precision": pa.float64(),
    "integer": pa.int32(),
}


def _table(columns: list[Column], rows: list[dict]) -> pa.Table:
    return pa.table(
        {c.name: pa.array([r[c.name] for r in rows], ARROW_TYPES[c.data_type]) for c in columns}
    )


def metric_rows(report: dict) -> pa.Table:
    run_at = datetime.fromisoformat(report["run_at"]).replace(tzinfo=None)
    as_of = date.fromisoformat(report["as_of_date"])
    rows = []
    for model in report["models"]:
        for method, figures in (
            ("model", model["model_metrics"]),
            (model["baseline"], model["baseline_metrics"]),
        ):
            for metric, value in figures.items():
                rows.append(
                    {
                        "run_id": report["run_id"],
                        "run_at": run_at,
                        "as_of_date": as_of,
                        "model_name": model["task"],
                        "method": method,
                        "metric": metric,
                        "metric_value": value,
                        "train_cutoff": date.fromisoformat(model["train_cutoff"]),
                        "test_cutoff": date.fromisoformat(model["test_cutoff"]),
                        "train_rows": model["train_rows"],
                        "test_rows": model["test_rows"],
                    }
                )
    for rec in report["recommendations"]:
        for metric in ("hit_rate", "customers_evaluated", "customers_hit"):
            rows.append(
                {
                    "run_id": report["run_id"],
                    "run_at": run_at,
                    "as_of_date": as_of,
                    "model_name": "recommendations",
                    "method": "model" if rec["method"] == "co_occurrence" else rec["method"],
                    "metric": f"{metric}_at_{rec['k']}" if metric == "hit_rate" else metric,
                    "metric_value": float(rec[metric]),
                    "train_cutoff": date.fromisoformat(rec["cutoff_date"]),
                    "test_cutoff": date.fromisoformat(rec["cutoff_date"]),
                    "train_rows": None,
                    "test_rows": rec["customers_evaluated"],
                }
            )
    return _table(METRIC_COLUMNS, rows)


def calibration_rows(report: dict) -> pa.Table:
    rows = []
    for model in report["models"]:
        for method, bins in model.get("reliability", {}).items():
            for b in bins:
                rows.append(
                    {"run_id": report["run_id"], "model_name": model["task"], "method": method, **b}
                )
    return _table(CALIBRATION_COLUMNS, rows)


def format_report(report: dict) -> str:
    lines = [
        f"# Predictions: out-of-time validation (run {report['run_id']}, as of "
        f"{report['as_of_date']}, {report['engine']})",
        "",
        "| model | target | trained at | scored at (customers) | metric | model | baseline |",
        "|---|---|---|---|---|---|---|",
    ]
    shown = {
        "classifier": ("auc", "top_decile_lift", "brier", "expected_calibration_error"),
        "regressor": ("mae", "rmse", "total_error_percent", "top20_revenue_share"),
    }
    for model in report["models"]:
        kind = "classifier" if "reliability" in model else "regressor"
        for k, metric in enumerate(shown[kind]):
            head = (
                f"| {model['task']} | {model['target']} | {model['train_cutoff']} "
                f"| {model['test_cutoff']} ({model['test_rows']}) "
                if k == 0
                else "| | | | "
            )
            baseline = f"{model['baseline_metrics'][metric]:.3f} ({model['baseline']})"
            lines.append(f"{head}| {metric} | {model['model_metrics'][metric]:.3f} | {baseline} |")
    recs = {r["method"]: r for r in report["recommendations"]}
    if "co_occurrence" in recs:
        ours, popular = recs["co_occurrence"], recs.get("popular")
        lines.append(
            f"| recommendations | a top-{ours['k']} product bought in the next window | | "
            f"{ours['cutoff_date']} ({ours['customers_evaluated']}) | hit_rate_at_{ours['k']} "
            f"| {ours['hit_rate']:.3f} | "
            + (f"{popular['hit_rate']:.3f} (popular) |" if popular else "n/a |")
        )
    lines += ["", f"customers scored: {report['customers_scored']}", ""]
    return "\n".join(lines)
