"""Web and app events of one chunk (identifies, pages, tracks), built column-wise with numpy.

Sessions come from three processes: a first visit on every device, browsing at the person's
own rate while they are active (no browsing after they lapse), and the sessions around each
online order: one that ends in the order and, often, one a few days before that views the
same products (views anticipate purchases).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import ids
from .reference import REFERRERS, SHOP_HOST, STATIC_PAGES, UTM
from .world import NEVER, US_PER_DAY

if TYPE_CHECKING:
    from .sources import ChunkGenerator

SECOND = 1_000_000
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE
LIBRARY = {
    "desktop": "analytics.js",
    "mobile_web": "analytics.js",
    "tablet": "analytics.js",
    "ios": "analytics-ios",
    "android": "analytics-android",
}
# row kinds
LANDING, VIEW, ADD, CART, CHECKOUT, COMPLETED = range(6)


class Devices:
    """Flat arrays over the devices of the selected people."""

    def __init__(self, gen: ChunkGenerator, selected: np.ndarray) -> None:
        p = gen.people
        owner, anon, device_id, kind, agent, ip, first, login, user = ([] for _ in range(9))
        shared_with = []
        self.offset = np.zeros(p.n, dtype=np.int64)
        self.count = np.zeros(p.n, dtype=np.int64)
        for i in selected.tolist():
            self.offset[i] = len(owner)
            self.count[i] = len(p.devices[i])
            for d in p.devices[i]:
                owner.append(i)
                anon.append(d.anonymous_id)
                device_id.append(d.device_id)
                kind.append(d.kind)
                agent.append(d.user_agent)
                ip.append(d.ip)
                first.append(d.first_us)
                login.append(d.login_us)
                user.append(str(int(p.shop_customer_id[i])) if p.has_account[i] else None)
                shared_with.append(d.shared_with)
        self.owner = np.array(owner, dtype=np.int64)
        self.first = np.array(first, dtype=np.int64)
        self.login = np.array(login, dtype=np.int64)
        self.shared_with = np.array(shared_with, dtype=np.int64)
        self.kind = kind
        self.anonymous_id = pa.array(anon, pa.string())
        self.device_id = pa.array(device_id, pa.string())
        self.device_type = pa.array(
            [k if k in ("ios", "android") else None for k in kind], pa.string()
        )
        self.library = pa.array([LIBRARY[k] for k in kind], pa.string())
        self.user_agent = pa.array(agent, pa.string())
        self.ip = pa.array(ip, pa.string())
        self.user_id = pa.array(user, pa.string())
        self.is_app = np.array([k in ("ios", "android") for k in kind], dtype=bool)
        # the family tablet a person uses although it belongs to their partner
        self.borrowed = np.full(p.n, -1, dtype=np.int64)
        for d in np.flatnonzero(self.shared_with >= 0):
            self.borrowed[self.shared_with[d]] = d

    def __len__(self) -> int:
        return len(self.owner)


def web_events(gen: ChunkGenerator, selected: np.ndarray) -> None:
    p, t, rng = gen.people, gen.task, gen.rng
    dev = Devices(gen, selected)
    if len(dev) == 0:
        return
    lo, hi = t.lo_us, t.hi_us

    # ------------------------------------------------------------ sessions
    # 1. first visit of each device (full mode: every device appears in the data)
    first_dev = np.flatnonzero((dev.first > lo) & (dev.first <= hi))
    # 2. browsing while active, at the person's own rate
    persons = selected[dev.count[selected] > 0]
    start = np.maximum(p.first_seen_us[persons], lo)
    end = np.minimum(p.inactive_us[persons], hi)
    months = np.maximum(end - start, 0) / (30 * US_PER_DAY)
    n_browse = rng.poisson(p.extra["browse_rate"][persons] * months)
    b_person = np.repeat(persons, n_browse)
    b_start = np.repeat(start, n_browse) + (
        rng.random(len(b_person)) * np.repeat(end - start, n_browse)
    ).astype(np.int64)
    b_dev = dev.offset[b_person] + (rng.random(len(b_person)) * dev.count[b_person]).astype(
        np.int64
    )
    b_dev = np.where(dev.first[b_dev] <= b_start, b_dev, dev.offset[b_person])
    borrowed = dev.borrowed[b_person]
    use_tablet = (borrowed >= 0) & (rng.random(len(b_person)) < 0.35)
    b_dev = np.where(use_tablet, borrowed, b_dev)
    gen.noise.note("shared_device_session", int(use_tablet.sum()))
    # 3. order sessions and anticipation sessions
    order_person = np.array(gen.order_person, dtype=np.int64)
    order_us = np.array(gen.order_us, dtype=np.int64)
    has_dev = dev.count[order_person] > 0 if len(order_person) else np.array([], bool)
    o_idx = np.flatnonzero(has_dev)
    o_person = order_person[o_idx]
    o_dev = dev.offset[o_person] + (rng.random(len(o_idx)) * dev.count[o_person]).astype(np.int64)
    app_orders = np.array(gen.order_app, dtype=bool)[o_idx] if len(o_idx) else np.array([], bool)
    o_dev = np.where(app_orders & ~dev.is_app[o_dev], dev.offset[o_person], o_dev)
    o_start = order_us[o_idx] - 40 * MINUTE
    a_keep = rng.random(len(o_idx)) < 0.7
    a_idx = o_idx[a_keep]
    a_dev = o_dev[a_keep]
    a_start = np.maximum(
        order_us[a_idx] - (rng.uniform(1, 10, size=len(a_idx)) * US_PER_DAY).astype(np.int64),
        lo + 1,
    )

    # sessions table: kinds 0 first visit, 1 browse, 2 order, 3 anticipation
    s_dev = np.concatenate([first_dev, b_dev, o_dev, a_dev]).astype(np.int64)
    s_start = np.concatenate([dev.first[first_dev], b_start, o_start, a_start]).astype(np.int64)
    s_kind = np.concatenate(
        [
            np.zeros(len(first_dev)),
            np.ones(len(b_dev)),
            np.full(len(o_dev), 2),
            np.full(len(a_dev), 3),
        ]
    ).astype(np.int8)
    s_order = np.concatenate([np.full(len(first_dev) + len(b_dev), -1), o_idx, a_idx]).astype(
        np.int64
    )
    s_person = np.concatenate([dev.owner[first_dev], b_person, o_person, order_person[a_idx]])
    n_s = len(s_dev)

    # ------------------------------------------------------------ rows of each session
    line_order = np.array(gen.line_order, dtype=np.int64)
    line_product = np.array(gen.line_product, dtype=np.int64)
    session_of_order = np.full(len(order_person), -1, dtype=np.int64)
    session_of_order[o_idx] = np.flatnonzero(s_kind == 2)
    anticipation_of_order = np.full(len(order_person), -1, dtype=np.int64)
    anticipation_of_order[a_idx] = np.flatnonzero(s_kind == 3)

    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (session, kind, product)
    parts.append((np.arange(n_s), np.full(n_s, LANDING), np.full(n_s, -1)))
    browsing = np.flatnonzero(s_kind <= 1)
    n_views = rng.poisson(np.where(s_kind[browsing] == 0, 0.8, 1.7))
    v_session = np.repeat(browsing, n_views)
    v_product = gen._preferred_products(s_person[v_session])
    parts.append((v_session, np.full(len(v_session), VIEW), v_product))
    adds = browsing[rng.random(len(browsing)) < 0.12]
    add_product = gen._preferred_products(s_person[adds])
    parts.append((adds, np.full(len(adds), VIEW), add_product))
    parts.append((adds, np.full(len(adds), ADD), add_product))
    if len(line_order):
        in_session = session_of_order[line_order] >= 0
        ls = session_of_order[line_order][in_session]
        lp = line_product[in_session]
        parts.append((ls, np.full(len(ls), VIEW), lp))
        parts.append((ls, np.full(len(ls), ADD), lp))
        anticipated = (anticipation_of_order[line_order] >= 0) & (rng.random(len(line_order)) < 0.8)
        la = anticipation_of_order[line_order][anticipated]
        parts.append((la, np.full(len(la), VIEW), line_product[anticipated]))
    carts = np.unique(np.concatenate([adds, np.flatnonzero(s_kind == 2)]))
    parts.append((carts, np.full(len(carts), CART), np.full(len(carts), -1)))
    orders = np.flatnonzero(s_kind == 2)
    parts.append((orders, np.full(len(orders), CHECKOUT), np.full(len(orders), -1)))
    parts.append((orders, np.full(len(orders), COMPLETED), np.full(len(orders), -1)))

    r_session = np.concatenate([x[0] for x in parts]).astype(np.int64)
    r_kind = np.concatenate([x[1] for x in parts]).astype(np.int8)
    r_product = np.concatenate([x[2] for x in parts]).astype(np.int64)
    order = np.lexsort((r_kind, r_session))
    r_session, r_kind, r_product = r_session[order], r_kind[order], r_product[order]
    group_start = np.searchsorted(r_session, r_session, side="left")
    step = np.arange(len(r_session)) - group_start
    ts = s_start[r_session] + step * 45 * SECOND + rng.integers(0, 30 * SECOND, size=len(step))
    completed = r_kind == COMPLETED
    ts[completed] = order_us[s_order[r_session[completed]]]
    ts = np.minimum(ts, hi)

    # ------------------------------------------------------------ shared columns
    r_dev = s_dev[r_session]
    logged_in = dev.login[r_dev] <= ts
    user_ids = pc.if_else(
        pa.array(logged_in), dev.user_id.take(pa.array(r_dev)), pa.scalar(None, pa.string())
    )
    timestamp, sent_at, received_at = _delivery_times(gen, ts)
    catalog = gen.catalog
    handles = pa.array(catalog.handle)
    product_path = pc.binary_join_element_wise(
        "/products/", handles.take(pa.array(np.maximum(r_product, 0))), ""
    )

    # ------------------------------------------------------------ pages
    page = r_kind != ADD
    page &= r_kind != COMPLETED
    pg = np.flatnonzero(page)
    kinds = r_kind[pg]
    static = rng.integers(0, len(STATIC_PAGES), size=len(pg))
    static = np.where(kinds == CART, 2, np.where(kinds == CHECKOUT, -1, static))
    static_paths = pa.array([s[1] for s in STATIC_PAGES] + ["/checkout"])
    static_names = pa.array([s[0] for s in STATIC_PAGES] + ["Checkout"])
    static_titles = pa.array([s[2] for s in STATIC_PAGES] + ["Checkout | Northpeak"])
    static_ix = pa.array(np.where(static < 0, len(STATIC_PAGES), static))
    is_product = pa.array(kinds == VIEW)
    titles = pc.binary_join_element_wise(
        pa.array(catalog.title).take(pa.array(np.maximum(r_product[pg], 0))), " | Northpeak", ""
    )
    path = pc.if_else(is_product, product_path.take(pa.array(pg)), static_paths.take(static_ix))
    landing = kinds == LANDING
    utm_ix = np.where(landing & (rng.random(len(pg)) < 0.3), rng.integers(1, len(UTM), len(pg)), 0)
    utm_source = pa.array([u[0] for u in UTM]).take(pa.array(utm_ix))
    utm_medium = pa.array([u[1] for u in UTM]).take(pa.array(utm_ix))
    utm_campaign = pa.array([u[2] for u in UTM]).take(pa.array(utm_ix))
    query = pc.if_else(
        pa.array(utm_ix > 0),
        pc.binary_join_element_wise(
            "?utm_source=",
            utm_source,
            "&utm_medium=",
            utm_medium,
            "&utm_campaign=",
            utm_campaign,
            "",
        ),
        pa.scalar("", pa.string()),
    )
    referrer = pa.array(REFERRERS, pa.string()).take(
        pa.array(np.where(landing, rng.integers(0, len(REFERRERS), len(pg)), 0))
    )
    pages = {
        "id": ids.uuids(gen.next_keys("page", len(pg)), "page"),
        "anonymous_id": dev.anonymous_id.take(pa.array(r_dev[pg])),
        "user_id": user_ids.take(pa.array(pg)),
        "name": pc.if_else(is_product, pa.scalar("Product"), static_names.take(static_ix)),
        "path": path,
        "url": pc.binary_join_element_wise(SHOP_HOST, path, query, ""),
        "title": pc.if_else(is_product, titles, static_titles.take(static_ix)),
        "referrer": referrer,
        "context_campaign_source": utm_source,
        "context_campaign_medium": utm_medium,
        "context_campaign_name": utm_campaign,
        "context_ip": dev.ip.take(pa.array(r_dev[pg])),
        "context_user_agent": dev.user_agent.take(pa.array(r_dev[pg])),
        "context_device_id": dev.device_id.take(pa.array(r_dev[pg])),
        "context_device_type": dev.device_type.take(pa.array(r_dev[pg])),
        "timestamp": timestamp[pg],
        "sent_at": sent_at[pg],
        "received_at": received_at[pg],
    }
    gen.arrow_table("web", "pages", _with_duplicates(gen, pages, len(pg)))

    # ------------------------------------------------------------ tracks
    tr = np.flatnonzero(
        (r_kind == VIEW) | (r_kind == ADD) | (r_kind == CHECKOUT) | (r_kind == COMPLETED)
    )
    tk = r_kind[tr]
    names = np.array(
        ["", "product_viewed", "product_added", "", "checkout_started", "order_completed"]
    )
    texts = np.array(
        ["", "Product Viewed", "Product Added", "", "Checkout Started", "Order Completed"]
    )
    has_product = (tk == VIEW) | (tk == ADD)
    prod = np.maximum(r_product[tr], 0)
    order_ix = s_order[r_session[tr]]
    is_order_event = tk == COMPLETED
    totals = np.array([*gen.order_total, 0.0])
    currencies = np.array([*gen.order_currency, "USD"], dtype=object)
    person_currency = np.array([gen.currency(i) for i in range(p.n)], dtype=object)
    currency = np.where(
        order_ix >= 0, currencies[order_ix], person_currency[s_person[r_session[tr]]]
    )
    order_ids = np.array([*gen.order_id, 0], dtype=np.int64)
    carts = ids.hex_ids(
        np.asarray(r_session[tr], dtype=np.uint64) + (np.uint64(t.id_chunk) << np.uint64(32)),
        "cart",
        "",
    )
    from .catalog import FX

    fx = np.array([FX[c] for c in currency]) if len(currency) else np.array([])
    tracks = {
        "id": ids.uuids(gen.next_keys("track", len(tr)), "track"),
        "anonymous_id": dev.anonymous_id.take(pa.array(r_dev[tr])),
        "user_id": user_ids.take(pa.array(tr)),
        "event": pa.array(names[tk]),
        "event_text": pa.array(texts[tk]),
        "product_id": pa.array(
            np.where(has_product, catalog.product_id[prod].astype(str), None).tolist(), pa.string()
        ),
        "cart_id": pc.if_else(pa.array(tk >= ADD), carts, pa.scalar(None, pa.string())),
        "order_id": pa.array(
            np.where(is_order_event, order_ids[order_ix].astype(str), None).tolist(), pa.string()
        ),
        "quantity": pa.array(np.where(has_product & (tk == ADD), 1, None).tolist(), pa.int32()),
        "price": pa.array(
            np.where(has_product, np.round(catalog.price[prod] * fx, 2), np.nan), mask=~has_product
        ),
        "revenue": pa.array(
            np.where(is_order_event, totals[order_ix], np.nan), mask=~is_order_event
        ),
        "currency": pa.array(
            np.where(has_product | is_order_event, currency, None).tolist(), pa.string()
        ),
        "context_ip": dev.ip.take(pa.array(r_dev[tr])),
        "context_user_agent": dev.user_agent.take(pa.array(r_dev[tr])),
        "context_device_id": dev.device_id.take(pa.array(r_dev[tr])),
        "context_device_type": dev.device_type.take(pa.array(r_dev[tr])),
        "timestamp": timestamp[tr],
        "sent_at": sent_at[tr],
        "received_at": received_at[tr],
    }
    gen.arrow_table("web", "tracks", _with_duplicates(gen, tracks, len(tr)))

    # ------------------------------------------------------------ identifies
    identifies(gen, dev, selected)

    # ------------------------------------------------------------ ground truth of devices
    if t.mode == "full":
        for d in first_dev.tolist():
            shared = dev.shared_with[d] >= 0
            if shared:
                gen.noise.note("shared_device")
            gen.truth("web_devices", dev.anonymous_id[d].as_py(), int(dev.owner[d]), bool(shared))


def identifies(gen: ChunkGenerator, dev: Devices, selected: np.ndarray) -> None:
    """Logins (user_id = shop customer id, with traits) and newsletter forms (email only)."""
    p, t, n = gen.people, gen.task, gen.noise
    lo, hi = t.lo_us, t.hi_us
    rows: dict[str, list] = {k: [] for k in ("dev", "user", "person", "ts")}

    def add(d: int, person: int, when: int, user: str | None) -> None:
        rows["dev"].append(d)
        rows["person"].append(person)
        rows["ts"].append(when)
        rows["user"].append(user)

    for d in range(len(dev)):
        owner = int(dev.owner[d])
        life_end = min(int(p.inactive_us[owner]), hi)
        login = int(dev.login[d])
        user = str(int(p.shop_customer_id[owner])) if p.has_account[owner] else None
        if login < NEVER:
            if lo < login <= hi:
                add(d, owner, login, user)
            for _ in range(int(gen.rng.poisson(0.8))):
                begin = max(login, lo)
                if begin < life_end:
                    add(d, owner, gen.between(begin, life_end), user)
        elif p.is_subscriber[owner] and gen.prng.random() < 0.5:
            when = gen.between(int(dev.first[d]), max(int(dev.first[d]) + 1, life_end))
            if lo < when <= hi:
                add(d, owner, when, None)  # newsletter form: an email, no account
        mate = int(dev.shared_with[d])
        if mate >= 0 and p.has_account[mate] and gen.prng.random() < 0.3:
            when = gen.between(max(int(dev.first[d]), lo), max(lo + 1, life_end))
            if lo < when <= hi:
                add(d, mate, when, str(int(p.shop_customer_id[mate])))  # partner logs in
                n.note("shared_device_login")
    count = len(rows["dev"])
    emails, phones, firsts, lasts = [], [], [], []
    for person, when in zip(rows["person"], rows["ts"], strict=True):
        emails.append(n.email(gen.email_at(person, when), p_missing=0.05, p_placeholder=0.01))
        phones.append(gen.phone_text(person, p_missing=0.85))
        has_name = gen.prng.random() < 0.5
        firsts.append(n.first_name(p.first_name[person], p_nick=0.06) if has_name else None)
        lasts.append(n.last_name(p.last_name[person]) if has_name else None)
    d_arr = pa.array(np.array(rows["dev"], dtype=np.int64))
    ts = np.array(rows["ts"], dtype=np.int64)
    timestamp, sent_at, received_at = _delivery_times(gen, ts)
    table = {
        "id": ids.uuids(gen.next_keys("identify", count), "identify"),
        "anonymous_id": dev.anonymous_id.take(d_arr),
        "user_id": pa.array(rows["user"], pa.string()),
        "email": pa.array(emails, pa.string()),
        "phone": pa.array(phones, pa.string()),
        "first_name": pa.array(firsts, pa.string()),
        "last_name": pa.array(lasts, pa.string()),
        "context_ip": dev.ip.take(d_arr),
        "context_user_agent": dev.user_agent.take(d_arr),
        "context_device_id": dev.device_id.take(d_arr),
        "context_device_type": dev.device_type.take(d_arr),
        "context_library_name": dev.library.take(d_arr),
        "timestamp": timestamp,
        "sent_at": sent_at,
        "received_at": received_at,
    }
    gen.arrow_table("web", "identifies", _with_duplicates(gen, table, count))


def _delivery_times(gen: ChunkGenerator, ts: np.ndarray) -> tuple[np.ndarray, ...]:
    """Client timestamp (sometimes skewed), sent_at, received_at (sometimes hours/days late)."""
    rng, level = gen.rng, gen.noise.level
    n = len(ts)
    skewed = rng.random(n) < min(0.9, 0.01 * level)
    timestamp = ts - np.where(skewed, rng.integers(5, 600, size=n) * MINUTE, 0)
    sent_at = ts + rng.integers(5, 2_000, size=n) * 1_000
    late = rng.random(n) < min(0.9, 0.02 * level)
    very_late = rng.random(n) < min(0.9, 0.003 * level)
    received_at = sent_at + rng.integers(50, 1_500, size=n) * 1_000
    received_at = received_at + np.where(
        late, (rng.exponential(8.0, size=n) * HOUR).astype(np.int64) + HOUR, 0
    )
    received_at = received_at + np.where(very_late, rng.integers(1, 6, size=n) * US_PER_DAY, 0)
    # the batch is what a loader landed at its cut-off: nothing received after it
    sent_at = np.minimum(sent_at, gen.task.hi_us)
    received_at = np.minimum(received_at, gen.task.hi_us)
    gen.noise.note("clock_skew", int(skewed.sum()))
    gen.noise.note("late_event", int((late | very_late).sum()))
    return timestamp, sent_at, received_at


def _with_duplicates(
    gen: ChunkGenerator, columns: dict[str, object], count: int
) -> dict[str, object]:
    """Loaders deliver some messages twice: exact duplicate rows."""
    dup = np.flatnonzero(gen.rng.random(count) < min(0.9, 0.005 * gen.noise.level))
    gen.noise.note("duplicate_row", len(dup))
    if not len(dup):
        return columns
    take = np.concatenate([np.arange(count), dup])
    out = {}
    for name, values in columns.items():
        if isinstance(values, pa.Array | pa.ChunkedArray):
            out[name] = values.take(pa.array(take))
        else:
            out[name] = np.asarray(values)[take]
    return out
