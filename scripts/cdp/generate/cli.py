"""`cdp-generate`: write the raw sources, the ground truth and a manifest.

    cdp-generate --people 5000 --seed 42 --out data/demo
    cdp-generate --increment-of data/demo --fraction 0.01 --out data/demo-increment-1

An increment continues the world of an earlier output (its manifest holds the seed, noise,
chunking and time window): new people, and new orders, sessions, email, CRM contacts and
email changes for a share of the existing people, between the earlier --as-of and the new one
(default 30 days later). Its ids never collide with the earlier batch; load it with
`cdp-load --append`.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import shutil
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from datetime import date, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from cdp.dbt_sources import load_sources, project_dir

from . import GENERATOR_VERSION
from .noise import parse_noise
from .sources import ChunkGenerator, ChunkTask
from .world import from_us, to_us

log = logging.getLogger("cdp.generate")
DEFAULT_AS_OF = "2026-10-31"
HISTORY_DAYS = 3 * 365
TRUTH_SCHEMA = pa.schema(
    [
        ("source_name", pa.string()),
        ("record_id", pa.string()),
        ("person_id", pa.string()),
        ("is_shared", pa.bool_()),
    ]
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="cdp-generate",
        description="Generate realistic raw CDP sources (Parquet) with a ground truth.",
    )
    parser.add_argument("--people", type=int, help="number of true people (new batch)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument(
        "--noise", default="default", help="low | default | high | a multiplier (default 1)"
    )
    parser.add_argument(
        "--as-of",
        help=f"last day of data, YYYY-MM-DD (default {DEFAULT_AS_OF}; increments: 30 days later)",
    )
    parser.add_argument("--out", required=True, type=Path, help="output folder")
    parser.add_argument(
        "--chunk-size", type=int, default=25_000, help="people per chunk and Parquet part"
    )
    parser.add_argument(
        "--workers", type=int, default=min(2, os.cpu_count() or 1), help="worker processes"
    )
    parser.add_argument("--increment-of", type=Path, help="folder of the batch to extend")
    parser.add_argument(
        "--fraction",
        type=float,
        default=0.01,
        help="increment size: new people and returning people, as a share of existing people",
    )
    parser.add_argument("--force", action="store_true", help="overwrite a non-empty --out")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--log-level", default="INFO")
    args = parser.parse_args(argv)
    if args.increment_of is None and not args.people:
        parser.error("--people is required (or --increment-of for an increment)")
    if args.people is not None and args.people < 1:
        parser.error("--people must be at least 1")
    if args.chunk_size < 1:
        parser.error("--chunk-size must be at least 1")
    if not 0 < args.fraction <= 1:
        parser.error("--fraction must be in (0, 1]")
    try:
        args.noise_level = parse_noise(args.noise)
    except ValueError:
        parser.error(f"--noise: expected low, default, high or a number, got {args.noise!r}")
    return args


def day_end_us(text: str) -> int:
    day = date.fromisoformat(text)
    return to_us(datetime(day.year, day.month, day.day) + timedelta(days=1)) - 1


def plan_batch(args: argparse.Namespace) -> tuple[list[ChunkTask], dict]:
    hi = day_end_us(args.as_of or DEFAULT_AS_OF)
    start = hi - HISTORY_DAYS * 86_400_000_000
    tasks = []
    chunks = []
    for k in range(math.ceil(args.people / args.chunk_size)):
        first = k * args.chunk_size
        n = min(args.chunk_size, args.people - first)
        chunks.append({"first_global": first, "people": n, "start_us": start, "end_us": hi})
        tasks.append(
            ChunkTask(
                seed=args.seed,
                noise=args.noise_level,
                id_chunk=k,
                first_global=first,
                people=n,
                people_start_us=start,
                people_end_us=hi,
                lo_us=start - 1,
                hi_us=hi,
                history_start_us=start,
                with_globals=k == 0,
                min_erasures=2 if k == 0 else 0,
            )
        )
    world = {
        "seed": args.seed,
        "noise": args.noise_level,
        "chunk_size": args.chunk_size,
        "history_start_us": start,
        "as_of_us": hi,
        "people_chunks": chunks,
        "total_people": args.people,
        "next_id_chunk": len(tasks),
    }
    return tasks, world


def plan_increment(args: argparse.Namespace) -> tuple[list[ChunkTask], dict]:
    manifest_path = args.increment_of / "manifest.json"
    if not manifest_path.is_file():
        raise SystemExit(f"cdp-generate: no manifest.json in {args.increment_of}")
    base = json.loads(manifest_path.read_text())["world"]
    lo = base["as_of_us"]
    hi = day_end_us(args.as_of) if args.as_of else lo + 30 * 86400000000
    if hi <= lo:
        raise SystemExit(f"cdp-generate: --as-of must be after {from_us(lo):%Y-%m-%d}")
    seed, noise, size = base["seed"], base["noise"], base["chunk_size"]
    next_chunk = base["next_id_chunk"]
    tasks = []
    for chunk in base["people_chunks"]:
        tasks.append(
            ChunkTask(
                seed=seed,
                noise=noise,
                id_chunk=next_chunk,
                first_global=chunk["first_global"],
                people=chunk["people"],
                people_start_us=chunk["start_us"],
                people_end_us=chunk["end_us"],
                lo_us=lo,
                hi_us=hi,
                mode="existing",
                fraction=args.fraction,
                history_start_us=base["history_start_us"],
            )
        )
        next_chunk += 1
    new_people = max(1, round(args.fraction * base["total_people"]))
    chunks = list(base["people_chunks"])
    first = base["total_people"]
    while new_people > 0:
        n = min(size, new_people)
        chunks.append({"first_global": first, "people": n, "start_us": lo, "end_us": hi})
        tasks.append(
            ChunkTask(
                seed=seed,
                noise=noise,
                id_chunk=next_chunk,
                first_global=first,
                people=n,
                people_start_us=lo,
                people_end_us=hi,
                lo_us=lo,
                hi_us=hi,
                history_start_us=base["history_start_us"],
            )
        )
        next_chunk += 1
        first += n
        new_people -= n
    world = {
        **base,
        "as_of_us": hi,
        "people_chunks": chunks,
        "total_people": first,
        "next_id_chunk": next_chunk,
    }
    return tasks, world


def run_task(task: ChunkTask, out: str, root: str) -> dict:
    """Generate one chunk and write its Parquet parts; return counts only."""
    contracts = load_sources(Path(root))
    result = ChunkGenerator(task, contracts).run()
    part = f"part-{task.id_chunk:05d}.parquet"
    counts = {}
    for (source, name), table in result.tables.items():
        folder = Path(out) / source / name
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, folder / part, compression="zstd")
        counts[f"{source}.{name}"] = table.num_rows
    folder = Path(out) / "ground_truth"
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(result.truth.cast(TRUTH_SCHEMA), folder / part, compression="zstd")
    return {
        "rows": counts,
        "truth": result.truth.num_rows,
        "noise": result.noise_counts,
        "people": result.people,
    }


def prepare_out(out: Path, force: bool) -> None:
    if out.exists() and any(out.iterdir()):
        if not (out / "manifest.json").is_file() and not force:
            raise SystemExit(
                f"cdp-generate: {out} is not empty and holds no earlier output; use --force"
            )
        for child in out.iterdir():
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
    out.mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    started = time.perf_counter()
    root = project_dir()
    contracts = load_sources(root)
    tasks, world = plan_increment(args) if args.increment_of else plan_batch(args)
    prepare_out(args.out, args.force)
    kind = "increment" if args.increment_of else "batch"
    log.info(
        "generating (%s) %d chunks, seed %d, noise %.2f, up to %s, into %s",
        kind,
        len(tasks),
        world["seed"],
        world["noise"],
        f"{from_us(world['as_of_us']):%Y-%m-%d}",
        args.out,
    )
    rows: Counter[str] = Counter()
    noise: Counter[str] = Counter()
    truth = people = 0
    bar = tqdm(total=len(tasks), unit="chunk", disable=args.no_progress, desc="cdp-generate")
    workers = max(1, min(args.workers, len(tasks)))
    outputs: list[dict]
    if workers == 1:
        outputs = []
        for task in tasks:
            outputs.append(run_task(task, str(args.out), str(root)))
            bar.update()
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(run_task, task, str(args.out), str(root)) for task in tasks]
            outputs = []
            for future in futures:
                outputs.append(future.result())
                bar.update()
    bar.close()
    for output in outputs:
        rows.update(output["rows"])
        noise.update(output["noise"])
        truth += output["truth"]
        people += output["people"]
    # every declared table gets a folder, empty ones a schema-only part
    for source, tables in contracts.items():
        for name, table in tables.items():
            key = f"{source}.{name}"
            rows.setdefault(key, 0)
            folder = args.out / source / name
            if not folder.is_dir() or not any(folder.glob("*.parquet")):
                folder.mkdir(parents=True, exist_ok=True)
                empty = pa.Table.from_batches([], schema=table.arrow_schema())
                pq.write_table(empty, folder / f"part-{tasks[0].id_chunk:05d}.parquet")
    seconds = time.perf_counter() - started
    manifest = {
        "generator": "cdp-generate",
        "generator_version": GENERATOR_VERSION,
        "kind": kind,
        "arguments": {
            "people": args.people,
            "seed": world["seed"],
            "noise": args.noise,
            "noise_level": world["noise"],
            "as_of": f"{from_us(world['as_of_us']):%Y-%m-%d}",
            "chunk_size": world["chunk_size"],
            "increment_of": str(args.increment_of) if args.increment_of else None,
            "fraction": args.fraction if args.increment_of else None,
        },
        "window": {
            "from": from_us(tasks[0].lo_us + 1).isoformat(),
            "to": from_us(tasks[0].hi_us).isoformat(),
        },
        "new_people": people,
        "row_counts": dict(sorted(rows.items())),
        "ground_truth_rows": truth,
        "noise_counts": dict(sorted(noise.items())),
        "seconds": round(seconds, 2),
        "world": world,
        "tasks": [asdict(task) for task in tasks] if len(tasks) <= 50 else len(tasks),
    }
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    total = sum(rows.values())
    log.info("wrote %d rows in %d tables and %d ground-truth rows", total, len(rows), truth)
    print(
        f"cdp-generate: {people} new people, {total} rows, {truth} ground-truth rows, "
        f"{seconds:.1f} s -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
