"""Every API destination against a local fake that enforces its contract."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from urllib.parse import parse_qs

import pytest

from cdp.sync import state as st
from cdp.sync.engine import EXIT_FAILED
from cdp.sync.warehouse import Warehouse

from .conftest import EXPORT, change_rows, delete_rows, key, make_export, run, state_keys
from .destinations import HARNESSES, Harness, email_of, sha

API = ["meta", "mailchimp", "hubspot", "braze", "webhook"]
REFUSING = ["mailchimp", "hubspot", "braze", "webhook"]


@pytest.fixture
def harness(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Harness]:
    made = HARNESSES[request.param](monkeypatch)
    yield made
    made.fake.stop()


def _errors(warehouse: Warehouse, sync: str) -> list[tuple]:
    return [
        tuple(row)
        for row in warehouse.fetchall(
            "select record_key, error_message, resolved_run_id from cdp_sync.sync_row_errors "
            "where sync_name = ? order by failed_at",
            [sync],
        )
    ]


@pytest.mark.parametrize("harness", API, indirect=True)
def test_batches_within_limits_and_mirror_the_audience(
    duckdb_warehouse: Warehouse, harness: Harness
):
    size = harness.limit + 7 if harness.limit < 1000 else 120
    make_export(duckdb_warehouse, size)
    summary = run(duckdb_warehouse, harness.sync)
    assert summary.status == st.SUCCESS, summary.message
    assert summary.added == size
    writes = harness.fake.writes()
    assert writes and max(r.size for r in writes) <= harness.limit
    everyone = [key(i) for i in range(1, size + 1)]
    assert harness.members() == harness.expected(everyone)

    delete_rows(duckdb_warehouse, [key(1), key(2)])
    change_rows(duckdb_warehouse, [key(3)])
    second = run(duckdb_warehouse, harness.sync)
    assert (second.removed, second.updated, second.failed) == (2, 1, 0)
    assert harness.members() == harness.expected(everyone[2:])
    assert state_keys(duckdb_warehouse, harness.sync["name"]) == set(everyone[2:])

    before = len(harness.fake.requests)
    third = run(duckdb_warehouse, harness.sync)
    assert third.plan.total == 0 and len(harness.fake.requests) == before


@pytest.mark.parametrize("harness", REFUSING, indirect=True)
def test_a_refused_row_is_logged_and_retried_next_run(
    duckdb_warehouse: Warehouse, harness: Harness
):
    make_export(duckdb_warehouse, 60)
    harness.refuse(key(7))
    first = run(duckdb_warehouse, harness.sync)
    assert first.status == st.PARTIAL and first.exit_code == 1
    assert (first.added, first.failed) == (59, 1)
    [(record_key, message, resolved)] = _errors(duckdb_warehouse, harness.sync["name"])
    assert record_key == key(7) and message and resolved is None
    everyone = {key(i) for i in range(1, 61)}
    assert harness.members() == harness.expected(everyone - {key(7)})

    harness.accept(key(7))
    second = run(duckdb_warehouse, harness.sync)
    assert second.plan.counts["retry"] == 1 and second.added == 1 and second.status == st.SUCCESS
    assert _errors(duckdb_warehouse, harness.sync["name"])[0][2] == second.run_id
    assert harness.members() == harness.expected(everyone)


@pytest.mark.parametrize("harness", ["hubspot", "webhook"], indirect=True)
def test_a_refused_batch_is_split_to_isolate_the_bad_row(
    duckdb_warehouse: Warehouse, harness: Harness
):
    make_export(duckdb_warehouse, 40)
    harness.sync["batch_size"] = 40
    harness.refuse(key(13))
    summary = run(duckdb_warehouse, harness.sync)
    assert (summary.added, summary.failed) == (39, 1)
    refused = [r for r in harness.fake.requests if r.status >= 400]
    assert len(refused) <= 7  # halving 40 rows down to one: one refusal per level


@pytest.mark.parametrize("harness", API, indirect=True)
def test_429_with_retry_after_and_5xx_are_retried(duckdb_warehouse: Warehouse, harness: Harness):
    make_export(duckdb_warehouse, 10)
    harness.fake.fail_next(503, {"message": "unavailable"})
    harness.fake.fail_next(429, {"message": "slow down"}, {"Retry-After": "1"})
    summary = run(duckdb_warehouse, harness.sync)
    assert summary.status == st.SUCCESS and summary.http_retries == 2
    writes = [r for r in harness.fake.requests if r.method != "GET"]
    assert [r.status for r in writes[:3]][:2] == [503, 429]
    assert writes[2].at - writes[1].at >= 0.95  # waited as Retry-After said
    assert harness.members() == harness.expected(key(i) for i in range(1, 11))


@pytest.mark.parametrize("harness", API, indirect=True)
def test_exhausted_retries_stop_the_run_and_keep_what_was_confirmed(
    duckdb_warehouse: Warehouse, harness: Harness
):
    make_export(duckdb_warehouse, 30)
    harness.sync["batch_size"] = 10
    calls_per_batch = 2 if harness.name in ("mailchimp", "hubspot") else 1
    original = harness.fake.after_apply
    applied = []

    def break_after_first_batch(fake):
        applied.append(1)
        if len(applied) == calls_per_batch:
            fake.fail_next(500, {"message": "boom"}, times=50)

    harness.fake.after_apply = break_after_first_batch
    summary = run(duckdb_warehouse, harness.sync)
    assert summary.status == st.FAILED and summary.exit_code == EXIT_FAILED
    assert "DestinationUnavailable" in summary.message
    assert state_keys(duckdb_warehouse, harness.sync["name"]) == {key(i) for i in range(1, 11)}

    harness.fake.faults.clear()
    harness.fake.after_apply = original
    rerun = run(duckdb_warehouse, harness.sync)
    assert rerun.status == st.SUCCESS and rerun.added == 20
    assert harness.members() == harness.expected(key(i) for i in range(1, 31))


@pytest.mark.parametrize("harness", API, indirect=True)
def test_bad_credentials_stop_the_run(duckdb_warehouse: Warehouse, harness: Harness, monkeypatch):
    make_export(duckdb_warehouse, 5)
    env = next(v for k, v in harness.sync["destination"].items() if k.endswith("_env"))
    monkeypatch.setenv(
        env, "whsec_" + base64.b64encode(b"wrong").decode() if "SECRET" in env else "x-us1"
    )
    summary = run(duckdb_warehouse, harness.sync)
    assert summary.status == st.FAILED and "DestinationError" in summary.message
    assert state_keys(duckdb_warehouse, harness.sync["name"]) == set()


@pytest.mark.parametrize("harness", ["meta"], indirect=True)
def test_meta_hashes_normalized_identifiers_and_removes_by_stored_hashes(
    duckdb_warehouse: Warehouse, harness: Harness
):
    make_export(duckdb_warehouse, 3)
    duckdb_warehouse.execute(
        f"update {EXPORT} set email = '  Person1@Example.COM ', phone = '+33 61-000 0001' "
        "where customer_id = 'c00001'"
    )
    duckdb_warehouse.execute(
        f"update {EXPORT} set email = null, phone = null where customer_id = 'c00003'"
    )
    summary = run(duckdb_warehouse, harness.sync)
    assert (summary.added, summary.failed) == (2, 1)
    assert (sha("person1@example.com"), sha("33610000001")) in harness.members()
    assert summary.errors == [(key(3), "no email or phone to match on")]

    # erased from the warehouse: the export no longer knows the email, the state still does
    delete_rows(duckdb_warehouse, [key(1)])
    run(duckdb_warehouse, harness.sync, force=True)
    assert harness.members() == {(sha(email_of(key(2))), sha("33610000002"))}


@pytest.mark.parametrize("harness", ["meta"], indirect=True)
def test_meta_throttling_error_code_is_retried(duckdb_warehouse: Warehouse, harness: Harness):
    make_export(duckdb_warehouse, 4)
    harness.fake.fail_next(
        400, {"error": {"message": "too many calls", "type": "OAuthException", "code": 80003}}
    )
    summary = run(duckdb_warehouse, harness.sync)
    assert summary.status == st.SUCCESS and summary.http_retries == 1


@pytest.mark.parametrize("harness", ["meta"], indirect=True)
def test_meta_single_identifier_uses_the_sha256_schema(
    duckdb_warehouse: Warehouse, harness: Harness
):
    make_export(duckdb_warehouse, 2)
    harness.sync["fields"] = {"email": "email"}
    run(duckdb_warehouse, harness.sync)
    payload = json.loads(parse_qs(harness.fake.writes()[0].body.decode())["payload"][0])
    assert payload["schema"] == "EMAIL_SHA256"
    assert payload["data"] == [sha(email_of(key(1))), sha(email_of(key(2)))]


@pytest.mark.parametrize("harness", ["braze"], indirect=True)
def test_braze_rate_limit_reset_header_sets_the_wait(duckdb_warehouse: Warehouse, harness: Harness):
    make_export(duckdb_warehouse, 3)
    harness.sync["retry"] = {"max_attempts": 3, "base_seconds": 0.01, "max_seconds": 1}
    harness.fake.fail_next(
        429, {"message": "rate limited"}, {"X-RateLimit-Reset": str(int(time.time()) + 60)}
    )
    summary = run(duckdb_warehouse, harness.sync)
    writes = [r for r in harness.fake.requests if r.method == "POST"]
    assert summary.status == st.SUCCESS and writes[1].at - writes[0].at >= 0.9


@pytest.mark.parametrize("harness", ["webhook"], indirect=True)
def test_webhook_signatures_verify_with_the_standard_webhooks_library(
    duckdb_warehouse: Warehouse, harness: Harness, monkeypatch
):
    import os

    from standardwebhooks.webhooks import Webhook

    make_export(duckdb_warehouse, 5)
    run(duckdb_warehouse, harness.sync)
    verifier = Webhook(os.environ["TEST_WEBHOOK_SECRET"])
    [request] = harness.fake.writes()
    message = verifier.verify(request.body, request.headers)
    assert message["type"] == "audience.members.upserted"
    assert [r["key"] for r in message["data"]["records"]] == [key(i) for i in range(1, 6)]
    assert request.headers["webhook-id"].startswith("msg_")
