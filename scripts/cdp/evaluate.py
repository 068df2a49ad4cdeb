"""`cdp-evaluate`: identity resolution against the generator's ground truth.

    cdp-evaluate --people 100000                 # generate (or reuse), load, build, score
    cdp-evaluate --people 100000 --with-splink   # and Splink on the same records, side by side

Generates data at --people with cdp-generate (reused when --data-dir already holds a batch
of that size and seed), loads it with cdp-load, runs the staging and identity models with
dbt, then compares int_identity__record_map with raw_truth.ground_truth: pairwise
precision, recall and F1 (over pairs of records put in one customer), B-cubed precision,
recall and F1 (per record, over its cluster), the largest customer and wall time per stage
(and per identity model, from dbt's run_results.json).

The scores are over known records: a record is anonymous, and scored apart, when every
identifier it carries is of a type marked `anonymous: true` in cdp_identity_identifier_types
(a browser cookie, an app install) and it has no personal attribute (email, phone, name,
birth date, address). The generator knows whose browser it was; no evidence in the data
does, so no matcher can place it. The same figures over all records are printed beside.

--with-splink runs Splink (`pip install -e '.[bench]'`) on the same match profiles
(int_identity__match_profiles) with comparable settings: the same blocking rules and
threshold, names with term-frequency adjustment, date of birth, email, phone, address and
postcode; u from random pairs, m by expectation-maximisation per blocking rule. Its
pairwise predictions replace our fuzzy edges next to the same deterministic edges
(int_identity__edges of kind deterministic and always_match), connected components give
its customers, and both are scored on the same records.

The `reachable` column is the ceiling of the evidence: the scores of a matcher that accepts
every true pair among the pairs this pipeline looks at (deterministic links, and the
candidate pairs of the blocking rules when fuzzy matching runs) and no false one. What
recall lies below it is lost by the decisions; what lies above it, by blocking and by
records that share nothing with the rest of their person.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from cdp.dbt_sources import project_dir, project_vars

log = logging.getLogger("cdp.evaluate")
BIN_DIR = Path(sys.executable).parent


# ---------------------------------------------------------------- metrics
@dataclass(frozen=True)
class ClusterMetrics:
    """Quality of a clustering of records against the true people."""

    records: int
    predicted_clusters: int
    true_clusters: int
    largest_cluster: int
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    over_merged_people: int
    split_people: int


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _pairs(sizes: np.ndarray) -> float:
    sizes = sizes.astype(np.float64)
    return float((sizes * (sizes - 1) / 2).sum())


def cluster_metrics(predicted: Sequence[Any], truth: Sequence[Any]) -> ClusterMetrics:
    """Score a clustering: predicted[i] and truth[i] are the cluster labels of record i.

    Pairwise: precision = true pairs found / pairs predicted, recall = true pairs found / true
    pairs (a pair is two records in one cluster; a clustering of singletons has precision 1
    by convention). B-cubed: for each record, the share of its predicted cluster that is the
    same person (precision) and the share of its person found in its cluster (recall),
    averaged over records. Over-merged people share a predicted cluster with another person's
    records; split people have records in more than one predicted cluster.
    """
    if len(predicted) != len(truth):
        raise ValueError("predicted and truth must label the same records")
    if len(predicted) == 0:
        raise ValueError("no records to score")
    _, predicted_ids = np.unique(
        np.asarray(predicted, dtype=object).astype(str), return_inverse=True
    )
    _, true_ids = np.unique(np.asarray(truth, dtype=object).astype(str), return_inverse=True)
    predicted_sizes = np.bincount(predicted_ids)
    true_sizes = np.bincount(true_ids)
    # contingency cells: records sharing a predicted cluster and a true person
    cell_keys = predicted_ids.astype(np.int64) * (int(true_ids.max()) + 1) + true_ids
    cell_keys, cell_sizes = np.unique(cell_keys, return_counts=True)
    cell_predicted = cell_keys // (int(true_ids.max()) + 1)
    cell_true = cell_keys % (int(true_ids.max()) + 1)

    found_pairs = _pairs(cell_sizes)
    predicted_pairs = _pairs(predicted_sizes)
    true_pairs = _pairs(true_sizes)
    pairwise_precision = found_pairs / predicted_pairs if predicted_pairs else 1.0
    pairwise_recall = found_pairs / true_pairs if true_pairs else 1.0

    cells = cell_sizes.astype(np.float64)
    records = len(predicted_ids)
    bcubed_precision = float((cells * cells / predicted_sizes[cell_predicted]).sum()) / records
    bcubed_recall = float((cells * cells / true_sizes[cell_true]).sum()) / records
    people_per_cluster = np.bincount(cell_predicted, minlength=len(predicted_sizes))
    clusters_per_person = np.bincount(cell_true, minlength=len(true_sizes))
    over_merged = np.unique(cell_true[people_per_cluster[cell_predicted] > 1])
    return ClusterMetrics(
        records=records,
        predicted_clusters=len(predicted_sizes),
        true_clusters=len(true_sizes),
        largest_cluster=int(predicted_sizes.max()),
        pairwise_precision=pairwise_precision,
        pairwise_recall=pairwise_recall,
        pairwise_f1=_f1(pairwise_precision, pairwise_recall),
        bcubed_precision=bcubed_precision,
        bcubed_recall=bcubed_recall,
        bcubed_f1=_f1(bcubed_precision, bcubed_recall),
        over_merged_people=len(over_merged),
        split_people=int((clusters_per_person > 1).sum()),
    )


def connected_components(nodes: Sequence[str], edges: Sequence[tuple[str, str]]) -> list[int]:
    """The component number of each node, linking the node pairs in edges."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components as scipy_components

    index = {node: i for i, node in enumerate(nodes)}
    pairs = [(index[a], index[b]) for a, b in edges if a in index and b in index]
    rows = np.fromiter((a for a, _ in pairs), dtype=np.int64, count=len(pairs))
    cols = np.fromiter((b for _, b in pairs), dtype=np.int64, count=len(pairs))
    graph = coo_matrix((np.ones(len(pairs)), (rows, cols)), shape=(len(nodes), len(nodes)))
    _, labels = scipy_components(graph, directed=False)
    return labels.tolist()


