"""A PostgreSQL table kept in step by key: insert ... on conflict do update, delete on removal.

The connection comes from the environment only: ``dsn_env`` names a variable holding a libpq
connection string; without it the standard ``PG*`` variables are used. The table is created
on first delivery when missing (key as primary key, one column per field, typed after the
first values seen, plus ``_cdp_row_hash`` and ``_cdp_synced_at``). Each batch is one
transaction; a batch the database refuses (a constraint, a bad value) is rolled back and
split by the runner until the offending row is found.
"""

from __future__ import annotations

import datetime as dt
import decimal
import os
import re
from collections.abc import Sequence
from typing import Any, ClassVar

from pydantic import field_validator

from cdp.sync.config import Mode
from cdp.sync.connectors.base import (
    BatchRejected,
    Connector,
    ConnectorSettings,
    DestinationError,
    Outcome,
    Record,
    Removal,
)

_RELATION = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$")


class PostgresSettings(ConnectorSettings):
    table: str
    dsn_env: str | None = None
    create_table: bool = True

    @field_validator("table")
    @classmethod
    def _table(cls, value: str) -> str:
        if not _RELATION.match(value):
            raise ValueError("schema.table, letters, digits and underscores")
        return value


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _pg_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "bigint"
    if isinstance(value, float):
        return "double precision"
    if isinstance(value, decimal.Decimal):
        return "numeric"
    if isinstance(value, dt.datetime):
        return "timestamp"
    if isinstance(value, dt.date):
        return "date"
    return "text"


class PostgresConnector(Connector):
    type_name: ClassVar[str] = "postgres"
    Settings = PostgresSettings
    max_batch_size: ClassVar[int] = 10_000
    secret_envs: ClassVar[tuple[str, ...]] = ("dsn_env",)
    settings: PostgresSettings

    def _connection(self) -> Any:
        if not hasattr(self, "_con"):
            import psycopg2

            dsn = self.secret("dsn_env") if self.settings.dsn_env else ""
            try:
                self._con = psycopg2.connect(
                    dsn,
                    connect_timeout=int(os.environ.get("PGCONNECT_TIMEOUT", "10")),
                    application_name="cdp-sync destination",
                )
            except psycopg2.OperationalError as error:
                raise DestinationError(f"cannot connect: {str(error).strip()}") from error
        return self._con

    @property
    def _table(self) -> str:
        schema, table = self.settings.table.split(".")
        return f"{_quote(schema)}.{_quote(table)}"

    def _table_columns(self) -> list[str]:
        schema, table = self.settings.table.split(".")
        con = self._connection()
        with con.cursor() as cursor:
            cursor.execute(
                "select column_name from information_schema.columns "
                "where table_schema = %s and table_name = %s order by ordinal_position",
                (schema, table),
            )
            columns = [row[0] for row in cursor.fetchall()]
        con.commit()
        return columns

    def check(self) -> str:
        columns = self._table_columns()
        if columns:
            return f"table {self.settings.table} exists ({len(columns)} columns)"
        if not self.settings.create_table:
            raise DestinationError(
                f"table {self.settings.table} does not exist (create_table: false)"
            )
        return f"connected; table {self.settings.table} will be created on first delivery"

    def _ensure_table(self, sample: dict[str, Any]) -> None:
        if getattr(self, "_ready", False):
            return
        if not self._table_columns():
            if not self.settings.create_table:
                raise DestinationError(f"table {self.settings.table} does not exist")
            key = self.context.key_field
            columns = [f"{_quote(key)} text primary key"]
            columns += [
                f"{_quote(name)} {_pg_type(value)}" for name, value in sample.items() if name != key
            ]
            columns += ["_cdp_row_hash text", "_cdp_synced_at timestamptz not null default now()"]
            schema = self.settings.table.split(".")[0]
            con = self._connection()
            with con.cursor() as cursor:
                cursor.execute(f"create schema if not exists {_quote(schema)}")
                cursor.execute(f"create table if not exists {self._table} ({', '.join(columns)})")
            con.commit()
        self._ready = True

    def send(self, records: Sequence[Record]) -> list[Outcome]:
        import psycopg2
        from psycopg2.extras import execute_values

        key = self.context.key_field
        self._ensure_table(records[0].fields)
        names = [name for name in records[0].fields if name != key]
        columns = [key, *names, "_cdp_row_hash"]
        rows = [
            (record.key, *(record.fields.get(name) for name in names), record.row_hash)
            for record in records
        ]
        if self.context.mode == Mode.INSERT:
            conflict = "do nothing"
        else:
            updates = [*names, "_cdp_row_hash"]
            conflict = (
                "do update set "
                + ", ".join(f"{_quote(name)} = excluded.{_quote(name)}" for name in updates)
                + ", _cdp_synced_at = now()"
            )
        sql = (
            f"insert into {self._table} ({', '.join(_quote(c) for c in columns)}) values %s "
            f"on conflict ({_quote(key)}) {conflict}"
        )
        con = self._connection()
        try:
            with con.cursor() as cursor:
                execute_values(cursor, sql, rows, page_size=1000)
            con.commit()
        except psycopg2.DataError as error:
            con.rollback()
            raise BatchRejected(str(error).strip()) from error
        except psycopg2.IntegrityError as error:
            con.rollback()
            raise BatchRejected(str(error).strip()) from error
        except psycopg2.ProgrammingError as error:
            con.rollback()
            raise DestinationError(str(error).strip()) from error
        return [Outcome.confirmed(record.key) for record in records]

    def remove(self, removals: Sequence[Removal]) -> list[Outcome]:
        if not self._table_columns():
            return [Outcome.confirmed(removal.key) for removal in removals]
        con = self._connection()
        with con.cursor() as cursor:
            cursor.execute(
                f"delete from {self._table} where {_quote(self.context.key_field)} = any(%s)",
                ([removal.key for removal in removals],),
            )
        con.commit()
        return [Outcome.confirmed(removal.key) for removal in removals]

    def close(self) -> None:
        if hasattr(self, "_con"):
            self._con.close()
