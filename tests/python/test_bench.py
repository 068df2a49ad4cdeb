"""cdp-bench without running dbt: stages, measuring a process tree, the report files."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from cdp import bench


def test_models_fall_into_the_stage_of_their_deepest_folder() -> None:
    assert bench.stage_of("models/staging/web/stg_web__pages.sql") == "staging"
    assert bench.stage_of("models/intermediate/identity/int_identity__edges.sql") == "identity"
    assert bench.stage_of("models/intermediate/customer/int_customer__x.sql") == "marts"
    assert bench.stage_of("models/marts/customer360/customers.sql") == "marts"
    assert bench.stage_of("models/marts/segments/segment_memberships.sql") == "segments"
    assert bench.stage_of("models/activation/export_vip__file.sql") == "exports"
    assert bench.stage_of("models/predictions/customer_predictions.sql") == "other"
    assert bench.stage_of("models/stagingx/a.sql") == "other"


def test_a_stage_selects_its_folders_without_the_stages_nested_in_them() -> None:
    assert bench.stage_selector("identity") == ["--select", "path:models/intermediate/identity"]
    marts = bench.stage_selector("marts")
    excluded = marts[marts.index("--exclude") + 1 :]
    assert "path:models/intermediate" in marts[: marts.index("--exclude")]
    assert sorted(excluded) == ["path:models/intermediate/identity", "path:models/marts/segments"]
    other = bench.stage_selector("other")
    assert other[:2] == ["--select", "resource_type:model"] and "path:models/staging" in other


def manifest(enabled: list[str], disabled: list[str]) -> dict:
    def node(path: str) -> dict:
        return {"resource_type": "model", "original_file_path": path, "name": Path(path).stem}

    return {
        "nodes": {f"model.cdp.{Path(p).stem}": node(p) for p in enabled},
        "disabled": {f"model.cdp.{Path(p).stem}": [node(p)] for p in disabled},
    }


def test_stages_without_models_are_absent_and_say_why() -> None:
    models = bench.ProjectModels.from_manifest(
        manifest(
            ["models/staging/web/stg_web__pages.sql"],
            ["models/marts/customer360/customers.sql", "models/marts/customer360/x.sql"],
        )
    )
    assert models.stages() == ["staging", "identity", "marts", "segments", "exports"]
    assert models.enabled == {"staging": ["stg_web__pages"]}
    assert models.absent_note("marts") == "absent: 2 models switched off by config"
    assert models.absent_note("identity") == "absent: no models yet"
    extra = bench.ProjectModels.from_manifest(manifest(["models/predictions/p.sql"], []))
    assert extra.stages()[-1] == "other"


def test_measure_sees_the_memory_of_a_child_process(tmp_path: Path) -> None:
    # the measured command starts a child of its own that holds about 200 MB for a moment
    child = "import time; block = bytearray(200 * 1024 * 1024); time.sleep(1.0)"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}])"
    result = bench.measure(
        [sys.executable, "-c", parent],
        log_path=tmp_path / "x.log",
        env={},
        cwd=tmp_path,
        interval=0.05,
    )
    assert result.returncode == 0
    assert result.peak_rss_mb > 200
    assert result.seconds >= 1.0
    failing = bench.measure(
        [sys.executable, "-c", "raise SystemExit(3)"],
        log_path=tmp_path / "y.log",
        env={},
        cwd=tmp_path,
    )
    assert failing.returncode == 3


@pytest.mark.parametrize(
    ("text", "people"), [("10000", 10_000), ("100k", 100_000), ("1m", 1_000_000), ("2_500", 2_500)]
)
def test_sizes_read_with_suffixes(text: str, people: int) -> None:
    assert bench.parse_size(text) == people


def stage(name: str, seconds: float | None, status: str = "ok") -> bench.StageResult:
    return bench.StageResult(name, status, seconds=seconds, cpu_seconds=seconds, peak_rss_mb=100.0)


def fake_results() -> dict:
    sizes = []
    for people, factor in ((1000, 1), (10000, 10)):
        full = bench.summarize(
            [
                stage("load", 1.0 * factor),
                stage("seed", 2.0),
                stage("staging", 3.0 * factor),
                bench.StageResult("identity", "absent", note="absent: no models yet"),
                stage("tests", 4.0 * factor),
            ]
        )
        incremental = bench.summarize([stage("load", 0.5), stage("staging", 0.3 * factor)])
        incremental["new_rows"] = 10 * factor
        counts = {"rows.web": 900 * factor, "rows.shop": 100 * factor, "rows.total": 1000 * factor}
        counts["identity.candidate_pairs.phone"] = 5 * factor
        sizes.append({"people": people, "full": full, "incremental": incremental, "counts": counts})
    return {
        "format": bench.FORMAT,
        "commit": "abc123",
        "dirty": False,
        "started_at": "2026-01-01 00:00 UTC",
        "machine": {"cpus": 2, "memory_gb": 24},
        "sizes": sizes,
    }


def test_totals_add_the_build_stages_and_end_to_end_adds_load_and_tests() -> None:
    full = fake_results()["sizes"][1]["full"]
    assert full["build_seconds"] == 32.0  # seed 2 + staging 30
    assert full["end_to_end_seconds"] == 82.0  # + load 10 + tests 40
    assert full["status"] == "ok"
    failed = bench.summarize([stage("staging", 1.0, "failed"), stage("tests", None, "skipped")])
    assert failed["status"] == "failed"


def test_the_table_shows_growth_from_size_to_size_and_absent_stages() -> None:
    markdown = bench.render_markdown(fake_results())
    lines = {line.split(" | ")[0].strip("| "): line for line in markdown.splitlines()}
    assert "| 1,000 | 10,000 | growth |" in markdown
    assert "×10.0" in lines["raw rows, web"]
    assert "candidate pairs, phone" in lines
    assert "absent" in lines["identity"]
    assert "1.0%" in lines["new rows / rows before"]
    assert "abc123" in markdown.splitlines()[0]


def test_csv_is_long_format_with_one_figure_per_row() -> None:
    rows = list(csv.DictReader(io.StringIO(bench.render_csv(fake_results()))))
    assert set(rows[0]) == {"people", "run", "kind", "name", "metric", "value"}
    found = {(r["people"], r["run"], r["kind"], r["name"], r["metric"]): r["value"] for r in rows}
    assert found[("10000", "full", "stage", "staging", "seconds")] == "30.0"
    assert found[("10000", "full", "count", "rows.web", "value")] == "9000"
    assert found[("1000", "incremental", "total", "new_rows", "value")] == "10"


def test_compare_puts_two_runs_side_by_side(tmp_path: Path) -> None:
    old, new = fake_results(), fake_results()
    new["commit"] = "def456"
    new["sizes"][0]["full"]["stages"][2]["seconds"] = 6.0  # staging twice as slow
    (tmp_path / "old.json").write_text(json.dumps(old))
    (tmp_path / "new.json").write_text(json.dumps(new))
    text = bench.compare(tmp_path / "old.json", tmp_path / "new.json")
    assert "abc123" in text and "def456" in text
    assert "| 1,000 | full staging s | 3.0 | 6.0 | ×2.0 |" in text
