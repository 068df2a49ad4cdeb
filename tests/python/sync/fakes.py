"""Local stand-ins for the marketing APIs, each enforcing its published contract.

Every fake listens on 127.0.0.1, checks auth the way the API does, refuses batches above the
documented limit, keeps what it was sent by key (as the real service does, so a repeat is
not a duplicate), can refuse single rows the way the API reports them, and can be told to
answer the next requests with a fault (429 with Retry-After, 5xx, a throttling error body).
`members()` is the audience the destination holds now.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

Response = tuple[int, dict[str, str], Any]


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    at: float
    status: int = 0
    size: int = 0  # records in the request, as the fake counted them


@dataclass
class Fault:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


class FakeAPI:
    def __init__(self) -> None:
        self.requests: list[Seen] = []
        self.faults: deque[Fault] = deque()
        self.lock = threading.Lock()
        self.after_apply: Callable[[FakeAPI], None] | None = None  # e.g. kill the client
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                seen = Seen(self.command, self.path, headers, body, time.monotonic())
                status, extra, answer = fake._dispatch(seen)
                payload = json.dumps(answer).encode() if answer is not None else b""
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                for name, value in extra.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = _serve

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> FakeAPI:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def fail_next(
        self, status: int, body: Any = None, headers: dict[str, str] | None = None, times: int = 1
    ) -> None:
        for _ in range(times):
            self.faults.append(Fault(status, body, headers or {}))

    def _dispatch(self, seen: Seen) -> Response:
        with self.lock:
            self.requests.append(seen)
            if self.faults:
                fault = self.faults.popleft()
                seen.status = fault.status
                return fault.status, fault.headers, fault.body
            parsed = urlparse(seen.path)
            status, headers, answer = self.route(seen, parsed.path, parse_qs(parsed.query))
            seen.status = status
        if status < 300 and seen.method != "GET" and self.after_apply is not None:
            self.after_apply(self)
        return status, headers, answer

    def route(self, seen: Seen, path: str, query: dict[str, list[str]]) -> Response:
        raise NotImplementedError

    def writes(self) -> list[Seen]:
        return [r for r in self.requests if r.method != "GET" and r.status and r.status < 300]


def _json(seen: Seen) -> Any:
    return json.loads(seen.body or b"null")


class MetaFake(FakeAPI):
    """Graph API /{version}/{audience_id}/users: hashed identifiers, 10,000 per request."""

    LIMIT = 10_000

    def __init__(self, token: str, audience_id: str = "2385", version: str = "v21.0") -> None:
        super().__init__()
        self.token, self.audience_id, self.version = token, audience_id, version
        self.audience: set[tuple[str, str]] = set()  # (email_sha256, phone_sha256)

    def members(self) -> set[tuple[str, str]]:
        return set(self.audience)

    def route(self, seen: Seen, path: str, query: dict[str, list[str]]) -> Response:
        form = parse_qs(seen.body.decode()) if seen.method != "GET" else query
        if form.get("access_token", [""])[0] != self.token:
            return (
                400,
                {},
                {
                    "error": {
                        "message": "Invalid OAuth access token.",
                        "type": "OAuthException",
                        "code": 190,
                    }
                },
            )
        if path == f"/{self.version}/{self.audience_id}" and seen.method == "GET":
            return (
                200,
                {},
                {"id": self.audience_id, "name": "VIP", "approximate_count_lower_bound": 1000},
            )
        if path != f"/{self.version}/{self.audience_id}/users":
            return 404, {}, {"error": {"message": "Unknown path", "code": 803}}
        payload = json.loads(form["payload"][0])
        schema, data = payload["schema"], payload["data"]
        seen.size = len(data)
        if len(data) > self.LIMIT:
            return 400, {}, _meta_invalid("payload exceeds 10000 records")
        if isinstance(schema, str):
            if schema not in ("EMAIL_SHA256", "PHONE_SHA256"):
                return 400, {}, _meta_invalid(f"unknown schema {schema}")
            rows = [(v, "") if schema == "EMAIL_SHA256" else ("", v) for v in data]
        else:
            if schema not in (["EMAIL", "PHONE"], ["EMAIL"], ["PHONE"]):
                return 400, {}, _meta_invalid(f"unsupported multi-key schema {schema}")
            rows = [
                (
                    dict(zip(schema, row, strict=True)).get("EMAIL", ""),
                    dict(zip(schema, row, strict=True)).get("PHONE", ""),
                )
                for row in data
            ]
        for row in rows:
            for value in row:
                if value and not (len(value) == 64 and all(c in "0123456789abcdef" for c in value)):
                    return 400, {}, _meta_invalid("data must be lower-case SHA-256 hex")
            if not any(row):
                return 400, {}, _meta_invalid("a row without identifiers")
        for row in rows:
            if seen.method == "POST":
                self.audience.add(row)
            else:
                self.audience.discard(row)
        return (
            200,
            {},
            {
                "audience_id": self.audience_id,
                "session_id": "1",
                "num_received": len(rows),
                "num_invalid_entries": 0,
                "invalid_entry_samples": {},
            },
        )


def _meta_invalid(message: str) -> dict[str, Any]:
    return {"error": {"message": f"(#100) {message}", "type": "OAuthException", "code": 100}}


class MailchimpFake(FakeAPI):
    """Marketing API 3.0: batch subscribe (500), static segment add/remove (500 each)."""

    LIMIT = 500

    def __init__(self, api_key: str, list_id: str = "a1b2c3", segment_id: int = 77) -> None:
        super().__init__()
        self.api_key, self.list_id, self.segment_id = api_key, list_id, segment_id
        self.list_members: dict[str, dict[str, Any]] = {}
        self.segment: set[str] = set()
        self.refuse: dict[str, str] = {}  # lower-case email -> error (e.g. compliance state)

    def members(self) -> set[str]:
        return set(self.segment)

    def route(self, seen: Seen, path: str, query: dict[str, list[str]]) -> Response:
        auth = seen.headers.get("authorization", "")
        if (
            not auth.startswith("Basic ")
            or base64.b64decode(auth[6:]).decode().split(":", 1)[-1] != self.api_key
        ):
            return (
                401,
                {},
                {
                    "title": "API Key Invalid",
                    "status": 401,
                    "detail": "Your API key may be invalid.",
                },
            )
        base = f"/3.0/lists/{self.list_id}"
        if path == base and seen.method == "GET":
            return (
                200,
                {},
                {
                    "id": self.list_id,
                    "name": "Customers",
                    "stats": {"member_count": len(self.list_members)},
                },
            )
        if path == base and seen.method == "POST":
            body = _json(seen)
            members = body.get("members") or []
            seen.size = len(members)
            if len(members) > self.LIMIT:
                return (
                    400,
                    {},
                    {
                        "title": "Invalid Resource",
                        "status": 400,
                        "detail": "Up to 500 members may be added or updated with each call.",
                    },
                )
            created, updated, errors = [], [], []
            for member in members:
                email = str(member.get("email_address", "")).lower()
                if "@" not in email or email in self.refuse:
                    errors.append(
                        {
                            "email_address": member.get("email_address"),
                            "error": self.refuse.get(email, "Invalid email address"),
                            "error_code": "ERROR_GENERIC",
                        }
                    )
                    continue
                if member.get("status") not in ("subscribed", "pending", "transactional"):
                    return 400, {}, {"title": "Invalid Resource", "status": 400, "detail": "status"}
                if email in self.list_members:
                    if body.get("update_existing"):
                        self.list_members[email].update(member)
                        updated.append({"email_address": email})
                else:
                    self.list_members[email] = dict(member)
                    created.append({"email_address": email})
            return (
                200,
                {},
                {
                    "new_members": created,
                    "updated_members": updated,
                    "errors": errors,
                    "total_created": len(created),
                    "total_updated": len(updated),
                    "error_count": len(errors),
                },
            )
        if path == f"{base}/segments/{self.segment_id}":
            if seen.method == "GET":
                return 200, {}, {"id": self.segment_id, "name": "cdp vip"}
            body = _json(seen)
            add, remove = body.get("members_to_add") or [], body.get("members_to_remove") or []
            seen.size = len(add) + len(remove)
            if len(add) > self.LIMIT or len(remove) > self.LIMIT:
                return 400, {}, {"title": "Invalid Resource", "status": 400, "detail": "max 500"}
            added = [e for e in add if e.lower() in self.list_members]  # others are ignored
            self.segment.update(e.lower() for e in added)
            removed = [e for e in remove if e.lower() in self.segment]
            self.segment.difference_update(e.lower() for e in remove)
            return (
                200,
                {},
                {
                    "members_added": added,
                    "members_removed": removed,
                    "errors": [],
                    "total_added": len(added),
                    "total_removed": len(removed),
                    "error_count": 0,
                },
            )
        if path.startswith(f"{base}/members/") and seen.method == "DELETE":
            digest = path.rsplit("/", 1)[1]
            import hashlib

            for email in list(self.list_members):
                if hashlib.md5(email.encode()).hexdigest() == digest:
                    del self.list_members[email]
                    self.segment.discard(email)
                    return 204, {}, None
            return 404, {}, {"title": "Resource Not Found", "status": 404, "detail": "member"}
        return 404, {}, {"title": "Resource Not Found", "status": 404, "detail": path}


class HubSpotFake(FakeAPI):
    """CRM v3: contacts batch upsert (100, one bad email refuses the batch) and list membership."""

    LIMIT = 100

    def __init__(self, token: str, list_id: str = "123") -> None:
        super().__init__()
        self.token, self.list_id = token, list_id
        self.contacts: dict[str, dict[str, Any]] = {}  # id -> properties
        self.by_email: dict[str, str] = {}
        self.list: set[str] = set()
        self.invalid_emails: set[str] = set()

    def members(self) -> set[str]:
        return {self.contacts[i]["email"] for i in self.list}

    def route(self, seen: Seen, path: str, query: dict[str, list[str]]) -> Response:
        if seen.headers.get("authorization") != f"Bearer {self.token}":
            return (
                401,
                {},
                {
                    "status": "error",
                    "message": "Authentication credentials not found.",
                    "category": "INVALID_AUTHENTICATION",
                },
            )
        if path == f"/crm/v3/lists/{self.list_id}" and seen.method == "GET":
            return (
                200,
                {},
                {
                    "list": {
                        "listId": self.list_id,
                        "name": "VIP",
                        "processingType": "MANUAL",
                        "objectTypeId": "0-1",
                    }
                },
            )
        if path == "/crm/v3/objects/contacts/batch/upsert" and seen.method == "POST":
            inputs = _json(seen)["inputs"]
            seen.size = len(inputs)
            if len(inputs) > self.LIMIT:
                return (
                    400,
                    {},
                    {
                        "status": "error",
                        "category": "VALIDATION_ERROR",
                        "message": "Batch input limit is 100",
                    },
                )
            for item in inputs:
                email = str(item.get("id", ""))
                if (
                    item.get("idProperty") != "email"
                    or "@" not in email
                    or email in self.invalid_emails
                ):
                    return (
                        400,
                        {},
                        {
                            "status": "error",
                            "category": "VALIDATION_ERROR",
                            "message": f"Property values were not valid: INVALID_EMAIL {email}",
                        },
                    )
            results = []
            for item in inputs:
                email = str(item["id"]).lower()
                new = email not in self.by_email
                contact_id = self.by_email.setdefault(email, str(1000 + len(self.by_email)))
                self.contacts.setdefault(contact_id, {}).update(
                    {**item["properties"], "email": email}
                )
                results.append({"id": contact_id, "new": new, "properties": {"email": email}})
            return 200, {}, {"status": "COMPLETE", "results": results}
        if (
            path == f"/crm/v3/lists/{self.list_id}/memberships/add-and-remove"
            and seen.method == "PUT"
        ):
            body = _json(seen)
            add, remove = body.get("recordIdsToAdd") or [], body.get("recordIdsToRemove") or []
            seen.size = len(add) + len(remove)
            missing = [i for i in add + remove if i not in self.contacts]
            self.list.update(i for i in add if i in self.contacts)
            self.list.difference_update(remove)
            return (
                200,
                {},
                {
                    "recordsIdsAdded": [i for i in add if i in self.contacts],
                    "recordIdsRemoved": remove,
                    "recordIdsMissing": missing,
                },
            )
        return (
            404,
            {},
            {"status": "error", "message": f"no route {path}", "category": "OBJECT_NOT_FOUND"},
        )


class BrazeFake(FakeAPI):
    """/users/track: 75 attribute objects per request, minor errors by index."""

    LIMIT = 75

    def __init__(self, api_key: str, attribute: str = "cdp_audiences") -> None:
        super().__init__()
        self.api_key, self.attribute = api_key, attribute
        self.users: dict[str, dict[str, Any]] = {}
        self.bad_ids: set[str] = set()

    def members(self, audience: str) -> set[str]:
        return {uid for uid, user in self.users.items() if audience in user.get(self.attribute, [])}

    def route(self, seen: Seen, path: str, query: dict[str, list[str]]) -> Response:
        if seen.headers.get("authorization") != f"Bearer {self.api_key}":
            return 401, {}, {"message": "Invalid API Key"}
        if path != "/users/track" or seen.method != "POST":
            return 404, {}, {"message": "Not found"}
        attributes = _json(seen).get("attributes")
        if attributes is None:
            return 400, {}, {"message": "Missing attributes"}
        seen.size = len(attributes)
        if len(attributes) > self.LIMIT:
            return 400, {}, {"message": "Received too many attributes objects", "errors": []}
        errors = []
        for index, item in enumerate(attributes):
            uid = item.get("external_id")
            if not uid or uid in self.bad_ids:
                errors.append(
                    {
                        "type": "'external_id' is invalid",
                        "input_array": "attributes",
                        "index": index,
                    }
                )
                continue
            if item.get("_update_existing_only") and uid not in self.users:
                continue
            user = self.users.setdefault(uid, {})
            for name, value in item.items():
                if name in ("external_id", "_update_existing_only"):
                    continue
                if isinstance(value, dict) and ("add" in value or "remove" in value):
                    current = user.setdefault(name, [])
                    current.extend(v for v in value.get("add", []) if v not in current)
                    user[name] = [v for v in current if v not in value.get("remove", [])]
                else:
                    user[name] = value
        return (
            201,
            {},
            {
                "message": "success",
                "attributes_processed": len(attributes) - len(errors),
                **({"errors": errors} if errors else {}),
            },
        )


class WebhookFake(FakeAPI):
    """A Standard Webhooks receiver that can refuse records (keys in `refuse`) with a 422."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        from cdp.sync.receiver import WebhookReceiver

        self.receiver = WebhookReceiver(secret)  # used for its checks and store, not its server
        self.refuse: set[str] = set()

    def members(self) -> set[str]:
        return set(self.receiver.members)

    def route(self, seen: Seen, path: str, query: dict[str, list[str]]) -> Response:
        message = json.loads(seen.body or b"{}")
        records = (message.get("data") or {}).get("records") or []
        seen.size = len(records)
        refused = [r["key"] for r in records if r["key"] in self.refuse]
        if refused:
            return 422, {}, {"error": f"cannot accept {refused}"}
        status, answer = self.receiver.handle(seen.headers, seen.body)
        return status, {}, answer