# ---------------------------------------------------------------- running the pipeline
@dataclass
class Run:
    """What one evaluation did and measured."""

    people: int
    seed: int
    noise: str
    target: str
    stage_seconds: dict[str, float] = field(default_factory=dict)
    model_seconds: dict[str, float] = field(default_factory=dict)
    ours: ClusterMetrics | None = None
    splink: ClusterMetrics | None = None
    # the same, anonymous records included
    ours_all: ClusterMetrics | None = None
    splink_all: ClusterMetrics | None = None
    # the best any matcher could do deciding only the pairs this pipeline looks at
    reachable: ClusterMetrics | None = None
    anonymous_records: int = 0
    splink_seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    fuzzy: bool | None = None
    blocking: list[dict[str, Any]] = field(default_factory=list)
    iterations: list[dict[str, Any]] = field(default_factory=list)


def timed(run: Run, stage: str, action: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = action()
    run.stage_seconds[stage] = time.perf_counter() - started
    log.info("%s: %.1f s", stage, run.stage_seconds[stage])
    return result


def _command(args: list[str], env: dict[str, str], cwd: Path) -> None:
    log.debug("running %s", " ".join(args))
    result = subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args[:3])} failed ({result.returncode}):\n"
            f"{result.stdout[-4000:]}\n{result.stderr[-2000:]}"
        )


def data_is_reusable(folder: Path, people: int, seed: int, noise: str) -> bool:
    """True when folder holds a whole batch generated with these arguments."""
    manifest = folder / "manifest.json"
    if not manifest.is_file():
        return False
    content = json.loads(manifest.read_text(encoding="utf-8"))
    arguments = content.get("arguments") or {}
    return (
        content.get("kind") == "batch"
        and content.get("new_people") == people
        and arguments.get("seed") == seed
        and str(arguments.get("noise", "default")) == noise
    )


