"""`cdp-bench`: how the pipeline's cost grows with the number of people.

    cdp-bench                                   # 10,000 and 100,000 people
    cdp-bench --sizes 10000,100000,1000000      # 1M as well (about an hour on 2 cores)
    cdp-bench --sizes 2000 --no-tests           # a quick look

For each size: generate the raw sources (cdp-generate), load them into a fresh DuckDB file
(cdp-load), then run the dbt project stage by stage (seed, staging, identity, marts,
segments, exports, then the data tests), each stage one dbt process whose wall seconds and
peak memory (RSS of its whole process tree, sampled, and the kernel's high-water mark) are
recorded. Then the figures the build produced are counted: rows per source, identifiers,
edges, candidate pairs per blocking rule, components, iterations, customers. Finally an
increment of new records (cdp-generate --increment-of) is appended and the same stages run
again without --full-refresh: the incremental run, reported beside the full one.

A stage with no enabled model (not written yet, or switched off by a var) is reported as
absent; a figure whose model or column does not exist is left empty. The table goes to the
terminal and, with the raw figures, to --out:

    bench-results/<UTC time>-<commit>/results.json   everything, format "cdp-bench/1"
    bench-results/<UTC time>-<commit>/results.csv    one row per size, run and figure
    bench-results/<UTC time>-<commit>/results.md     the table with growth factors
    bench-results/<UTC time>-<commit>/logs/          the output of every command
    bench-results/latest.{json,csv,md}               copies of the last run

Compare two runs: `cdp-bench --compare OLD.json NEW.json`.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

from cdp.dbt_sources import load_sources, project_dir
from cdp.generate import GENERATOR_VERSION

log = logging.getLogger("cdp.bench")
FORMAT = "cdp-bench/1"
BIN_DIR = Path(sys.executable).parent
MIB = 1024 * 1024


# ---------------------------------------------------------------- stages
@dataclass(frozen=True)
class Stage:
    """A slice of the dbt project, selected by model folders (first match wins, in order)."""

    name: str
    paths: tuple[str, ...]


# In DAG order: every stage reads only what earlier stages built.
DBT_STAGES: tuple[Stage, ...] = (
    Stage("staging", ("models/staging",)),
    Stage("identity", ("models/intermediate/identity",)),
    Stage("segments", ("models/marts/segments",)),
    Stage("exports", ("models/activation",)),
    # the rest of intermediate, marts and semantic: Customer 360 and what reads it
    Stage("marts", ("models/intermediate", "models/marts", "models/semantic")),
)
STAGE_ORDER = ("staging", "identity", "marts", "segments", "exports")
CATCH_ALL = "other"


def stage_of(path: str) -> str:
    """The stage a model file belongs to: the stage with the longest matching folder."""
    best, best_len = CATCH_ALL, -1
    for stage in DBT_STAGES:
        for folder in stage.paths:
            if (path == folder or path.startswith(folder + "/")) and len(folder) > best_len:
                best, best_len = stage.name, len(folder)
    return best


@dataclass
class ProjectModels:
    """Enabled and disabled models of the parsed project, by stage."""

    enabled: dict[str, list[str]]
    disabled: dict[str, list[str]]

    @classmethod
    def from_manifest(cls, manifest: dict[str, Any]) -> ProjectModels:
        enabled: dict[str, list[str]] = {}
        disabled: dict[str, list[str]] = {}
        for node in manifest.get("nodes", {}).values():
            if node.get("resource_type") == "model":
                enabled.setdefault(stage_of(node["original_file_path"]), []).append(node["name"])
        for versions in manifest.get("disabled", {}).values():
            for node in versions:
                if node.get("resource_type") == "model":
                    stage = stage_of(node["original_file_path"])
                    disabled.setdefault(stage, []).append(node["name"])
        return cls(
            {k: sorted(v) for k, v in enabled.items()},
            {k: sorted(v) for k, v in disabled.items()},
        )

    def stages(self) -> list[str]:
        """The dbt stages to report, in order; `other` only when some model falls outside."""
        names = list(STAGE_ORDER)
        if self.enabled.get(CATCH_ALL) or self.disabled.get(CATCH_ALL):
            names.append(CATCH_ALL)
        return names

    def absent_note(self, stage: str) -> str:
        off = self.disabled.get(stage, [])
        if off:
            return f"absent: {len(off)} models switched off by config"
        return "absent: no models yet"


def stage_selector(stage: str) -> list[str]:
    """dbt --select/--exclude arguments for one stage (folders, minus nested stages)."""
    if stage == CATCH_ALL:
        every = [path for s in DBT_STAGES for path in s.paths]
        return ["--select", "resource_type:model", "--exclude", *(f"path:{p}" for p in every)]
    own = next(s for s in DBT_STAGES if s.name == stage).paths
    nested = [
        path
        for other in DBT_STAGES
        if other.name != stage
        for path in other.paths
        if any(path.startswith(folder + "/") for folder in own)
    ]
    return [
        "--select",
        *(f"path:{p}" for p in own),
        *(["--exclude", *(f"path:{p}" for p in nested)] if nested else []),
    ]


# ---------------------------------------------------------------- measuring a command
@dataclass
class StageResult:
    stage: str
    status: str  # ok | failed | absent | skipped | reused
    seconds: float | None = None
    cpu_seconds: float | None = None
    peak_rss_mb: float | None = None
    load_average: float | None = None
    dbt_seconds: float | None = None
    models: int | None = None
    note: str = ""
    slowest: list[tuple[str, float]] = field(default_factory=list)


@dataclass
class Measured:
    returncode: int
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    load_average: float


def tree_rss(process: psutil.Process) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    total = 0
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            continue
    return total


def measure(
    command: Sequence[str],
    *,
    log_path: Path,
    env: dict[str, str],
    cwd: Path,
    interval: float = 0.2,
) -> Measured:
    """Run a command to its end: wall and CPU seconds, peak RSS of its process tree, and
    the machine's mean 1-minute load average meanwhile (other work slows wall time).

    The tree is sampled every `interval` seconds (children of dbt or of the generator's
    worker pool count together); the kernel's high-water mark of the biggest single
    process (wait4 ru_maxrss) catches a peak that falls between two samples.
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with open(log_path, "w", encoding="utf-8") as output:
        output.write("$ " + " ".join(command) + "\n")
        output.flush()
        child = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        process = psutil.Process(child.pid)
        peak = 0
        loads: list[float] = []
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, tree_rss(process))
            loads.append(os.getloadavg()[0])
            time.sleep(interval)
        child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    peak = max(peak, usage.ru_maxrss * 1024)  # Linux reports kilobytes
    cpu = usage.ru_utime + usage.ru_stime
    load = sum(loads) / len(loads) if loads else os.getloadavg()[0]
    return Measured(child.returncode, seconds, cpu, peak / MIB, load)


