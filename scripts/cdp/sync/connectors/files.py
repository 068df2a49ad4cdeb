"""Files: CSV, JSON Lines or Parquet change files, compacted into a current snapshot.

Every batch becomes one change file ``<path>/<sync>/changes/<time>-<run>-<batch>.<format>``,
written under a temporary name and renamed, so a file is either complete or absent. Each row
has ``_op`` (upsert or delete), the key column, ``_row_hash`` and the fields. Applying the
change files in name order, by key, gives the audience; a batch delivered twice (after a
crash) applies twice to the same result. With ``snapshot: true`` (the default) every run that
changed something also writes ``<path>/<sync>.<format>``: the current audience, one row per
key, computed by DuckDB from the change files without loading them into Python.
"""

from __future__ import annotations

import csv
import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar, Literal

from cdp.sync.connectors.base import (
    Connector,
    ConnectorSettings,
    DestinationError,
    Outcome,
    Record,
    Removal,
)
from cdp.sync.connectors.values import jsonable


class FileSettings(ConnectorSettings):
    path: Path
    format: Literal["csv", "jsonl", "parquet"] = "csv"
    snapshot: bool = True


class FileConnector(Connector):
    type_name: ClassVar[str] = "file"
    Settings = FileSettings
    max_batch_size: ClassVar[int] = 50_000
    settings: FileSettings

    def __init__(self, settings: FileSettings, context: Any) -> None:  # type: ignore[override]
        super().__init__(settings, context)
        self.folder = settings.path / context.sync_name / "changes"
        self.snapshot_path = settings.path / f"{context.sync_name}.{settings.format}"
        self._batch = 0

    def check(self) -> str:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            probe = self.folder / f".probe-{os.getpid()}"
            probe.write_text("ok")
            probe.unlink()
        except OSError as error:
            raise DestinationError(f"cannot write to {self.folder}: {error}") from error
        parts = len(list(self.folder.glob(f"*.{self.settings.format}")))
        return f"writable folder {self.folder} ({parts} change file(s))"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)

    def send(self, records: Sequence[Record]) -> list[Outcome]:
        key = self.context.key_field
        rows = [
            {
                "_op": "upsert",
                key: record.key,
                "_row_hash": record.row_hash,
                **{name: value for name, value in record.fields.items() if name != key},
            }
            for record in records
        ]
        self._write(rows)
        return [Outcome.confirmed(record.key) for record in records]

    def remove(self, removals: Sequence[Removal]) -> list[Outcome]:
        key = self.context.key_field
        self._write(
            [{"_op": "delete", key: removal.key, "_row_hash": None} for removal in removals]
        )
        return [Outcome.confirmed(removal.key) for removal in removals]

    def _write(self, rows: list[dict[str, Any]]) -> None:
        self._batch += 1
        name = (
            f"{time.time_ns():020d}-{self.context.run_id}-{self._batch:05d}.{self.settings.format}"
        )
        final = self.folder / name
        temporary = self.folder / f".{name}.tmp"
        try:
            _write_rows(temporary, self.settings.format, rows)
            os.replace(temporary, final)
        except OSError as error:
            raise DestinationError(f"cannot write {final}: {error}") from error

    def finish(self, delivered_anything: bool) -> str | None:
        if not self.settings.snapshot:
            return None
        if not delivered_anything and self.snapshot_path.exists():
            return f"snapshot unchanged: {self.snapshot_path}"
        if not any(self.folder.glob(f"*.{self.settings.format}")):
            return None
        rows = compact(
            self.folder, self.settings.format, self.context.key_field, self.snapshot_path
        )
        return f"snapshot {self.snapshot_path} ({rows} rows)"


def _write_rows(path: Path, file_format: str, rows: list[dict[str, Any]]) -> None:
    columns = list(dict.fromkeys(name for row in rows for name in row))
    if file_format == "csv":
        with path.open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
    elif file_format == "jsonl":
        with path.open("w") as handle:
            for row in rows:
                handle.write(json.dumps({k: jsonable(v) for k, v in row.items()}) + "\n")
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(
            [{column: _parquet_value(row.get(column)) for column in columns} for row in rows]
        )
        pq.write_table(table, path)
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _parquet_value(value: Any) -> Any:
    # One type per column across batches: numbers and dates keep their type, the rest is text.
    return value if value is None or isinstance(value, bool | int | float) else str(jsonable(value))


def compact(folder: Path, file_format: str, key: str, target: Path) -> int:
    """Latest change per key, deletes dropped, written atomically to target; returns rows."""
    import duckdb

    pattern = str(folder / f"*.{file_format}").replace("'", "''")
    reader = {
        "csv": f"read_csv('{pattern}', union_by_name = true, filename = true, all_varchar = true)",
        "jsonl": f"read_json('{pattern}', format = 'newline_delimited', union_by_name = true, "
        "filename = true)",
        "parquet": f"read_parquet('{pattern}', union_by_name = true, filename = true)",
    }[file_format]
    options = {"csv": "format csv, header", "jsonl": "format json", "parquet": "format parquet"}
    temporary = target.with_name(f".{target.name}.tmp")
    quoted_key = '"' + key.replace('"', '""') + '"'
    snapshot_sql = f"""
        select * exclude (_op, _row_hash, filename, _cdp_recency)
        from (
            select
                *,
                row_number() over (partition by {quoted_key} order by filename desc)
                    as _cdp_recency
            from {reader}
        ) as changes
        where _cdp_recency = 1 and _op = 'upsert'
        order by {quoted_key}
    """
    target_literal = str(temporary).replace("'", "''")
    with duckdb.connect() as con:
        con.execute(f"copy ({snapshot_sql}) to '{target_literal}' ({options[file_format]})")
        count = con.execute(f"select count(*) from ({snapshot_sql})").fetchone()
    os.replace(temporary, target)
    return int(count[0]) if count else 0
