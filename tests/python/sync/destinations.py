"""Per API destination: its fake, a sync pointed at it, what membership looks like."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pytest

from cdp.sync.connectors.webhook import generate_secret

from .conftest import EXPORT
from .fakes import BrazeFake, FakeAPI, HubSpotFake, MailchimpFake, MetaFake, WebhookFake


def email_of(key: str) -> str:
    return f"person{int(key[1:])}@example.com"


def phone_of(key: str) -> str:
    return f"+3361{int(key[1:]):07d}"


def sha(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass
class Harness:
    name: str
    fake: FakeAPI
    sync: dict[str, Any]
    members: Callable[[], set]
    expected: Callable[[Iterable[str]], set]
    limit: int
    refuse: Callable[[str], None]  # make the destination refuse one row (by key)
    accept: Callable[[str], None]  # and accept it again


def meta(monkeypatch: pytest.MonkeyPatch) -> Harness:
    monkeypatch.setenv("TEST_META_TOKEN", "meta-token")
    fake = MetaFake("meta-token").start()
    sync = {
        "name": "to_meta",
        "export": EXPORT,
        "fields": {"email": "email", "phone": "phone"},
        "destination": {
            "type": "meta_custom_audience",
            "audience_id": "2385",
            "access_token_env": "TEST_META_TOKEN",
            "base_url": fake.url,
        },
    }

    def expected(keys: Iterable[str]) -> set:
        return {(sha(email_of(k)), sha(phone_of(k).lstrip("+"))) for k in keys}

    return Harness(
        "meta", fake, sync, fake.members, expected, MetaFake.LIMIT, _no_refuse, _no_refuse
    )


def mailchimp(monkeypatch: pytest.MonkeyPatch) -> Harness:
    monkeypatch.setenv("TEST_MAILCHIMP_KEY", "0123abcd-us21")
    fake = MailchimpFake("0123abcd-us21").start()
    sync = {
        "name": "to_mailchimp",
        "export": EXPORT,
        "fields": {"email_address": "email", "FNAME": "first_name"},
        "destination": {
            "type": "mailchimp",
            "list_id": "a1b2c3",
            "segment_id": 77,
            "api_key_env": "TEST_MAILCHIMP_KEY",
            "base_url": f"{fake.url}/3.0",
        },
    }
    return Harness(
        "mailchimp",
        fake,
        sync,
        fake.members,
        lambda keys: {email_of(k) for k in keys},
        MailchimpFake.LIMIT,
        lambda k: fake.refuse.__setitem__(email_of(k), "Member In Compliance State"),
        lambda k: fake.refuse.pop(email_of(k), None),
    )


def hubspot(monkeypatch: pytest.MonkeyPatch) -> Harness:
    monkeypatch.setenv("TEST_HUBSPOT_TOKEN", "pat-eu1-test")
    fake = HubSpotFake("pat-eu1-test").start()
    sync = {
        "name": "to_hubspot",
        "export": EXPORT,
        "fields": {"email": "email", "firstname": "first_name"},
        "destination": {
            "type": "hubspot",
            "list_id": "123",
            "access_token_env": "TEST_HUBSPOT_TOKEN",
            "base_url": fake.url,
        },
    }
    return Harness(
        "hubspot",
        fake,
        sync,
        fake.members,
        lambda keys: {email_of(k) for k in keys},
        HubSpotFake.LIMIT,
        lambda k: fake.invalid_emails.add(email_of(k)),
        lambda k: fake.invalid_emails.discard(email_of(k)),
    )


def braze(monkeypatch: pytest.MonkeyPatch) -> Harness:
    monkeypatch.setenv("TEST_BRAZE_KEY", "braze-key")
    fake = BrazeFake("braze-key").start()
    sync = {
        "name": "to_braze",
        "export": EXPORT,
        "fields": {"email": "email", "first_name": "first_name"},
        "destination": {
            "type": "braze",
            "rest_endpoint": fake.url,
            "api_key_env": "TEST_BRAZE_KEY",
        },
    }
    return Harness(
        "braze",
        fake,
        sync,
        lambda: fake.members("to_braze"),
        set,
        BrazeFake.LIMIT,
        fake.bad_ids.add,
        fake.bad_ids.discard,
    )


def webhook(monkeypatch: pytest.MonkeyPatch) -> Harness:
    secret = generate_secret()
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", secret)
    fake = WebhookFake(secret).start()
    sync = {
        "name": "to_webhook",
        "export": EXPORT,
        "batch_size": 40,
        "destination": {
            "type": "webhook",
            "url": f"{fake.url}/hook",
            "secret_env": "TEST_WEBHOOK_SECRET",
        },
    }
    return Harness(
        "webhook", fake, sync, fake.members, set, 40, fake.refuse.add, fake.refuse.discard
    )


def _no_refuse(key: str) -> None:
    raise NotImplementedError


HARNESSES = {
    "meta": meta,
    "mailchimp": mailchimp,
    "hubspot": hubspot,
    "braze": braze,
    "webhook": webhook,
}
