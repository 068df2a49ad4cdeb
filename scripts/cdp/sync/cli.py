"""cdp-sync: deliver activation exports to their destinations.

    cdp-sync validate                       check syncs.yml (and the exports it names)
    cdp-sync check vip_file                 can we reach the destination with these secrets?
    cdp-sync plan vip_file                  dry run: adds, updates, removes with samples
    cdp-sync run vip_file                   deliver one sync (or several, or --all)
    cdp-sync run --all --after-dbt target/run_results.json
    cdp-sync status                         the last runs of every sync
    cdp-sync reset vip_file --yes           forget what was delivered (next run sends all)

Warehouse settings as dbt's: CDP_TARGET, CDP_DUCKDB_PATH, CDP_SCHEMA, PG*. Exit codes: 0 ok,
1 some rows rejected (retried next run), 2 configuration or export error, 3 stopped by a
guard (rerun with --force if the plan is right), 4 destination or warehouse failure (rerun
later; nothing is lost), 5 the dbt build named by --after-dbt did not succeed.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cdp.sync import state as st
from cdp.sync.config import (
    DEFAULT_CONFIG,
    ConfigError,
    ResolvedSync,
    SyncFile,
    load_config,
    schema_base,
    select_syncs,
)
from cdp.sync.connectors import DestinationError, connector_class, parse_settings
from cdp.sync.engine import (
    EXIT_CONFIG,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_SKIPPED,
    Runner,
    RunSummary,
    make_connector,
    plan_only,
)
from cdp.sync.http import DestinationUnavailable
from cdp.sync.plan import Plan, PlanError, export_columns
from cdp.sync.warehouse import Warehouse, WarehouseError, WarehouseSettings

log = logging.getLogger("cdp.sync")

OK_DBT_STATUSES = {"success", "pass", "warn", "skipped_by_selector"}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config",
        type=Path,
        default=Path(os.environ.get("CDP_SYNC_CONFIG", DEFAULT_CONFIG)),
        help="the sync file (default $CDP_SYNC_CONFIG or syncs.yml)",
    )
    common.add_argument(
        "--target", choices=["duckdb", "postgres"], help="default $CDP_TARGET or duckdb"
    )
    common.add_argument(
        "--duckdb-path", type=Path, help="default $CDP_DUCKDB_PATH or warehouse/cdp.duckdb"
    )
    common.add_argument("-v", "--verbose", action="store_true", help="log retries and details")

    parser = argparse.ArgumentParser(
        prog="cdp-sync",
        description="Reverse ETL: deliver activation exports to files, webhooks, databases and "
        "marketing tools, incrementally and safely.",
        epilog=__doc__.split("\n\n", 1)[1] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", parents=[common], help="check the sync file")
    validate.add_argument(
        "--no-warehouse", action="store_true", help="do not check the exports in the warehouse"
    )

    check = commands.add_parser("check", parents=[common], help="test destination connections")
    check.add_argument("syncs", nargs="*", metavar="SYNC", help="default: every enabled sync")

    plan = commands.add_parser("plan", parents=[common], help="dry run: what a run would do")
    plan.add_argument("syncs", nargs="*", metavar="SYNC", help="default: every enabled sync")
    plan.add_argument("--samples", type=int, default=5, help="sample rows per operation")

    run = commands.add_parser("run", parents=[common], help="deliver")
    run.add_argument("syncs", nargs="*", metavar="SYNC")
    run.add_argument("--all", action="store_true", help="run every enabled sync")
    run.add_argument(
        "--force", action="store_true", help="allow a share of removals above max_removal_share"
    )
    run.add_argument(
        "--after-dbt",
        type=Path,
        metavar="RUN_RESULTS",
        help="only run if this dbt run_results.json reports a successful build",
    )
    run.add_argument("--no-progress", action="store_true", help="no progress bar")

    status = commands.add_parser("status", parents=[common], help="last runs and delivered rows")
    status.add_argument("syncs", nargs="*", metavar="SYNC")
    status.add_argument("--limit", type=int, default=3, help="runs per sync")

    reset = commands.add_parser("reset", parents=[common], help="forget a sync's delivery state")
    reset.add_argument("syncs", nargs="+", metavar="SYNC")
    reset.add_argument("--yes", action="store_true", help="confirm")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        parsed = load_config(args.config)
        handler = {
            "validate": cmd_validate,
            "check": cmd_check,
            "plan": cmd_plan,
            "run": cmd_run,
            "status": cmd_status,
            "reset": cmd_reset,
        }[args.command]
        return handler(args, parsed)
    except ConfigError as error:
        print(f"cdp-sync: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except WarehouseError as error:
        print(f"cdp-sync: warehouse: {error}", file=sys.stderr)
        return EXIT_FAILED


def _warehouse(args: argparse.Namespace) -> Warehouse:
    return Warehouse(WarehouseSettings.from_env(args.target, args.duckdb_path))


def _resolve(parsed: SyncFile, names: Sequence[str]) -> list[ResolvedSync]:
    return [
        ResolvedSync(sync, parsed.defaults, schema_base())
        for sync in select_syncs(parsed, list(names))
    ]


# ---------- validate


def cmd_validate(args: argparse.Namespace, parsed: SyncFile) -> int:
    syncs = [ResolvedSync(sync, parsed.defaults, schema_base()) for sync in parsed.syncs]
    problems = 0
    warehouse = None if args.no_warehouse else _warehouse(args)
    try:
        for sync in syncs:
            cls = connector_class(sync.config.destination.type)
            notes = []
            missing = cls.missing_secrets(parse_settings(sync.config))
            if missing:
                notes.append(f"environment variable(s) not set: {', '.join(missing)}")
            if warehouse is not None:
                try:
                    export_columns(warehouse, sync)
                except PlanError as error:
                    notes.append(str(error))
                    problems += 1
            state = "disabled" if not sync.config.enabled else sync.mode.value
            print(f"{sync.name}: {sync.export_relation} -> {cls.type_name} ({state})")
            for note in notes:
                print(f"  ! {note}")
    finally:
        if warehouse is not None:
            warehouse.close()
    print(f"{args.config}: {len(syncs)} sync(s), {problems} problem(s)")
    return EXIT_CONFIG if problems else EXIT_OK


# ---------- check


def cmd_check(args: argparse.Namespace, parsed: SyncFile) -> int:
    code = EXIT_OK
    for sync in _resolve(parsed, args.syncs):
        connector = make_connector(sync)
        try:
            print(f"{sync.name}: ok: {connector.check()}")
        except (DestinationError, DestinationUnavailable) as error:
            print(f"{sync.name}: FAILED: {error}")
            code = EXIT_FAILED
        finally:
            connector.close()
    return code


# ---------- plan


def cmd_plan(args: argparse.Namespace, parsed: SyncFile) -> int:
    code = EXIT_OK
    with _warehouse(args) as warehouse:
        for sync in _resolve(parsed, args.syncs):
            try:
                plan = plan_only(warehouse, sync, args.samples)
            except PlanError as error:
                print(f"{sync.name}: cannot plan: {error}")
                code = EXIT_CONFIG
                continue
            print(format_plan(sync, plan))
    return code


def format_plan(sync: ResolvedSync, plan: Plan) -> str:
    counts = plan.counts
    lines = [
        f"== {sync.name}: {sync.export_relation} -> {sync.config.destination.type} "
        f"({sync.mode.value})",
        f"   export rows {counts['export_rows']:,} (skipped: {counts['skipped_consent']:,} without "
        f"consent, {counts['skipped_invalid']:,} without key); delivered before "
        f"{plan.delivered_before:,}",
        f"   plan: {counts['add']:,} add, {counts['update']:,} update, {counts['remove']:,} remove"
        f" ({counts['retry']:,} retrying earlier failures)",
    ]
    if plan.removal_reasons:
        reasons = ", ".join(
            f"{reason} {rows:,}" for reason, rows in sorted(plan.removal_reasons.items())
        )
        lines.append(
            f"   removals by reason: {reasons}; {plan.removal_share:.0%} of delivered "
            f"(limit {sync.max_removal_share:.0%})"
        )
    for operation, samples in plan.samples.items():
        for sample in samples:
            lines.append(f"   {operation:<6} {_mask(sample)}")
    return "\n".join(lines)


def _mask(sample: dict[str, Any]) -> str:
    parts = []
    for name, value in sample.items():
        text = "" if value is None else str(value)
        if "@" in text:
            local, _, domain = text.partition("@")
            text = f"{local[:1]}***@{domain}"
        elif "phone" in name and len(text) > 4:
            text = "*" * (len(text) - 4) + text[-4:]
        parts.append(f"{name}={text}")
    return " ".join(parts)


# ---------- run


def dbt_build_problem(run_results: Path, exports: set[str]) -> str | None:
    """Why the build in run_results.json is not good enough to sync after, or None."""
    try:
        results = json.loads(run_results.read_text())
    except FileNotFoundError:
        return f"{run_results} does not exist (did dbt build run?)"
    except ValueError as error:
        return f"{run_results} is not JSON: {error}"
    failed = [
        f"{item.get('unique_id')} ({item.get('status')})"
        for item in results.get("results", [])
        if str(item.get("status")) not in OK_DBT_STATUSES
    ]
    if failed:
        return f"dbt reported {len(failed)} problem(s): {', '.join(failed[:5])}"
    built = {
        str(item.get("unique_id", "")).rsplit(".", 1)[-1]
        for item in results.get("results", [])
        if str(item.get("unique_id", "")).startswith("model.")
    }
    if built and exports and not exports & built:
        return "the dbt run built none of the exports these syncs read"
    return None


def cmd_run(args: argparse.Namespace, parsed: SyncFile) -> int:
    if not args.syncs and not args.all:
        raise ConfigError("name the sync(s) to run, or pass --all")
    syncs = _resolve(parsed, args.syncs)
    if args.after_dbt:
        problem = dbt_build_problem(args.after_dbt, {s.config.export.split(".")[-1] for s in syncs})
        if problem:
            print(f"cdp-sync: not syncing: {problem}", file=sys.stderr)
            return EXIT_SKIPPED
    code = EXIT_OK
    with _warehouse(args) as warehouse:
        for sync in syncs:
            runner = Runner(
                warehouse,
                sync,
                force=args.force,
                progress=not args.no_progress and sys.stderr.isatty(),
            )
            summary = runner.run()
            print(format_summary(summary))
            code = max(code, summary.exit_code)
    return code


def format_summary(summary: RunSummary) -> str:
    lines = [
        f"== {summary.sync_name} -> {summary.destination_type} ({summary.mode}): "
        f"{summary.status.upper()} in {summary.seconds:.1f}s   run {summary.run_id or '-'}"
    ]
    plan = summary.plan
    if plan is not None:
        counts = plan.counts
        lines.append(
            f"   planned    {counts['add']:,} add  {counts['update']:,} update  "
            f"{counts['remove']:,} remove  ({counts['retry']:,} retries)"
        )
        lines.append(
            f"   delivered  {summary.added:,} added  {summary.updated:,} updated  "
            f"{summary.removed:,} removed  {summary.failed:,} failed  "
            f"{counts['skipped_consent']:,} skipped by consent"
        )
        lines.append(f"   batches    {summary.batches:,}   http retries {summary.http_retries:,}")
    for key, message in summary.errors:
        lines.append(f"   rejected   {key}: {message[:160]}")
    for note in summary.notes:
        lines.append(f"   note       {note}")
    if summary.message:
        lines.append(f"   {summary.message}")
    return "\n".join(lines)


# ---------- status


def cmd_status(args: argparse.Namespace, parsed: SyncFile) -> int:
    syncs = _resolve(parsed, args.syncs)
    with _warehouse(args) as warehouse:
        st.ensure_tables(warehouse)
        runs = st.recent_runs(warehouse, [s.name for s in syncs], args.limit)
        for sync in syncs:
            store = st.StateStore(warehouse, sync.name)
            print(
                f"== {sync.name} -> {sync.config.destination.type} ({sync.mode.value}"
                f"{', schedule ' + sync.config.schedule if sync.config.schedule else ''}): "
                f"{store.delivered_count():,} delivered, {store.open_error_count():,} failing"
            )
            mine = [run for run in runs if run[0] == sync.name]
            if not mine:
                print("   never run")
            for (
                _,
                run_id,
                status,
                started,
                _finished,
                added,
                updated,
                removed,
                failed,
                skipped,
                message,
            ) in mine:
                print(
                    f"   {started}  {status:<11} +{added or 0} ~{updated or 0} -{removed or 0} "
                    f"!{failed or 0} (consent skipped {skipped or 0})  {run_id}"
                    + (f"  {message}" if message else "")
                )
    return EXIT_OK


# ---------- reset


def cmd_reset(args: argparse.Namespace, parsed: SyncFile) -> int:
    syncs = _resolve(parsed, args.syncs)
    if not args.yes:
        print(
            "cdp-sync: reset forgets what was delivered: the next run sends every row again and "
            "cannot remove rows delivered before. Pass --yes to confirm.",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    with _warehouse(args) as warehouse:
        st.ensure_tables(warehouse)
        for sync in syncs:
            state, errors = st.StateStore(warehouse, sync.name).reset()
            print(f"{sync.name}: forgot {state:,} delivered row(s) and {errors:,} open error(s)")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
