"""`cdp-load`: bulk-load raw source files into the warehouse, shaped as the sources YAMLs say.

    cdp-load --target duckdb --duckdb-path warehouse/cdp.duckdb --input data/demo
    cdp-load --target postgres --input data/demo             # PG* environment variables
    cdp-load --target spark --input data/demo                # profiles.yml target `spark`
    cdp-load --target duckdb --duckdb-path FILE --input data/increment --append

Input layout: DIR/<source>/<table>/*.parquet (or *.csv with a header row), as cdp-generate
writes it or as you export your own systems; DIR/ground_truth/*.parquet optionally. Each table
is created in the source's schema (dbt var cdp_<source>_schema, default raw_<source>) with
the columns and types of models/staging/<source>/_<source>__sources.yml, then replaced
(default) or appended to. A source whose folder is absent is skipped.

Fast paths: DuckDB reads the files itself (`insert ... select ... from read_parquet(...)`);
PostgreSQL gets `COPY ... FROM STDIN` with CSV streamed from the Parquet in record batches,
so a table is never held in memory whole. Spark (the local session of dbt's `spark` target)
reads the files itself and writes parquet tables into the target's warehouse folder.
"""

from __future__ import annotations

import argparse
import csv
import io
import logging
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from cdp.dbt_sources import (
    Column,
    Table,
    duckdb_type,
    load_sources,
    postgres_type,
    project_dir,
    spark_type,
)

log = logging.getLogger("cdp.load")
TRUTH = Table(
    source="truth",
    name="ground_truth",
    schema="raw_truth",
    columns=(
        Column("source_name", "varchar"),
        Column("record_id", "varchar"),
        Column("person_id", "varchar"),
        Column("is_shared", "boolean"),
    ),
)
BATCH_ROWS = 50_000


class LoadError(Exception):
    """A problem the user must fix (shown without a traceback)."""


@dataclass
class Loaded:
    table: str
    files: int
    rows: int
    seconds: float
    note: str = ""


# ---------------------------------------------------------------- input discovery
def table_files(folder: Path) -> tuple[str, list[Path]]:
    """('parquet' | 'csv' | '', files) of one table folder."""
    parquet = sorted(folder.glob("*.parquet"))
    csvs = sorted([*folder.glob("*.csv"), *folder.glob("*.csv.gz")])
    if parquet and csvs:
        raise LoadError(f"{folder}: mixes Parquet and CSV files; keep one format per table")
    if parquet:
        return "parquet", parquet
    if csvs:
        return "csv", csvs
    return "", []


def file_columns(kind: str, path: Path) -> list[str]:
    if kind == "parquet":
        return list(pq.read_schema(path).names)
    import gzip

    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle), None)
    if header is None:
        raise LoadError(f"{path}: empty CSV file (a header row is required)")
    return [name.strip() for name in header]


def check_columns(table: Table, kind: str, files: list[Path], origin: str) -> None:
    expected = table.column_names
    for path in files:
        found = file_columns(kind, path)
        missing = [c for c in expected if c not in found]
        unexpected = [c for c in found if c not in expected]
        if missing or unexpected:
            raise LoadError(
                f"{table.source}.{table.name}: columns of {path} do not match {origin}\n"
                f"  missing:    {', '.join(missing) or '-'}\n"
                f"  unexpected: {', '.join(unexpected) or '-'}\n"
                f"  expected:   {', '.join(expected)}"
            )


# ---------------------------------------------------------------- engines
class Engine:
    name = ""

    def load(self, table: Table, kind: str, files: list[Path], append: bool) -> int:
        raise NotImplementedError

    def close(self) -> None:
        pass


class DuckDBEngine(Engine):
    name = "duckdb"

    def __init__(self, path: Path) -> None:
        import duckdb

        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(str(path))
        except Exception as error:  # locked file, unreadable path...
            raise LoadError(f"cannot open DuckDB file {path}: {error}") from error

    def load(self, table: Table, kind: str, files: list[Path], append: bool) -> int:
        target = f'"{table.schema}"."{table.name}"'
        columns = ", ".join(f'"{c.name}" {duckdb_type(c.data_type)}' for c in table.columns)
        self.con.execute(f'create schema if not exists "{table.schema}"')
        verb = "create table if not exists" if append else "create or replace table"
        self.con.execute(f"{verb} {target} ({columns})")
        if not files:
            return 0
        paths = "[" + ", ".join("'" + str(f).replace("'", "''") + "'" for f in files) + "]"
        if kind == "parquet":
            reader = f"read_parquet({paths}, union_by_name = true)"
        else:
            reader = f"read_csv({paths}, header = true, all_varchar = true, union_by_name = true)"
        names = ", ".join(f'"{c.name}"' for c in table.columns)
        casts = ", ".join(f'cast("{c.name}" as {duckdb_type(c.data_type)})' for c in table.columns)
        try:
            result = self.con.execute(
                f"insert into {target} ({names}) select {casts} from {reader}"
            ).fetchall()
        except Exception as error:
            raise LoadError(f"{table.source}.{table.name}: {error}") from error
        return int(result[0][0]) if result else 0

    def close(self) -> None:
        self.con.close()


