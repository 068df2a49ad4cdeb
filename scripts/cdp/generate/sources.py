"""Source records of one chunk of people: what each system would hold about them.

`ChunkGenerator.run()` returns one Arrow table per raw table (columns exactly as the sources
YAMLs declare them), the ground truth of every identity record, and noise counts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cdp.dbt_sources import Table

from . import ids
from .catalog import (
    FX,
    Catalog,
    build_catalog,
    campaign_index_range,
    campaign_time,
    store_rows,
)
from .noise import Noise
from .reference import (
    BOUNCE_REASONS,
    CAMPAIGN_THEMES,
    CATEGORIES,
    EMAIL_CLIENT_AGENTS,
    JOB_TITLES,
    LEAD_SOURCES,
    LOCALES,
    SHOP_HOST,
    SIGNUP_SOURCES,
    STORE_CITIES,
    STREET_SUFFIXES_US,
    TEST_EMAILS,
    TICKET_SUBJECTS,
    TIME_ZONES,
    UNIT_WORDS,
    UNSUBSCRIBE_REASONS,
)
from .world import (
    NEVER,
    US_PER_DAY,
    Address,
    People,
    country_table,
    py_rng_for,
    rng_for,
)

MINUTE = 60_000_000
HOUR = 60 * MINUTE
SHOP_ID_BASE = 5_100_000_000_000
ORDER_ID_BASE = 5_900_000_000_000
LINE_ID_BASE = 14_000_000_000_000
SUPPORT_ID_BASE = 360_000_000_000
TICKET_BASE = 1_000_000
TAX_RATE = {"US": 0.0725, "CA": 0.13, "GB": 0.0, "DE": 0.0, "FR": 0.0, "ES": 0.0}
COUNTRY_INFO = country_table()


@dataclass
class ChunkTask:
    """One unit of work: a chunk of people, the ids it may use and the window it covers."""

    seed: int
    noise: float
    id_chunk: int  # distinct for every chunk of every batch: keys of event-level ids
    first_global: int  # the people chunk: global index of its first person
    people: int
    people_start_us: int  # window the people chunk was created with (first seen)
    people_end_us: int
    lo_us: int  # records and events of this task fall in (lo, hi]
    hi_us: int
    mode: str = "full"  # full: everything about these people; existing: new activity only
    fraction: float = 0.0  # existing mode: share of people with new activity
    history_start_us: int = 0
    with_globals: bool = False
    min_erasures: int = 0


@dataclass
class ChunkResult:
    tables: dict[tuple[str, str], pa.Table]
    truth: pa.Table
    noise_counts: dict[str, int]
    people: int


@dataclass
class Rows:
    """Column lists of one table, filled row by row."""

    table: Table
    columns: dict[str, list] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.columns = {name: [] for name in self.table.column_names}

    def add(self, **values: object) -> None:
        for name, column in self.columns.items():
            column.append(values.get(name))

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()))) if self.columns else 0


def to_arrow(table: Table, columns: dict[str, object]) -> pa.Table:
    """Column values (lists of python values, microsecond ints for timestamps, numpy arrays
    or Arrow arrays) -> an Arrow table with the declared types."""
    schema = table.arrow_schema()
    arrays = []
    for fld in schema:
        values = columns[fld.name]
        if isinstance(values, pa.ChunkedArray | pa.Array):
            arrays.append(values.cast(fld.type))
            continue
        if pa.types.is_timestamp(fld.type):
            arrays.append(pa.array(values, type=pa.int64()).cast(fld.type))
        elif pa.types.is_decimal(fld.type):
            floats = pa.array(values, type=pa.float64())
            arrays.append(floats.cast(fld.type))
        else:
            arrays.append(pa.array(values, type=fld.type))
    return pa.Table.from_arrays(arrays, schema=schema)


class ChunkGenerator:
    def __init__(self, task: ChunkTask, contracts: dict[str, dict[str, Table]]) -> None:
        self.task = task
        self.contracts = contracts
        self.rng = rng_for(task.seed, 3, task.id_chunk)
        self.prng = py_rng_for(task.seed, 4, task.id_chunk)
        self.noise = Noise(task.noise, self.prng)
        self.catalog: Catalog = build_catalog(task.seed, task.history_start_us)
        self.rows: dict[tuple[str, str], Rows] = {}
        self.arrow: dict[tuple[str, str], pa.Table] = {}
        self.truth_source: list[str] = []
        self.truth_record: list[str] = []
        self.truth_person: list[str] = []
        self.truth_shared: list[bool] = []
        self.counters: dict[str, int] = {}
        self.pools: dict[str, list] = {}
        self.people: People | None = None
        # flat online orders of this chunk (for web events and payments)
        self.order_person: list[int] = []
        self.order_us: list[int] = []
        self.order_id: list[int] = []
        self.order_total: list[float] = []
        self.order_currency: list[str] = []
        self.order_app: list[bool] = []
        self.line_order: list[int] = []
        self.line_product: list[int] = []

    # ------------------------------------------------------------ plumbing
    def table(self, source: str, name: str) -> Rows:
        key = (source, name)
        if key not in self.rows:
            self.rows[key] = Rows(self.contracts[source][name])
        return self.rows[key]

    def next_keys(self, kind: str, count: int) -> np.ndarray:
        start = self.counters.get(kind, 0)
        self.counters[kind] = start + count
        if start + count >= 1 << 32:
            raise OverflowError(f"too many {kind} ids in one chunk; use a smaller chunk size")
        return ids.event_keys(self.task.id_chunk, start, count)

    def take_id(self, kind: str, prefix: str = "", base: int | None = None) -> str | int:
        """The next id of a kind, from a block made in one vectorised call."""
        pool = self.pools.get(kind)
        if not pool:
            keys = self.next_keys(kind, 4096)
            if base is None:
                pool = ids.hex_ids(keys, kind, prefix).to_pylist()
            else:
                pool = ids.numeric_ids(keys, kind, base).tolist()
            pool.reverse()
            self.pools[kind] = pool
        return pool.pop()

    def person_id_of(self, kind: str, slot: int, i: int) -> str:
        """Person-level string ids (subscriber, CRM contact), made for the whole chunk at once."""
        key = f"{kind}:{slot}"
        if key not in self.pools:
            keys = ids.person_keys(self.people.global_index, slot)
            if kind == "crm_contact":
                self.pools[key] = ids.digit_ids(keys, kind, 11)
            else:
                self.pools[key] = ids.hex_ids(keys, kind, "").to_pylist()
        return self.pools[key][i]

    def truth(self, source: str, record_id: str, person: int, shared: bool = False) -> None:
        assert self.people is not None
        self.truth_source.append(source)
        self.truth_record.append(record_id)
        self.truth_person.append(self.people.person_id[person])
        self.truth_shared.append(shared)

    def between(self, lo: int, hi: int) -> int:
        return int(lo + self.prng.random() * max(1, hi - lo))

    def email_at(self, i: int, t: int) -> str:
        p = self.people
        if p.old_email[i] is not None and t < p.email_changed_us[i]:
            self.noise.note("old_email_used")
            return p.old_email[i]
        return p.email[i]

    def address_at(self, i: int, t: int) -> Address:
        p = self.people
        if p.old_address[i] is not None and t < p.moved_us[i]:
            self.noise.note("old_address_used")
            return p.old_address[i]
        return p.address[i]

    def address_text(self, address: Address) -> str:
        line = address.line1
        if address.country in ("US", "CA") and self.noise.hit("address_abbreviated", 0.4):
            for full, short in STREET_SUFFIXES_US + UNIT_WORDS:
                if f" {full}" in line:
                    line = line.replace(f" {full}", f" {self.prng.choice(short)}")
            line = line.replace(", Apt", self.prng.choice([" Apt", ", Apt.", " #", ", Unit"]))
        if self.noise.hit("address_case_whitespace", 0.05):
            line = self.noise.case_whitespace(line)
        return line

    def phone_text(self, i: int, *, landline: bool = False, p_missing: float = 0.1) -> str | None:
        p = self.people
        number = p.landline[i] if landline else p.mobile[i]
        _, calling, _, _ = COUNTRY_INFO[p.country[i]]
        return self.noise.phone(number, p.country[i], calling, p_missing=p_missing)

    def any_phone(self, i: int, p_missing: float) -> tuple[str | None, bool]:
        """Mobile, or (less often) the landline, which household members may share."""
        p = self.people
        use_landline = p.landline[i] is not None and (
            p.mobile[i] is None or self.prng.random() < 0.35
        )
        shared = bool(use_landline and p.landline_shared[i])
        if shared:
            self.noise.note("shared_family_phone")
        text = self.phone_text(i, landline=use_landline, p_missing=p_missing)
        return text, shared and text is not None

    def currency(self, i: int) -> str:
        return COUNTRY_INFO[self.people.country[i]][0]

    # ------------------------------------------------------------ run
    def run(self) -> ChunkResult:
        t = self.task
        self.people = p = _people_for(t)
        self.extra_plan: list[tuple] = []
        if t.mode == "full":
            selected = np.arange(p.n)
            purchases_person, purchases_us = p.purchase_person, p.purchase_us
            channel_online = p.extra["channel_online"]
            keep = (purchases_us > t.lo_us) & (purchases_us <= t.hi_us)
            purchases_person = purchases_person[keep]
            purchases_us = purchases_us[keep]
            channel_online = channel_online[keep]
            self.shop_customers(selected)
            self.test_accounts()
        else:
            self.plan = _subscriber_plan(self, np.arange(p.n))
            selected, purchases_person, purchases_us, channel_online = self.existing_activity()
        self.purchases(purchases_person, purchases_us, channel_online)
        if t.mode == "full":
            self.payments_customers(selected)
            self.loyalty_members(selected)
            self.crm_contacts(selected)
            self.support_users(selected)
            self.erasure_requests()
        self.email(selected)
        self.web(selected)
        if t.with_globals:
            self.globals()
        tables = {key: to_arrow(rows.table, rows.columns) for key, rows in self.rows.items()}
        tables.update(self.arrow)
        truth = pa.table(
            {
                "source_name": pa.array(self.truth_source, pa.string()),
                "record_id": pa.array(self.truth_record, pa.string()),
                "person_id": pa.array(self.truth_person, pa.string()),
                "is_shared": pa.array(self.truth_shared, pa.bool_()),
            }
        )
        return ChunkResult(tables, truth, dict(self.noise.counts), p.n if t.mode == "full" else 0)

    # ------------------------------------------------------------ increments
    def existing_activity(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Existing people who come back in the increment's window: new orders, sessions, a
        CRM contact created for a shopper, an email change."""
        t, p = self.task, self.people
        alive = np.flatnonzero(p.inactive_us > t.lo_us)
        count = min(len(alive), max(1, round(t.fraction * p.n)))
        selected = np.sort(self.rng.choice(alive, size=count, replace=False)) if count else alive
        persons, times = [], []
        for i in selected:
            if p.is_buyer[i]:
                for _ in range(1 + int(self.rng.poisson(0.4))):
                    persons.append(i)
                    times.append(self.between(t.lo_us, t.hi_us))
        persons_arr = np.array(persons, dtype=np.int64)
        channel = self.rng.random(len(persons_arr)) < p.online_share[persons_arr]
        # people who change their email address in this window
        for i in selected:
            if self.prng.random() < 0.15:
                changed_at = self.between(t.lo_us, t.hi_us)
                p.old_email[i] = p.email[i]
                p.email[i] = _new_email(p, int(i), self.prng)
                p.email_changed_us[i] = changed_at
                self.noise.note("changed_email")
                if p.is_subscriber[i]:
                    stored, status, since, until, broken = self.subscriber_record(
                        int(i), 3, p.email[i], "lst_main", changed_at, True
                    )
                    if status != "pending":
                        entry = (int(i), stored, since, until, broken, status == "unsubscribed")
                        self.extra_plan.append(entry)
        # a CRM contact created for an existing shopper
        for i in selected:
            if p.has_account[i] and not p.in_crm[i] and self.prng.random() < 0.3:
                self.crm_contact(int(i), 2, self.between(t.lo_us, t.hi_us))
        return selected, persons_arr, np.array(times, dtype=np.int64), channel

    # ------------------------------------------------------------ shop
    def shop_customers(self, selected: np.ndarray) -> None:
        p = self.people
        for i in selected:
            if not p.has_account[i]:
                continue
            self.shop_customer(int(i), int(p.shop_customer_id[i]), int(p.account_created_us[i]))
            if p.second_account_id[i]:
                # forgot the first account: a second one, other email, months later
                created = _second_account_created(p, int(i))
                self.noise.note("duplicate_shop_account")
                self.shop_customer(int(i), int(p.second_account_id[i]), created, second=True)

    def shop_customer(self, i: int, customer_id: int, created: int, second: bool = False) -> None:
        p, n, t = self.people, self.noise, self.task
        updated = self.between(created, t.hi_us)
        email = self.email_at(i, created)
        if p.old_email[i] is not None and self.prng.random() < 0.5:
            email = self.email_at(i, updated)  # the account was updated with the new address
        if second:
            email = p.other_email[i] or p.old_email[i] or email
        shared = bool(second and p.work_email_shared[i])
        address = self.address_at(i, updated)
        sub = bool(p.is_subscriber[i])
        consent_state = (
            "subscribed" if sub else self.prng.choice(["not_subscribed", "unsubscribed", "pending"])
        )
        phone, phone_shared = self.any_phone(i, p_missing=0.55)
        self.table("shop", "customers").add(
            id=customer_id,
            email=n.email(email, p_missing=0.01, p_placeholder=0.002, p_variant=0.05),
            phone=phone,
            first_name=n.first_name(p.first_name[i], p_nick=0.04, p_missing=0.03),
            last_name=n.last_name(p.last_name[i], p_missing=0.03),
            state=self.prng.choices(["enabled", "disabled", "invited", "declined"], [85, 5, 8, 2])[
                0
            ],
            verified_email=self.prng.random() < 0.8,
            tags=self.prng.choices(
                ["", "vip", "newsletter", "wholesale", "returns-watch"], [70, 8, 15, 4, 3]
            )[0]
            or None,
            email_marketing_consent_state=consent_state,
            email_marketing_consent_updated_at=self.between(created, updated),
            sms_marketing_consent_state=self.prng.choice(
                ["subscribed", "not_subscribed", "not_subscribed"]
            ),
            sms_marketing_consent_updated_at=self.between(created, updated)
            if self.prng.random() < 0.6
            else None,
            default_address_address1=self.address_text(address)
            if self.prng.random() < 0.9
            else None,
            default_address_city=address.city,
            default_address_zip=address.postcode,
            default_address_country_code=address.country,
            created_at=created,
            updated_at=updated,
            _fivetran_deleted=self.prng.random() < 0.01,
            _fivetran_synced=t.hi_us - self.prng.randint(1, 20) * HOUR,
        )
        self.truth("shop_customers", str(customer_id), i, shared or phone_shared)

    def test_accounts(self) -> None:
        p, t = self.people, self.task
        for i in np.flatnonzero(p.is_test_owner):
            for k in range(self.prng.randint(1, 3)):
                pattern = self.prng.choice(TEST_EMAILS)
                email = pattern.format(n=self.prng.randint(1, 999))
                shared = "{n}" not in pattern
                customer_id = int(
                    ids.numeric_ids(
                        ids.person_keys(p.global_index[i : i + 1], 4 + k),
                        "shop_customer",
                        SHOP_ID_BASE,
                    )[0]
                )
                created = self.between(t.lo_us, t.hi_us)
                self.table("shop", "customers").add(
                    id=customer_id,
                    email=email,
                    phone=self.prng.choice([None, "000-000-0000", "1234567890"]),
                    first_name="Test",
                    last_name=self.prng.choice(["User", "Account", p.first_name[i], "QA"]),
                    state="enabled",
                    verified_email=False,
                    tags=self.prng.choice(["test", "test, internal", "Test"]),
                    email_marketing_consent_state="not_subscribed",
                    default_address_address1="1 Test Street",
                    default_address_city="Test City",
                    default_address_zip="00000",
                    default_address_country_code="US",
                    created_at=created,
                    updated_at=created,
                    _fivetran_deleted=False,
                    _fivetran_synced=t.hi_us - HOUR,
                )
                self.noise.note("test_account")
                self.truth("shop_customers", str(customer_id), int(i), shared)

    # ------------------------------------------------------------ purchases
    def purchases(self, person: np.ndarray, when: np.ndarray, online: np.ndarray) -> None:
        order_keys = self.next_keys("order", int(online.sum()))
        order_ids = ids.numeric_ids(order_keys, "order", ORDER_ID_BASE)
        k = 0
        for i, t_us, is_online in zip(person.tolist(), when.tolist(), online.tolist(), strict=True):
            if is_online:
                self.shop_order(i, t_us, int(order_ids[k]), int(order_keys[k] & 0xFFFFFFFF))
                k += 1
            else:
                self.pos_transaction(i, t_us)

    def basket(self, i: int) -> list[tuple[int, int]]:
        """(product index, quantity) lines from the person's preferred categories."""
        p, cat = self.people, self.catalog
        n_lines = 1 + int(self.rng.poisson(max(0.0, p.aov[i] / 65.0 - 0.7)))
        lines: list[tuple[int, int]] = []
        chosen: set[int] = set()
        for _ in range(n_lines):
            c = int(np.searchsorted(p.category_cdf[i], self.prng.random() * p.category_cdf[i][-1]))
            c = min(c, len(CATEGORIES) - 1)
            start, count = int(cat.category_start[c]), int(cat.category_count[c])
            if p.premium[i]:
                product = start + count // 2 + self.prng.randrange(count - count // 2)
            else:
                product = start + self.prng.randrange(count)
            for item in (product, int(cat.complement[product])):
                if item not in chosen:
                    chosen.add(item)
                    qty = 1 if self.prng.random() < 0.85 else self.prng.randint(2, 3)
                    lines.append((item, qty))
                if self.prng.random() >= 0.45:  # the complement joins the basket 45 % of times
                    break
        return lines

    def shop_order(self, i: int, t_us: int, order_id: int, seq: int) -> None:
        p, n, task = self.people, self.noise, self.task
        currency = self.currency(i)
        fx = FX[currency]
        lines = self.basket(i)
        line_rows = self.table("shop", "order_lines")
        line_ids = [self.take_id("order_line", base=LINE_ID_BASE) for _ in lines]
        subtotal = 0.0
        discount_share = self.prng.choice([0.0, 0.0, 0.0, 0.1, 0.15, 0.2])
        synced = task.hi_us - self.prng.randint(1, 30) * HOUR
        for (product, qty), line_id in zip(lines, line_ids, strict=True):
            unit = round(float(self.catalog.price[product]) * fx, 2)
            line_discount = round(unit * qty * discount_share, 2)
            subtotal += unit * qty
            line_rows.add(
                id=line_id,
                order_id=order_id,
                product_id=int(self.catalog.product_id[product]),
                variant_id=int(self.catalog.variant_id[product]),
                sku=self.catalog.sku[product],
                title=self.catalog.title[product],
                quantity=qty,
                price=unit,
                total_discount=line_discount,
                _fivetran_synced=synced,
            )
            self.line_order.append(len(self.order_id))
            self.line_product.append(product)
        subtotal = round(subtotal, 2)
        discount = round(subtotal * discount_share, 2)
        tax = round((subtotal - discount) * TAX_RATE[p.country[i]], 2)
        shipping = 0.0 if subtotal >= 75 * fx else round(6.95 * fx, 2)
        total = round(subtotal - discount + tax + shipping, 2)
        status = self.prng.choices(
            ["paid", "pending", "refunded", "partially_refunded", "voided"], [88, 2, 5, 3, 2]
        )[0]
        account = bool(p.has_account[i] and t_us >= p.account_created_us[i])
        guest = not account or self.prng.random() < 0.05
        customer_id = None if guest else int(p.shop_customer_id[i])
        second_since = _second_account_created(p, i) if p.second_account_id[i] else NEVER
        if customer_id and t_us >= second_since and self.prng.random() < 0.3:
            customer_id = int(p.second_account_id[i])
        use_work = p.other_email[i] is not None and self.prng.random() < 0.1
        email = p.other_email[i] if use_work else self.email_at(i, t_us)
        shared = bool(use_work and p.work_email_shared[i])
        if shared:
            n.note("shared_office_mailbox")
        address = self.address_at(i, t_us)
        phone, phone_shared = self.any_phone(i, p_missing=0.6)
        billing_phone = self.phone_text(i, p_missing=0.5)
        app = any(d.kind in ("ios", "android") for d in p.devices[i]) and self.prng.random() < 0.35
        processed = t_us + self.prng.randint(1, 90) * 1_000_000
        cancelled = processed + self.prng.randint(1, 72) * HOUR if status == "voided" else None
        self.table("shop", "orders").add(
            id=order_id,
            customer_id=customer_id,
            name=f"#{1001 + self.task.id_chunk * 1_000_000 + seq}",
            email=n.email(email, p_missing=0.01, p_placeholder=0.003, p_variant=0.06),
            phone=phone,
            currency=currency,
            subtotal_price=subtotal,
            total_discounts=discount,
            total_tax=tax,
            total_shipping=shipping,
            total_price=total,
            financial_status=status,
            fulfillment_status=None
            if status in ("voided", "pending")
            else self.prng.choice(["fulfilled", "fulfilled", "fulfilled", "partial", None]),
            source_name="app" if app else "web",
            billing_address_first_name=n.first_name(p.first_name[i], p_nick=0.05, p_missing=0.02),
            billing_address_last_name=n.last_name(p.last_name[i], p_missing=0.02),
            billing_address_address1=self.address_text(address),
            billing_address_city=address.city,
            billing_address_zip=address.postcode,
            billing_address_country_code=address.country,
            billing_address_phone=billing_phone,
            created_at=t_us,
            processed_at=processed,
            cancelled_at=cancelled,
            # a row synced at the batch's cut-off was last updated before it
            updated_at=min(
                max(processed, cancelled or 0) + self.prng.randint(0, 240) * HOUR, task.hi_us
            ),
            _fivetran_synced=synced,
        )
        self.truth("shop_orders", str(order_id), i, shared or phone_shared)
        self.order_person.append(i)
        self.order_us.append(t_us)
        self.order_id.append(order_id)
        self.order_total.append(total)
        self.order_currency.append(currency)
        self.order_app.append(app)
        self.charge(i, t_us, order_id, total, currency, status, guest, email)

    def charge(
        self,
        i: int,
        t_us: int,
        order_id: int,
        total: float,
        currency: str,
        status: str,
        guest: bool,
        email: str,
    ) -> None:
        p = self.people
        if p.payments_customer[i] is None:
            return  # paid another way (PayPal, gift card)
        customer = p.payments_customer[i]
        if p.second_payments_customer[i] and self.prng.random() < 0.3:
            customer = p.second_payments_customer[i]
        if guest and self.prng.random() < 0.5:
            customer = None
        fingerprint, last4, brand = self.prng.choice(p.cards[i])
        rows = self.table("payments", "charges")
        amount = round(total * 100)
        attempts = ["failed", "succeeded"] if self.prng.random() < 0.03 else ["succeeded"]
        if status == "pending":
            attempts = ["pending"]
        charge_ids = [self.take_id("charge", "ch_") for _ in attempts]
        for k, (state, charge_id) in enumerate(zip(attempts, charge_ids, strict=True)):
            created = t_us + (k * 5 + 2) * 1_000_000
            refunded = 0
            if state == "succeeded" and status in ("refunded", "partially_refunded"):
                refunded = amount if status == "refunded" else amount // 3
                self.refund(charge_id, refunded, currency, created)
            rows.add(
                id=charge_id,
                customer_id=customer,
                amount=amount,
                amount_refunded=refunded,
                currency=currency.lower(),
                status=state,
                paid=state == "succeeded",
                captured=state == "succeeded",
                failure_code="card_declined" if state == "failed" else None,
                description=f"Order #{order_id}" if self.prng.random() < 0.5 else None,
                metadata_order_id=str(order_id) if self.prng.random() < 0.95 else None,
                card_fingerprint=fingerprint,
                card_last4=last4,
                card_brand=brand,
                billing_details_email=self.noise.email(email, p_missing=0.2, p_variant=0.03),
                created=created,
                _fivetran_synced=self.task.hi_us - self.prng.randint(1, 24) * HOUR,
            )

    def refund(self, charge_id: str, amount: int, currency: str, charged: int) -> None:
        refund_id = self.take_id("refund", "re_")
        created = min(charged + self.prng.randint(1, 40) * US_PER_DAY, self.task.hi_us)
        self.table("payments", "refunds").add(
            id=refund_id,
            charge_id=charge_id,
            amount=amount,
            currency=currency.lower(),
            status="succeeded",
            reason=self.prng.choices(
                ["requested_by_customer", "duplicate", "fraudulent"], [90, 7, 3]
            )[0],
            created=created,
            _fivetran_synced=self.task.hi_us - HOUR,
        )

    def pos_transaction(self, i: int, t_us: int) -> None:
        p = self.people
        store = int(p.home_store[i])
        if store < 0:
            return
        country = STORE_CITIES[store][0]
        if self.prng.random() < 0.15:
            same = [k for k, (c, _) in enumerate(STORE_CITIES) if c == country]
            store = self.prng.choice(same)
        currency = COUNTRY_INFO[country][0]
        total = round(float(p.aov[i]) * FX[currency] * self.prng.uniform(0.4, 1.5), 2)
        card = p.loyalty_card[i]
        if card is not None and self.prng.random() >= 0.6:
            card = None  # the card was not scanned
        tx_id = f"T{str(self.take_id('pos_tx')).upper()}"
        self.table("pos", "transactions").add(
            id=tx_id,
            store_id=f"ST{store + 1:03d}",
            card_number=card,
            total_amount=total,
            currency=currency,
            item_count=1 + int(self.rng.poisson(total / (40 * FX[currency]))),
            points_earned=int(total) if card else 0,
            payment_method=self.prng.choices(["card", "cash", "gift_card"], [72, 24, 4])[0],
            transacted_at=t_us,
            _loaded_at=self.task.hi_us - self.prng.randint(1, 12) * HOUR,
        )

    # ------------------------------------------------------------ payments customers
    def payments_customers(self, selected: np.ndarray) -> None:
        p, n, t = self.people, self.noise, self.task
        first_order: dict[int, int] = {}
        for person, when in zip(self.order_person, self.order_us, strict=True):
            first_order.setdefault(person, when)
        for i in selected:
            i = int(i)
            for slot, customer in enumerate(
                (p.payments_customer[i], p.second_payments_customer[i])
            ):
                if customer is None or i not in first_order:
                    continue
                created = first_order[i] if slot == 0 else self.between(first_order[i], t.hi_us)
                address = self.address_at(i, created)
                use_work = slot == 1 and p.other_email[i] is not None
                email = p.other_email[i] if use_work else self.email_at(i, created)
                shared = bool(use_work and p.work_email_shared[i])
                phone, phone_shared = self.any_phone(i, p_missing=0.7)
                first = n.first_name(p.first_name[i], p_nick=0.04, p_missing=0.0) or ""
                last = n.last_name(p.last_name[i], p_missing=0.0) or ""
                name = f"{first} {last}".strip() if self.prng.random() < 0.9 else None
                if name and self.prng.random() < 0.05:
                    name = f"{last}, {first}"
                    n.note("name_last_first")
                linked = p.has_account[i] and self.prng.random() < 0.5
                self.table("payments", "customers").add(
                    id=customer,
                    email=n.email(email, p_missing=0.05, p_variant=0.05),
                    name=name,
                    phone=phone,
                    description=self.prng.choice(
                        [None, None, "shop checkout", "created by integration"]
                    ),
                    address_line1=self.address_text(address) if self.prng.random() < 0.7 else None,
                    address_city=address.city,
                    address_postal_code=address.postcode,
                    address_country=address.country,
                    metadata_shop_customer_id=str(int(p.shop_customer_id[i])) if linked else None,
                    created=created,
                    is_deleted=self.prng.random() < 0.01,
                    _fivetran_synced=t.hi_us - self.prng.randint(1, 24) * HOUR,
                )
                self.truth("payments_customers", customer, i, shared or phone_shared)

    # ------------------------------------------------------------ pos
    def loyalty_members(self, selected: np.ndarray) -> None:
        p, n, t = self.people, self.noise, self.task
        first_store: dict[int, int] = {}
        # enrolment: the first store visit of the member (approximated by first purchase)
        for i, when, online in zip(
            p.purchase_person.tolist(),
            p.purchase_us.tolist(),
            p.extra["channel_online"].tolist(),
            strict=True,
        ):
            if not online:
                first_store.setdefault(i, when)
        for i in selected:
            i = int(i)
            card = p.loyalty_card[i]
            if card is None or i not in first_store or first_store[i] > t.hi_us:
                continue
            enrolled = first_store[i]
            email = self.email_at(i, enrolled)
            phone, phone_shared = self.any_phone(i, p_missing=0.25)
            spend_rank = float(p.purchase_rate[i] * p.aov[i])
            tier = "gold" if spend_rank > 300 else "silver" if spend_rank > 120 else "bronze"
            store = int(p.home_store[i])
            self.table("pos", "loyalty_members").add(
                card_number=card,
                first_name=n.first_name(p.first_name[i], p_nick=0.12, p_missing=0.03),
                last_name=n.last_name(p.last_name[i], p_missing=0.03),
                email=n.email(email, p_missing=0.3, p_placeholder=0.04, p_variant=0.03),
                phone=phone,
                birth_date=n.birth_date_text(p.birth[i], "dmy", p_missing=0.25),
                postcode=self.address_at(i, enrolled).postcode,
                tier=tier,
                points_balance=int(self.rng.integers(0, 4000)),
                enrolled_store_id=f"ST{store + 1:03d}",
                enrolled_at=enrolled,
                updated_at=self.between(enrolled, t.hi_us),
                _loaded_at=t.hi_us - self.prng.randint(1, 12) * HOUR,
            )
            self.truth("pos_loyalty_members", card, i, phone_shared)

    # ------------------------------------------------------------ crm
    def crm_contacts(self, selected: np.ndarray) -> None:
        p, t = self.people, self.task
        for i in selected:
            i = int(i)
            for slot in range(int(p.crm_contacts[i])):
                created = self.between(max(int(p.first_seen_us[i]), t.lo_us), t.hi_us)
                self.crm_contact(i, slot, created)

    def crm_contact(self, i: int, slot: int, created: int) -> None:
        p, n, t = self.people, self.noise, self.task
        contact_id = self.person_id_of("crm_contact", slot, i)
        updated = self.between(created, t.hi_us)
        b2b = p.company[i] is not None
        use_work = b2b and self.prng.random() < 0.7
        email = p.other_email[i] if use_work else self.email_at(i, created)
        shared = bool(use_work and p.work_email_shared[i])
        if shared:
            n.note("shared_office_mailbox")
        address = self.address_at(i, created)
        phone, phone_shared = self.any_phone(i, p_missing=0.3)
        names = COUNTRY_INFO[p.country[i]][3]
        country_typed = self.prng.choice([address.country, address.country, *names])
        if n.hit("missing_value", 0.08):
            country_typed = None
        stage = "customer" if p.is_buyer[i] else self.prng.choice(["subscriber", "lead", "other"])
        if stage == "customer" and self.prng.random() < 0.08:
            stage = "evangelist"
        opted_out = self.prng.random() < 0.12
        linked = p.has_account[i] and self.prng.random() < 0.5
        shop_id = str(int(p.shop_customer_id[i])) if linked else None
        if shop_id and n.hit("id_whitespace", 0.02):
            shop_id = f" {shop_id} "
        self.table("crm", "contacts").add(
            id=contact_id,
            email=n.email(email, p_missing=0.06, p_placeholder=0.02, p_variant=0.05),
            phone=phone,
            mobile_phone=self.phone_text(i, p_missing=0.6),
            first_name=n.first_name(p.first_name[i], p_nick=0.15, p_missing=0.02),
            last_name=n.last_name(p.last_name[i], p_missing=0.02),
            date_of_birth=n.birth_date_text(p.birth[i], "free", p_missing=0.45),
            street_address=self.address_text(address) if self.prng.random() < 0.75 else None,
            city=address.city if self.prng.random() < 0.9 else None,
            postal_code=address.postcode if self.prng.random() < 0.85 else None,
            country=country_typed,
            company=p.company[i] and p.company[i].replace("-", " ").title(),
            job_title=self.prng.choice(JOB_TITLES) if b2b else None,
            lifecycle_stage=stage,
            lead_source=self.prng.choice(LEAD_SOURCES),
            email_opt_out=opted_out,
            email_opt_out_at=self.between(created, updated) if opted_out else None,
            sms_opt_in=self.prng.random() < 0.2,
            shop_customer_id=shop_id,
            created_at=created,
            updated_at=updated,
            is_deleted=self.prng.random() < 0.02,
            _loaded_at=t.hi_us - self.prng.randint(1, 20) * HOUR,
        )
        self.truth("crm_contacts", contact_id, i, shared or phone_shared)

    # ------------------------------------------------------------ support
    def support_users(self, selected: np.ndarray) -> None:
        p, n, t = self.people, self.noise, self.task
        users = [int(i) for i in selected if p.in_support[i]]
        if self.task.first_global == 0 and self.task.mode == "full":
            users_agents = list(range(min(5, p.n)))
        else:
            users_agents = []
        keys = ids.person_keys(p.global_index[users], 0) if users else np.array([], np.uint64)
        user_ids = ids.numeric_ids(keys, "support_user", SUPPORT_ID_BASE).tolist()
        for i, user_id in zip(users, user_ids, strict=True):
            created = self.between(
                max(int(p.first_seen_us[i]), t.lo_us), min(int(p.inactive_us[i]), t.hi_us)
            )
            use_work = p.other_email[i] is not None and self.prng.random() < 0.25
            email = p.other_email[i] if use_work else self.email_at(i, created)
            shared = bool(use_work and p.work_email_shared[i])
            first = n.first_name(p.first_name[i], p_nick=0.08, p_missing=0.0) or ""
            last = n.last_name(p.last_name[i], p_missing=0.15) or ""
            style = self.prng.random()
            if style < 0.8:
                name = f"{first} {last}".strip()
            elif style < 0.9:
                name = first
            else:
                name = (email or "user").split("@")[0]
            phone, phone_shared = self.any_phone(i, p_missing=0.75)
            known = p.has_account[i] and self.prng.random() < 0.6
            updated = self.between(created, t.hi_us)
            self.table("support", "users").add(
                id=user_id,
                name=name,
                email=n.email(email, p_missing=0.03, p_variant=0.05),
                phone=phone,
                external_id=str(int(p.shop_customer_id[i])) if known else None,
                role="end-user",
                active=self.prng.random() < 0.97,
                locale=LOCALES[p.country[i]],
                time_zone=self.prng.choice(TIME_ZONES[p.country[i]]),
                created_at=created,
                updated_at=updated,
                _fivetran_synced=t.hi_us - HOUR,
            )
            self.truth("support_users", str(user_id), i, shared or phone_shared)
            self.tickets(i, user_id, created)
        for k, i in enumerate(users_agents):
            agent_id = int(
                ids.numeric_ids(
                    ids.person_keys(p.global_index[i : i + 1], 3), "support_user", SUPPORT_ID_BASE
                )[0]
            )
            self.table("support", "users").add(
                id=agent_id,
                name=f"{p.first_name[i]} {p.last_name[i][0]}.",
                email=f"agent{k + 1}@northpeak-outdoor.com",
                role="admin" if k == 0 else "agent",
                active=True,
                locale="en-US",
                time_zone="America/Denver",
                created_at=t.lo_us,
                updated_at=t.lo_us,
                _fivetran_synced=t.hi_us - HOUR,
            )
            self.truth("support_users", str(agent_id), i, False)

    def tickets(self, i: int, user_id: int, created: int) -> None:
        p, t = self.people, self.task
        end = min(int(p.inactive_us[i]) + 20 * US_PER_DAY, t.hi_us)
        count = 1 + int(self.rng.poisson(0.7))
        keys = self.next_keys("ticket", count)
        ticket_ids = (
            TICKET_BASE
            + (keys & np.uint64(0xFFFFFFFF)).astype(np.int64)
            + self.task.id_chunk * 10_000_000
        ).tolist()
        for ticket_id in ticket_ids:
            opened = self.between(created, max(created + 1, end))
            recent = t.hi_us - opened < 10 * US_PER_DAY
            status = (
                self.prng.choice(["new", "open", "pending", "hold"])
                if recent and self.prng.random() < 0.6
                else self.prng.choice(["solved", "closed", "closed"])
            )
            solved = (
                None
                if status in ("new", "open", "pending", "hold")
                else min(opened + self.prng.randint(1, 120) * HOUR, t.hi_us)
            )
            self.table("support", "tickets").add(
                id=ticket_id,
                requester_id=user_id,
                subject=self.prng.choice(TICKET_SUBJECTS),
                status=status,
                priority=self.prng.choices(
                    [None, "low", "normal", "high", "urgent"], [15, 20, 45, 15, 5]
                )[0],
                type=self.prng.choice(["question", "incident", "problem", "task"]),
                via_channel=self.prng.choice(["email", "web", "chat", "phone"]),
                satisfaction_rating_score=self.prng.choice(
                    ["good", "bad", "offered", "unoffered", "unoffered"]
                ),
                created_at=opened,
                updated_at=solved or opened,
                solved_at=solved,
                _fivetran_synced=t.hi_us - HOUR,
            )

    # ------------------------------------------------------------ privacy
    def erasure_requests(self) -> None:
        p, t = self.people, self.task
        count = max(int(self.rng.binomial(p.n, 0.001)), t.min_erasures)
        for i in self.rng.choice(p.n, size=min(count, p.n), replace=False):
            i = int(i)
            options = ["email"]
            if p.mobile[i]:
                options.append("phone")
            if p.has_account[i]:
                options.append("shop_customer_id")
            if p.loyalty_card[i]:
                options.append("loyalty_card_number")
            kind = self.prng.choice(options)
            if kind == "email":
                value = self.prng.choice(
                    [p.email[i].upper(), f"  {p.email[i]} ", p.email[i].title()]
                )
            elif kind == "phone":
                _, calling, _, _ = COUNTRY_INFO[p.country[i]]
                from .noise import format_phone

                value = format_phone(
                    p.mobile[i], p.country[i], calling, self.prng.choice([0, 4, 6])
                )
            elif kind == "shop_customer_id":
                value = self.prng.choice(
                    [f" {int(p.shop_customer_id[i])}", f"#{int(p.shop_customer_id[i])}"]
                )
            else:
                card = p.loyalty_card[i]
                value = f"{card[:4]} {card[4:8]} {card[8:]}"
            request_id = "ER-" + str(self.take_id("erasure")).upper()
            self.table("privacy", "erasure_requests").add(
                id=request_id,
                identifier_type=kind,
                identifier_value=value,
                request_channel=self.prng.choice(["privacy_portal", "support", "email"]),
                requested_at=t.hi_us - self.prng.randint(1, 60 * 24) * HOUR,
            )
            self.noise.note("erasure_request")

    # ------------------------------------------------------------ email
    def subscriber_record(
        self, i: int, slot: int, email: str, list_id: str, subscribed: int, record: bool
    ) -> tuple[str, str, int, int, bool]:
        """One list member. Returns (stored email, status, subscribed, end of sending, bounced)."""
        p, t = self.people, self.task
        before = self.noise.counts["email_typo"] + self.noise.counts["email_malformed"]
        stored = self.noise.email(email, p_missing=0.0, p_placeholder=0.003, p_variant=0.05)
        broken = self.noise.counts["email_typo"] + self.noise.counts["email_malformed"] > before
        stored = stored or email
        status, ends = "subscribed", t.hi_us
        dropped = p.inactive_us[i] < t.hi_us
        if broken:
            status = "cleaned"
            first_k, _ = campaign_index_range(subscribed, t.hi_us)
            ends = min(int(campaign_time(np.array([first_k]))[0]) + 4 * HOUR, t.hi_us)
        elif self.prng.random() < 0.02:
            status, ends = "pending", subscribed
        elif dropped and self.prng.random() < 0.35:
            ends = min(int(p.inactive_us[i]) + self.prng.randint(10, 120) * US_PER_DAY, t.hi_us)
            status = "unsubscribed" if ends < t.hi_us else "subscribed"
        elif self.prng.random() < 0.04:
            ends = self.between(subscribed, t.hi_us)
            status = "unsubscribed"
        if p.old_email[i] == email and p.email_changed_us[i] < ends:
            ends = int(p.email_changed_us[i])  # the old address stops being mailed after a change
            status = self.prng.choice(["unsubscribed", "cleaned"])
            broken = broken or status == "cleaned"
        if record:
            subscriber_id = self.person_id_of("subscriber", slot, i)
            self.table("email", "subscribers").add(
                id=subscriber_id,
                email=stored,
                list_id=list_id,
                status=status,
                first_name=self.noise.first_name(p.first_name[i], p_nick=0.05, p_missing=0.4),
                last_name=self.noise.last_name(p.last_name[i], p_missing=0.5),
                signup_source=self.prng.choice(SIGNUP_SOURCES),
                subscribed_at=subscribed,
                updated_at=max(subscribed, min(ends, t.hi_us)),
                _loaded_at=t.hi_us - HOUR,
            )
            self.truth("email_subscribers", subscriber_id, i, False)
        return stored.strip().lower(), status, subscribed, ends, broken

    def email(self, selected: np.ndarray) -> None:
        """List members (full mode) and campaign sends, opens, clicks, unsubscribes, bounces."""
        p, t = self.people, self.task
        if t.mode == "full":
            plan = _subscriber_plan(self, selected)
        else:
            chosen = set(selected.tolist())
            plan = []
            for entry in self.plan:
                if entry[0] not in chosen:
                    continue
                if p.email_changed_us[entry[0]] > t.lo_us and p.old_email[entry[0]] is not None:
                    # the address changed in this window: its old address is mailed no more
                    entry = (
                        *entry[:3],
                        min(entry[3], int(p.email_changed_us[entry[0]])),
                        *entry[4:],
                    )
                plan.append(entry)
            plan += self.extra_plan
        if not plan:
            return
        person = np.array([r[0] for r in plan], dtype=np.int64)
        address = [r[1] for r in plan]
        start = np.array([max(r[2], t.lo_us) for r in plan], dtype=np.int64)
        end = np.array([r[3] for r in plan], dtype=np.int64)
        bounced = np.array([r[4] for r in plan], dtype=bool)
        unsubscribed = np.array([r[5] for r in plan], dtype=bool)
        first_k, last_k = zip(
            *(campaign_index_range(int(s), int(e)) for s, e in zip(start, end, strict=True)),
            strict=True,
        )
        first_k, last_k = np.array(first_k), np.array(last_k)
        counts = np.maximum(last_k - first_k, 0)
        rec = np.repeat(np.arange(len(plan)), counts)
        k = np.repeat(first_k, counts) + (
            np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        )
        take = self.rng.random(len(rec)) < 0.35
        # a broken address bounces on its first send and is mailed no more
        first_send = np.ones(len(rec), dtype=bool)
        if len(rec):
            first_send[1:] = rec[1:] != rec[:-1]
        take |= bounced[rec] & first_send
        take &= ~bounced[rec] | first_send
        rec, k = rec[take], k[take]
        sent = campaign_time(k) + self.rng.integers(0, 3 * HOUR, size=len(k))
        open_rate = p.extra["open_rate"][person[rec]]
        inactive = p.inactive_us[person[rec]]
        decline = np.clip((inactive - sent) / (90 * US_PER_DAY), 0.1, 1.0)
        p_open = np.where(sent >= inactive, 0.01, open_rate * decline)
        is_hard = bounced[rec]
        soft = ~is_hard & (self.rng.random(len(rec)) < 0.005)
        opened = ~is_hard & ~soft & (self.rng.random(len(rec)) < p_open)
        emails = pa.array(address, pa.string()).take(pa.array(rec))
        campaign_ids = pc.binary_join_element_wise("cmp_", pc.cast(pa.array(k), pa.string()), "")
        names = pa.array(
            [
                f"{CAMPAIGN_THEMES[x % len(CAMPAIGN_THEMES)]} #{x}"
                for x in range(int(k.max(initial=0)) + 1)
            ]
        ).take(pa.array(k))
        loaded = np.full(len(rec), t.hi_us - HOUR)
        self.arrow_table(
            "email",
            "sends",
            {
                "id": ids.hex_ids(self.next_keys("send", len(rec)), "send", "snd_"),
                "email": emails,
                "campaign_id": campaign_ids,
                "campaign_name": names,
                "sent_at": sent,
                "_loaded_at": loaded,
            },
        )
        # opens (some recipients open twice), clicks
        o = np.flatnonzero(opened)
        o = np.concatenate([o, o[self.rng.random(len(o)) < 0.25]])
        open_at = sent[o] + (self.rng.exponential(5.0, size=len(o)) * HOUR).astype(np.int64)
        # opens and clicks after the export (loaded an hour before the cut-off) wait for it
        open_at = np.minimum(open_at, t.hi_us - HOUR)
        agents = pa.array(EMAIL_CLIENT_AGENTS).take(
            pa.array(self.rng.integers(0, len(EMAIL_CLIENT_AGENTS), size=len(o)))
        )
        self.arrow_table(
            "email",
            "opens",
            {
                "id": ids.hex_ids(self.next_keys("open", len(o)), "open", "opn_"),
                "email": emails.take(pa.array(o)),
                "campaign_id": campaign_ids.take(pa.array(o)),
                "user_agent": agents,
                "opened_at": open_at,
                "_loaded_at": np.full(len(o), t.hi_us - HOUR),
            },
        )
        c = np.flatnonzero(opened)
        c = c[self.rng.random(len(c)) < 0.18]
        products = self._preferred_products(person[rec[c]])
        urls = pc.binary_join_element_wise(
            f"{SHOP_HOST}/products/",
            pa.array(self.catalog.handle).take(pa.array(products)),
            "?utm_source=newsletter&utm_medium=email",
            "",
        )
        self.arrow_table(
            "email",
            "clicks",
            {
                "id": ids.hex_ids(self.next_keys("click", len(c)), "click", "clk_"),
                "email": emails.take(pa.array(c)),
                "campaign_id": campaign_ids.take(pa.array(c)),
                "url": urls,
                "clicked_at": np.minimum(
                    sent[c] + (self.rng.exponential(6.0, size=len(c)) * HOUR).astype(np.int64),
                    t.hi_us - HOUR,
                ),
                "_loaded_at": np.full(len(c), t.hi_us - HOUR),
            },
        )
        # unsubscribes: at the end of sending, credited to the last campaign they received
        u_rec = np.flatnonzero(unsubscribed & (end <= t.hi_us) & (end > t.lo_us))
        last_campaign = {}
        for r, kk in zip(rec.tolist(), k.tolist(), strict=True):
            last_campaign[r] = kk
        self.arrow_table(
            "email",
            "unsubscribes",
            {
                "id": ids.hex_ids(self.next_keys("unsubscribe", len(u_rec)), "unsubscribe", "uns_"),
                "email": pa.array([address[r] for r in u_rec], pa.string()),
                "campaign_id": pa.array(
                    [f"cmp_{last_campaign[r]}" if r in last_campaign else None for r in u_rec],
                    pa.string(),
                ),
                "reason": pa.array(
                    [self.prng.choice(UNSUBSCRIBE_REASONS) for _ in u_rec], pa.string()
                ),
                "unsubscribed_at": end[u_rec],
                "_loaded_at": np.full(len(u_rec), t.hi_us - HOUR),
            },
        )
        b = np.flatnonzero(is_hard | soft)
        hard = is_hard[b]
        reasons = [self.prng.choice(BOUNCE_REASONS["hard" if h else "soft"]) for h in hard.tolist()]
        self.arrow_table(
            "email",
            "bounces",
            {
                "id": ids.hex_ids(self.next_keys("bounce", len(b)), "bounce", "bnc_"),
                "email": emails.take(pa.array(b)),
                "campaign_id": campaign_ids.take(pa.array(b)),
                "bounce_type": pa.array(np.where(hard, "hard", "soft").tolist(), pa.string()),
                "reason": pa.array(reasons, pa.string()),
                "bounced_at": sent[b] + 60_000_000,
                "_loaded_at": np.full(len(b), t.hi_us - HOUR),
            },
        )

    def arrow_table(self, source: str, name: str, columns: dict[str, object]) -> None:
        table = to_arrow(self.contracts[source][name], columns)
        key = (source, name)
        if key in self.arrow:
            table = pa.concat_tables([self.arrow[key], table])
        self.arrow[key] = table

    def _preferred_products(self, persons: np.ndarray) -> np.ndarray:
        """One product per row, drawn from each row's person's preferred categories."""
        p, cat = self.people, self.catalog
        if len(persons) == 0:
            return np.array([], dtype=np.int64)
        cdf = p.category_cdf[persons]
        u = self.rng.random(len(persons)) * cdf[:, -1]
        c = np.minimum((cdf < u[:, None]).sum(axis=1), len(CATEGORIES) - 1)
        offset = (self.rng.random(len(persons)) * cat.category_count[c]).astype(np.int64)
        return cat.category_start[c] + offset

    # ------------------------------------------------------------ web
    def web(self, selected: np.ndarray) -> None:
        from .web import web_events

        web_events(self, selected)

    # ------------------------------------------------------------ catalogue and stores
    def globals(self) -> None:
        cat, t = self.catalog, self.task
        for i in range(cat.size):
            created = int(cat.created_us[i])
            self.table("shop", "products").add(
                id=int(cat.product_id[i]),
                title=cat.title[i],
                product_type=CATEGORIES[int(cat.category[i])][0],
                vendor=cat.vendor[i],
                handle=cat.handle[i],
                status="active" if i % 23 else "archived",
                created_at=created,
                updated_at=created + (i % 200) * US_PER_DAY,
                _fivetran_synced=t.hi_us - HOUR,
            )
        for store_id, name, city, country, opened in store_rows():
            postcode = next(
                (
                    c[1]
                    for c in __import__("cdp.generate.reference", fromlist=["CITIES"]).CITIES[
                        country
                    ]
                    if c[0] == city
                ),
                "",
            )
            self.table("pos", "stores").add(
                id=store_id,
                name=name,
                city=city,
                postcode=postcode if len(postcode) > 3 else f"{postcode}01",
                country_code=country,
                opened_on=opened,
                _loaded_at=t.hi_us - HOUR,
            )


