"""A webhook signed the Standard Webhooks way.

Each batch is one POST with a JSON body::

    {"type": "audience.members.upserted" | "audience.members.removed",
     "timestamp": "...", "data": {"sync": ..., "run_id": ..., "records": [...]}}

and the headers ``webhook-id`` (the same for the same content, so a receiver can drop a
repeat), ``webhook-timestamp`` (Unix seconds) and ``webhook-signature``:
``v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`` keyed with the base64 part of a
``whsec_...`` secret. Every record carries its key and row hash: apply them by key and a
repeat is harmless. A 2xx answer confirms the batch; the receiver may list rows it refused as
``{"rejected": [{"key": ..., "error": ...}]}``. A 400/409/413/422 refuses the whole batch
(the runner splits it to find the bad rows); 401/403/404/410 stop the run.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, ClassVar

import httpx
from pydantic import model_validator

from cdp.sync.connectors.base import (
    BatchRejected,
    Connector,
    ConnectorSettings,
    DestinationError,
    Outcome,
    Record,
    Removal,
    split_outcomes,
)
from cdp.sync.connectors.values import jsonable_fields
from cdp.sync.http import HttpClient

SECRET_PREFIX = "whsec_"


class WebhookSettings(ConnectorSettings):
    url: str | None = None
    url_env: str | None = None
    secret_env: str = "CDP_SYNC_WEBHOOK_SECRET"
    event_prefix: str = "audience.members"

    @model_validator(mode="after")
    def _one_url(self) -> WebhookSettings:
        if bool(self.url) == bool(self.url_env):
            raise ValueError("give exactly one of `url` or `url_env`")
        return self


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The webhook-signature header value for one message."""
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


class WebhookConnector(Connector):
    type_name: ClassVar[str] = "webhook"
    Settings = WebhookSettings
    max_batch_size: ClassVar[int] = 1_000
    secret_envs: ClassVar[tuple[str, ...]] = ("secret_env", "url_env")
    settings: WebhookSettings

    def _url(self) -> str:
        if self.settings.url:
            return self.settings.url
        return self.secret("url_env")

    def _client(self) -> HttpClient:
        if not hasattr(self, "_http"):
            self._secret = self.secret("secret_env")
            try:
                base64.b64decode(self._secret.removeprefix(SECRET_PREFIX), validate=True)
            except ValueError as error:
                raise DestinationError(
                    f"{self.settings.secret_env} is not a whsec_<base64> secret"
                ) from error
            self._http = HttpClient(self.context.retry)
        return self._http

    def check(self) -> str:
        response = self._post("cdp.sync.check", [])
        return f"{self._url()} answered HTTP {response.status_code} to a signed check event"

    def send(self, records: Sequence[Record]) -> list[Outcome]:
        payload = [
            {
                "key": record.key,
                "operation": record.operation,
                "row_hash": record.row_hash,
                "fields": jsonable_fields(record.fields),
            }
            for record in records
        ]
        return self._deliver(f"{self.settings.event_prefix}.upserted", payload)

    def remove(self, removals: Sequence[Removal]) -> list[Outcome]:
        payload = [{"key": removal.key, "reason": removal.reason} for removal in removals]
        return self._deliver(f"{self.settings.event_prefix}.removed", payload)

    def _deliver(self, event_type: str, records: list[dict[str, Any]]) -> list[Outcome]:
        response = self._post(event_type, records)
        keys = [str(record["key"]) for record in records]
        rejected: dict[str, str] = {}
        try:
            answer = response.json() if response.content else {}
        except ValueError:
            answer = {}
        if isinstance(answer, dict):
            for item in answer.get("rejected") or []:
                if isinstance(item, dict) and str(item.get("key")) in keys:
                    rejected[str(item["key"])] = str(item.get("error") or "rejected by receiver")
        return split_outcomes(keys, rejected)

    def _post(self, event_type: str, records: list[dict[str, Any]]) -> httpx.Response:
        client = self._client()
        body = json.dumps(
            {
                "type": event_type,
                "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
                "data": {
                    "sync": self.context.sync_name,
                    "run_id": self.context.run_id,
                    "records": records,
                },
            },
            separators=(",", ":"),
        ).encode()
        content_id = hashlib.sha256(
            json.dumps([event_type, self.context.sync_name, records], sort_keys=True).encode()
        ).hexdigest()[:32]
        message_id = f"msg_{content_id}"

        def headers() -> dict[str, str]:
            timestamp = int(time.time())
            return {
                "webhook-id": message_id,
                "webhook-timestamp": str(timestamp),
                "webhook-signature": sign(self._secret, message_id, timestamp, body),
            }

        response = client.request(
            "POST",
            self._url(),
            content=body,
            headers={"content-type": "application/json"},
            fresh_headers=headers,
        )
        if response.status_code in (401, 403, 404, 410):
            raise DestinationError(
                f"webhook answered HTTP {response.status_code}: {response.text[:300]}"
            )
        if response.status_code >= 400:
            raise BatchRejected(f"HTTP {response.status_code}: {response.text[:500]}")
        return response


def generate_secret() -> str:
    """A fresh whsec_ secret (24 random bytes)."""
    return SECRET_PREFIX + base64.b64encode(os.urandom(24)).decode()
