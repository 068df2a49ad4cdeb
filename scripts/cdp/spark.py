"""A local PySpark session configured exactly as dbt's `spark` target (profiles.yml).

dbt-spark's `method: session` starts Spark inside the dbt process with the target's
`server_side_parameters`. Tools that write tables dbt later reads (cdp-load) must open the
same warehouse folder and the same embedded metastore, so they read those parameters from
the profile instead of keeping a copy of them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

PROFILE = "cdp"
TARGET = "spark"


def profiles_dir(root: Path) -> Path:
    """Where dbt finds profiles.yml: $DBT_PROFILES_DIR, else the project (it ships one)."""
    return Path(os.environ.get("DBT_PROFILES_DIR") or root)


def target_settings(root: Path, target: str = TARGET) -> dict[str, Any]:
    """The rendered output `target` of profile `cdp` (env_var() resolved as dbt does)."""
    from dbt.config.renderer import ProfileRenderer
    from dbt_common.context import set_invocation_context

    path = profiles_dir(root) / "profiles.yml"
    with open(path, encoding="utf-8") as handle:
        profiles = yaml.safe_load(handle) or {}
    try:
        raw = profiles[PROFILE]["outputs"][target]
    except KeyError as error:
        raise KeyError(f"{path} has no target {target!r} in profile {PROFILE!r}") from error
    set_invocation_context(dict(os.environ))
    return ProfileRenderer({}).render_data(raw)


def session_parameters(root: Path, target: str = TARGET) -> dict[str, str]:
    """Spark settings of the target, with the one dbt-spark always forces."""
    settings = target_settings(root, target)
    parameters = {str(k): str(v) for k, v in (settings.get("server_side_parameters") or {}).items()}
    # dbt-spark sets this for every session; the loader must cast the same way.
    parameters["spark.sql.ansi.enabled"] = "false"
    return parameters


def spark_session(root: Path, target: str = TARGET) -> SparkSession:
    """Start (or join) the local Spark session dbt's `spark` target would use."""
    from pyspark.sql import SparkSession

    parameters = session_parameters(root, target)
    for key in ("spark.sql.warehouse.dir", "spark.driver.extraJavaOptions"):
        if key in parameters:  # Spark and Derby create their files, not the folders above them
            _make_parent_folder(key, parameters[key])
    builder = SparkSession.builder.enableHiveSupport()
    for key, value in parameters.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def _make_parent_folder(key: str, value: str) -> None:
    if key == "spark.sql.warehouse.dir":
        Path(value.removeprefix("file:")).mkdir(parents=True, exist_ok=True)
        return
    for option in value.split():
        if option.startswith("-Dderby.stream.error.file="):
            Path(option.split("=", 1)[1]).parent.mkdir(parents=True, exist_ok=True)
