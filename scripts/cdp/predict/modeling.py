"""Datasets per cutoff, readiness, out-of-time validation, final training and scoring."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor

from . import metrics

log = logging.getLogger("cdp.predict")

KEYS = ("cutoff_date", "customer_id")
LABELS = (
    "purchased_within_propensity_window",
    "churned_within_churn_window",
    "orders_within_value_window",
    "revenue_within_value_window",
)
BASELINE_COLUMNS = ("recency_score", "frequency_score", "monetary_score", "rfm_score")


@dataclass(frozen=True)
class Task:
    name: str
    label: str
    horizon: str  # the prediction_cutoffs column holding its window in days
    kind: str  # classifier | regressor
    buyers_only: bool
    description: str


TASKS = (
    Task(
        "churn",
        "churned_within_churn_window",
        "churn_days",
        "classifier",
        True,
        "past buyer buys nothing in the next {days} days",
    ),
    Task(
        "propensity",
        "purchased_within_propensity_window",
        "propensity_days",
        "classifier",
        False,
        "buys in the next {days} days",
    ),
    Task(
        "value",
        "revenue_within_value_window",
        "value_days",
        "regressor",
        False,
        "revenue in the next {days} days",
    ),
)


class NotReady(Exception):
    """The data cannot support honest models; the message says why and what is needed."""


@dataclass
class Dataset:
    """Features and labels, one row per cutoff and customer, as numpy columns."""

    columns: dict[str, np.ndarray]
    as_of: date
    horizons: dict[str, int]
    feature_names: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        excluded = set(KEYS) | set(LABELS)
        self.feature_names = [
            name
            for name, values in self.columns.items()
            if name not in excluded and values.dtype.kind == "f"
        ]

    def rows(self, cutoff: date, task: Task | None = None, labelled: bool = True) -> np.ndarray:
        mask = self.columns["cutoff_date"] == cutoff
        if task is not None:
            if task.buyers_only:
                mask &= self.columns["orders_count"] > 0
            if labelled:
                mask &= ~np.isnan(self.columns[task.label])
        return np.flatnonzero(mask)

    def matrix(self, index: np.ndarray, names: list[str] | None = None) -> np.ndarray:
        names = self.feature_names if names is None else names
        return np.column_stack([self.columns[name][index] for name in names])

    def observed_features(self, index: np.ndarray) -> list[str]:
        """Features with at least one value among these rows (an all-missing column, such
        as email opens when no email source is on, carries nothing to learn)."""
        return [n for n in self.feature_names if not np.isnan(self.columns[n][index]).all()]

    def cutoffs(self, task: Task) -> tuple[date, date, date]:
        """(validation training, validation scoring = final training, scoring) cutoffs."""
        days = self.horizons[task.horizon]
        return (
            self.as_of - timedelta(days=2 * days),
            self.as_of - timedelta(days=days),
            self.as_of,
        )


@dataclass(frozen=True)
class Thresholds:
    min_customers: int = 500
    min_positives: int = 50


def check_readiness(data: Dataset, limits: Thresholds) -> list[str]:
    """Every reason the data cannot support the models (empty = ready)."""
    problems = []
    tenure = data.columns["tenure_days"][data.rows(data.as_of)]
    first_day = data.as_of - timedelta(days=int(np.nanmax(tenure))) if len(tenure) else None
    for task in TASKS:
        train, test, _ = data.cutoffs(task)
        days = data.horizons[task.horizon]
        what = task.description.format(days=days)
        if first_day is None or first_day > train:
            problems.append(
                f"{task.name} ({what}): history too short: validating needs activity before "
                f"{train} (2 x {days} days before the as-of day {data.as_of}); "
                f"the earliest activity is on {first_day or 'no day at all'}"
            )
            continue
        for role, cutoff in (("training", train), ("validation", test)):
            index = data.rows(cutoff, task)
            population = "past buyers" if task.buyers_only else "customers"
            if len(index) < limits.min_customers:
                problems.append(
                    f"{task.name} ({what}): {len(index)} {population} at the {role} cutoff "
                    f"{cutoff}, at least {limits.min_customers} needed"
                )
                continue
            label = data.columns[task.label][index]
            if task.kind == "classifier":
                positives, negatives = int(label.sum()), int((label == 0).sum())
                if min(positives, negatives) < limits.min_positives:
                    problems.append(
                        f"{task.name} ({what}): {positives} positive and {negatives} negative "
                        f"examples at the {role} cutoff {cutoff}, at least "
                        f"{limits.min_positives} of each needed"
                    )
            elif int((label > 0).sum()) < limits.min_positives:
                problems.append(
                    f"{task.name} ({what}): {int((label > 0).sum())} customers with revenue "
                    f"after the {role} cutoff {cutoff}, at least {limits.min_positives} needed"
                )
    return problems


def make_model(task: Task, seed: int):
    if task.kind == "classifier":
        booster = HistGradientBoostingClassifier(
            max_iter=200,
            learning_rate=0.06,
            max_leaf_nodes=31,
            min_samples_leaf=40,
            l2_regularization=1.0,
            random_state=seed,
        )
        # isotonic calibration on held-out folds: the scores are probabilities
        return CalibratedClassifierCV(booster, method="isotonic", cv=3)
    return HistGradientBoostingRegressor(
        loss="poisson",
        max_iter=250,
        learning_rate=0.05,
        max_leaf_nodes=31,
        min_samples_leaf=40,
        l2_regularization=1.0,
        random_state=seed,
    )


@dataclass
class Fitted:
    task: Task
    model: object
    features: list[str]

    def predict(self, data: Dataset, index: np.ndarray) -> np.ndarray:
        matrix = data.matrix(index, self.features)
        if self.task.kind == "classifier":
            return self.model.predict_proba(matrix)[:, 1]
        return np.maximum(self.model.predict(matrix), 0.0)


def fit(data: Dataset, task: Task, cutoff: date, seed: int) -> Fitted:
    index = data.rows(cutoff, task)
    features = data.observed_features(index)
    model = make_model(task, seed)
    model.fit(data.matrix(index, features), data.columns[task.label][index])
    return Fitted(task, model, features)


def rfm_baseline(data: Dataset, task: Task, train: np.ndarray, test: np.ndarray) -> np.ndarray:
    """The RFM score (3-15; 0 for customers who never bought) as a probability: the rate
    each score had at the training cutoff."""
    score = np.nan_to_num(data.columns["rfm_score"], nan=0.0)
    label = data.columns[task.label]
    overall = float(label[train].mean())
    rates = {
        value: float(label[train][score[train] == value].mean())
        for value in np.unique(score[train])
    }
    return np.array([rates.get(value, overall) for value in score[test]])


def naive_value(data: Dataset, task: Task, index: np.ndarray) -> np.ndarray:
    """Last year's revenue, scaled to the value horizon."""
    return data.columns["revenue_365d"][index] * data.horizons[task.horizon] / 365.0


