"""The raw table contracts of the dbt project, read from models/staging/*/_*__sources.yml.

The generator writes exactly these tables and columns, and the loader creates them, so both
follow the YAML instead of a copy of it. Types are the `data_type` entries (warehouse SQL
types); helpers map them to Arrow, DuckDB and PostgreSQL.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyarrow as pa
import yaml

_DECIMAL = re.compile(r"^(?:decimal|numeric)\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)$")
_VAR = re.compile(r"var\(\s*['\"]([A-Za-z0-9_]+)['\"]")


@dataclass(frozen=True)
class Column:
    name: str
    data_type: str


@dataclass(frozen=True)
class Table:
    source: str
    name: str
    schema: str
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def arrow_schema(self) -> pa.Schema:
        return pa.schema([(c.name, arrow_type(c.data_type)) for c in self.columns])


def project_dir() -> Path:
    """The dbt project folder: $CDP_PROJECT_DIR, else the first parent holding dbt_project.yml."""
    if env := os.environ.get("CDP_PROJECT_DIR"):
        return Path(env)
    for start in (Path.cwd(), Path(__file__).resolve()):
        for folder in (start, *start.parents):
            if (folder / "dbt_project.yml").is_file():
                return folder
    raise FileNotFoundError("no dbt_project.yml found; set CDP_PROJECT_DIR")


def project_vars(root: Path) -> dict[str, object]:
    with open(root / "dbt_project.yml", encoding="utf-8") as handle:
        return (yaml.safe_load(handle) or {}).get("vars") or {}


@cache
def load_sources(root: Path | None = None) -> dict[str, dict[str, Table]]:
    """{source name: {table name: Table}} for every source YAML of the project's staging layer."""
    root = root or project_dir()
    variables = project_vars(root)
    found: dict[str, dict[str, Table]] = {}
    for path in sorted((root / "models" / "staging").glob("*/_*__sources.yml")):
        with open(path, encoding="utf-8") as handle:
            document = yaml.safe_load(handle) or {}
        for source in document.get("sources") or []:
            name = source["name"]
            schema = _resolve_schema(str(source.get("schema") or ""), name, variables)
            tables = {}
            for table in source.get("tables") or []:
                columns = tuple(
                    Column(str(col["name"]), str(col.get("data_type") or "varchar").lower())
                    for col in table.get("columns") or []
                )
                tables[table["name"]] = Table(name, table["name"], schema, columns)
            found[name] = tables
    if not found:
        raise FileNotFoundError(f"no models/staging/*/_*__sources.yml under {root}")
    return found


def _resolve_schema(raw: str, source: str, variables: dict[str, object]) -> str:
    """`{{ var('cdp_web_schema') }}` -> the var's value in dbt_project.yml, else raw_<source>."""
    match = _VAR.search(raw)
    if match:
        return str(variables.get(match.group(1)) or f"raw_{source}")
    return raw or f"raw_{source}"


def arrow_type(data_type: str) -> pa.DataType:
    data_type = data_type.strip().lower()
    if match := _DECIMAL.match(data_type):
        return pa.decimal128(int(match.group(1)), int(match.group(2)))
    simple = {
        "varchar": pa.string(),
        "text": pa.string(),
        "string": pa.string(),
        "bigint": pa.int64(),
        "integer": pa.int32(),
        "int": pa.int32(),
        "smallint": pa.int16(),
        "boolean": pa.bool_(),
        "timestamp": pa.timestamp("us"),
        "date": pa.date32(),
        "double": pa.float64(),
    }
    if data_type not in simple:
        raise ValueError(f"unsupported data_type in a sources YAML: {data_type!r}")
    return simple[data_type]


def duckdb_type(data_type: str) -> str:
    return data_type.strip().lower()


def postgres_type(data_type: str) -> str:
    data_type = data_type.strip().lower()
    if match := _DECIMAL.match(data_type):
        return f"numeric({match.group(1)},{match.group(2)})"
    return {"varchar": "text", "string": "text", "double": "double precision"}.get(
        data_type, data_type
    )


def spark_type(data_type: str) -> str:
    data_type = data_type.strip().lower()
    if match := _DECIMAL.match(data_type):
        return f"decimal({match.group(1)},{match.group(2)})"
    return {"varchar": "string", "text": "string", "integer": "int"}.get(data_type, data_type)
