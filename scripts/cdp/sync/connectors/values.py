"""Warehouse values as JSON values: decimals as numbers, times as ISO 8601 text."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any


def jsonable(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | bytes):
        return value.hex() if isinstance(value, bytes) else str(value)
    return value


def jsonable_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {name: jsonable(value) for name, value in fields.items()}