def validate(data: Dataset, task: Task, seed: int) -> dict:
    """Train at the earlier cutoff, score the next one, compare with the baseline."""
    train_cutoff, test_cutoff, _ = data.cutoffs(task)
    train = data.rows(train_cutoff, task)
    test = data.rows(test_cutoff, task)
    predicted = fit(data, task, train_cutoff, seed).predict(data, test)
    actual = data.columns[task.label][test]
    days = data.horizons[task.horizon]
    result = {
        "task": task.name,
        "target": task.description.format(days=days),
        "horizon_days": days,
        "train_cutoff": train_cutoff.isoformat(),
        "test_cutoff": test_cutoff.isoformat(),
        "train_rows": len(train),
        "test_rows": len(test),
    }
    if task.kind == "classifier":
        baseline = rfm_baseline(data, task, train, test)
        result["baseline"] = "rfm"
        result["model_metrics"] = metrics.classifier_metrics(actual, predicted)
        result["baseline_metrics"] = metrics.classifier_metrics(actual, baseline)
        result["reliability"] = {
            "model": metrics.reliability_bins(actual, predicted),
            "rfm": metrics.reliability_bins(actual, baseline),
        }
    else:
        result["baseline"] = "last_year"
        result["model_metrics"] = metrics.value_metrics(actual, predicted)
        result["baseline_metrics"] = metrics.value_metrics(actual, naive_value(data, task, test))
    return result


def score(data: Dataset, seed: int) -> dict[str, np.ndarray]:
    """Final models trained on the latest complete window; scores for the as-of day."""
    scoring = data.rows(data.as_of)
    out: dict[str, np.ndarray] = {"customer_id": data.columns["customer_id"][scoring]}
    buyers = data.columns["orders_count"][scoring] > 0
    for task in TASKS:
        _, final_cutoff, _ = data.cutoffs(task)
        values = fit(data, task, final_cutoff, seed).predict(data, scoring)
        if task.buyers_only:
            values = np.where(buyers, values, np.nan)
        out[task.name] = values
    return out
