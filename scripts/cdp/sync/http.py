"""HTTP for connectors: httpx with timeouts, tenacity for retries.

429, 5xx and network errors are retried with exponential back-off and full jitter; a
``Retry-After`` header (seconds or an HTTP date) sets the wait instead, capped by
``max_seconds``. A connector can tell that other responses are retryable too (an API that
signals throttling in its body) and where its wait hint lives.
"""

from __future__ import annotations

import functools
import logging
import random
import ssl
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt

from cdp.sync.config import RetrySettings

log = logging.getLogger("cdp.sync.http")


class RetryableResponse(Exception):
    """A response worth trying again (429, 5xx, or a connector's throttling signal)."""

    def __init__(self, response: httpx.Response, wait_hint: float | None) -> None:
        super().__init__(f"HTTP {response.status_code}: {response.text[:300]}")
        self.response = response
        self.wait_hint = wait_hint


class DestinationUnavailable(Exception):
    """Retries were exhausted: the destination is down or keeps throttling."""


def retry_after_seconds(response: httpx.Response) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date)."""
    value = response.headers.get("retry-after")
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


@functools.cache
def _tls() -> ssl.SSLContext:
    """One verified TLS context per process (loading the CA bundle is slow)."""
    return ssl.create_default_context()


class HttpClient:
    """One httpx client per connector, with the sync's retry settings."""

    def __init__(
        self,
        retry: RetrySettings,
        *,
        base_url: str = "",
        headers: dict[str, str] | None = None,
        auth: httpx.Auth | tuple[str, str] | None = None,
        is_retryable: Callable[[httpx.Response], bool] | None = None,
        wait_hint: Callable[[httpx.Response], float | None] | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.retry = retry
        self.client = httpx.Client(
            base_url=base_url,
            headers={"User-Agent": "cdp-sync/0.1", **(headers or {})},
            auth=auth,
            timeout=httpx.Timeout(retry.timeout_seconds),
            verify=_tls(),
        )
        self._is_retryable = is_retryable
        self._wait_hint = wait_hint or retry_after_seconds
        self._sleep = sleep
        self.retries = 0  # how many times a request was repeated (for the run summary)

    def request(
        self,
        method: str,
        url: str,
        *,
        fresh_headers: Callable[[], dict[str, str]] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """Send, retrying what is retryable; other responses come back as they are.

        ``fresh_headers`` is called before every attempt (a signature with the current time).
        """
        retrying = Retrying(
            stop=stop_after_attempt(self.retry.max_attempts),
            wait=self._wait,
            retry=retry_if_exception_type((RetryableResponse, httpx.TransportError)),
            before_sleep=self._before_sleep,
            reraise=True,
            **({"sleep": self._sleep} if self._sleep else {}),
        )
        try:
            return retrying(self._send, method, url, fresh_headers, **kwargs)
        except RetryableResponse as error:
            raise DestinationUnavailable(
                f"{method} {url}: still failing after {self.retry.max_attempts} attempts: {error}"
            ) from error
        except httpx.TransportError as error:
            raise DestinationUnavailable(
                f"{method} {url}: {type(error).__name__} after {self.retry.max_attempts} "
                f"attempts: {error}"
            ) from error

    def _send(
        self,
        method: str,
        url: str,
        fresh_headers: Callable[[], dict[str, str]] | None,
        **kwargs: Any,
    ) -> httpx.Response:
        if fresh_headers is not None:
            kwargs["headers"] = {**kwargs.get("headers", {}), **fresh_headers()}
        response = self.client.request(method, url, **kwargs)
        retryable = response.status_code == 429 or response.status_code >= 500
        if not retryable and self._is_retryable is not None:
            retryable = self._is_retryable(response)
        if retryable:
            raise RetryableResponse(response, self._wait_hint(response))
        return response

    def _wait(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, RetryableResponse) and error.wait_hint is not None:
            return min(error.wait_hint, self.retry.max_seconds)
        ceiling = min(
            self.retry.max_seconds, self.retry.base_seconds * 2 ** (state.attempt_number - 1)
        )
        return random.uniform(0, ceiling)  # full jitter

    def _before_sleep(self, state: RetryCallState) -> None:
        self.retries += 1
        error = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0
        log.warning("retrying in %.1fs (attempt %d): %s", wait, state.attempt_number, error)

    def close(self) -> None:
        self.client.close()
