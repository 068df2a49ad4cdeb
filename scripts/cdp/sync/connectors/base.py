"""The one interface every destination implements.

A connector receives batches no larger than its ``max_batch_size`` and answers per record:
confirmed (with the identifiers it needs to remove the record later) or rejected (with the
destination's message). Whole-batch problems are exceptions:

- ``BatchRejected``: the destination refused the batch as a whole (a 4xx about the
  content); the runner splits the batch to isolate the bad rows.
- ``DestinationError``: nothing will work (bad credentials, unknown list); the run stops.
- ``http.DestinationUnavailable``: retries exhausted (5xx, 429, network); the run stops and
  the next run picks up where this one left off.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from cdp.sync.config import Mode, RetrySettings


class BatchRejected(Exception):
    """The destination refused the whole batch because of its content."""


class DestinationError(Exception):
    """The destination cannot be used at all (credentials, configuration)."""


class ConnectorSettings(BaseModel):
    """Base of each connector's settings (the keys under `destination:` besides `type`)."""

    model_config = ConfigDict(extra="forbid")


@dataclass
class Record:
    """One row to add or update, with its fields mapped to the destination's names."""

    key: str
    operation: str  # add / update
    fields: dict[str, Any]
    row_hash: str
    previous_ids: dict[str, Any] | None = None  # what an update replaces


@dataclass
class Removal:
    key: str
    ids: dict[str, Any]  # what the connector stored when it delivered the record
    reason: str


@dataclass
class Outcome:
    key: str
    ok: bool
    ids: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    @classmethod
    def confirmed(cls, key: str, ids: dict[str, Any] | None = None) -> Outcome:
        return cls(key, True, ids or {})

    @classmethod
    def rejected(cls, key: str, error: str) -> Outcome:
        return cls(key, False, {}, error)


@dataclass
class SyncContext:
    """What a connector may know about the sync it serves."""

    sync_name: str
    mode: Mode
    key_field: str
    retry: RetrySettings
    run_id: str = ""


class Connector(ABC):
    """Subclass, set the class attributes, implement `check`, `send` and `remove`."""

    type_name: ClassVar[str]
    Settings: ClassVar[type[ConnectorSettings]]
    max_batch_size: ClassVar[int]
    modes: ClassVar[frozenset[Mode]] = frozenset(Mode)
    required_fields: ClassVar[tuple[str, ...]] = ()
    secret_envs: ClassVar[tuple[str, ...]] = ()  # settings attributes naming env variables

    def __init__(self, settings: ConnectorSettings, context: SyncContext) -> None:
        self.settings = settings
        self.context = context

    @abstractmethod
    def check(self) -> str:
        """Prove the destination answers with these credentials; say what was found."""

    @abstractmethod
    def send(self, records: Sequence[Record]) -> list[Outcome]:
        """Add or update records; one outcome per record."""

    @abstractmethod
    def remove(self, removals: Sequence[Removal]) -> list[Outcome]:
        """Remove records delivered before; removing what is already gone is a success."""

    def start(self) -> None:  # noqa: B027 - optional hook
        """Called once before the first batch of a run."""

    def finish(self, delivered_anything: bool) -> str | None:
        """Called after the last batch of a successful run; may return a note for the summary."""
        return None

    def close(self) -> None:
        """Release connections (the HTTP client, when the connector made one)."""
        http = getattr(self, "_http", None)
        if http is not None:
            http.close()

    @classmethod
    def missing_secrets(cls, settings: ConnectorSettings) -> list[str]:
        """Environment variables the settings name that are not set."""
        names = [getattr(settings, attribute) for attribute in cls.secret_envs]
        return [name for name in names if name and not os.environ.get(name)]

    def secret(self, attribute: str) -> str:
        name = getattr(self.settings, attribute)
        value = os.environ.get(name or "")
        if not value:
            raise DestinationError(f"environment variable {name} is not set ({attribute})")
        return value


def split_outcomes(
    keys: Sequence[str], rejected: dict[str, str], ids: dict[str, dict[str, Any]] | None = None
) -> list[Outcome]:
    """Confirm every key except the rejected ones."""
    ids = ids or {}
    return [
        Outcome.rejected(key, rejected[key])
        if key in rejected
        else Outcome.confirmed(key, ids.get(key))
        for key in keys
    ]
