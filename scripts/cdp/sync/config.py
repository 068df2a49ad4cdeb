"""The YAML file of syncs (``syncs.yml``): what to send where, validated with pydantic.

Secrets never live in the file: a destination names the environment variables that hold its
tokens (``token_env: HUBSPOT_ACCESS_TOKEN``) and reads them when it connects.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

DEFAULT_CONFIG = Path("syncs.yml")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_RELATION = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}$")
_SYNC_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


class ConfigError(Exception):
    """The sync file cannot be used; the message says where and why."""


class Mode(StrEnum):
    UPSERT = "upsert"  # add and update; rows leaving the export stay in the destination
    MIRROR = "mirror"  # the destination holds exactly the export: add, update and remove
    INSERT = "insert"  # add new keys only; never update


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RetrySettings(Strict):
    """Back-off for 429, 5xx and network errors: exponential with full jitter, Retry-After wins."""

    max_attempts: int = Field(6, ge=1, le=20)
    base_seconds: float = Field(1.0, ge=0)
    max_seconds: float = Field(60.0, ge=0)
    timeout_seconds: float = Field(30.0, gt=0)


class Suppression(Strict):
    """A relation of keys that must never be sent and are removed wherever they were sent."""

    relation: str
    key_column: str = "customer_id"

    @field_validator("relation")
    @classmethod
    def _relation(cls, value: str) -> str:
        if not _RELATION.match(value):
            raise ValueError(f"not a relation name: {value!r}")
        return value

    @field_validator("key_column")
    @classmethod
    def _column(cls, value: str) -> str:
        return _identifier(value)


class DestinationSettings(BaseModel):
    """`type` picks the connector; the other keys are that connector's settings."""

    model_config = ConfigDict(extra="allow")

    type: str

    def options(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class Defaults(Strict):
    export_schema: str | None = Field(
        None, description="schema of the export models; default <CDP_SCHEMA>_activation"
    )
    max_removal_share: float = Field(0.2, ge=0, le=1)
    retry: RetrySettings = RetrySettings()
    suppression: list[Suppression] = []


class SyncConfig(Strict):
    name: str
    export: str
    destination: DestinationSettings
    key: str = "customer_id"
    hash_column: str = "row_hash"
    mode: Mode = Mode.MIRROR
    fields: dict[str, str] | None = None
    consent: list[str] = []
    suppression: list[Suppression] | None = None
    schedule: str | None = None
    batch_size: int | None = Field(None, ge=1)
    max_removal_share: float | None = Field(None, ge=0, le=1)
    retry: RetrySettings | None = None
    enabled: bool = True
    description: str | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _SYNC_NAME.match(value):
            raise ValueError("lower-case letters, digits and underscores, starting with a letter")
        return value

    @field_validator("export")
    @classmethod
    def _export(cls, value: str) -> str:
        if not _RELATION.match(value):
            raise ValueError(f"not a model or relation name: {value!r}")
        return value

    @field_validator("key", "hash_column")
    @classmethod
    def _columns(cls, value: str) -> str:
        return _identifier(value)

    @field_validator("consent")
    @classmethod
    def _purposes(cls, value: list[str]) -> list[str]:
        return [_identifier(purpose) for purpose in value]

    @field_validator("fields")
    @classmethod
    def _fields(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        if value is not None:
            if not value:
                raise ValueError("map at least one field, or leave `fields` out to send all")
            for column in value.values():
                _identifier(column)
        return value

    def consent_columns(self) -> list[str]:
        return [f"is_{purpose}_consented" for purpose in self.consent]


class SyncFile(Strict):
    version: int = 1
    defaults: Defaults = Defaults()
    syncs: list[SyncConfig]

    @model_validator(mode="after")
    def _unique(self) -> SyncFile:
        seen: set[str] = set()
        for sync in self.syncs:
            if sync.name in seen:
                raise ValueError(f"sync {sync.name!r} is declared twice")
            seen.add(sync.name)
        return self


class ResolvedSync:
    """A sync with the file's defaults applied and its export relation resolved."""

    def __init__(self, sync: SyncConfig, defaults: Defaults, schema_base: str) -> None:
        self.config = sync
        self.name = sync.name
        self.mode = sync.mode
        self.retry = sync.retry or defaults.retry
        self.max_removal_share = (
            sync.max_removal_share
            if sync.max_removal_share is not None
            else defaults.max_removal_share
        )
        self.suppression = (
            sync.suppression if sync.suppression is not None else defaults.suppression
        )
        export_schema = defaults.export_schema or f"{schema_base}_activation"
        self.export_relation = (
            sync.export if "." in sync.export else f"{export_schema}.{sync.export}"
        )

    def config_hash(self) -> str:
        """Changes when what is sent for a row would change although the row did not."""
        shape = {
            "fields": self.config.fields,
            "destination": self.config.destination.model_dump(),
            "key": self.config.key,
        }
        return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()[:16]


def _identifier(value: str) -> str:
    if not _IDENTIFIER.match(value):
        raise ValueError(f"not a column name: {value!r}")
    return value


def load_config(path: Path) -> SyncFile:
    """Read and validate the sync file; ConfigError names the file and every problem."""
    try:
        raw = yaml.safe_load(path.read_text())
    except FileNotFoundError as error:
        raise ConfigError(f"{path}: no such file (pass --config)") from error
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: not valid YAML: {error}") from error
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping with a `syncs:` list")
    try:
        parsed = SyncFile.model_validate(raw)
    except ValidationError as error:
        raise ConfigError(f"{path}: {_describe(error, raw)}") from error
    from cdp.sync.connectors import validate_destination  # avoid an import cycle

    problems = []
    for sync in parsed.syncs:
        try:
            validate_destination(sync)
        except ConfigError as error:
            problems.append(f"sync {sync.name!r}: {error}")
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    return parsed


def _describe(error: ValidationError, raw: dict[str, Any]) -> str:
    parts = []
    for item in error.errors():
        location = list(item["loc"])
        if len(location) >= 2 and location[0] == "syncs" and isinstance(location[1], int):
            syncs = raw.get("syncs") or []
            index = location[1]
            name = syncs[index].get("name") if index < len(syncs) else None
            location[:2] = [f"sync {name!r}" if name else f"syncs[{index}]"]
        where = ".".join(str(part) for part in location)
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)


def schema_base() -> str:
    """The dbt target schema the exports were built under (CDP_SCHEMA, as profiles.yml)."""
    return os.environ.get("CDP_SCHEMA", "cdp")


def select_syncs(
    parsed: SyncFile, names: list[str], include_disabled: bool = False
) -> list[SyncConfig]:
    """The syncs named (all enabled ones when none are); unknown names are an error."""
    by_name = {sync.name: sync for sync in parsed.syncs}
    unknown = [name for name in names if name not in by_name]
    if unknown:
        raise ConfigError(
            f"unknown sync(s) {', '.join(unknown)}; declared: {', '.join(by_name) or 'none'}"
        )
    if names:
        return [by_name[name] for name in names]
    return [sync for sync in parsed.syncs if sync.enabled or include_disabled]