def tail(path: Path, lines: int = 25) -> str:
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join(text[-lines:])


# ---------------------------------------------------------------- the warehouse figures
class Warehouse:
    """Read-only look-ups in the built DuckDB file, by dbt model name."""

    def __init__(self, path: Path, relations: dict[str, str]) -> None:
        import duckdb

        self.con = duckdb.connect(str(path), read_only=True)
        self.relations = relations
        self._columns: dict[str, set[str]] = {}

    def close(self) -> None:
        self.con.close()

    def relation(self, model: str, *columns: str) -> str | None:
        """The relation of a model when it exists and holds these columns, else None."""
        name = self.relations.get(model)
        if name is None:
            return None
        if name not in self._columns:
            try:
                described = self.con.execute(f"select * from {name} limit 0").description
            except Exception:  # not built (yet)
                described = None
            self._columns[name] = {c[0] for c in described} if described else set()
        found = self._columns[name]
        return name if found and set(columns) <= found else None

    def scalar(self, sql: str) -> int | float | None:
        value = self.con.execute(sql).fetchall()[0][0]
        return value if value is None or isinstance(value, float) else int(value)

    def pairs(self, sql: str) -> list[tuple[str, int]]:
        return [(str(k), int(v)) for k, v in self.con.execute(sql).fetchall()]


Figure = Callable[[Warehouse], dict[str, int | float | None]]


def _count(model: str, *columns: str, expr: str = "count(*)", where: str = "") -> Figure:
    def figure(wh: Warehouse) -> int | float | None:
        relation = wh.relation(model, *columns)
        if relation is None:
            return None
        return wh.scalar(f"select {expr} from {relation}{' where ' + where if where else ''}")

    return figure  # type: ignore[return-value]


def _by(model: str, key: str, prefix: str, value: str = "count(*)") -> Figure:
    def figure(wh: Warehouse) -> dict[str, int | float | None]:
        relation = wh.relation(model, key)
        if relation is None:
            return {}
        rows = wh.pairs(f"select {key}, {value} from {relation} group by 1 order by 1")
        return {f"{prefix}.{name}": value for name, value in rows}

    return figure


def _pairs_by_rule(wh: Warehouse) -> dict[str, int | float | None]:
    """Candidate pairs each blocking rule yields (int_identity__blocking_stats), else the
    pairs of int_identity__candidate_pairs by the first rule that yielded them."""
    prefix = "identity.candidate_pairs"
    if wh.relation("int_identity__blocking_stats", "blocking_rule", "candidate_pairs"):
        stats = _by("int_identity__blocking_stats", "blocking_rule", prefix, "sum(candidate_pairs)")
        return stats(wh)  # type: ignore[return-value]
    return _by("int_identity__candidate_pairs", "blocking_rule", prefix)(wh)  # type: ignore[return-value]