def dbt_environment(args: argparse.Namespace, work: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(project_dir()),
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "CDP_TARGET": args.target,
    }
    if args.target == "duckdb":
        env["CDP_DUCKDB_PATH"] = str(args.duckdb_path)
    return env


def fuzzy_settings(enabled: bool | None) -> dict[str, Any]:
    """The project's cdp_identity_fuzzy, switched on or off when enabled is not None."""
    settings = dict(project_vars(project_dir()).get("cdp_identity_fuzzy") or {})
    if enabled is not None:
        settings["enabled"] = enabled
    return settings


def dbt_vars(args: argparse.Namespace) -> list[str]:
    """--vars for dbt: a CLI var replaces the project's whole value, so pass all of it."""
    if args.fuzzy is None:
        return []
    return ["--vars", json.dumps({"cdp_identity_fuzzy": fuzzy_settings(args.fuzzy)})]


def model_times(target_path: Path) -> dict[str, float]:
    results = json.loads((target_path / "run_results.json").read_text(encoding="utf-8"))
    return {
        item["unique_id"].split(".")[-1]: float(item.get("execution_time") or 0.0)
        for item in results.get("results", [])
    }


def memory_share(share: float) -> str:
    """A DuckDB memory_limit of this share of the machine's memory. The scoring connection
    and Splink's each get one, so both fit beside the labels held in Python (DuckDB takes
    80 % by default, each)."""
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return f"{max(1, int(total * share / 2**30))}GB"


def connect(args: argparse.Namespace) -> Any:
    if args.target == "duckdb":
        import duckdb

        config = {"memory_limit": memory_share(0.25)}
        return duckdb.connect(str(args.duckdb_path), read_only=True, config=config)
    import psycopg2

    return psycopg2.connect(dbname=os.environ.get("PGDATABASE", "cdp"))


def query(connection: Any, sql: str) -> list[tuple[Any, ...]]:
    cursor = connection.cursor()
    cursor.execute(sql)
    rows = list(cursor.fetchall())
    cursor.close()
    return rows


def record_key(source_name: str, record_id: str) -> str:
    return f"{source_name}|{record_id}"


def anonymous_identifier_types() -> list[str]:
    """Identifier types that name a browser or a device rather than a person."""
    types = project_vars(project_dir()).get("cdp_identity_identifier_types") or {}
    return sorted(name for name, spec in types.items() if (spec or {}).get("anonymous"))


@dataclass(frozen=True)
class Labels:
    """Each scored record: its key, our customer, the true person, whether it is known."""

    keys: list[str]
    predicted: list[str]
    truth: list[str]
    known: list[bool]

    def known_only(self, labels: Sequence[Any]) -> list[Any]:
        return [label for label, known in zip(labels, self.known, strict=True) if known]


def score_labels(labels: Labels, predicted: Sequence[Any]) -> tuple[ClusterMetrics, ClusterMetrics]:
    """Scores over known records, then over all records."""
    return (
        cluster_metrics(labels.known_only(predicted), labels.known_only(labels.truth)),
        cluster_metrics(predicted, labels.truth),
    )


def record_labels(connection: Any, schema: str) -> Labels:
    anonymous = ", ".join(f"'{name}'" for name in anonymous_identifier_types()) or "''"
    rows = query(
        connection,
        f"""
        with personal_records as (
            select source_name, record_id
            from {schema}_intermediate.int_identity__observations
            where identifier_type not in ({anonymous})
            union
            select source_name, record_id
            from {schema}_intermediate.int_identity__records
            where coalesce(email, phone, first_name, last_name, address_line1) is not null
                or birth_date is not null
        )

        select record_map.source_name, record_map.record_id, record_map.customer_id,
            truth.person_id, personal_records.record_id is not null as is_known
        from {schema}_intermediate.int_identity__record_map as record_map
        inner join raw_truth.ground_truth as truth
            on record_map.source_name = truth.source_name
            and record_map.record_id = truth.record_id
        left join personal_records
            on record_map.source_name = personal_records.source_name
            and record_map.record_id = personal_records.record_id
        """,
    )
    if not rows:
        raise RuntimeError("no record of int_identity__record_map is in the ground truth")
    if not any(row[4] for row in rows):
        raise RuntimeError("every record is anonymous: nothing to score")
    return Labels(
        keys=[record_key(source, record) for source, record, *_ in rows],
        predicted=[row[2] for row in rows],
        truth=[row[3] for row in rows],
        known=[bool(row[4]) for row in rows],
    )