class PostgresEngine(Engine):
    name = "postgres"

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
            raise LoadError(
                f"cannot connect to PostgreSQL {where}: {str(error).strip()}"
            ) from error

    def load(self, table: Table, kind: str, files: list[Path], append: bool) -> int:
        import psycopg2

        target = f'"{table.schema}"."{table.name}"'
        columns = ", ".join(f'"{c.name}" {postgres_type(c.data_type)}' for c in table.columns)
        rows = 0
        try:
            with self.con.cursor() as cur:
                cur.execute(f'create schema if not exists "{table.schema}"')
                if not append:
                    cur.execute(f"drop table if exists {target}")
                cur.execute(f"create table if not exists {target} ({columns})")
                for path in files:
                    rows += self._copy(cur, table, target, kind, path)
            self.con.commit()
        except psycopg2.Error as error:
            self.con.rollback()
            raise LoadError(f"{table.source}.{table.name}: {str(error).strip()}") from error
        return rows

    def _copy(self, cur: Any, table: Table, target: str, kind: str, path: Path) -> int:
        if kind == "csv":
            header = file_columns(kind, path)
            names = ", ".join(f'"{c}"' for c in header)
            sql = f"copy {target} ({names}) from stdin with (format csv, header true)"
            import gzip

            opener = gzip.open if path.suffix == ".gz" else open
            with opener(path, "rb") as handle:
                cur.copy_expert(sql, handle, size=1 << 20)
            return cur.rowcount
        names = ", ".join(f'"{c}"' for c in table.column_names)
        sql = f"copy {target} ({names}) from stdin with (format csv)"
        stream = ParquetCsvStream(path, table.column_names)
        cur.copy_expert(sql, stream, size=1 << 20)
        return stream.rows

    def close(self) -> None:
        self.con.close()


class SparkEngine(Engine):
    """Parquet tables in the warehouse of the local Spark session dbt's `spark` target uses."""

    name = "spark"

    def __init__(self, root: Path) -> None:
        from cdp.spark import spark_session

        try:
            import pyspark  # noqa: F401
        except ImportError as error:
            raise LoadError("the spark target needs PySpark: pip install -e '.[spark]'") from error
        try:
            self.spark = spark_session(root)
        except Exception as error:  # no Java, a metastore held by another process...
            raise LoadError(f"cannot start the local Spark session: {error}") from error

    def load(self, table: Table, kind: str, files: list[Path], append: bool) -> int:
        from pyspark.sql.functions import col

        target = f"`{table.schema}`.`{table.name}`"
        columns = ", ".join(f"`{c.name}` {spark_type(c.data_type)}" for c in table.columns)
        try:
            self.spark.sql(f"create database if not exists `{table.schema}`")
            if not append:
                self.spark.sql(f"drop table if exists {target}")
            self.spark.sql(f"create table if not exists {target} ({columns}) using parquet")
            if not files:
                return 0
            paths = [str(path) for path in files]
            if kind == "parquet":
                frame = self.spark.read.parquet(*paths)
                rows = sum(pq.ParquetFile(path).metadata.num_rows for path in files)
            else:  # every field a string, as in the other engines; the casts type them
                frame = self.spark.read.csv(paths, header=True, escape='"', multiLine=True)
                rows = frame.count()
            typed = [
                col(f"`{c.name}`").cast(spark_type(c.data_type)).alias(c.name)
                for c in table.columns
            ]
            frame.select(*typed).write.insertInto(target)
            return rows
        except Exception as error:  # pyspark raises its own exception classes
            raise LoadError(f"{table.source}.{table.name}: {error}") from error

    def close(self) -> None:
        self.spark.stop()


class ParquetCsvStream(io.RawIOBase):
    """A read-only file of CSV text made from a Parquet file one record batch at a time."""

    def __init__(self, path: Path, columns: list[str]) -> None:
        self.batches = self._batches(path, columns)
        self.buffer = b""
        self.rows = 0

    @staticmethod
    def _batches(path: Path, columns: list[str]) -> Iterator[pa.RecordBatch]:
        parquet = pq.ParquetFile(path)
        yield from parquet.iter_batches(batch_size=BATCH_ROWS, columns=columns)

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self.buffer) < size:
            batch = next(self.batches, None)
            if batch is None:
                break
            self.rows += batch.num_rows
            sink = io.BytesIO()
            pacsv.write_csv(batch, sink, pacsv.WriteOptions(include_header=False))
            self.buffer += sink.getvalue()
        if size < 0:
            size = len(self.buffer)
        chunk, self.buffer = self.buffer[:size], self.buffer[size:]
        return chunk


