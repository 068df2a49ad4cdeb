"""Bounded reads and in-place table writes on DuckDB or PostgreSQL."""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class WarehouseError(Exception):
    """The warehouse cannot be reached or does not hold what is needed."""


@dataclass(frozen=True)
class Column:
    name: str
    data_type: str  # portable SQL type: varchar, date, timestamp, double precision, integer


def quote(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"not a plain SQL name: {name!r}")
    return f'"{name}"'


class Warehouse:
    """One connection. `query` returns columns as numpy arrays; results must be bounded
    (one row per customer and cutoff at most)."""

    engine = ""

    def query(self, sql: str) -> dict[str, np.ndarray]:
        raise NotImplementedError

    def table_exists(self, schema: str, table: str) -> bool:
        rows = self._fetch(
            "select count(*) from information_schema.tables "
            f"where table_schema = '{schema}' and table_name = '{table}'"
        )
        return bool(rows[0][0])

    def replace_rows(
        self, schema: str, table: str, columns: list[Column], data: pa.Table, where: str = ""
    ) -> None:
        """Create the table if needed, delete its rows (those matching `where`), insert
        `data`, in one transaction. The table itself is kept, so views on it stay valid."""
        raise NotImplementedError

    def _fetch(self, sql: str) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


def _ddl(schema: str, table: str, columns: list[Column]) -> list[str]:
    body = ", ".join(f"{quote(c.name)} {c.data_type}" for c in columns)
    return [
        f"create schema if not exists {quote(schema)}",
        f"create table if not exists {quote(schema)}.{quote(table)} ({body})",
    ]


class DuckDBWarehouse(Warehouse):
    engine = "duckdb"

    def __init__(self, path: Path) -> None:
        import duckdb

        if not path.is_file():
            raise WarehouseError(f"no DuckDB file at {path} (run dbt build first)")
        try:
            self.con = duckdb.connect(str(path))
        except duckdb.Error as error:
            raise WarehouseError(f"cannot open {path}: {error}") from error

    def query(self, sql: str) -> dict[str, np.ndarray]:
        table = self.con.sql(sql).to_arrow_table()
        return arrow_to_numpy(table)

    def _fetch(self, sql: str) -> list[tuple[Any, ...]]:
        return self.con.execute(sql).fetchall()

    def replace_rows(
        self, schema: str, table: str, columns: list[Column], data: pa.Table, where: str = ""
    ) -> None:
        target = f"{quote(schema)}.{quote(table)}"
        names = ", ".join(quote(c.name) for c in columns)
        self.con.execute("begin transaction")
        try:
            for statement in _ddl(schema, table, columns):
                self.con.execute(statement)
            self.con.execute(f"delete from {target} {'where ' + where if where else ''}")
            self.con.register("incoming_rows", data)
            self.con.execute(f"insert into {target} ({names}) select {names} from incoming_rows")
            self.con.unregister("incoming_rows")
            self.con.execute("commit")
        except Exception:
            self.con.execute("rollback")
            raise

    def close(self) -> None:
        self.con.close()


class PostgresWarehouse(Warehouse):
    engine = "postgres"

    def __init__(self) -> None:
        import psycopg2

        settings = {
            "host": os.environ.get("PGHOST", "127.0.0.1"),
            "port": os.environ.get("PGPORT", "5432"),
            "user": os.environ.get("PGUSER", "postgres"),
            "dbname": os.environ.get("PGDATABASE", "cdp"),
            "password": os.environ.get("PGPASSWORD", ""),
            "connect_timeout": int(os.environ.get("PGCONNECT_TIMEOUT", "10")),
        }
        try:
            self.con = psycopg2.connect(**settings)
        except psycopg2.OperationalError as error:
            where = f"{settings['user']}@{settings['host']}:{settings['port']}/{settings['dbname']}"
            raise WarehouseError(f"cannot connect to PostgreSQL {where}: {error}") from error

    def query(self, sql: str) -> dict[str, np.ndarray]:
        with self.con.cursor(name="cdp_predict_read") as cursor:
            cursor.itersize = 50_000
            cursor.execute(sql)
            rows = cursor.fetchall()
            names = [d[0] for d in cursor.description]
        self.con.rollback()
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in names]
        return {
            name: _to_numpy(pa.array(values, from_pandas=True))
            for name, values in zip(names, columns, strict=True)
        }

    def _fetch(self, sql: str) -> list[tuple[Any, ...]]:
        with self.con.cursor() as cursor:
            cursor.execute(sql)
            rows = cursor.fetchall()
        self.con.rollback()
        return rows

    def replace_rows(
        self, schema: str, table: str, columns: list[Column], data: pa.Table, where: str = ""
    ) -> None:
        target = f"{quote(schema)}.{quote(table)}"
        names = ", ".join(quote(c.name) for c in columns)
        buffer = io.BytesIO()
        pacsv.write_csv(
            data.select([c.name for c in columns]),
            buffer,
            pacsv.WriteOptions(include_header=False),
        )
        buffer.seek(0)
        try:
            with self.con.cursor() as cursor:
                for statement in _ddl(schema, table, columns):
                    cursor.execute(statement)
                cursor.execute(f"delete from {target} {'where ' + where if where else ''}")
                cursor.copy_expert(f"copy {target} ({names}) from stdin with (format csv)", buffer)
            self.con.commit()
        except Exception:
            self.con.rollback()
            raise

    def close(self) -> None:
        self.con.close()


def arrow_to_numpy(table: pa.Table) -> dict[str, np.ndarray]:
    return {name: _to_numpy(table.column(name)) for name in table.column_names}


def _to_numpy(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Numbers as float64 (null -> nan), booleans as float (null -> nan), others as objects."""
    kind = values.type
    if pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind):
        return np.asarray(values.cast(pa.float64()).to_numpy(zero_copy_only=False), dtype=float)
    if pa.types.is_boolean(kind):
        return np.asarray(values.cast(pa.float64()).to_numpy(zero_copy_only=False), dtype=float)
    if pa.types.is_null(kind):
        return np.full(len(values), np.nan)
    return np.asarray(values.to_pylist(), dtype=object)


def connect(target: str, duckdb_path: Path | None) -> Warehouse:
    if target == "duckdb":
        path = duckdb_path or Path(os.environ.get("CDP_DUCKDB_PATH", "warehouse/cdp.duckdb"))
        return DuckDBWarehouse(path)
    if target == "postgres":
        return PostgresWarehouse()
    raise WarehouseError(f"unknown target {target!r} (duckdb or postgres)")
