"""One connection to the warehouse dbt built: DuckDB file or PostgreSQL, as profiles.yml says.

The same settings as dbt: ``CDP_TARGET`` (duckdb or postgres), ``CDP_DUCKDB_PATH`` for the
DuckDB file, the standard ``PG*`` variables for PostgreSQL. SQL is written with ``?``
placeholders and runs unchanged on both engines.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class WarehouseError(Exception):
    """The warehouse cannot be reached or refused a statement."""


@dataclass(frozen=True)
class WarehouseSettings:
    target: str = "duckdb"
    duckdb_path: Path = Path("warehouse/cdp.duckdb")

    @classmethod
    def from_env(
        cls, target: str | None = None, duckdb_path: Path | None = None
    ) -> WarehouseSettings:
        return cls(
            target=target or os.environ.get("CDP_TARGET", "duckdb"),
            duckdb_path=duckdb_path
            or Path(os.environ.get("CDP_DUCKDB_PATH", "warehouse/cdp.duckdb")),
        )

    def describe(self) -> str:
        if self.target == "duckdb":
            return f"DuckDB {self.duckdb_path}"
        return (
            f"PostgreSQL {os.environ.get('PGUSER', 'postgres')}"
            f"@{os.environ.get('PGHOST', '127.0.0.1')}"
            f":{os.environ.get('PGPORT', '5432')}/{os.environ.get('PGDATABASE', 'cdp')}"
        )


class Warehouse:
    """A thin layer over duckdb / psycopg2: execute, fetch, transactions, bulk inserts."""

    def __init__(self, settings: WarehouseSettings) -> None:
        self.settings = settings
        self.dialect = settings.target
        if self.dialect == "duckdb":
            import duckdb

            if not settings.duckdb_path.exists():
                raise WarehouseError(
                    f"no DuckDB file at {settings.duckdb_path} (build the project with dbt first, "
                    "or set CDP_DUCKDB_PATH)"
                )
            try:
                self._con = duckdb.connect(str(settings.duckdb_path))
            except duckdb.Error as error:
                raise WarehouseError(f"cannot open {settings.duckdb_path}: {error}") from error
        elif self.dialect == "postgres":
            import psycopg2

            try:
                self._con = psycopg2.connect(
                    host=os.environ.get("PGHOST", "127.0.0.1"),
                    port=os.environ.get("PGPORT", "5432"),
                    user=os.environ.get("PGUSER", "postgres"),
                    password=os.environ.get("PGPASSWORD", ""),
                    dbname=os.environ.get("PGDATABASE", "cdp"),
                    connect_timeout=int(os.environ.get("PGCONNECT_TIMEOUT", "10")),
                    application_name="cdp-sync",
                )
            except psycopg2.OperationalError as error:
                raise WarehouseError(
                    f"cannot connect to {settings.describe()}: {str(error).strip()}"
                ) from error
            self._con.autocommit = True
        else:
            raise WarehouseError(f"unknown target {self.dialect!r} (duckdb or postgres)")
        self._in_transaction = False

    # ---------- statements

    def _sql(self, sql: str, has_params: bool) -> str:
        if self.dialect == "postgres" and has_params:
            return sql.replace("%", "%%").replace("?", "%s")
        return sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        try:
            if self.dialect == "duckdb":
                self._con.execute(sql, list(params))
            else:
                with self._con.cursor() as cursor:
                    cursor.execute(self._sql(sql, bool(params)), list(params) or None)
        except Exception as error:
            raise self._wrap(error, sql) from error

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.query(sql, params)[1]

    def fetchone(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        rows = self.fetchall(sql, params)
        return rows[0] if rows else None

    def query(
        self, sql: str, params: Sequence[Any] = ()
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and all rows of one query (callers keep results small: pages)."""
        try:
            if self.dialect == "duckdb":
                result = self._con.execute(sql, list(params))
                names = [column[0] for column in result.description or []]
                return names, result.fetchall()
            with self._con.cursor() as cursor:
                cursor.execute(self._sql(sql, bool(params)), list(params) or None)
                names = [column[0] for column in cursor.description or []]
                return names, cursor.fetchall()
        except Exception as error:
            raise self._wrap(error, sql) from error

    def insert_rows(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> None:
        """Bulk insert (execute_values on PostgreSQL, an Arrow scan on DuckDB)."""
        if not rows:
            return
        column_list = ", ".join(columns)
        if self.dialect == "duckdb":
            import pyarrow as pa

            arrays = {
                name: pa.array([row[i] for row in rows], type=pa.string())
                for i, name in enumerate(columns)
            }
            self._con.register("cdp_sync_rows", pa.table(arrays))
            try:
                self.execute(
                    f"insert into {table} ({column_list}) select {column_list} from cdp_sync_rows"
                )
            finally:
                self._con.unregister("cdp_sync_rows")
            return
        from psycopg2.extras import execute_values

        try:
            with self._con.cursor() as cursor:
                execute_values(
                    cursor,
                    f"insert into {table} ({column_list}) values %s",
                    [tuple(r) for r in rows],
                )
        except Exception as error:
            raise self._wrap(error, f"insert into {table}") from error

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything inside commits together or not at all."""
        if self._in_transaction:
            yield
            return
        self.execute("begin transaction" if self.dialect == "duckdb" else "begin")
        self._in_transaction = True
        try:
            yield
        except BaseException:
            self._in_transaction = False
            with contextlib.suppress(Exception):
                self.execute("rollback")
            raise
        self._in_transaction = False
        self.execute("commit")

    # ---------- catalog

    def relation_columns(self, relation: str) -> list[str] | None:
        """Column names of schema.table (or table in the default schema); None when missing."""
        parts = relation.split(".")
        schema, table = (parts[-2], parts[-1]) if len(parts) >= 2 else (None, parts[-1])
        sql = (
            "select column_name from information_schema.columns where table_name = ?"
            + (" and table_schema = ?" if schema else "")
            + " order by ordinal_position"
        )
        rows = self.fetchall(sql, [table, schema] if schema else [table])
        return [str(row[0]) for row in rows] or None

    def try_advisory_lock(self, name: str) -> bool:
        """One run per sync at a time. DuckDB files already admit one writing process."""
        if self.dialect != "postgres":
            return True
        row = self.fetchone("select pg_try_advisory_lock(hashtext(?))", [f"cdp-sync:{name}"])
        return bool(row and row[0])

    def advisory_unlock(self, name: str) -> None:
        if self.dialect == "postgres":
            self.execute("select pg_advisory_unlock(hashtext(?))", [f"cdp-sync:{name}"])

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._con.close()

    def _wrap(self, error: Exception, sql: str) -> WarehouseError:
        first_line = " ".join(sql.split())[:160]
        return WarehouseError(f"{type(error).__name__}: {str(error).strip()} [in: {first_line}]")

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def quote_relation(relation: str) -> str:
    """schema.table as a quoted SQL name (parts were validated as identifiers)."""
    return ".".join(f'"{part}"' for part in relation.split("."))