def score_ours(connection: Any, schema: str, run: Run) -> Labels:
    """Our clustering against the truth, over known records and over all; the labels
    for scoring Splink on the same records."""
    labels = record_labels(connection, schema)
    run.ours, run.ours_all = score_labels(labels, labels.predicted)
    run.anonymous_records = labels.known.count(False)
    return labels


def graph_figures(connection: Any, schema: str, run: Run) -> None:
    """Candidate pairs per blocking rule (when fuzzy matching ran) and the rounds of
    connected components, from the models that report them."""
    relation = f"{schema}_intermediate.int_identity__"
    columns = [
        "blocking_rule",
        "blocks",
        "skipped_blocks",
        "candidate_pairs",
        "new_candidate_pairs",
    ]
    if run.fuzzy:
        rows = query(
            connection,
            f"select {', '.join(columns)} from {relation}blocking_stats order by rule_order",
        )
        run.blocking = [dict(zip(columns, row, strict=True)) for row in rows]
    rounds = ["refinement_round", "iterations", "edges_dropped", "is_converged"]
    rows = query(
        connection,
        f"""
        select refinement_round, count(*), max(edges_dropped),
            max(case when is_converged then 1 else 0 end) = 1
        from {relation}component_iterations
        group by refinement_round
        order by refinement_round
        """,
    )
    run.iterations = [dict(zip(rounds, row, strict=True)) for row in rows]


def score_reachable(connection: Any, schema: str, labels: Labels, run: Run) -> None:
    """The ceiling of the evidence: deterministic links (kept or dropped) and, when fuzzy
    matching ran, every candidate pair of its blocking rules, restricted to pairs of one
    true person. Recall lost below this ceiling is lost by decisions; above it, by blocking
    and by records that share nothing with the rest of their person."""
    relation = f"{schema}_intermediate.int_identity__"
    looked_at = f"""
        select source_name_a, record_id_a, source_name_b, record_id_b
        from {relation}graph_edges
        where edge_kind <> 'fuzzy'
    """
    if run.fuzzy:
        looked_at += f"""
        union all
        select source_name_a, record_id_a, source_name_b, record_id_b
        from {relation}candidate_pairs
        """
    pairs = query(
        connection,
        f"""
        select pairs.source_name_a || '|' || pairs.record_id_a,
            pairs.source_name_b || '|' || pairs.record_id_b
        from ({looked_at}) as pairs
        inner join raw_truth.ground_truth as truth_a
            on pairs.source_name_a = truth_a.source_name
            and pairs.record_id_a = truth_a.record_id
        inner join raw_truth.ground_truth as truth_b
            on pairs.source_name_b = truth_b.source_name
            and pairs.record_id_b = truth_b.record_id
        where truth_a.person_id = truth_b.person_id
        """,
    )
    # the components of those pairs over the scored records: what such a matcher would reach
    clusters = connected_components(labels.keys, pairs)
    run.reachable = cluster_metrics(labels.known_only(clusters), labels.known_only(labels.truth))


# ---------------------------------------------------------------- Splink
def block_cap(rule: dict, settings: dict) -> int:
    """The largest block a blocking rule compares: its own max_block_size, else the global one
    (as macro fuzzy_settings reads var cdp_identity_fuzzy)."""
    return int(rule.get("max_block_size") or settings["max_block_size"])


