"""Braze: user attributes and audience membership through ``POST /users/track``.

At most 75 attribute objects per request (the documented batching limit), each
``{"external_id": <key>, <attribute>: <value>, ..., "<audience_attribute>": {"add": [name]}}``;
a removal sends ``{"remove": [name]}`` for that array attribute with
``_update_existing_only: true``, so nobody is created by a removal. Braze answers 201 with
``{"message": "success", "errors": [{"type", "input_array", "index"}]}`` for rows it
skipped: those rows are logged and retried. A fatal error (a 4xx with another message) refuses
the batch. Auth: ``Authorization: Bearer <REST API key>``. Braze rate-limits /users/track per
workspace and answers 429 with ``X-RateLimit-Reset`` (Unix seconds), which sets the wait when
no Retry-After is given.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any, ClassVar

import httpx

from cdp.sync.connectors.base import (
    BatchRejected,
    Connector,
    ConnectorSettings,
    DestinationError,
    Outcome,
    Record,
    Removal,
)
from cdp.sync.connectors.values import jsonable
from cdp.sync.http import HttpClient, retry_after_seconds


class BrazeSettings(ConnectorSettings):
    rest_endpoint: str  # e.g. https://rest.iad-01.braze.com
    api_key_env: str = "BRAZE_API_KEY"
    audience_attribute: str = "cdp_audiences"
    audience_name: str | None = None  # default: the sync's name


def braze_wait(response: httpx.Response) -> float | None:
    hint = retry_after_seconds(response)
    if hint is not None:
        return hint
    reset = response.headers.get("x-ratelimit-reset")
    try:
        return max(0.0, float(reset) - time.time()) if reset else None
    except ValueError:
        return None


def _message(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:300]
    return f"{body.get('message')}" + (f" {body.get('errors')}" if body.get("errors") else "")


class BrazeConnector(Connector):
    type_name: ClassVar[str] = "braze"
    Settings = BrazeSettings
    max_batch_size: ClassVar[int] = 75
    secret_envs: ClassVar[tuple[str, ...]] = ("api_key_env",)
    settings: BrazeSettings

    @property
    def audience(self) -> str:
        return self.settings.audience_name or self.context.sync_name

    def _client(self) -> HttpClient:
        if not hasattr(self, "_http"):
            self._http = HttpClient(
                self.context.retry,
                base_url=self.settings.rest_endpoint,
                headers={"Authorization": f"Bearer {self.secret('api_key_env')}"},
                wait_hint=braze_wait,
            )
        return self._http

    def _track(self, attributes: list[dict[str, Any]]) -> dict[str, Any]:
        response = self._client().request("POST", "/users/track", json={"attributes": attributes})
        if response.status_code in (401, 403):
            raise DestinationError(f"Braze refused the API key: {_message(response)}")
        if response.status_code >= 400:
            raise BatchRejected(f"Braze HTTP {response.status_code}: {_message(response)}")
        body = response.json()
        if body.get("message") != "success":
            raise BatchRejected(f"Braze: {_message(response)}")
        return body

    def check(self) -> str:
        response = self._client().request("POST", "/users/track", json={"attributes": []})
        if response.status_code in (401, 403):
            raise DestinationError(f"Braze refused the API key: {_message(response)}")
        return f"{self.settings.rest_endpoint} accepted the API key (HTTP {response.status_code})"

    def send(self, records: Sequence[Record]) -> list[Outcome]:
        attributes = [
            {
                **{name: jsonable(value) for name, value in record.fields.items()},
                "external_id": record.key,
                self.settings.audience_attribute: {"add": [self.audience]},
            }
            for record in records
        ]
        return self._outcomes([r.key for r in records], self._track(attributes))

    def remove(self, removals: Sequence[Removal]) -> list[Outcome]:
        attributes = [
            {
                "external_id": removal.key,
                "_update_existing_only": True,
                self.settings.audience_attribute: {"remove": [self.audience]},
            }
            for removal in removals
        ]
        return self._outcomes([r.key for r in removals], self._track(attributes))

    @staticmethod
    def _outcomes(keys: list[str], body: dict[str, Any]) -> list[Outcome]:
        rejected: dict[int, str] = {}
        for error in body.get("errors") or []:
            index = error.get("index")
            if error.get("input_array", "attributes") == "attributes" and isinstance(index, int):
                rejected[index] = str(error.get("type") or "rejected by Braze")
        return [
            Outcome.rejected(key, rejected[i]) if i in rejected else Outcome.confirmed(key)
            for i, key in enumerate(keys)
        ]
