"""Fixtures shared by the Python test suite.

PostgreSQL tests need a real server named by the standard PG* variables; `make test` runs
pytest inside scripts/with_postgres.sh, which provides one. Without PGHOST they skip.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
BIN_DIR = Path(sys.executable).parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


def run_dbt(
    args: list[str],
    *,
    env: dict[str, str] | None = None,
    target_path: Path,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run the dbt CLI of this virtualenv in the project, with its own target/log folders."""
    full_env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(REPO_ROOT),
        "DBT_TARGET_PATH": str(target_path),
        "DBT_LOG_PATH": str(target_path / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        **(env or {}),
    }
    result = subprocess.run(
        [str(BIN_DIR / "dbt"), *args],
        cwd=REPO_ROOT,
        env=full_env,
        capture_output=True,
        text=True,
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"dbt {' '.join(args)} failed ({result.returncode}):\n{result.stdout[-6000:]}"
            f"\n{result.stderr[-2000:]}"
        )
    return result


@pytest.fixture
def dbt(tmp_path: Path):
    """Call as dbt(["build", ...], env={...}); each test gets its own target folder."""

    def _run(args: list[str], env: dict[str, str] | None = None, check: bool = True):
        return run_dbt(args, env=env, target_path=tmp_path / "dbt-target", check=check)

    return _run


@pytest.fixture
def duckdb_env(tmp_path: Path) -> dict[str, str]:
    """Environment for a dbt run against a fresh DuckDB file of this test's own."""
    return {"CDP_TARGET": "duckdb", "CDP_DUCKDB_PATH": str(tmp_path / "warehouse.duckdb")}


@pytest.fixture(scope="session")
def postgres_server() -> dict[str, str]:
    """Connection settings of the PostgreSQL server given by PG*; skips when there is none."""
    if not os.environ.get("PGHOST"):
        pytest.skip("no PostgreSQL server: set PG* (make test starts a private one)")
    return {
        "PGHOST": os.environ["PGHOST"],
        "PGPORT": os.environ.get("PGPORT", "5432"),
        "PGUSER": os.environ.get("PGUSER", "postgres"),
        "PGPASSWORD": os.environ.get("PGPASSWORD", ""),
    }


@pytest.fixture
def postgres_env(postgres_server: dict[str, str]) -> Iterator[dict[str, str]]:
    """A fresh database on the server for this test, dropped afterwards."""
    import psycopg2

    name = f"cdp_test_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(dbname="postgres", **_pg_kwargs(postgres_server))
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'create database "{name}"')
    try:
        yield {**postgres_server, "PGDATABASE": name, "CDP_TARGET": "postgres"}
    finally:
        with admin.cursor() as cur:
            cur.execute(f'drop database if exists "{name}" with (force)')
        admin.close()


def _pg_kwargs(server: dict[str, str]) -> dict[str, str]:
    return {
        "host": server["PGHOST"],
        "port": server["PGPORT"],
        "user": server["PGUSER"],
        "password": server["PGPASSWORD"],
    }


@pytest.fixture(scope="session")
def source_batches(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Raw sources for the loader tests: a batch of 300 people and a 5 % increment of it."""
    from cdp.generate.cli import main as generate

    root = tmp_path_factory.mktemp("batches")
    quiet = ["--no-progress", "--log-level", "WARNING"]
    assert generate(["--people", "300", "--seed", "3", "--out", str(root / "base"), *quiet]) == 0
    increment = ["--increment-of", str(root / "base"), "--fraction", "0.05"]
    assert generate([*increment, "--out", str(root / "inc"), *quiet]) == 0
    return root / "base", root / "inc"