def _people_for(task: ChunkTask) -> People:
    from .world import build_people

    people = build_people(
        task.seed, task.first_global, task.people, task.people_start_us, task.people_end_us
    )
    rng = rng_for(task.seed, 5, task.first_global)
    people.extra["open_rate"] = rng.beta(2.0, 3.5, size=people.n)
    people.extra["browse_rate"] = (
        0.12 + 0.18 * np.minimum(people.purchase_rate, 4.0) + rng.gamma(1.0, 0.1, size=people.n)
    )
    return people


def _subscriber_plan(gen: ChunkGenerator, selected: np.ndarray) -> list[tuple]:
    """(person, stored email, sending from, sending until, bounced, unsubscribed) per list
    member. The list is drawn from the people chunk's own stream so an increment finds the
    members (and their stored addresses) exactly as the batch wrote them."""
    p, t = gen.people, gen.task
    full = t.mode == "full"
    # in full mode the records are written; in existing mode the same plan is rebuilt quietly
    quiet = ChunkGenerator.__new__(ChunkGenerator)
    quiet.__dict__.update(gen.__dict__)
    quiet.prng = py_rng_for(t.seed, 6, t.first_global)
    quiet.noise = Noise(t.noise, quiet.prng) if not full else gen.noise
    if full:
        quiet.noise.rng = quiet.prng
    chosen = set(selected.tolist())
    plan = []
    for i in range(p.n):
        if not p.is_subscriber[i]:
            continue
        joined = int(p.first_seen_us[i]) + quiet.prng.randint(0, 30) * US_PER_DAY
        joined = min(joined, t.people_end_us - 1)
        email = p.old_email[i] if p.email_changed_us[i] > joined and p.old_email[i] else p.email[i]
        records = [(0, email, "lst_main", joined)]
        if (
            p.old_email[i]
            and p.email_changed_us[i] > joined
            and p.email_changed_us[i] < t.people_end_us
        ):
            records.append((1, p.email[i], "lst_main", int(p.email_changed_us[i])))
        if quiet.prng.random() < 0.12:
            records.append((2, email, "lst_vip", joined + quiet.prng.randint(1, 200) * US_PER_DAY))
        for slot, address, list_id, since in records:
            since = min(since, t.people_end_us - 1)
            stored, status, since, until, broken = quiet.subscriber_record(
                i, slot, address, list_id, since, record=full and i in chosen
            )
            if i in chosen and status != "pending":
                plan.append(
                    (i, stored, since, min(until, t.hi_us), broken, status == "unsubscribed")
                )
    if full:
        gen.noise.rng = gen.prng
    return plan


def _second_account_created(p: People, i: int) -> int:
    """A forgotten account's duplicate: made halfway between the first one and the window end."""
    return (int(p.account_created_us[i]) + int(p.people_end_us)) // 2


def _new_email(p: People, i: int, rng: random.Random) -> str:
    from .world import _personal_email

    return _personal_email(
        p.first_name[i], p.last_name[i], p.country[i], int(p.global_index[i]), 3, rng
    )