def run_splink(
    connection: Any,
    schema: str,
    settings: dict[str, Any],
    run: Run,
) -> list[tuple[str, str]]:
    """Splink's accepted pairs (record keys) over the match profiles, timed per step."""
    try:
        import splink.comparison_library as cl
        from splink import DuckDBAPI, Linker, SettingsCreator, block_on
    except ImportError as error:  # pragma: no cover - depends on the optional extra
        raise RuntimeError("Splink is not installed: pip install -e '.[bench]'") from error
    import duckdb

    started = time.perf_counter()
    columns = (
        "source_name, record_id, first_name_key, last_name_key, birth_date, email, "
        "email_local_part, email_domain, email_head, email_tail, phone, address_key, "
        "postcode, city_key, first_name_canonical"
    )
    profiles = f"select {columns} from {schema}_intermediate.int_identity__match_profiles"
    if isinstance(connection, duckdb.DuckDBPyConnection):
        # columnar all the way: millions of profiles never become Python objects
        table = connection.sql(profiles).to_arrow_table()
    else:
        import pyarrow as pa

        rows = query(connection, profiles)
        names = [name.strip() for name in columns.split(",")]
        table = pa.table({name: [row[i] for row in rows] for i, name in enumerate(names)})
        del rows
    # each profile's block size under every rule: Splink skips the blocks our models skip
    # (the rule's max_block_size, else the global one), so both compare the same pairs
    rules = settings["blocking_rules"]
    block_sizes = "".join(
        f", count(*) over (partition by {', '.join(rule['keys'])}) as block_size_{index}"
        for index, rule in enumerate(rules, start=1)
    )
    splink_connection = duckdb.connect(config={"memory_limit": memory_share(0.45)})
    splink_connection.register("profiles_arrow", table)
    splink_connection.execute(
        "create table profiles as select source_name || '|' || record_id as unique_id, *"
        f"{block_sizes} from profiles_arrow"
    )
    del table
    run.splink_seconds["load profiles"] = time.perf_counter() - started

    db_api = DuckDBAPI(connection=splink_connection)
    source = db_api.register("profiles")
    capped_rules = [
        " and ".join(f"l.{key} = r.{key}" for key in rule["keys"])
        + f" and l.block_size_{index} <= {block_cap(rule, settings)}"
        for index, rule in enumerate(rules, start=1)
    ]
    splink_settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=capped_rules,
        comparisons=[
            cl.NameComparison("first_name_key").configure(term_frequency_adjustments=True),
            cl.NameComparison("last_name_key").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("birth_date", input_is_string=False),
            cl.EmailComparison("email"),
            cl.ExactMatch("phone"),
            cl.JaroWinklerAtThresholds("address_key", [0.88]),
            cl.ExactMatch("postcode"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(source, splink_settings, log_level=logging.WARNING)
    started = time.perf_counter()
    linker.training.estimate_probability_two_random_records_match(
        [block_on("email"), block_on("phone")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=settings["u_pairs"], seed=1)
    for keys in (
        ("first_name_key", "last_name_key", "birth_date"),
        ("email_local_part",),
        ("last_name_key", "postcode"),
    ):
        linker.training.estimate_parameters_using_expectation_maximisation(block_on(*keys))
    run.splink_seconds["train"] = time.perf_counter() - started
    started = time.perf_counter()
    predictions = linker.inference.predict(threshold_match_probability=settings["threshold"])
    pairs = [
        (left, right)
        for left, right in predictions.as_duckdbpyrelation()
        .select("unique_id_l, unique_id_r")
        .fetchall()
    ]
    run.splink_seconds["predict"] = time.perf_counter() - started
    splink_connection.close()
    return pairs


def score_splink(
    connection: Any,
    schema: str,
    labels: Labels,
    splink_pairs: list[tuple[str, str]],
    run: Run,
) -> tuple[ClusterMetrics, ClusterMetrics]:
    started = time.perf_counter()
    deterministic = query(
        connection,
        f"""
        select source_name_a, record_id_a, source_name_b, record_id_b
        from {schema}_intermediate.int_identity__edges
        where edge_kind <> 'fuzzy'
        """,
    )
    edges = [(record_key(a, b), record_key(c, d)) for a, b, c, d in deterministic]
    components = connected_components(labels.keys, edges + splink_pairs)
    run.splink_seconds["components"] = time.perf_counter() - started
    return score_labels(labels, components)


# ---------------------------------------------------------------- command line
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="cdp-evaluate",
        description="Score identity resolution against the generator's ground truth.",
    )
    parser.add_argument("--people", type=int, default=10_000, help="true people (default 10000)")
    parser.add_argument("--seed", type=int, default=42, help="generator seed (default 42)")
    parser.add_argument("--noise", default="default", help="generator noise level")
    parser.add_argument("--data-dir", type=Path, help="data folder (default data/eval-<people>)")
    parser.add_argument("--target", choices=["duckdb", "postgres"], default="duckdb")
    parser.add_argument(
        "--duckdb-path", type=Path, help="warehouse file (default warehouse/eval-<people>.duckdb)"
    )
    parser.add_argument(
        "--skip-build", action="store_true", help="score what the warehouse already holds"
    )
    parser.add_argument("--with-splink", action="store_true", help="also run Splink, side by side")
    parser.add_argument(
        "--fuzzy",
        choices=["on", "off"],
        help="fuzzy matching on or off for this run (default: as dbt_project.yml says)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--log-level", default="INFO")
    args = parser.parse_args(argv)
    if args.people < 1:
        parser.error("--people must be at least 1")
    root = project_dir()
    args.data_dir = args.data_dir or root / "data" / f"eval-{args.people}-{args.seed}"
    args.duckdb_path = args.duckdb_path or root / "warehouse" / f"eval-{args.people}.duckdb"
    args.fuzzy = None if args.fuzzy is None else args.fuzzy == "on"
    return args


def build(args: argparse.Namespace, run: Run, work: Path) -> None:
    root = project_dir()
    if data_is_reusable(args.data_dir, args.people, args.seed, args.noise):
        run.notes.append(f"reused data in {args.data_dir}")
    else:
        generate = [
            str(BIN_DIR / "cdp-generate"),
            *("--people", str(args.people), "--seed", str(args.seed), "--noise", args.noise),
            *("--out", str(args.data_dir), "--force", "--no-progress"),
        ]
        timed(run, "generate", lambda: _command(generate, dict(os.environ), root))
    load = [str(BIN_DIR / "cdp-load"), "--target", args.target, "--input", str(args.data_dir)]
    if args.target == "duckdb":
        args.duckdb_path.parent.mkdir(parents=True, exist_ok=True)
        args.duckdb_path.unlink(missing_ok=True)
        load += ["--duckdb-path", str(args.duckdb_path)]
    timed(run, "load", lambda: _command(load, dict(os.environ), root))
    env = dbt_environment(args, work)
    dbt = str(BIN_DIR / "dbt")
    timed(
        run,
        "seeds + staging",
        lambda: _command(
            [
                dbt,
                "build",
                "--select",
                "resource_type:seed",
                "staging",
                "--exclude",
                "test_type:data",
                "test_type:unit",
                *dbt_vars(args),
            ],
            env,
            root,
        ),
    )
    timed(
        run,
        "identity",
        lambda: _command(
            [dbt, "run", "--select", "models/intermediate/identity", *dbt_vars(args)], env, root
        ),
    )
    run.model_seconds = model_times(work / "target")


def format_report(run: Run) -> str:
    lines = [
        f"cdp-evaluate: {run.people:,} people, seed {run.seed}, noise {run.noise}, {run.target}, "
        f"fuzzy matching {'on' if run.fuzzy else 'off'}",
        *(f"  note: {note}" for note in run.notes),
        "",
        "wall time per stage (s)",
        *(f"  {stage:<28}{seconds:10.1f}" for stage, seconds in run.stage_seconds.items()),
    ]
    if run.model_seconds:
        lines.append("identity models (s)")
        for model, seconds in sorted(run.model_seconds.items(), key=lambda item: -item[1]):
            lines.append(f"  {model:<40}{seconds:10.1f}")
    if run.blocking:
        lines += [
            "",
            f"{'blocking rule':<24}{'blocks':>9}{'skipped':>9}{'pairs':>12}{'new pairs':>12}",
        ]
        for rule in run.blocking:
            lines.append(
                f"{rule['blocking_rule']:<24}{int(rule['blocks']):>9,}"
                f"{int(rule['skipped_blocks']):>9,}{int(rule['candidate_pairs']):>12,}"
                f"{int(rule['new_candidate_pairs']):>12,}"
            )
    if run.iterations:
        lines += ["", "connected components: iterations per round (edges dropped after it)"]
        for round_ in run.iterations:
            converged = "converged" if round_["is_converged"] else "NOT converged"
            lines.append(
                f"  round {round_['refinement_round']}: {round_['iterations']} iterations, "
                f"{converged}, {round_['edges_dropped']:,} edges dropped"
            )
    if run.splink_seconds:
        lines.append("Splink (s)")
        lines += [f"  {step:<28}{seconds:10.1f}" for step, seconds in run.splink_seconds.items()]
    assert run.ours is not None and run.ours_all is not None
    lines += [
        "",
        f"scored: {run.ours.records:,} known records; {run.anonymous_records:,} anonymous records "
        "(only cookie or device identifiers, no personal attribute) are in the last column(s)",
    ]
    columns = {"cdp": run.ours, "Splink": run.splink, "reachable": run.reachable}
    columns |= {"cdp, all": run.ours_all, "Splink, all": run.splink_all}
    shown = {name: asdict(metrics) for name, metrics in columns.items() if metrics is not None}
    if run.reachable is not None:
        lines.append(
            "reachable: every true pair among the pairs the pipeline looks at (deterministic "
            "links; candidate pairs when fuzzy matching ran) accepted, and no false one"
        )
    lines.append(f"{'metric':<22}" + "".join(f"{name:>13}" for name in shown))
    for metric in asdict(run.ours):
        cells = (values[metric] for values in shown.values())
        lines.append(
            f"{metric:<22}"
            + "".join(f"{v:>13,}" if isinstance(v, int) else f"{v:>13.4f}" for v in cells)
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level, format="%(levelname)s %(name)s: %(message)s")
    run = Run(people=args.people, seed=args.seed, noise=args.noise, target=args.target)
    run.fuzzy = bool(fuzzy_settings(args.fuzzy).get("enabled"))
    # dbt's target folder per size and seed: runs of different sizes can go side by side
    work = project_dir() / "target" / f"evaluate-{args.people}-{args.seed}"
    work.mkdir(parents=True, exist_ok=True)
    schema = os.environ.get("CDP_SCHEMA", "cdp")
    try:
        if not args.skip_build:
            build(args, run, work)
        connection = connect(args)
        labels = timed(run, "score", lambda: score_ours(connection, schema, run))
        timed(run, "reachable", lambda: score_reachable(connection, schema, labels, run))
        graph_figures(connection, schema, run)
        if args.with_splink:
            fuzzy = fuzzy_settings(args.fuzzy)
            settings = {
                "blocking_rules": fuzzy.get("blocking_rules", []),
                "threshold": float(fuzzy.get("threshold", 0.999)),
                "max_block_size": int(fuzzy.get("max_block_size", 200)),
                "u_pairs": 1e6,
            }
            pairs = run_splink(connection, schema, settings, run)
            run.splink, run.splink_all = score_splink(connection, schema, labels, pairs, run)
        connection.close()
    except (RuntimeError, OSError) as error:
        log.error("%s", error)
        return 1
    print(format_report(run))
    if args.json:
        payload = asdict(run)
        args.json.write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
