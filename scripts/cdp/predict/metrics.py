"""Quality figures of a score against what happened: ranking, lift, calibration, error."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import brier_score_loss, roc_auc_score


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    if len(np.unique(labels)) < 2:
        return float("nan")
    return float(roc_auc_score(labels, scores))


def top_decile_lift(labels: np.ndarray, scores: np.ndarray, share: float = 0.1) -> float:
    """Positive rate among the `share` highest scores over the overall rate. Scores tied at
    the boundary count with their group's average rate, so a coarse score (RFM has 13
    values) is neither helped nor hurt by the order of its ties."""
    n = len(labels)
    base = labels.mean() if n else 0.0
    if n == 0 or base == 0:
        return float("nan")
    take = share * n
    order = np.argsort(-scores, kind="stable")
    sorted_scores, sorted_labels = scores[order], labels[order]
    boundary = sorted_scores[min(int(np.ceil(take)) - 1, n - 1)]
    above = sorted_scores > boundary
    tied = sorted_scores == boundary
    positives = sorted_labels[above].sum()
    room = take - above.sum()
    if room > 0 and tied.any():
        positives += room * sorted_labels[tied].mean()
    return float(positives / take / base)


def reliability_bins(labels: np.ndarray, scores: np.ndarray, bins: int = 10) -> list[dict]:
    """Equal-width probability bins: customers, mean predicted, observed rate."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(scores, edges[1:-1]), 0, bins - 1)
    rows = []
    for b in range(bins):
        inside = which == b
        if not inside.any():
            continue
        rows.append(
            {
                "bin": b,
                "bin_low": float(edges[b]),
                "bin_high": float(edges[b + 1]),
                "customers": int(inside.sum()),
                "mean_predicted": float(scores[inside].mean()),
                "observed_rate": float(labels[inside].mean()),
            }
        )
    return rows


def expected_calibration_error(labels: np.ndarray, scores: np.ndarray, bins: int = 10) -> float:
    rows = reliability_bins(labels, scores, bins)
    n = len(labels)
    return float(
        sum(r["customers"] * abs(r["mean_predicted"] - r["observed_rate"]) for r in rows) / n
    )


def classifier_metrics(labels: np.ndarray, probabilities: np.ndarray) -> dict[str, float]:
    return {
        "auc": auc(labels, probabilities),
        "top_decile_lift": top_decile_lift(labels, probabilities),
        "brier": float(brier_score_loss(labels, np.clip(probabilities, 0, 1))),
        "expected_calibration_error": expected_calibration_error(labels, probabilities),
        "positive_rate": float(labels.mean()),
        "mean_predicted": float(probabilities.mean()),
    }


def value_metrics(actual: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    """Per-customer errors, the error of the total, and how much of next period's revenue
    the top 20 % by prediction bring."""
    error = predicted - actual
    top = np.argsort(-predicted, kind="stable")[: max(1, int(0.2 * len(actual)))]
    total = actual.sum()
    return {
        "mae": float(np.abs(error).mean()),
        "rmse": float(np.sqrt((error**2).mean())),
        "total_error_percent": float(100 * (predicted.sum() - total) / total) if total else 0.0,
        "top20_revenue_share": float(actual[top].sum() / total) if total else float("nan"),
        "mean_actual": float(actual.mean()),
        "mean_predicted": float(predicted.mean()),
    }
