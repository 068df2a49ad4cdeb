"""HubSpot CRM: contacts upserted by email, audience membership in a list.

- ``POST /crm/v3/objects/contacts/batch/upsert`` with at most 100 inputs
  ``{"idProperty": "email", "id": <email>, "properties": {...}}`` (every mapped field is a
  contact property). The answer lists each contact with its ``id``, which the sync state keeps.
  A 207 answer lists failed inputs in ``errors`` (``context.ids``); a 400 refuses the whole
  batch (one bad email does that), which the runner splits to find the row.
- ``PUT /crm/v3/lists/{list_id}/memberships/add-and-remove`` with ``recordIdsToAdd`` /
  ``recordIdsToRemove`` (a MANUAL or SNAPSHOT list): the list holds the audience. Removal
  takes the contact out of the list; the contact itself stays in the CRM.
- Auth: a private app's access token as ``Authorization: Bearer``. 429 (with the
  ``X-HubSpot-RateLimit-*`` headers, sometimes Retry-After) is retried; 401/403 stop the run.
"""

from __future__ import annotations

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
from cdp.sync.http import HttpClient


class HubSpotSettings(ConnectorSettings):
    list_id: str
    access_token_env: str = "HUBSPOT_ACCESS_TOKEN"
    id_property: str = "email"
    base_url: str = "https://api.hubapi.com"


def _message(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:300]
    return str(body.get("message") or body)[:500]


def _property(value: Any) -> str:
    value = jsonable(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


class HubSpotConnector(Connector):
    type_name: ClassVar[str] = "hubspot"
    Settings = HubSpotSettings
    max_batch_size: ClassVar[int] = 100
    required_fields: ClassVar[tuple[str, ...]] = ("email",)
    secret_envs: ClassVar[tuple[str, ...]] = ("access_token_env",)
    settings: HubSpotSettings

    def _client(self) -> HttpClient:
        if not hasattr(self, "_http"):
            self._http = HttpClient(
                self.context.retry,
                base_url=self.settings.base_url,
                headers={"Authorization": f"Bearer {self.secret('access_token_env')}"},
            )
        return self._http

    def _call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        response = self._client().request(method, path, **kwargs)
        if response.status_code in (401, 403):
            raise DestinationError(f"HubSpot refused the token: {_message(response)}")
        if response.status_code == 404:
            raise DestinationError(f"HubSpot: {path} not found: {_message(response)}")
        return response

    def check(self) -> str:
        body = self._call("GET", f"/crm/v3/lists/{self.settings.list_id}").json()
        found = body.get("list", body)
        kind = found.get("processingType")
        if kind not in (None, "MANUAL", "SNAPSHOT"):
            raise DestinationError(f"list {self.settings.list_id} is {kind}: use a MANUAL list")
        return f"list {found.get('name')!r} ({kind or 'list'}, object {found.get('objectTypeId')})"

    def send(self, records: Sequence[Record]) -> list[Outcome]:
        id_property = self.settings.id_property
        outcomes: dict[str, Outcome] = {}
        inputs = []
        by_id: dict[str, str] = {}
        for record in records:
            identifier = _property(record.fields.get(id_property)).strip().lower()
            if not identifier:
                outcomes[record.key] = Outcome.rejected(record.key, f"no {id_property}")
                continue
            by_id[identifier] = record.key
            properties = {
                name: _property(value)
                for name, value in record.fields.items()
                if name != id_property
            }
            inputs.append({"idProperty": id_property, "id": identifier, "properties": properties})
        contact_ids: dict[str, str] = {}
        if inputs:
            response = self._call(
                "POST", "/crm/v3/objects/contacts/batch/upsert", json={"inputs": inputs}
            )
            if response.status_code >= 400:
                raise BatchRejected(f"HubSpot HTTP {response.status_code}: {_message(response)}")
            body = response.json()
            for error in body.get("errors") or []:
                ids = (error.get("context") or {}).get("ids") or []
                if not ids:
                    raise BatchRejected(f"HubSpot: {error.get('message')}")
                for identifier in ids:
                    key = by_id.get(str(identifier).lower())
                    if key:
                        outcomes[key] = Outcome.rejected(key, str(error.get("message")))
            for result in body.get("results") or []:
                identifier = str((result.get("properties") or {}).get(id_property, "")).lower()
                if identifier in by_id:
                    contact_ids[by_id[identifier]] = str(result["id"])
        to_list = {key: cid for key, cid in contact_ids.items() if key not in outcomes}
        missing = self._membership(add=list(to_list.values()))
        for record in records:
            if record.key in outcomes:
                continue
            contact_id = to_list.get(record.key)
            if contact_id is None:
                outcomes[record.key] = Outcome.rejected(record.key, "HubSpot returned no contact")
            elif contact_id in missing:
                outcomes[record.key] = Outcome.rejected(
                    record.key, "contact missing from list update"
                )
            else:
                outcomes[record.key] = Outcome.confirmed(record.key, {"contact_id": contact_id})
        return [outcomes[record.key] for record in records]

    def remove(self, removals: Sequence[Removal]) -> list[Outcome]:
        ids = {
            removal.key: str(removal.ids["contact_id"])
            for removal in removals
            if removal.ids.get("contact_id")
        }
        self._membership(remove=list(ids.values()))  # a contact already gone is already out
        return [Outcome.confirmed(removal.key) for removal in removals]

    def _membership(
        self, add: list[str] | None = None, remove: list[str] | None = None
    ) -> set[str]:
        if not add and not remove:
            return set()
        response = self._call(
            "PUT",
            f"/crm/v3/lists/{self.settings.list_id}/memberships/add-and-remove",
            json={"recordIdsToAdd": add or [], "recordIdsToRemove": remove or []},
        )
        if response.status_code >= 400:
            raise BatchRejected(
                f"HubSpot list update HTTP {response.status_code}: {_message(response)}"
            )
        missing = response.json().get("recordIdsMissing") or []
        return {str(record_id) for record_id in missing} - set(remove or [])
