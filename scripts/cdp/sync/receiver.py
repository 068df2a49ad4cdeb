"""A small Standard Webhooks receiver: verifies signatures and applies records by key.

For the demo and for trying a webhook sync locally::

    receiver = WebhookReceiver(secret)      # whsec_... secret
    receiver.start()                        # 127.0.0.1, a free port
    ... cdp-sync run with CDP_SYNC_WEBHOOK_URL=receiver.url ...
    receiver.members                        # key -> fields, as the receiver holds them
    receiver.stop()

It refuses a bad or stale signature with 401, ignores a repeated ``webhook-id`` (answers 200
again, as Standard Webhooks asks of receivers), and applies upserts and removals by key, so
the audience it holds does not depend on how often a batch arrived.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from cdp.sync.connectors.webhook import SECRET_PREFIX

TOLERANCE_SECONDS = 300


def verify(secret: str, headers: dict[str, str], body: bytes, now: float | None = None) -> bool:
    """True when one of the v1 signatures matches and the timestamp is recent."""
    message_id = headers.get("webhook-id", "")
    timestamp = headers.get("webhook-timestamp", "")
    if not message_id or not timestamp.isdigit():
        return False
    if abs((now or time.time()) - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    expected = base64.b64encode(
        hmac.new(key, f"{message_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    ).decode()
    for candidate in headers.get("webhook-signature", "").split():
        version, _, signature = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(signature, expected):
            return True
    return False


class WebhookReceiver:
    def __init__(self, secret: str, host: str = "127.0.0.1", port: int = 0) -> None:
        self.secret = secret
        self.members: dict[str, dict[str, Any]] = {}
        self.message_ids: set[str] = set()
        self.deliveries = 0  # accepted messages, repeats excluded
        self.records_received = 0
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                status, answer = receiver.handle(
                    {name.lower(): value for name, value in self.headers.items()}, body
                )
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/hooks/cdp"

    def handle(self, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
        if not verify(self.secret, headers, body):
            return 401, {"error": "bad signature"}
        message = json.loads(body)
        with self.lock:
            message_id = headers["webhook-id"]
            if message_id in self.message_ids:
                return 200, {"duplicate": True}
            self.message_ids.add(message_id)
            self.deliveries += 1
            records = (message.get("data") or {}).get("records") or []
            self.records_received += len(records)
            for record in records:
                if message["type"].endswith(".removed"):
                    self.members.pop(str(record["key"]), None)
                elif message["type"].endswith(".upserted"):
                    self.members[str(record["key"])] = record.get("fields") or {}
        return 200, {"accepted": len(records)}

    def start(self) -> WebhookReceiver:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def __enter__(self) -> WebhookReceiver:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
