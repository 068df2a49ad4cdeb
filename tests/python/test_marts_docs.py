"""Every Customer 360 mart, BI view, segment table and export is documented: a description, an
enforced contract (so the YAML columns are exactly the built columns) and a description for
every column."""

from __future__ import annotations

import json
from pathlib import Path

DOCUMENTED_FOLDERS = ("models/marts/customer360/", "models/marts/segments/", "models/activation/")


def test_every_mart_and_export_column_is_described(dbt, duckdb_env, tmp_path: Path) -> None:
    dbt(["parse"], env=duckdb_env)
    manifest = json.loads((tmp_path / "dbt-target" / "manifest.json").read_text())
    models = [
        node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
        and node["original_file_path"].startswith(DOCUMENTED_FOLDERS)
    ]
    assert any(node["name"] == "customers" for node in models)

    problems = []
    for node in models:
        name = node["original_file_path"]
        if not node["description"].strip():
            problems.append(f"{name}: no description")
        if not node["config"].get("contract", {}).get("enforced"):
            problems.append(f"{name}: contract not enforced")
        if not node["columns"]:
            problems.append(f"{name}: no columns declared")
        problems += [
            f"{name}: column {column} has no description"
            for column, spec in node["columns"].items()
            if not spec.get("description", "").strip()
        ]
    assert problems == []
