"""Meta (Facebook) Custom Audiences: ``POST`` / ``DELETE /{version}/{audience_id}/users``.

As the Marketing API documents it: identifiers are normalized and SHA-256 hashed before
they leave (email trimmed and lower-cased; phone as digits only, country code included, no
leading zeros), at most 10,000 records per request, the access token as ``access_token``
(with ``appsecret_proof`` when an app secret is given). With one identifier the schema is
``EMAIL_SHA256`` or ``PHONE_SHA256`` and ``data`` a list of hashes; with both, the
multi-key schema ``["EMAIL", "PHONE"]`` and one ``[email_hash, phone_hash]`` row per person.

Fields: ``email`` and/or ``phone`` (export columns, e.g. email_normalized). The hashes are
kept in the sync state, so a person is removed by the same hashes later, even after the
warehouse erased them. Meta signals throttling in the error body (codes 4, 17, 32, 613,
80003 ...): those are retried like a 429. Token errors (190) and permission errors stop the
run; an invalid parameter (100) refuses the batch, which the runner splits.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Sequence
from typing import Any, ClassVar

import httpx

from cdp.sync.config import Mode
from cdp.sync.connectors.base import (
    BatchRejected,
    Connector,
    ConnectorSettings,
    DestinationError,
    Outcome,
    Record,
    Removal,
)
from cdp.sync.http import HttpClient

THROTTLING_CODES = frozenset({1, 2, 4, 17, 32, 341, 613, 80003, 80004})
AUTH_CODES = frozenset({10, 102, 190, 200, 294})


def normalize_email(value: str) -> str:
    return value.strip().lower()


def normalize_phone(value: str) -> str:
    return re.sub(r"\D", "", value).lstrip("0")


def sha256_hex(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


class MetaSettings(ConnectorSettings):
    audience_id: str
    access_token_env: str = "META_ACCESS_TOKEN"
    app_secret_env: str | None = None
    api_version: str = "v21.0"
    base_url: str = "https://graph.facebook.com"


def _error(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}


class MetaCustomAudienceConnector(Connector):
    type_name: ClassVar[str] = "meta_custom_audience"
    Settings = MetaSettings
    max_batch_size: ClassVar[int] = 10_000
    modes: ClassVar[frozenset[Mode]] = frozenset({Mode.MIRROR, Mode.UPSERT, Mode.INSERT})
    required_fields: ClassVar[tuple[str, ...]] = ("email", "phone")
    secret_envs: ClassVar[tuple[str, ...]] = ("access_token_env", "app_secret_env")
    settings: MetaSettings

    def _client(self) -> HttpClient:
        if not hasattr(self, "_http"):
            self._token = self.secret("access_token_env")
            self._proof = (
                hmac.new(
                    self.secret("app_secret_env").encode(), self._token.encode(), hashlib.sha256
                ).hexdigest()
                if self.settings.app_secret_env
                else None
            )
            self._http = HttpClient(
                self.context.retry,
                base_url=f"{self.settings.base_url.rstrip('/')}/{self.settings.api_version}",
                is_retryable=lambda response: _error(response).get("code") in THROTTLING_CODES,
            )
        return self._http

    def _auth(self) -> dict[str, str]:
        params = {"access_token": self._token}
        if self._proof:
            params["appsecret_proof"] = self._proof
        return params

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        client = self._client()
        if method == "GET":
            kwargs["params"] = {**kwargs.get("params", {}), **self._auth()}
        else:
            kwargs["data"] = {**kwargs.get("data", {}), **self._auth()}
        response = client.request(method, path, **kwargs)
        if response.is_success:
            return response.json()
        error = _error(response)
        message = error.get("error_user_msg") or error.get("message") or response.text[:300]
        code = error.get("code")
        if response.status_code in (401, 403) or code in AUTH_CODES:
            raise DestinationError(f"Meta refused the token or permission (code {code}): {message}")
        if code == 100 and error.get("error_subcode") == 1713230:
            raise DestinationError(f"audience blocked by Meta: {message}")
        raise BatchRejected(f"Meta error {code}/{error.get('error_subcode')}: {message}")

    def check(self) -> str:
        audience = self._call(
            "GET",
            f"/{self.settings.audience_id}",
            params={"fields": "id,name,approximate_count_lower_bound,operation_status"},
        )
        return (
            f"custom audience {audience.get('name')!r} ({audience.get('id')}), "
            f"about {audience.get('approximate_count_lower_bound', '?')} people"
        )

    def _hashes(self, fields: dict[str, Any]) -> dict[str, str]:
        hashes = {}
        email = fields.get("email")
        if email and normalize_email(str(email)):
            hashes["email_sha256"] = sha256_hex(normalize_email(str(email)))
        phone = fields.get("phone")
        if phone and normalize_phone(str(phone)):
            hashes["phone_sha256"] = sha256_hex(normalize_phone(str(phone)))
        return hashes

    def _payload(self, identities: Sequence[dict[str, str]]) -> dict[str, Any]:
        keys = [
            name for name in ("email", "phone") if any(f"{name}_sha256" in i for i in identities)
        ]
        if len(keys) == 1:
            name = keys[0]
            return {
                "schema": f"{name.upper()}_SHA256",
                "data": [identity[f"{name}_sha256"] for identity in identities],
            }
        return {
            "schema": [name.upper() for name in keys],
            "data": [
                [identity.get(f"{name}_sha256", "") for name in keys] for identity in identities
            ],
        }

    def _users(self, method: str, identities: Sequence[dict[str, str]]) -> dict[str, Any]:
        payload = self._payload(identities)
        return self._call(
            method, f"/{self.settings.audience_id}/users", data={"payload": json.dumps(payload)}
        )

    def send(self, records: Sequence[Record]) -> list[Outcome]:
        outcomes: dict[str, Outcome] = {}
        to_add: list[tuple[str, dict[str, str]]] = []
        stale: list[dict[str, str]] = []
        for record in records:
            hashes = self._hashes(record.fields)
            if not hashes:
                outcomes[record.key] = Outcome.rejected(record.key, "no email or phone to match on")
                continue
            previous = record.previous_ids or {}
            if previous and previous != hashes:
                stale.append(previous)  # the person's identifiers changed: drop the old ones
            to_add.append((record.key, hashes))
        if stale:
            self._users("DELETE", stale)
        if to_add:
            answer = self._users("POST", [hashes for _, hashes in to_add])
            self.invalid_entries = getattr(self, "invalid_entries", 0) + int(
                answer.get("num_invalid_entries") or 0
            )
            for key, hashes in to_add:
                outcomes[key] = Outcome.confirmed(key, hashes)
        return [outcomes[record.key] for record in records]

    def remove(self, removals: Sequence[Removal]) -> list[Outcome]:
        known = [removal for removal in removals if removal.ids]
        if known:
            self._users("DELETE", [removal.ids for removal in known])
        return [Outcome.confirmed(removal.key) for removal in removals]

    def finish(self, delivered_anything: bool) -> str | None:
        invalid = getattr(self, "invalid_entries", 0)
        return f"Meta counted {invalid} invalid entries" if invalid else None
