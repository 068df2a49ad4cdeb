"""Destinations by `type` name. Adding one: a module with a Connector subclass, listed here."""

from __future__ import annotations

from pydantic import ValidationError

from cdp.sync.config import ConfigError, SyncConfig
from cdp.sync.connectors.base import (
    BatchRejected,
    Connector,
    ConnectorSettings,
    DestinationError,
    Outcome,
    Record,
    Removal,
    SyncContext,
)
from cdp.sync.connectors.braze import BrazeConnector
from cdp.sync.connectors.files import FileConnector
from cdp.sync.connectors.hubspot import HubSpotConnector
from cdp.sync.connectors.mailchimp import MailchimpConnector
from cdp.sync.connectors.meta import MetaCustomAudienceConnector
from cdp.sync.connectors.postgres import PostgresConnector
from cdp.sync.connectors.webhook import WebhookConnector

CONNECTORS: dict[str, type[Connector]] = {
    connector.type_name: connector
    for connector in (
        FileConnector,
        WebhookConnector,
        PostgresConnector,
        MetaCustomAudienceConnector,
        MailchimpConnector,
        HubSpotConnector,
        BrazeConnector,
    )
}

__all__ = [
    "CONNECTORS",
    "BatchRejected",
    "Connector",
    "ConnectorSettings",
    "DestinationError",
    "Outcome",
    "Record",
    "Removal",
    "SyncContext",
    "connector_class",
    "parse_settings",
    "validate_destination",
]


def connector_class(type_name: str) -> type[Connector]:
    try:
        return CONNECTORS[type_name]
    except KeyError:
        raise ConfigError(
            f"unknown destination type {type_name!r}; known: {', '.join(sorted(CONNECTORS))}"
        ) from None


def parse_settings(sync: SyncConfig) -> ConnectorSettings:
    cls = connector_class(sync.destination.type)
    try:
        return cls.Settings.model_validate(sync.destination.options())
    except ValidationError as error:
        details = "; ".join(
            f"destination.{'.'.join(str(p) for p in item['loc'])}: {item['msg']}"
            for item in error.errors()
        )
        raise ConfigError(details) from None


def validate_destination(sync: SyncConfig) -> None:
    """Settings valid for the type, mode supported, required fields mapped, batch size in range."""
    cls = connector_class(sync.destination.type)
    settings = parse_settings(sync)
    if sync.mode not in cls.modes:
        raise ConfigError(
            f"{cls.type_name} supports mode(s) {', '.join(sorted(m.value for m in cls.modes))}, "
            f"not {sync.mode.value}"
        )
    if sync.batch_size and sync.batch_size > cls.max_batch_size:
        raise ConfigError(
            f"batch_size {sync.batch_size} exceeds {cls.type_name}'s limit of {cls.max_batch_size}"
        )
    if cls.required_fields:
        mapped = set(sync.fields or {})
        if sync.fields is not None and not any(name in mapped for name in cls.required_fields):
            raise ConfigError(
                f"{cls.type_name} needs field(s) {' or '.join(cls.required_fields)} in `fields`"
            )
    extra_check = getattr(cls, "validate_sync", None)
    if extra_check is not None:
        extra_check(settings, sync)