# (key, label, how) in report order; `how` gives one value, or a dict of keyed values.
FIGURES: list[tuple[str, str, Any]] = [
    ("identity.records", "identity records", _count("int_identity__records")),
    ("identity.observations", "identifier observations", _count("int_identity__observations")),
    (
        "identity.identifiers",
        "distinct identifiers",
        _count(
            "int_identity__observations",
            "identifier_type",
            "match_key",
            expr="count(distinct (identifier_type, match_key))",
        ),
    ),
    (
        "identity.quarantined",
        "quarantined values",
        _count("int_identity__quarantined_values"),
    ),
    (
        "identity.edges_deterministic",
        "edges, deterministic",
        _count("int_identity__edges", "edge_kind", where="edge_kind <> 'fuzzy'"),
    ),
    (
        "identity.edges_fuzzy",
        "edges, fuzzy",
        _count("int_identity__edges", "edge_kind", where="edge_kind = 'fuzzy'"),
    ),
    ("identity.candidate_pairs", "candidate pairs", _count("int_identity__candidate_pairs")),
    ("identity.candidate_pairs_by_rule", "candidate pairs", _pairs_by_rule),
    (
        "identity.skipped_blocks",
        "blocks skipped (over max_block_size)",
        _count("int_identity__blocking_stats", "skipped_blocks", expr="sum(skipped_blocks)"),
    ),
    (
        "identity.components",
        "components",
        _count("int_identity__components", "component_id", expr="count(distinct component_id)"),
    ),
    (
        "identity.largest_component",
        "largest component (records)",
        _count("int_identity__components", "component_size", expr="max(component_size)"),
    ),
    (
        "identity.iterations",
        "component iterations",
        _count("int_identity__component_iterations"),
    ),
    (
        "identity.customers",
        "customers (identity)",
        _count("int_identity__record_map", "customer_id", expr="count(distinct customer_id)"),
    ),
    ("marts.customers", "customers (mart)", _count("customers")),
    ("marts.activities", "activities", _count("customer_activities")),
    ("marts.contact_points", "contact points", _count("customer_contact_points")),
    ("segments.memberships", "segment memberships", _count("segment_memberships")),
]


def source_rows(wh: Warehouse) -> dict[str, int]:
    """rows.<source>.<table> for every declared raw table, and rows.<source> totals."""
    figures: dict[str, int] = {}
    for source, tables in load_sources().items():
        total = 0
        for table in tables.values():
            try:
                rows = wh.scalar(f'select count(*) from "{table.schema}"."{table.name}"')
            except Exception:  # not loaded
                continue
            figures[f"rows.{source}.{table.name}"] = int(rows or 0)
            total += int(rows or 0)
        figures[f"rows.{source}"] = total
    figures["rows.total"] = sum(v for k, v in figures.items() if k.count(".") == 1)
    return figures


def export_rows(wh: Warehouse) -> dict[str, int]:
    total, found = 0, False
    for model in wh.relations:
        if model.startswith("export_") and (relation := wh.relation(model)):
            total += int(wh.scalar(f"select count(*) from {relation}") or 0)
            found = True
    return {"exports.rows": total} if found else {}


def count_figures(path: Path, relations: dict[str, str]) -> dict[str, int | float | None]:
    wh = Warehouse(path, relations)
    try:
        figures: dict[str, int | float | None] = {**source_rows(wh)}
        for key, _label, how in FIGURES:
            value = how(wh)
            if isinstance(value, dict):
                figures.update(value)
            else:
                figures[key] = value
        figures.update(export_rows(wh))
    finally:
        wh.close()
    return figures


# ---------------------------------------------------------------- running one size
@dataclass
class Settings:
    sizes: list[int]
    seed: int
    fraction: float
    incremental: bool
    tests: bool
    reuse_data: bool
    data_dir: Path
    warehouse_dir: Path
    out_dir: Path
    vars: str | None
    threads: int | None
    interval: float
    root: Path


