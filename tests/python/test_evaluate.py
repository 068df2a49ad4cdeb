"""cdp-evaluate: clustering metrics on hand-made clusterings, components, reuse of data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cdp.evaluate import (
    Labels,
    anonymous_identifier_types,
    cluster_metrics,
    connected_components,
    data_is_reusable,
    dbt_vars,
    main,
    parse_args,
    score_labels,
)


def test_perfect_clustering_scores_one() -> None:
    metrics = cluster_metrics(["x", "x", "y", "z"], ["p1", "p1", "p2", "p3"])
    assert metrics.pairwise_precision == metrics.pairwise_recall == 1.0
    assert metrics.bcubed_precision == metrics.bcubed_recall == 1.0
    assert metrics.largest_cluster == 2
    assert (metrics.predicted_clusters, metrics.true_clusters) == (3, 3)


def test_one_false_merge_of_two_people() -> None:
    # truth: {a, b} and {c}; predicted: everything together
    metrics = cluster_metrics(["k", "k", "k"], ["p1", "p1", "p2"])
    # pairs predicted ab, ac, bc; only ab is true
    assert metrics.pairwise_precision == pytest.approx(1 / 3)
    assert metrics.pairwise_recall == 1.0
    assert metrics.pairwise_f1 == pytest.approx(0.5)
    # b-cubed precision: a 2/3, b 2/3, c 1/3 -> 5/9; recall all 1
    assert metrics.bcubed_precision == pytest.approx(5 / 9)
    assert metrics.bcubed_recall == 1.0
    assert metrics.bcubed_f1 == pytest.approx(2 * (5 / 9) / (5 / 9 + 1))


def test_a_person_split_in_two() -> None:
    # truth: one person of four records; predicted: {a, b, c} and {d}
    metrics = cluster_metrics(["k1", "k1", "k1", "k2"], ["p"] * 4)
    assert metrics.pairwise_precision == 1.0
    assert metrics.pairwise_recall == pytest.approx(3 / 6)
    # b-cubed recall: a, b, c 3/4 each, d 1/4 -> 10/16
    assert metrics.bcubed_recall == pytest.approx(10 / 16)
    assert metrics.bcubed_precision == 1.0
    assert metrics.largest_cluster == 3


def test_over_merged_and_split_people_are_counted_once_each() -> None:
    # p1 is split over k1 and k2; k2 also holds p2 (over-merged with p1); k3 holds p3 alone,
    # and p4 spreads over k4 and k5 (split, never merged)
    predicted = ["k1", "k1", "k2", "k2", "k2", "k3", "k4", "k5"]
    truth = ["p1", "p1", "p1", "p2", "p2", "p3", "p4", "p4"]
    metrics = cluster_metrics(predicted, truth)
    assert metrics.over_merged_people == 2
    assert metrics.split_people == 2
    perfect = cluster_metrics(["a", "a", "b"], ["p", "p", "q"])
    assert (perfect.over_merged_people, perfect.split_people) == (0, 0)


def test_singletons_have_precision_one_by_convention() -> None:
    metrics = cluster_metrics(["a", "b"], ["p", "p"])
    assert metrics.pairwise_precision == 1.0
    assert metrics.pairwise_recall == 0.0
    assert metrics.pairwise_f1 == 0.0


def test_labels_are_compared_as_text() -> None:
    assert cluster_metrics([1, 1, 2], ["1", "1", "2"]) == cluster_metrics(
        ["1", "1", "2"], [1, 1, 2]
    )


def test_metrics_refuse_mismatched_or_empty_input() -> None:
    with pytest.raises(ValueError, match="same records"):
        cluster_metrics(["a"], ["p", "q"])
    with pytest.raises(ValueError, match="no records"):
        cluster_metrics([], [])


def test_connected_components_follow_chains_and_ignore_unknown_nodes() -> None:
    labels = connected_components(["a", "b", "c", "d", "e"], [("a", "b"), ("c", "b"), ("d", "zz")])
    assert labels[0] == labels[1] == labels[2]
    assert len({labels[0], labels[3], labels[4]}) == 3


def test_data_is_reused_only_for_the_same_batch(tmp_path: Path) -> None:
    manifest = {
        "kind": "batch",
        "new_people": 500,
        "arguments": {"people": 500, "seed": 3, "noise": "default"},
    }
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert data_is_reusable(tmp_path, 500, 3, "default")
    assert not data_is_reusable(tmp_path, 501, 3, "default")
    assert not data_is_reusable(tmp_path, 500, 4, "default")
    assert not data_is_reusable(tmp_path, 500, 3, "high")
    assert not data_is_reusable(tmp_path / "missing", 500, 3, "default")


def test_arguments_default_to_per_size_folders() -> None:
    args = parse_args(["--people", "2500", "--seed", "5"])
    assert args.data_dir.name == "eval-2500-5"
    assert args.duckdb_path.name == "eval-2500.duckdb"
    with pytest.raises(SystemExit):
        parse_args(["--people", "0"])


def test_fuzzy_switch_passes_the_whole_fuzzy_setting_to_dbt() -> None:
    # a var given on the command line replaces the project's value: the rules must come along
    assert dbt_vars(parse_args([])) == []
    for switch, enabled in (("on", True), ("off", False)):
        flag, value = dbt_vars(parse_args(["--fuzzy", switch]))
        fuzzy = json.loads(value)["cdp_identity_fuzzy"]
        assert flag == "--vars"
        assert fuzzy["enabled"] is enabled
        assert fuzzy["blocking_rules"] and fuzzy["threshold"]


def test_anonymous_records_are_scored_apart() -> None:
    # one person: two known records stitched together, and a browser no evidence ties to them
    labels = Labels(
        keys=["shop|1", "crm|9", "web|a"],
        predicted=["k1", "k1", "k2"],
        truth=["p", "p", "p"],
        known=[True, True, False],
    )
    known, everything = score_labels(labels, labels.predicted)
    assert (known.records, known.pairwise_recall, known.split_people) == (2, 1.0, 0)
    assert (everything.records, everything.pairwise_recall) == (3, pytest.approx(1 / 3))
    assert everything.split_people == 1


def test_reachable_ceiling_joins_only_the_true_pairs_given() -> None:
    # p1 has three records, two of them linked by evidence; p2's two records share nothing
    labels = Labels(
        keys=["a|1", "b|1", "c|1", "a|2", "b|2"],
        predicted=["k1", "k1", "k2", "k3", "k4"],
        truth=["p1", "p1", "p1", "p2", "p2"],
        known=[True, True, True, True, True],
    )
    clusters = connected_components(labels.keys, [("a|1", "b|1"), ("c|1", "unscored|9")])
    assert clusters[0] == clusters[1]
    assert len({clusters[0], clusters[2], clusters[3], clusters[4]}) == 4
    ceiling = cluster_metrics(clusters, labels.truth)
    assert ceiling.pairwise_precision == 1.0
    assert ceiling.pairwise_recall == pytest.approx(1 / 4)


def test_anonymous_identifier_types_come_from_the_project() -> None:
    assert anonymous_identifier_types() == ["anonymous_id", "device_id"]


def test_evaluate_scores_a_generated_batch_end_to_end(tmp_path: Path) -> None:
    """The command as the README runs it, at a small size: generate, load, build the
    identity models, score. Deterministic matching must keep strangers apart and find
    most of each person; the anonymous records are counted apart, not lost."""
    report = tmp_path / "evaluate.json"
    argv = ["--people", "300", "--seed", "11", "--data-dir", str(tmp_path / "data")]
    argv += ["--duckdb-path", str(tmp_path / "eval.duckdb"), "--fuzzy", "off"]
    assert main([*argv, "--json", str(report)]) == 0
    run = json.loads(report.read_text(encoding="utf-8"))
    known, everything = run["ours"], run["ours_all"]
    assert known["records"] + run["anonymous_records"] == everything["records"]
    assert known["true_clusters"] <= everything["true_clusters"] <= 300
    assert known["pairwise_precision"] >= 0.98
    assert known["pairwise_recall"] >= 0.85
    assert known["bcubed_f1"] >= everything["bcubed_f1"]
    assert known["largest_cluster"] <= 1000  # cdp_identity_max_component_size
    assert run["iterations"] and all(round_["is_converged"] for round_ in run["iterations"])
    assert {"generate", "load", "seeds + staging", "identity", "score"} <= set(run["stage_seconds"])
    assert run["model_seconds"]["int_identity__record_map"] > 0
    # the ceiling accepts only true pairs, and deterministic matching stays within it
    reachable = run["reachable"]
    assert reachable["pairwise_precision"] == 1.0 and reachable["over_merged_people"] == 0
    assert reachable["records"] == known["records"]
    assert reachable["bcubed_recall"] >= known["bcubed_recall"] - 0.01
