"""Mailchimp audience (list) membership, Marketing API 3.0.

- Members: ``POST /lists/{list_id}`` (batch subscribe, at most 500 members) with
  ``update_existing`` (false in insert mode); each member is ``email_address``, ``status``
  and ``merge_fields`` (every mapped field other than email_address, e.g. FNAME). Mailchimp
  answers 200 and lists refused members in ``errors`` (``email_address``, ``error``,
  ``error_code``): those rows are logged and retried next run.
- Membership of the audience: with ``segment_id`` (a static segment, i.e. a tag) members
  are added and removed with ``POST /lists/{list_id}/segments/{segment_id}``
  (``members_to_add`` / ``members_to_remove``, 500 each). Without it, a removal archives the
  member (``DELETE /lists/{list_id}/members/{subscriber_hash}``; 404 means already gone).
- Auth: HTTP Basic with any user name and the API key; the data centre is the key's suffix
  (``...-us21`` -> ``https://us21.api.mailchimp.com/3.0``). Errors are problem documents
  (``title``, ``detail``, ``status``); 401/403 and an unknown list stop the run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any, ClassVar, Literal

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
from cdp.sync.connectors.values import jsonable
from cdp.sync.http import HttpClient


class MailchimpSettings(ConnectorSettings):
    list_id: str
    segment_id: int | None = None
    api_key_env: str = "MAILCHIMP_API_KEY"
    status: Literal["subscribed", "pending", "transactional"] = "subscribed"
    base_url: str | None = None  # default from the key's data centre


def subscriber_hash(email: str) -> str:
    """Mailchimp's member id: MD5 of the lower-cased email."""
    return hashlib.md5(email.lower().encode()).hexdigest()


def _problem(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:300]
    return f"{body.get('title', '')}: {body.get('detail', '')}".strip(": ")


class MailchimpConnector(Connector):
    type_name: ClassVar[str] = "mailchimp"
    Settings = MailchimpSettings
    max_batch_size: ClassVar[int] = 500
    required_fields: ClassVar[tuple[str, ...]] = ("email_address",)
    secret_envs: ClassVar[tuple[str, ...]] = ("api_key_env",)
    settings: MailchimpSettings

    def _client(self) -> HttpClient:
        if not hasattr(self, "_http"):
            key = self.secret("api_key_env")
            base_url = self.settings.base_url
            if not base_url:
                if "-" not in key:
                    raise DestinationError(
                        "the Mailchimp API key has no data centre suffix (-usNN)"
                    )
                base_url = f"https://{key.rsplit('-', 1)[1]}.api.mailchimp.com/3.0"
            self._http = HttpClient(self.context.retry, base_url=base_url, auth=("cdp-sync", key))
        return self._http

    def _call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        response = self._client().request(method, path, **kwargs)
        if response.status_code in (401, 403):
            raise DestinationError(f"Mailchimp refused the API key: {_problem(response)}")
        return response

    def check(self) -> str:
        response = self._call("GET", f"/lists/{self.settings.list_id}")
        if response.status_code == 404:
            raise DestinationError(f"no Mailchimp audience {self.settings.list_id}")
        body = response.json()
        members = body.get("stats", {}).get("member_count", "?")
        text = f"audience {body.get('name')!r} ({members} members)"
        if self.settings.segment_id is not None:
            segment = self._call(
                "GET", f"/lists/{self.settings.list_id}/segments/{self.settings.segment_id}"
            )
            if segment.status_code == 404:
                raise DestinationError(f"no segment {self.settings.segment_id} in that audience")
            text += f", segment {segment.json().get('name')!r}"
        return text

    def send(self, records: Sequence[Record]) -> list[Outcome]:
        outcomes: dict[str, Outcome] = {}
        members = []
        by_email: dict[str, list[str]] = {}
        moved: list[str] = []
        for record in records:
            email = str(record.fields.get("email_address") or "").strip()
            if not email:
                outcomes[record.key] = Outcome.rejected(record.key, "no email_address")
                continue
            previous = (record.previous_ids or {}).get("email")
            if previous and previous.lower() != email.lower():
                moved.append(previous)
            by_email.setdefault(email.lower(), []).append(record.key)
            merge_fields = {
                name: jsonable(value)
                for name, value in record.fields.items()
                if name != "email_address" and value is not None
            }
            members.append(
                {
                    "email_address": email,
                    "status": self.settings.status,
                    "merge_fields": merge_fields,
                }
            )
        if moved:
            self._leave(moved)
        if members:
            response = self._call(
                "POST",
                f"/lists/{self.settings.list_id}",
                json={"members": members, "update_existing": self.context.mode != Mode.INSERT},
            )
            self._raise_for_batch(response)
            for error in response.json().get("errors") or []:
                for key in by_email.get(str(error.get("email_address", "")).lower(), []):
                    code = error.get("error_code")
                    outcomes[key] = Outcome.rejected(
                        key, f"{error.get('error')}" + (f" ({code})" if code else "")
                    )
            if self.settings.segment_id is not None:
                accepted = [
                    m["email_address"]
                    for m in members
                    if any(k not in outcomes for k in by_email[m["email_address"].lower()])
                ]
                for email, message in self._segment("members_to_add", accepted).items():
                    for key in by_email.get(email, []):
                        outcomes[key] = Outcome.rejected(key, message)
        for record in records:
            if record.key not in outcomes:
                email = str(record.fields["email_address"]).strip()
                outcomes[record.key] = Outcome.confirmed(
                    record.key, {"email": email, "subscriber_hash": subscriber_hash(email)}
                )
        return [outcomes[record.key] for record in records]

    def remove(self, removals: Sequence[Removal]) -> list[Outcome]:
        emails = {r.key: r.ids.get("email") for r in removals if r.ids.get("email")}
        failed: dict[str, str] = {}
        errors = self._leave(list(emails.values()))
        for key, email in emails.items():
            if email.lower() in errors:
                failed[key] = errors[email.lower()]
        return [
            Outcome.rejected(r.key, failed[r.key]) if r.key in failed else Outcome.confirmed(r.key)
            for r in removals
        ]

    def _leave(self, emails: list[str]) -> dict[str, str]:
        """Take emails out of the audience (segment, or archive); errors by lower-case email."""
        if not emails:
            return {}
        if self.settings.segment_id is not None:
            return self._segment("members_to_remove", emails)
        errors = {}
        for email in emails:
            response = self._call(
                "DELETE", f"/lists/{self.settings.list_id}/members/{subscriber_hash(email)}"
            )
            if response.status_code not in (200, 204, 404):
                errors[email.lower()] = _problem(response)
        return errors

    def _segment(self, action: str, emails: list[str]) -> dict[str, str]:
        if not emails:
            return {}
        response = self._call(
            "POST",
            f"/lists/{self.settings.list_id}/segments/{self.settings.segment_id}",
            json={action: emails},
        )
        self._raise_for_batch(response)
        errors = {}
        for error in response.json().get("errors") or []:
            for email in error.get("email_addresses") or []:
                errors[str(email).lower()] = str(error.get("error"))
        return errors

    def _raise_for_batch(self, response: httpx.Response) -> None:
        if response.status_code == 404:
            raise DestinationError(f"Mailchimp: {_problem(response)} (list or segment unknown)")
        if response.status_code >= 400:
            raise BatchRejected(f"Mailchimp HTTP {response.status_code}: {_problem(response)}")