class Runner:
    def __init__(self, settings: Settings, run_dir: Path) -> None:
        self.s = settings
        self.run_dir = run_dir
        self.target_path = settings.root / "target-bench"
        self.failed = False

    # ---------- environment and commands
    def env(self, duckdb_path: Path | None = None) -> dict[str, str]:
        env = {
            **os.environ,
            "DBT_PROFILES_DIR": os.environ.get("DBT_PROFILES_DIR", str(self.s.root)),
            "DBT_TARGET_PATH": str(self.target_path),
            "DBT_LOG_PATH": str(self.target_path / "logs"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "CDP_TARGET": "duckdb",
        }
        if duckdb_path is not None:
            env["CDP_DUCKDB_PATH"] = str(duckdb_path)
        return env

    def dbt_args(self, *args: str) -> list[str]:
        command = [str(BIN_DIR / "dbt"), *args, "--target", "duckdb"]
        if self.s.vars:
            command += ["--vars", self.s.vars]
        if self.s.threads:
            command += ["--threads", str(self.s.threads)]
        return command

    def run(
        self, stage: str, command: list[str], log_name: str, duckdb_path: Path | None
    ) -> StageResult:
        log.info("%s: %s", log_name, " ".join(command))
        log_path = self.run_dir / "logs" / f"{log_name}.log"
        result = measure(
            command,
            log_path=log_path,
            env=self.env(duckdb_path),
            cwd=self.s.root,
            interval=self.s.interval,
        )
        outcome = StageResult(
            stage,
            "ok" if result.returncode == 0 else "failed",
            seconds=round(result.seconds, 2),
            cpu_seconds=round(result.cpu_seconds, 2),
            peak_rss_mb=round(result.peak_rss_mb, 1),
            load_average=round(result.load_average, 1),
        )
        if result.returncode != 0:
            outcome.note = f"exit {result.returncode}, see logs/{log_path.name}"
            log.error("%s failed (exit %d):\n%s", log_name, result.returncode, tail(log_path))
        if command[0].endswith("dbt"):
            self._read_run_results(outcome)
        return outcome

    def _read_run_results(self, outcome: StageResult) -> None:
        path = self.target_path / "run_results.json"
        if not path.is_file():
            return
        results = json.loads(path.read_text())
        nodes = results.get("results", [])
        outcome.dbt_seconds = round(float(results.get("elapsed_time") or 0), 2)
        outcome.models = len(nodes)
        timed = sorted(
            ((r["unique_id"].split(".")[-1], float(r.get("execution_time") or 0)) for r in nodes),
            key=lambda item: -item[1],
        )
        outcome.slowest = [(name, round(seconds, 2)) for name, seconds in timed[:5]]
        bad = [r for r in nodes if r.get("status") in ("error", "fail")]
        if bad and outcome.status == "ok":
            outcome.status = "failed"
        if bad:
            outcome.note = (outcome.note + "; " if outcome.note else "") + ", ".join(
                f"{r['unique_id'].split('.')[-1]}: {r['status']}" for r in bad[:5]
            )
        path.unlink()

    # ---------- the project
    def parse(self) -> tuple[ProjectModels, dict[str, str]]:
        """Parse once: which models each stage holds, and every model's relation name."""
        outcome = self.run("parse", self.dbt_args("parse"), "parse", None)
        if outcome.status != "ok":
            raise SystemExit("cdp-bench: dbt parse failed; see the log above")
        manifest = json.loads((self.target_path / "manifest.json").read_text())
        # schema and alias only: the manifest's database is the file dbt parsed against,
        # not the size's warehouse that count_figures opens (its default catalog)
        relations = {
            node["name"]: f'"{node["schema"]}"."{node["alias"]}"'
            for node in manifest["nodes"].values()
            if node.get("resource_type") == "model" and node.get("relation_name")
        }
        return ProjectModels.from_manifest(manifest), relations

    # ---------- one size
    def size(self, people: int, models: ProjectModels, relations: dict[str, str]) -> dict[str, Any]:
        data = self.s.data_dir / f"people-{people}"
        increment = self.s.data_dir / f"people-{people}-increment"
        warehouse = self.s.warehouse_dir / f"people-{people}.duckdb"
        record: dict[str, Any] = {"people": people}

        full: list[StageResult] = [self.generate(people, data)]
        if full[-1].status in ("ok", "reused"):
            warehouse.parent.mkdir(parents=True, exist_ok=True)
            for stale in (warehouse, warehouse.with_suffix(".duckdb.wal")):
                stale.unlink(missing_ok=True)
            full.append(self.load(people, "full", data, warehouse))
        full += self.dbt_stages(people, "full", models, warehouse, full[-1].status == "ok")
        record["full"] = summarize(full)
        record["counts"] = self.counts(warehouse, relations, full)

        if self.s.incremental:
            inc = [self.generate_increment(data, increment)]
            ok = inc[-1].status == "ok" and record["full"]["status"] == "ok"
            if ok:
                inc.append(self.load(people, "incremental", increment, warehouse))
                ok = inc[-1].status == "ok"
            inc += self.dbt_stages(people, "incremental", models, warehouse, ok)
            record["incremental"] = summarize(inc)
            record["incremental"]["new_rows"] = new_rows(increment)
            record["counts_after_increment"] = self.counts(warehouse, relations, inc)
        return record

    def load(self, people: int, run: str, data: Path, warehouse: Path) -> StageResult:
        command = [str(BIN_DIR / "cdp-load"), "--target", "duckdb", "--duckdb-path", str(warehouse)]
        command += ["--input", str(data), *(["--append"] if run == "incremental" else [])]
        return self.run("load", command, f"{people}-{run}-load", warehouse)

    def generate(self, people: int, out: Path) -> StageResult:
        manifest = out / "manifest.json"
        if self.s.reuse_data and manifest.is_file():
            info = json.loads(manifest.read_text())
            wanted = {"people": people, "seed": self.s.seed}
            same = all(info["arguments"].get(key) == value for key, value in wanted.items())
            if same and info.get("generator_version") == GENERATOR_VERSION:
                log.info("reusing %s (generated in %.0f s)", out, info["seconds"])
                return StageResult("generate", "reused", info["seconds"], note=f"reused {out}")
        command = [str(BIN_DIR / "cdp-generate"), "--people", str(people)]
        command += ["--seed", str(self.s.seed), "--out", str(out), "--force", "--no-progress"]
        return self.run("generate", command, f"{people}-full-generate", None)

    def generate_increment(self, base: Path, out: Path) -> StageResult:
        command = [str(BIN_DIR / "cdp-generate"), "--increment-of", str(base)]
        command += ["--fraction", str(self.s.fraction), "--out", str(out), "--force"]
        command += ["--no-progress"]
        people = json.loads((base / "manifest.json").read_text())["arguments"]["people"]
        return self.run("generate", command, f"{people}-incremental-generate", None)

    def dbt_stages(
        self, people: int, run: str, models: ProjectModels, warehouse: Path, ok: bool
    ) -> list[StageResult]:
        full_refresh = ["--full-refresh"] if run == "full" else []
        results: list[StageResult] = []
        if run == "full" and ok:
            # dbt parses the whole project again when the profile changes, and the DuckDB
            # path is part of it: parse against this size's warehouse first, outside the
            # stages, so that the seed stage times the seeds, not a full parse that a
            # routine run never does (later runs parse only what changed)
            self.run("parse", self.dbt_args("parse"), f"{people}-parse", warehouse)
        steps: list[tuple[str, list[str]]] = []
        if run == "full":
            steps.append(("seed", self.dbt_args("seed", "--full-refresh")))
        for stage in models.stages():
            if not models.enabled.get(stage):
                results.append(StageResult(stage, "absent", note=models.absent_note(stage)))
                continue
            steps.append((stage, self.dbt_args("run", *stage_selector(stage), *full_refresh)))
        if self.s.tests:
            tests = self.dbt_args("test", "--exclude-resource-type", "unit_test")
            steps.append(("tests", tests))
        for stage, command in steps:
            if not ok:
                results.append(StageResult(stage, "skipped", note="an earlier step failed"))
                continue
            outcome = self.run(stage, command, f"{people}-{run}-{stage}", warehouse)
            results.append(outcome)
            if outcome.status == "failed" and stage != "tests":
                ok = False
        order = ["generate", "load", "seed", *models.stages(), "tests"]
        results.sort(key=lambda r: order.index(r.stage))
        return results

    def counts(
        self, warehouse: Path, relations: dict[str, str], stages: list[StageResult]
    ) -> dict[str, int | float | None]:
        if not warehouse.is_file() or not any(s.stage == "load" for s in stages):
            return {}
        return count_figures(warehouse, relations)


BUILD_STAGES = ("seed", *STAGE_ORDER, CATCH_ALL)


def summarize(stages: list[StageResult]) -> dict[str, Any]:
    """Stages plus totals: build (seed to exports), end to end (load + build + tests)."""

    def total(names: Iterable[str], key: str = "seconds") -> float | None:
        picked = [getattr(s, key) for s in stages if s.stage in names]
        picked = [value for value in picked if value is not None]
        return round(sum(picked), 2) if picked else None

    def peak(names: Iterable[str]) -> float | None:
        picked = [s.peak_rss_mb for s in stages if s.stage in names and s.peak_rss_mb]
        return max(picked) if picked else None

    measured = [s for s in stages if s.status != "reused"]
    status = "failed" if any(s.status in ("failed", "skipped") for s in measured) else "ok"
    end_to_end = ("load", *BUILD_STAGES, "tests")
    return {
        "status": status,
        "stages": [asdict(s) for s in stages],
        "build_seconds": total(BUILD_STAGES),
        "build_cpu_seconds": total(BUILD_STAGES, "cpu_seconds"),
        "build_peak_rss_mb": peak(BUILD_STAGES),
        "end_to_end_seconds": total(end_to_end),
        "end_to_end_cpu_seconds": total(end_to_end, "cpu_seconds"),
        "end_to_end_peak_rss_mb": peak(end_to_end),
    }


def new_rows(increment: Path) -> int | None:
    manifest = increment / "manifest.json"
    if not manifest.is_file():
        return None
    return int(sum(json.loads(manifest.read_text())["row_counts"].values()))


# ---------------------------------------------------------------- the report
def growth(previous: float | None, current: float | None) -> str:
    if previous is None or current is None or previous == 0:
        return ""
    return f"×{current / previous:.1f}"


def fmt(value: Any, kind: str = "count") -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if kind == "seconds":
        return f"{value:,.1f}"
    if kind == "mb":
        return f"{value:,.0f}"
    if kind == "share":
        return f"{value:.1%}"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"


def table_rows(results: dict[str, Any]) -> list[tuple[str, str, list[Any]]]:
    """(section, label, value per size) of the report table, in order."""
    sizes = results["sizes"]
    rows: list[tuple[str, str, list[Any]]] = []

    def add(section: str, label: str, values: list[Any], kind: str = "count") -> None:
        if any(v is not None for v in values):
            rows.append((section, label, [(v, kind) for v in values]))

    counts = [size.get("counts", {}) for size in sizes]
    add("data", "people", [size["people"] for size in sizes])
    sources = sorted({k for c in counts for k in c if k.startswith("rows.") and k.count(".") == 1})
    for key in [k for k in sources if k != "rows.total"] + ["rows.total"]:
        label = "raw rows, all sources" if key == "rows.total" else f"raw rows, {key[5:]}"
        add("data", label, [c.get(key) for c in counts])
    keyed = sorted({k for c in counts for k in c if k.startswith("identity.candidate_pairs.")})
    for key, label, _how in FIGURES:
        if key == "identity.candidate_pairs_by_rule":
            for rule in keyed:
                add(
                    "figures",
                    f"candidate pairs, {rule.rsplit('.', 1)[1]}",
                    [c.get(rule) for c in counts],
                )
            continue
        add("figures", label, [c.get(key) for c in counts])
    add("figures", "export rows", [c.get("exports.rows") for c in counts])

    for run in ("full", "incremental"):
        runs = [size.get(run) for size in sizes]
        if not any(runs):
            continue
        title = "full build" if run == "full" else "incremental run"
        names: list[str] = []
        for r in runs:
            for stage in (r or {}).get("stages", []):
                if stage["stage"] not in names:
                    names.append(stage["stage"])
        for section, key, total in (
            ("seconds", "seconds", "seconds"),
            ("CPU seconds", "cpu_seconds", "cpu_seconds"),
        ):
            for stage in names:
                found = [_stage(r, stage) for r in runs]
                values = [_stage_value(s, key) for s in found]
                add(f"{title}, {section}", stage, values, "seconds")
            for label, prefix in (
                ("build (seed to exports)", "build"),
                ("end to end (load, build, tests)", "end_to_end"),
            ):
                values = [(r or {}).get(f"{prefix}_{total}") for r in runs]
                add(f"{title}, {section}", label, values, "seconds")
        for stage in names:
            found = [_stage(r, stage) for r in runs]
            add(f"{title}, peak MB", stage, [_stage_value(s, "peak_rss_mb") for s in found], "mb")
        if run == "incremental":
            add(title, "new raw rows", [(r or {}).get("new_rows") for r in runs])
            shares = [
                (r or {}).get("new_rows") / c["rows.total"]
                if r and r.get("new_rows") and c.get("rows.total")
                else None
                for r, c in zip(runs, counts, strict=True)
            ]
            add(title, "new rows / rows before", shares, "share")
            full_runs = [size.get("full") for size in sizes]
            for label, key in (
                ("build seconds / full build", "build_seconds"),
                ("build CPU seconds / full build", "build_cpu_seconds"),
                ("end to end seconds / full", "end_to_end_seconds"),
                ("end to end CPU seconds / full", "end_to_end_cpu_seconds"),
            ):
                ratios = [
                    i[key] / f[key] if i and f and i.get(key) and f.get(key) else None
                    for i, f in zip(runs, full_runs, strict=True)
                ]
                add(title, label, ratios, "share")
    return rows


def _stage(run: dict[str, Any] | None, name: str) -> dict[str, Any] | None:
    return next((s for s in (run or {}).get("stages", []) if s["stage"] == name), None)


def _stage_value(stage: dict[str, Any] | None, key: str) -> Any:
    if stage is None:
        return None
    if stage["status"] in ("absent", "skipped", "failed") and stage.get(key) is None:
        return stage["status"]
    if stage["status"] == "failed":
        return f"failed ({fmt(stage.get(key), 'seconds')})"
    return stage.get(key)


def render_markdown(results: dict[str, Any]) -> str:
    sizes = [size["people"] for size in results["sizes"]]
    header = ["figure"]
    for i, people in enumerate(sizes):
        header.append(f"{people:,}")
        if i:
            header.append("growth")
    lines = [
        f"cdp-bench at commit {results['commit']}"
        + (" (uncommitted changes)" if results.get("dirty") else "")
        + f", {results['machine']['cpus']} cores, {results['machine']['memory_gb']} GB, "
        f"{results['started_at']}",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|",
    ]
    section = None
    for row_section, label, values in table_rows(results):
        if row_section != section:
            section = row_section
            lines.append(f"| **{section}** |" + " |" * (len(header) - 1))
        cells = [label]
        for i, (value, kind) in enumerate(values):
            cells.append(fmt(value, kind))
            if i:
                prev = values[i - 1][0]
                numbers = all(isinstance(v, int | float) for v in (prev, value))
                cells.append(growth(prev, value) if numbers and kind != "share" else "")
        lines.append("| " + " | ".join(cells) + " |")
    notes = []
    for size in results["sizes"]:
        for run in ("full", "incremental"):
            for stage in (size.get(run) or {}).get("stages", []):
                if stage["note"] and stage["status"] != "reused":
                    notes.append(f"- {size['people']:,} {run}, {stage['stage']}: {stage['note']}")
    largest = results["sizes"][-1] if results["sizes"] else None
    if largest and largest.get("full"):
        slow = [
            f"{name} {seconds:.1f} s"
            for stage in largest["full"]["stages"]
            for name, seconds in stage.get("slowest", [])[:3]
            if stage["stage"] != "tests"
        ]
        if slow:
            notes.append(
                f"- slowest models, full build of {largest['people']:,}: " + ", ".join(slow)
            )
    if notes:
        lines += ["", *dict.fromkeys(notes)]
    return "\n".join(lines) + "\n"


def render_csv(results: dict[str, Any]) -> str:
    """Long format, one figure per row: people, run, kind, name, metric, value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["people", "run", "kind", "name", "metric", "value"])
    for size in results["sizes"]:
        people = size["people"]
        for run in ("full", "incremental"):
            data = size.get(run)
            if not data:
                continue
            for stage in data["stages"]:
                for metric in (
                    "seconds",
                    "cpu_seconds",
                    "peak_rss_mb",
                    "dbt_seconds",
                    "models",
                    "load_average",
                ):
                    writer.writerow(
                        [
                            people,
                            run,
                            "stage",
                            stage["stage"],
                            metric,
                            stage[metric] if stage[metric] is not None else "",
                        ]
                    )
                writer.writerow([people, run, "stage", stage["stage"], "status", stage["status"]])
            for key in (
                "build_seconds",
                "build_cpu_seconds",
                "build_peak_rss_mb",
                "end_to_end_seconds",
                "end_to_end_cpu_seconds",
                "end_to_end_peak_rss_mb",
                "new_rows",
            ):
                if key in data:
                    writer.writerow(
                        [people, run, "total", key, "value", "" if data[key] is None else data[key]]
                    )
        for run, key in (("full", "counts"), ("incremental", "counts_after_increment")):
            for name, value in sorted((size.get(key) or {}).items()):
                writer.writerow(
                    [people, run, "count", name, "value", "" if value is None else value]
                )
    return buffer.getvalue()


# ---------------------------------------------------------------- compare two runs
def compare(old_path: Path, new_path: Path) -> str:
    """Per size, figure and stage: old, new and the ratio new/old."""
    old, new = (json.loads(Path(p).read_text()) for p in (old_path, new_path))
    lines = [f"{old_path} ({old['commit']}) -> {new_path} ({new['commit']})", ""]
    lines.append("| people | figure | old | new | new/old |")
    lines.append("|---:|---|---:|---:|---:|")
    olds = {size["people"]: size for size in old["sizes"]}
    for size in new["sizes"]:
        before = olds.get(size["people"])
        if not before:
            continue
        pairs: list[tuple[str, Any, Any, str]] = []
        for run in ("full", "incremental"):
            for stage in (size.get(run) or {}).get("stages", []):
                was = _stage(before.get(run), stage["stage"])
                name = f"{run} {stage['stage']} s"
                pairs.append((name, was and was["seconds"], stage["seconds"], "seconds"))
            for key in ("build_seconds", "end_to_end_seconds"):
                was, now = ((side.get(run) or {}).get(key) for side in (before, size))
                pairs.append((f"{run} {key}", was, now, "seconds"))
        for key, value in (size.get("counts") or {}).items():
            pairs.append((key, (before.get("counts") or {}).get(key), value, "count"))
        for name, a, b, kind in pairs:
            if a is None and b is None:
                continue
            numbers = isinstance(a, int | float) and isinstance(b, int | float)
            ratio = growth(a, b) if numbers else ""
            lines.append(
                f"| {size['people']:,} | {name} | {fmt(a, kind)} | {fmt(b, kind)} | {ratio} |"
            )
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- the command
def parse_size(text: str) -> int:
    text = text.strip().lower().replace("_", "").replace(",", "")
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    number = text[:-1] if factor > 1 else text
    value = int(float(number) * factor)
    if value < 1:
        raise ValueError(text)
    return value


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="cdp-bench",
        description="Benchmark the pipeline at several sizes: seconds, peak memory, counts.",
    )
    parser.add_argument(
        "--sizes",
        default="10000,100000",
        help="people per size, comma-separated; 10k and 1m are understood (default 10000,100000)",
    )
    parser.add_argument("--seed", type=int, default=42, help="generator seed (default 42)")
    parser.add_argument(
        "--fraction",
        type=float,
        default=0.01,
        help="increment: new and returning people as a share of all (default 0.01)",
    )
    parser.add_argument("--no-incremental", action="store_true", help="full builds only")
    parser.add_argument("--no-tests", action="store_true", help="leave out the data tests")
    parser.add_argument(
        "--reuse-data",
        action="store_true",
        help="keep generated data of the same size and seed (its generation is not re-measured)",
    )
    parser.add_argument("--data-dir", type=Path, default=Path("data/bench"))
    parser.add_argument("--warehouse-dir", type=Path, default=Path("warehouse/bench"))
    parser.add_argument("--out", type=Path, default=Path("bench-results"))
    parser.add_argument("--vars", help="dbt --vars for every dbt command (YAML)")
    parser.add_argument("--threads", type=int, help="dbt --threads (default: the profile's)")
    parser.add_argument(
        "--sample-interval", type=float, default=0.2, help="memory sampling period, seconds"
    )
    parser.add_argument(
        "--compare", nargs=2, type=Path, metavar=("OLD", "NEW"), help="compare two results.json"
    )
    parser.add_argument("--log-level", default="INFO")
    args = parser.parse_args(argv)
    try:
        args.size_list = [parse_size(part) for part in args.sizes.split(",") if part.strip()]
    except ValueError:
        parser.error(f"--sizes: expected numbers such as 10000,100k,1m, got {args.sizes!r}")
    if not args.size_list:
        parser.error("--sizes: give at least one size")
    if not 0 < args.fraction <= 1:
        parser.error("--fraction must be in (0, 1]")
    return args


def git_commit(root: Path) -> tuple[str, bool]:
    def git(*args: str) -> str:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
        return result.stdout.strip() if result.returncode == 0 else ""

    commit = git("rev-parse", "--short=12", "HEAD") or "unknown"
    dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    return commit, dirty


def machine() -> dict[str, Any]:
    import duckdb

    return {
        "cpus": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 1024**3),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "load_average": [round(x, 1) for x in os.getloadavg()],
    }


def write_results(results: dict[str, Any], run_dir: Path, out: Path) -> str:
    markdown = render_markdown(results)
    files = {
        "results.json": json.dumps(results, indent=2) + "\n",
        "results.csv": render_csv(results),
        "results.md": markdown,
    }
    for name, text in files.items():
        (run_dir / name).write_text(text, encoding="utf-8")
        latest = out / name.replace("results", "latest")
        latest.write_text(text, encoding="utf-8")
    return markdown


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.compare:
        print(compare(*args.compare), end="")
        return 0
    root = project_dir()
    commit, dirty = git_commit(root)
    started = datetime.now(UTC)
    run_dir = args.out / f"{started:%Y%m%dT%H%M%SZ}-{commit}"
    run_dir.mkdir(parents=True, exist_ok=True)
    settings = Settings(
        sizes=args.size_list,
        seed=args.seed,
        fraction=args.fraction,
        incremental=not args.no_incremental,
        tests=not args.no_tests,
        reuse_data=args.reuse_data,
        data_dir=args.data_dir.resolve(),
        warehouse_dir=args.warehouse_dir.resolve(),
        out_dir=args.out,
        vars=args.vars,
        threads=args.threads,
        interval=args.sample_interval,
        root=root,
    )
    runner = Runner(settings, run_dir.resolve())
    results: dict[str, Any] = {
        "format": FORMAT,
        "commit": commit,
        "dirty": dirty,
        "started_at": f"{started:%Y-%m-%d %H:%M} UTC",
        "machine": machine(),
        "settings": {
            "sizes": settings.sizes,
            "seed": settings.seed,
            "increment_fraction": settings.fraction if settings.incremental else None,
            "tests": settings.tests,
            "vars": settings.vars,
            "threads": settings.threads,
            "target": "duckdb",
        },
        "sizes": [],
    }
    models, relations = runner.parse()
    results["stages"] = {
        stage: {
            "models": models.enabled.get(stage, []),
            "disabled": models.disabled.get(stage, []),
        }
        for stage in models.stages()
    }
    for people in settings.sizes:
        log.info("== %s people", f"{people:,}")
        results["sizes"].append(runner.size(people, models, relations))
        write_results(results, run_dir, args.out)  # after every size: a long run keeps its part
    results["finished_at"] = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    markdown = write_results(results, run_dir, args.out)
    print(markdown)
    print(f"cdp-bench: results in {run_dir}/ (and {args.out}/latest.*)")
    failed = [
        f"{size['people']} {run}"
        for size in results["sizes"]
        for run in ("full", "incremental")
        if (size.get(run) or {}).get("status") == "failed"
    ]
    if failed:
        print(f"cdp-bench: failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
