"""Predictive traits trained on the warehouse's own history, validated out of time.

The features, labels and recommendations are dbt models (models/marts/predictions): one row
per customer and cutoff day, computed in the warehouse from what happened up to that day.
`cdp-predict` reads those rows (never raw events), checks that there is enough history and
volume, validates every model out of time against a baseline (train at one cutoff, score
the next window), trains the final models on the latest complete window, scores the
customers as of the as-of day and writes the scores and the validation report back to the
warehouse (and the report to files).

Models
------
- churn: a past buyer buys nothing in the next churn_days (90); population: past buyers.
- propensity: a purchase in the next propensity_days (30); population: every known customer.
- value: revenue in the next value_days (365), a Poisson gradient-boosted regression.
Classifiers are gradient-boosted trees (scikit-learn) with isotonic calibration, so their
scores are probabilities. Baselines: the RFM score (R + F + M quintiles) for the
classifiers, mapped to probabilities by the rate each score had at the training cutoff;
last year's revenue for value.
"""