# ---------------------------------------------------------------- the command
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="cdp-load",
        description="Bulk-load raw source files (Parquet or CSV) into DuckDB, PostgreSQL or Spark.",
    )
    parser.add_argument(
        "--target",
        choices=["duckdb", "postgres", "spark"],
        default="duckdb",
        help="spark: the local session of profiles.yml's spark target (CDP_SPARK_DIR)",
    )
    parser.add_argument("--input", required=True, type=Path, help="folder DIR/<source>/<table>/")
    parser.add_argument(
        "--duckdb-path",
        type=Path,
        default=Path(os.environ.get("CDP_DUCKDB_PATH", "warehouse/cdp.duckdb")),
        help="DuckDB file (default $CDP_DUCKDB_PATH or warehouse/cdp.duckdb)",
    )
    parser.add_argument("--append", action="store_true", help="append instead of replacing")
    parser.add_argument("--sources", help="comma-separated sources to load (default: all)")
    parser.add_argument("--no-truth", action="store_true", help="skip DIR/ground_truth")
    parser.add_argument("--project-dir", type=Path, help="dbt project (default: found upwards)")
    parser.add_argument("--log-level", default="INFO")
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> list[Loaded]:
    if not args.input.is_dir():
        raise LoadError(f"input folder not found: {args.input}")
    root = args.project_dir or project_dir()
    contracts = load_sources(root)
    wanted = list(contracts)
    if args.sources:
        wanted = [s.strip() for s in args.sources.split(",") if s.strip()]
        unknown = [s for s in wanted if s not in contracts]
        if unknown:
            raise LoadError(
                f"unknown source(s) {', '.join(unknown)}; declared: {', '.join(contracts)}"
            )
    plan: list[tuple[Table, str, list[Path], str]] = []
    for source in wanted:
        folder = args.input / source
        if not folder.is_dir():
            log.info("skipping source %s: no folder %s", source, folder)
            continue
        origin = f"models/staging/{source}/_{source}__sources.yml"
        for table in contracts[source].values():
            kind, files = table_files(folder / table.name)
            if not files:
                if args.append:
                    log.info("skipping %s.%s: no files", source, table.name)
                    continue
                log.warning("%s.%s: no files in %s; creating it empty", source, table.name, folder)
            check_columns(table, kind, files, origin)
            plan.append((table, kind, files, ""))
    truth_folder = args.input / "ground_truth"
    if not args.no_truth:
        kind, files = table_files(truth_folder) if truth_folder.is_dir() else ("", [])
        if files:
            check_columns(TRUTH, kind, files, "the ground-truth layout")
            plan.append((TRUTH, kind, files, "ground truth"))
        else:
            log.info("no ground truth in %s", truth_folder)
    if not plan:
        raise LoadError(f"nothing to load in {args.input} (expected DIR/<source>/<table>/)")

    engine = open_engine(args.target, args.duckdb_path, root)
    loaded = []
    try:
        for table, kind, files, note in plan:
            started = time.perf_counter()
            rows = engine.load(table, kind, files, args.append)
            seconds = time.perf_counter() - started
            name = f"{table.schema}.{table.name}"
            log.debug("loaded %s: %d rows in %.2f s", name, rows, seconds)
            loaded.append(Loaded(name, len(files), rows, seconds, note))
    finally:
        engine.close()
    return loaded


def open_engine(target: str, duckdb_path: Path, root: Path) -> Engine:
    if target == "duckdb":
        return DuckDBEngine(duckdb_path)
    if target == "spark":
        return SparkEngine(root)
    return PostgresEngine()


def format_report(loaded: list[Loaded], target: str, append: bool, seconds: float) -> str:
    width = max(len(item.table) for item in loaded)
    lines = [f"{'table':<{width}}  {'files':>5}  {'rows':>12}  {'seconds':>8}"]
    for item in loaded:
        lines.append(
            f"{item.table:<{width}}  {item.files:>5}  {item.rows:>12,}  {item.seconds:>8.2f}"
        )
    total = sum(item.rows for item in loaded)
    mode = "appended" if append else "loaded"
    lines.append(f"{'total':<{width}}  {'':>5}  {total:>12,}  {seconds:>8.2f}")
    lines.append(f"cdp-load: {mode} {total:,} rows into {len(loaded)} {target} tables")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    started = time.perf_counter()
    try:
        loaded = run(args)
    except LoadError as error:
        print(f"cdp-load: error: {error}", file=sys.stderr)
        return 1
    print(format_report(loaded, args.target, args.append, time.perf_counter() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
