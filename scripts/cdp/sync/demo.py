"""The sync part of `make demo`: one audience to a file and to a local signed webhook, twice.

    python -m cdp.sync.demo --duckdb-path warehouse/cdp.duckdb

Starts a webhook receiver on 127.0.0.1 (a fresh whsec_ secret), forgets earlier demo state,
runs the demo syncs of syncs.yml, prints each run summary and what the receiver holds, then
runs them again: the second run finds nothing to send. Stops the receiver. When the export
model is not in the warehouse (segments switched off) it says so and exits 0.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from cdp.sync import cli
from cdp.sync import state as st
from cdp.sync.config import ResolvedSync, load_config, schema_base, select_syncs
from cdp.sync.connectors import parse_settings
from cdp.sync.connectors.files import FileSettings
from cdp.sync.connectors.webhook import generate_secret
from cdp.sync.receiver import WebhookReceiver
from cdp.sync.warehouse import Warehouse, WarehouseSettings

DEMO_SYNCS = ("vip_file", "vip_webhook")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--config", type=Path, default=Path("syncs.yml"))
    parser.add_argument("--duckdb-path", type=Path, default=Path("warehouse/cdp.duckdb"))
    parser.add_argument("--syncs", nargs="+", default=list(DEMO_SYNCS))
    args = parser.parse_args(argv)

    parsed = load_config(args.config)
    syncs = [
        ResolvedSync(s, parsed.defaults, schema_base()) for s in select_syncs(parsed, args.syncs)
    ]
    settings = WarehouseSettings(target="duckdb", duckdb_path=args.duckdb_path)
    with Warehouse(settings) as warehouse:
        missing = sorted(
            {
                s.export_relation
                for s in syncs
                if warehouse.relation_columns(s.export_relation) is None
            }
        )
        if missing:
            print(
                f"Sync demo skipped: {', '.join(missing)} not built (the segment exports are "
                "switched on with var cdp_using_segments). Try `cdp-sync plan` once they are."
            )
            return 0
        st.ensure_tables(warehouse)
        for sync in syncs:  # a demo starts from nothing, like the rest of `make demo`
            st.StateStore(warehouse, sync.name).reset()
            destination = parse_settings(sync.config)
            if isinstance(destination, FileSettings):
                shutil.rmtree(destination.path / sync.name, ignore_errors=True)
                (destination.path / f"{sync.name}.{destination.format}").unlink(missing_ok=True)

    secret = generate_secret()
    with WebhookReceiver(secret) as receiver:
        os.environ["CDP_SYNC_WEBHOOK_URL"] = receiver.url
        os.environ["CDP_SYNC_WEBHOOK_SECRET"] = secret
        command = [
            "run",
            *args.syncs,
            "--config",
            str(args.config),
            "--duckdb-path",
            str(args.duckdb_path),
            "--target",
            "duckdb",
            "--no-progress",
        ]
        print(f"== Sync demo: {', '.join(args.syncs)} (webhook receiver at {receiver.url})")
        first = cli.main(command)
        print(
            f"   receiver: {receiver.deliveries} signed message(s), {receiver.records_received} "
            f"record(s), holds {len(receiver.members)} member(s)"
        )
        received = receiver.records_received
        print("== Second run: nothing changed in the export, so nothing is sent")
        second = cli.main(command)
        print(f"   receiver: {receiver.records_received - received} new record(s)")
    return max(first, second)


if __name__ == "__main__":
    sys.exit(main())
