"""Identifiers that are unique by construction and look like the real systems' ids.

Every id is a bijection of a key, so two different keys never give the same id:
- person-level ids (a shop account, a CRM contact, a device...) are keyed by the person's
  global index and a slot;
- event-level ids (orders, charges, page views...) by the chunk that made them and a counter.
An increment uses chunk numbers after those of the batch it extends, so its ids never collide
with the batch's.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
MASK40 = (1 << 40) - 1

# salts keep the id streams of different tables apart
SALTS = {
    name: (index + 1) * 0x9E3779B97F4A7C15 & 0xFFFFFFFFFFFFFFFF
    for index, name in enumerate(
        [
            "anonymous_id",
            "device_id",
            "identify",
            "page",
            "track",
            "cart",
            "payments_customer",
            "charge",
            "refund",
            "card",
            "crm_contact",
            "subscriber",
            "send",
            "open",
            "click",
            "unsubscribe",
            "bounce",
            "erasure",
            "ip",
            "support_user",
            "ticket",
            "pos_tx",
            "loyalty",
            "order",
            "order_line",
            "shop_customer",
        ]
    )
}


def mix64(keys: np.ndarray, salt: str) -> np.ndarray:
    """splitmix64's finaliser (a bijection on 64-bit integers) of keys XOR a table salt."""
    x = keys.astype(np.uint64) ^ np.uint64(SALTS[salt])
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(30))
        x = x * _M1
        x = x ^ (x >> np.uint64(27))
        x = x * _M2
        x = x ^ (x >> np.uint64(31))
    return x


def event_keys(chunk: int, start: int, count: int) -> np.ndarray:
    """Keys of `count` events made by chunk `chunk`, counter from `start`."""
    return (np.uint64(chunk) << np.uint64(32)) + np.arange(start, start + count, dtype=np.uint64)


def person_keys(global_index: np.ndarray, slot: int) -> np.ndarray:
    return global_index.astype(np.uint64) * np.uint64(16) + np.uint64(slot)


def _hex(values: np.ndarray, width: int = 16) -> np.ndarray:
    """uint64 -> (n, width) uint8 matrix of lowercase hex digits (the last `width` digits)."""
    raw = values.astype(">u8").tobytes().hex().encode()
    return np.frombuffer(raw, dtype=np.uint8).reshape(-1, 16)[:, 16 - width :]


def _strings(matrix: np.ndarray) -> pa.Array:
    width = matrix.shape[1]
    packed = np.ascontiguousarray(matrix).view(f"S{width}").ravel()
    return pa.array(packed, type=pa.binary()).cast(pa.string())


def hex_ids(keys: np.ndarray, salt: str, prefix: str = "", width: int = 16) -> pa.Array:
    """Stripe-like string ids: prefix + `width` hex digits (bijective for width 16)."""
    array = _strings(_hex(mix64(keys, salt), width))
    if prefix:
        import pyarrow.compute as pc

        array = pc.binary_join_element_wise(pa.scalar(prefix), array, "")
    return array


def uuids(keys: np.ndarray, salt: str, upper: bool = False) -> pa.Array:
    """UUID-shaped strings (8-4-4-4-12); the first 64 bits are a bijection of the key."""
    high = mix64(keys, salt)
    low = mix64(high ^ np.uint64(0x5DEECE66D), salt)
    digits = np.empty((len(keys), 32), dtype=np.uint8)
    digits[:, :16] = _hex(high)
    digits[:, 16:] = _hex(low)
    digits[:, 12] = ord("4")
    out = np.full((len(keys), 36), ord("-"), dtype=np.uint8)
    out[:, 0:8] = digits[:, 0:8]
    out[:, 9:13] = digits[:, 8:12]
    out[:, 14:18] = digits[:, 12:16]
    out[:, 19:23] = digits[:, 16:20]
    out[:, 24:36] = digits[:, 20:32]
    if upper:
        letters = out >= ord("a")
        out[letters] -= 32
    return _strings(out)


def affine40(keys: np.ndarray, salt: str) -> np.ndarray:
    """A bijection on 40-bit integers (for numeric ids that should not look sequential)."""
    multiplier = np.uint64((SALTS[salt] | 1) & MASK40)
    with np.errstate(over="ignore"):
        return (keys.astype(np.uint64) * multiplier + np.uint64(SALTS[salt] >> 24)) & np.uint64(
            MASK40
        )


def numeric_ids(keys: np.ndarray, salt: str, base: int) -> np.ndarray:
    """Large bigint ids such as 7412093834211 (base + a 40-bit bijection of the key)."""
    return (affine40(keys, salt) + np.uint64(base)).astype(np.int64)


def digit_ids(keys: np.ndarray, salt: str, digits: int, prefix: str = "") -> list[str]:
    """Fixed-width decimal ids (loyalty card numbers...), unique while keys < 10**digits."""
    space = 10**digits
    multiplier = 48271  # coprime with 10**digits, so the map is a bijection
    offset = SALTS[salt] % space
    values = (keys.astype(object) * multiplier + offset) % space
    return [f"{prefix}{int(v):0{digits}d}" for v in values]
