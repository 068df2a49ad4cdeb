"""The product catalogue, the stores and the email campaign calendar (shared by all chunks)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

import numpy as np

from .reference import CATEGORIES, PRODUCT_ADJECTIVES, STORE_CITIES, VENDORS
from .world import US_PER_DAY, rng_for, to_us

# Categories bought together: an order with a product of the key category often also holds
# that product's fixed complement from the paired category (co-occurrence recommendations).
COMPLEMENT_CATEGORY = {
    "Running Shoes": "Socks",
    "Socks": "Running Shoes",
    "Apparel": "Accessories",
    "Backpacks": "Bottles",
    "Camping": "Backpacks",
    "Nutrition": "Bottles",
    "Bottles": "Nutrition",
    "Watches": "Nutrition",
    "Yoga": "Care",
    "Cycling": "Bottles",
    "Accessories": "Apparel",
    "Care": "Running Shoes",
}
FX = {"USD": 1.0, "CAD": 1.36, "GBP": 0.79, "EUR": 0.92}
CAMPAIGN_EPOCH = datetime(2020, 1, 6, 15, 0)
CAMPAIGN_EVERY_DAYS = 10


@dataclass(frozen=True)
class Catalog:
    product_id: np.ndarray
    variant_id: np.ndarray
    sku: list[str]
    title: list[str]
    category: np.ndarray
    price: np.ndarray
    vendor: list[str]
    handle: list[str]
    created_us: np.ndarray
    complement: np.ndarray  # index of the product bought together with this one
    category_start: np.ndarray  # products are sorted by (category, price)
    category_count: np.ndarray

    @property
    def size(self) -> int:
        return len(self.product_id)


@cache
def build_catalog(seed: int, start_us: int) -> Catalog:
    rng = rng_for(seed, 9)
    titles, categories, prices, vendors = [], [], [], []
    for c, (_, nouns, (median, spread)) in enumerate(CATEGORIES):
        count = int(rng.integers(18, 32))
        seen: set[str] = set()
        rows = []
        while len(rows) < count:
            title = f"{rng.choice(PRODUCT_ADJECTIVES)} {rng.choice(nouns)}"
            if title in seen:
                title = f"{title} {len(rows) + 2}"
            seen.add(title)
            price = round(float(median * np.exp(rng.normal(0, spread))), 0) - 0.01
            rows.append((price, title, str(rng.choice(VENDORS))))
        rows.sort()
        for price, title, vendor in rows:
            titles.append(title)
            categories.append(c)
            prices.append(max(price, 4.99))
            vendors.append(vendor)
    n = len(titles)
    category = np.array(categories)
    start = np.searchsorted(category, np.arange(len(CATEGORIES)))
    count = np.bincount(category, minlength=len(CATEGORIES))
    names = [c[0] for c in CATEGORIES]
    complement = np.empty(n, dtype=np.int64)
    for p in range(n):
        paired = names.index(COMPLEMENT_CATEGORY[names[category[p]]])
        complement[p] = start[paired] + int(rng.integers(0, count[paired]))
    product_id = 8_000_000_000_000 + np.arange(n, dtype=np.int64) * 104_729 + 3_331
    handles = [
        f"{t.lower().replace(' ', '-').replace('&', 'and')}-{i}" for i, t in enumerate(titles)
    ]
    return Catalog(
        product_id=product_id,
        variant_id=product_id + 40_000_000_000_000,
        sku=[f"NP-{names[category[i]][:3].upper()}-{i:05d}" for i in range(n)],
        title=titles,
        category=category,
        price=np.array(prices),
        vendor=vendors,
        handle=handles,
        created_us=start_us - (rng.integers(30, 900, size=n) * US_PER_DAY),
        complement=complement,
        category_start=start,
        category_count=count,
    )


def store_rows() -> list[tuple[str, str, str, str, date]]:
    """(store id, name, city, country, opened on) for every store."""
    rows = []
    for i, (country, city) in enumerate(STORE_CITIES):
        opened = date(2012, 3, 1) + timedelta(days=97 * i)
        rows.append((f"ST{i + 1:03d}", f"Northpeak {city}", city, country, opened))
    return rows


def campaign_index_range(lo_us: int, hi_us: int) -> tuple[int, int]:
    """Campaigns k with lo < send time(k) <= hi, as a half-open range [first, last)."""
    epoch = to_us(CAMPAIGN_EPOCH)
    period = CAMPAIGN_EVERY_DAYS * US_PER_DAY
    first = max(0, (lo_us - epoch) // period + 1)
    last = max(first, (hi_us - epoch) // period + 1)
    return int(first), int(last)


def campaign_time(k: np.ndarray) -> np.ndarray:
    return to_us(CAMPAIGN_EPOCH) + k.astype(np.int64) * CAMPAIGN_EVERY_DAYS * US_PER_DAY
