"""Reverse ETL: deliver activation exports to files, webhooks, databases and marketing tools.

dbt decides which rows belong to an audience (models/activation); this package moves them.
Each run diffs the export against what was delivered before (state kept in the warehouse,
schema ``cdp_sync``), sends adds, updates and removes in batches that fit the destination,
and commits state per batch only after the destination confirmed it: at-least-once delivery
with idempotent keys. ``cdp-sync --help`` lists the commands.
"""
