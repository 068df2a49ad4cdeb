"""The true people of the synthetic world, one chunk at a time.

`build_people` is a pure function of (seed, first person index, count, time window): an
increment rebuilds the people of the batch it extends and finds them exactly as they were.
Everything random about a person (names, contact details, latent purchase behaviour, which
systems know them and under which ids) is drawn here; the records of each source are made
from it in `sources.py`.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np

from . import ids
from .reference import (
    CATEGORIES,
    CITIES,
    COMPANIES,
    COUNTRIES,
    EMAIL_DOMAINS,
    FIRST_NAMES,
    LAST_NAMES,
    OFFICE_MAILBOX_NAMES,
    STORE_CITIES,
    STREET_SUFFIXES_GB,
    STREET_SUFFIXES_US,
    STREETS,
)

US_PER_DAY = 86_400_000_000
US_PER_YEAR = 365.25 * US_PER_DAY
EPOCH = datetime(1970, 1, 1)
NEVER = np.iinfo(np.int64).max // 2

# ---------------------------------------------------------------- behaviour parameters
BUYER_SHARE = 0.72
PURCHASE_RATE_GAMMA = (1.6, 1.3)  # shape, scale: orders per year while active
DROPOUT_BETA = (1.3, 4.0)  # probability of lapsing after each purchase
AOV_LOGNORMAL = (np.log(72.0), 0.45)
HOUSEHOLD_SHARE = 0.14
# Cadence: gaps between purchases are Gamma(k, 1 / (k * rate)), mean 1 / rate whatever k;
# k = 1 is memoryless, larger k is a regular rhythm (a rebuy every ~1/rate years).
CADENCE_SHAPES = (1.0, 2.0, 5.0)
CADENCE_SHARES = (0.45, 0.30, 0.25)
# Seasonality: purchase intensity times 1 + A cos(2 pi (day of year - peak) / year).
SEASON_AMPLITUDE = 0.35
SEASON_PEAK_DAY = 340  # early December


def to_us(moment: datetime) -> int:
    return int((moment - EPOCH) / timedelta(microseconds=1))


def from_us(value: int) -> datetime:
    return EPOCH + timedelta(microseconds=int(value))


def rng_for(seed: int, *key: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(entropy=seed, spawn_key=key))


def py_rng_for(seed: int, *key: int) -> random.Random:
    state = np.random.SeedSequence(entropy=seed, spawn_key=key).generate_state(2)
    return random.Random(int(state[0]) << 32 | int(state[1]))


def ascii_fold(text: str) -> str:
    text = text.replace("ß", "ss").replace("Ł", "L").replace("ł", "l")
    folded = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in folded if ch.isascii() and (ch.isalnum()))


def unique_number(global_index: int, slot: int, space: int = 10**8) -> int:
    """Bijective in (global_index, slot) for global_index < space / 4."""
    return ((global_index * 4 + slot) * 48271 + 7919) % space


@dataclass
class Address:
    line1: str
    city: str
    postcode: str
    country: str


@dataclass
class Device:
    anonymous_id: str
    kind: str  # desktop, mobile_web, ios, android, tablet
    device_id: str | None
    user_agent: str
    ip: str
    first_us: int
    login_us: int  # when the owner first logged in on it (NEVER if never)
    shared_with: int = -1  # local index of a household member who also uses it


@dataclass
class People:
    """Column-wise people of one chunk (index i = local person)."""

    first_global: int
    n: int
    person_id: list[str]
    global_index: np.ndarray
    country: list[str]
    first_name: list[str]
    last_name: list[str]
    gender: np.ndarray
    birth: list[date]
    address: list[Address]
    old_address: list[Address | None]
    moved_us: np.ndarray
    email: list[str]
    old_email: list[str | None]
    email_changed_us: np.ndarray
    other_email: list[str | None]
    company: list[str | None]
    work_email_shared: np.ndarray
    mobile: list[str | None]
    landline: list[str | None]
    landline_shared: np.ndarray
    partner: np.ndarray
    first_seen_us: np.ndarray
    inactive_us: np.ndarray
    is_buyer: np.ndarray
    purchase_rate: np.ndarray
    cadence_shape: np.ndarray
    dropout_p: np.ndarray
    aov: np.ndarray
    online_share: np.ndarray
    category_cdf: np.ndarray
    premium: np.ndarray
    purchase_person: np.ndarray  # flat purchases: person index
    purchase_us: np.ndarray  # flat purchases: time
    has_account: np.ndarray
    shop_customer_id: np.ndarray
    account_created_us: np.ndarray
    second_account_id: np.ndarray
    payments_customer: list[str | None]
    second_payments_customer: list[str | None]
    cards: list[list[tuple[str, str, str]]]  # (fingerprint, last4, brand)
    home_store: np.ndarray
    loyalty_card: list[str | None]
    in_crm: np.ndarray
    crm_contacts: np.ndarray  # how many CRM contacts (0, 1, 2)
    in_support: np.ndarray
    is_subscriber: np.ndarray
    devices: list[list[Device]]
    is_test_owner: np.ndarray
    people_end_us: int
    extra: dict[str, object] = field(default_factory=dict)


def country_table() -> dict[str, tuple[str, str, str, tuple[str, ...]]]:
    return {c[0]: (c[2], c[3], c[4], c[5]) for c in COUNTRIES}


def build_people(seed: int, first_global: int, n: int, start_us: int, end_us: int) -> People:
    """The true people with global indices [first_global, first_global + n)."""
    rng = rng_for(seed, 1, first_global)
    prng = py_rng_for(seed, 2, first_global)
    gidx = np.arange(first_global, first_global + n, dtype=np.int64)
    shares = np.array([c[1] for c in COUNTRIES])
    country_ix = rng.choice(len(COUNTRIES), size=n, p=shares / shares.sum())
    gender = rng.integers(0, 2, size=n)
    # two-person households: (head, head + 1) share country, address, often a surname,
    # sometimes a landline and a tablet
    partner = np.full(n, -1, dtype=np.int64)
    heads = np.flatnonzero(rng.random(max(n - 1, 0)) < HOUSEHOLD_SHARE)
    for head in heads:
        if partner[head] < 0 and partner[head + 1] < 0:
            partner[head], partner[head + 1] = head + 1, head
            country_ix[head + 1] = country_ix[head]
    country = [COUNTRIES[i][0] for i in country_ix]

    # ------------------------------------------------------------ names and birth dates
    first_name, last_name = [], []
    for i in range(n):
        key = COUNTRIES[country_ix[i]][4]
        if country[i] == "CA" and prng.random() < 0.25:
            key = "fr"
        if key == "us" and prng.random() < 0.12:
            key = prng.choice(["es", "de", "fr", "gb"])  # immigrant families, non-ASCII names
        first_name.append(prng.choice(FIRST_NAMES[key][gender[i]]))
        last = prng.choice(LAST_NAMES[key])
        if key in ("us", "es") and prng.random() < 0.04:
            last = f"{last}-{prng.choice(LAST_NAMES[key])}"
        last_name.append(last)
    for head in np.flatnonzero(partner >= 0):
        if head < partner[head] and prng.random() < 0.65:
            last_name[head + 1] = last_name[head]
    age_days = (18 + np.minimum(rng.gamma(2.4, 10.0, size=n), 70)) * 365.25
    as_of_day = date(1970, 1, 1) + timedelta(days=int(end_us // US_PER_DAY))
    birth = [as_of_day - timedelta(days=int(d)) for d in age_days]

    # ------------------------------------------------------------ timeline
    span = end_us - start_us
    first_seen = start_us + (span * rng.random(n) ** 0.8).astype(np.int64)

    # ------------------------------------------------------------ addresses
    address = [_address(country[i], prng) for i in range(n)]
    moved = rng.random(n) < 0.10
    for head in np.flatnonzero(partner >= 0):
        if head < partner[head]:
            address[head + 1] = address[head]
            moved[head + 1] = moved[head]
    moved_us = np.where(moved, first_seen + ((end_us - first_seen) * rng.random(n)), NEVER)
    moved_us = moved_us.astype(np.int64)
    old_address: list[Address | None] = [
        _address(country[i], prng, near=address[i] if prng.random() < 0.4 else None)
        if moved[i]
        else None
        for i in range(n)
    ]
    for head in np.flatnonzero(partner >= 0):
        if head < partner[head]:
            old_address[head + 1] = old_address[head]
            moved_us[head + 1] = moved_us[head]

    # ------------------------------------------------------------ emails
    email, old_email, other_email, company = [], [], [], []
    changed = rng.random(n) < 0.08
    email_changed_us = np.where(
        changed, first_seen + ((end_us - first_seen) * rng.random(n)), NEVER
    ).astype(np.int64)
    has_company = rng.random(n) < 0.12
    for i in range(n):
        g = int(gidx[i])
        email.append(_personal_email(first_name[i], last_name[i], country[i], g, 0, prng))
        old_email.append(
            _personal_email(first_name[i], last_name[i], country[i], g, 2, prng)
            if changed[i]
            else None
        )
        if has_company[i]:
            firm = prng.choice(COMPANIES)
            company.append(firm)
            first, last = ascii_fold(first_name[i]).lower(), ascii_fold(last_name[i]).lower()
            other_email.append(f"{first}.{last}{unique_number(g, 1)}@{firm}.com")
        else:
            company.append(None)
            other_email.append(
                _personal_email(first_name[i], last_name[i], country[i], g, 1, prng)
                if prng.random() < 0.3
                else None
            )
    work_email_shared = np.zeros(n, dtype=bool)
    # a shared office mailbox used by several unrelated people of one company
    for _ in range(max(1, n // 3000)):
        members = rng.choice(n, size=min(n, int(rng.integers(3, 7))), replace=False)
        firm = prng.choice(COMPANIES)
        mailbox = f"{prng.choice(OFFICE_MAILBOX_NAMES)}@{firm}.com"
        for m in members:
            company[m] = firm
            other_email[m] = mailbox
            work_email_shared[m] = True

    # ------------------------------------------------------------ phones and households
    mobile: list[str | None] = [
        _phone(country[i], address[i], int(gidx[i]), 0) if prng.random() < 0.93 else None
        for i in range(n)
    ]
    landline: list[str | None] = [
        _phone(country[i], address[i], int(gidx[i]), 1, landline=True)
        if prng.random() < 0.25
        else None
        for i in range(n)
    ]
    landline_shared = np.zeros(n, dtype=bool)
    for head in np.flatnonzero(partner >= 0):
        mate = int(partner[head])
        if head > mate:
            continue
        if prng.random() < 0.6:
            landline[head] = landline[head] or _phone(
                country[head], address[head], int(gidx[head]), 1, landline=True
            )
            landline[mate] = landline[head]
            landline_shared[head] = landline_shared[mate] = True

    # ------------------------------------------------------------ purchase behaviour
    is_buyer = rng.random(n) < BUYER_SHARE
    rate = rng.gamma(PURCHASE_RATE_GAMMA[0], PURCHASE_RATE_GAMMA[1], size=n) * is_buyer
    dropout = rng.beta(DROPOUT_BETA[0], DROPOUT_BETA[1], size=n)
    aov = rng.lognormal(AOV_LOGNORMAL[0], AOV_LOGNORMAL[1], size=n)
    mix = rng.random(n)
    online_share = np.where(mix < 0.58, 1.0, np.where(mix < 0.80, 0.0, 0.5))
    home_store = np.array([_home_store(country[i], address[i].city, prng) for i in range(n)])
    online_share[home_store < 0] = 1.0
    weights = rng.dirichlet(np.full(len(CATEGORIES), 0.35), size=n)
    category_cdf = np.cumsum(weights, axis=1)
    premium = rng.random(n) < 0.25
    # purchase timing draws from its own stream: tuning it leaves every other draw alone
    cadence_rng = rng_for(seed, 7, first_global)
    cadence = cadence_rng.choice(CADENCE_SHAPES, size=n, p=CADENCE_SHARES)
    purchase_person, purchase_us, inactive = _simulate_purchases(
        cadence_rng, first_seen, rate, dropout, cadence, is_buyer, end_us
    )

    # ------------------------------------------------------------ accounts and memberships
    any_online = np.zeros(n, dtype=bool)
    first_online = np.full(n, NEVER, dtype=np.int64)
    first_store = np.full(n, NEVER, dtype=np.int64)
    channel_online = rng.random(len(purchase_us)) < online_share[purchase_person]
    np.minimum.at(first_online, purchase_person[channel_online], purchase_us[channel_online])
    np.minimum.at(first_store, purchase_person[~channel_online], purchase_us[~channel_online])
    any_online = first_online < NEVER
    has_account = (any_online & (rng.random(n) < 0.84)) | (~is_buyer & (rng.random(n) < 0.3))
    late_signup = rng.random(n) < 0.15
    account_created = np.where(
        any_online & ~late_signup,
        first_online - rng.integers(60, 3600, size=n) * 1_000_000,
        first_seen + (rng.random(n) * np.minimum(30 * US_PER_DAY, end_us - first_seen)),
    ).astype(np.int64)
    account_created = np.where(
        any_online & late_signup,
        np.minimum(first_online + rng.integers(1, 90, size=n) * US_PER_DAY, end_us - 1),
        account_created,
    )
    account_created = np.maximum(account_created, start_us)
    shop_id = np.where(
        has_account,
        ids.numeric_ids(ids.person_keys(gidx, 0), "shop_customer", 5_100_000_000_000),
        0,
    )
    second = has_account & (rng.random(n) < 0.03)
    second_id = np.where(
        second, ids.numeric_ids(ids.person_keys(gidx, 1), "shop_customer", 5_100_000_000_000), 0
    )

    card_payer = any_online & (rng.random(n) < 0.85)
    pay_ids = ids.hex_ids(ids.person_keys(gidx, 0), "payments_customer", "cus_").to_pylist()
    pay2_ids = ids.hex_ids(ids.person_keys(gidx, 1), "payments_customer", "cus_").to_pylist()
    two_pay = rng.random(n) < 0.08
    payments_customer = [pay_ids[i] if card_payer[i] else None for i in range(n)]
    second_payments = [pay2_ids[i] if card_payer[i] and two_pay[i] else None for i in range(n)]
    fp1 = ids.hex_ids(ids.person_keys(gidx, 0), "card", "").to_pylist()
    fp2 = ids.hex_ids(ids.person_keys(gidx, 1), "card", "").to_pylist()
    cards = []
    for i in range(n):
        own = [(fp1[i], f"{prng.randint(0, 9999):04d}", _brand(prng))]
        if prng.random() < 0.3:
            own.append((fp2[i], f"{prng.randint(0, 9999):04d}", _brand(prng)))
        cards.append(own)

    store_buyer = first_store < NEVER
    member = store_buyer & (rng.random(n) < 0.7)
    card_numbers = ids.digit_ids(ids.person_keys(gidx, 0), "loyalty", 12, "6")
    loyalty_card = [card_numbers[i] if member[i] else None for i in range(n)]

    crm_p = 0.10 + 0.25 * (rate > 2.5) + 0.35 * np.array([c is not None for c in company])
    in_crm = (rng.random(n) < crm_p) | work_email_shared
    crm_contacts = np.where(in_crm, 1 + (rng.random(n) < 0.06), 0)
    in_support = rng.random(n) < (0.06 + 0.14 * is_buyer)
    is_subscriber = rng.random(n) < (0.42 + 0.22 * is_buyer)

    # ------------------------------------------------------------ devices
    has_web = rng.random(n) < np.where(online_share > 0, 0.93, 0.55)
    n_devices = np.minimum(1 + rng.poisson(0.9, size=n), 4) * has_web
    devices: list[list[Device]] = []
    dev_counter = 0
    dev_keys = ids.person_keys(np.repeat(gidx, 4), 0) + np.tile(np.arange(4, dtype=np.uint64), n)
    anon = ids.uuids(dev_keys, "anonymous_id").to_pylist()
    advertising = ids.uuids(dev_keys, "device_id", upper=True).to_pylist()
    for i in range(n):
        own: list[Device] = []
        life_end = min(int(inactive[i]), end_us)
        for j in range(int(n_devices[i])):
            kind = prng.choices(
                ["desktop", "mobile_web", "ios", "android", "tablet"], [40, 30, 14, 10, 6]
            )[0]
            if j == 0:
                first_us = int(first_seen[i])
            else:
                first_us = int(first_seen[i] + prng.random() * max(1, life_end - first_seen[i]))
            key = 4 * i + j
            login = NEVER
            if has_account[i] and prng.random() < 0.88:
                login = max(first_us, int(account_created[i]))
            own.append(
                Device(
                    anonymous_id=anon[key],
                    kind=kind,
                    device_id=advertising[key] if kind in ("ios", "android") else None,
                    user_agent=_user_agent(kind, prng),
                    ip=_ip(prng),
                    first_us=first_us,
                    login_us=login,
                )
            )
            dev_counter += 1
        devices.append(own)
    # a family tablet: the household head's device, also used by the partner
    for head in np.flatnonzero(partner >= 0):
        mate = int(partner[head])
        if head < mate and devices[head] and prng.random() < 0.4:
            tablet = devices[head][-1]
            tablet.kind = "tablet"
            tablet.user_agent = _user_agent("tablet", prng)
            tablet.shared_with = mate

    is_test_owner = np.zeros(n, dtype=bool)
    is_test_owner[rng.choice(n, size=max(1, n // 2500), replace=False)] = True

    return People(
        first_global=first_global,
        n=n,
        person_id=[f"person_{g:08d}" for g in gidx],
        global_index=gidx,
        country=country,
        first_name=first_name,
        last_name=last_name,
        gender=gender,
        birth=birth,
        address=address,
        old_address=old_address,
        moved_us=moved_us,
        email=email,
        old_email=old_email,
        email_changed_us=email_changed_us,
        other_email=other_email,
        company=company,
        work_email_shared=work_email_shared,
        mobile=mobile,
        landline=landline,
        landline_shared=landline_shared,
        partner=partner,
        first_seen_us=first_seen,
        inactive_us=inactive,
        is_buyer=is_buyer,
        purchase_rate=rate,
        cadence_shape=cadence,
        dropout_p=dropout,
        aov=aov,
        online_share=online_share,
        category_cdf=category_cdf,
        premium=premium,
        purchase_person=purchase_person,
        purchase_us=purchase_us,
        has_account=has_account,
        shop_customer_id=shop_id,
        account_created_us=account_created,
        second_account_id=second_id,
        payments_customer=payments_customer,
        second_payments_customer=second_payments,
        cards=cards,
        home_store=home_store,
        loyalty_card=loyalty_card,
        in_crm=in_crm,
        crm_contacts=crm_contacts,
        in_support=in_support,
        is_subscriber=is_subscriber,
        devices=devices,
        is_test_owner=is_test_owner,
        people_end_us=end_us,
        extra={"channel_online": channel_online},
    )


def _simulate_purchases(
    rng: np.random.Generator,
    first_seen: np.ndarray,
    rate: np.ndarray,
    dropout: np.ndarray,
    cadence: np.ndarray,
    is_buyer: np.ndarray,
    end_us: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """BG/NBD-like with a rhythm: Gamma(k) gaps at the person's rate, stretched or shrunk by
    the season; after each purchase, lapse with the person's dropout probability."""
    n = len(first_seen)
    t = first_seen + (rng.exponential(8.0, size=n) * US_PER_DAY).astype(np.int64)
    active = is_buyer & (t <= end_us)
    inactive = np.where(
        is_buyer,
        NEVER,
        first_seen + (rng.exponential(420.0, size=n) * US_PER_DAY).astype(np.int64),
    ).astype(np.int64)
    people, times = [], []
    for _ in range(400):
        if not active.any():
            break
        idx = np.flatnonzero(active)
        people.append(idx)
        times.append(t[idx])
        lapse = rng.random(len(idx)) < dropout[idx]
        gone = idx[lapse]
        inactive[gone] = t[gone] + (rng.exponential(25.0, size=len(gone)) * US_PER_DAY).astype(
            np.int64
        )
        shape = cadence[idx]
        years = rng.gamma(shape, 1.0 / shape) / np.maximum(rate[idx], 1e-3)
        t[idx] = seasonal_advance(t[idx], years * US_PER_YEAR) + 3_600_000_000
        active[gone] = False
        active[idx] &= t[idx] <= end_us
    if people:
        return (
            np.concatenate(people).astype(np.int64),
            np.concatenate(times).astype(np.int64),
            inactive,
        )
    return np.array([], np.int64), np.array([], np.int64), inactive


def season_factor(moment_us: np.ndarray) -> np.ndarray:
    """Relative purchase intensity at a moment: highest around SEASON_PEAK_DAY."""
    return 1.0 + SEASON_AMPLITUDE * np.cos(_season_phase(moment_us))


def _season_phase(moment_us: np.ndarray) -> np.ndarray:
    day_of_year = (np.asarray(moment_us, dtype=np.float64) / US_PER_DAY) % 365.25
    return 2 * np.pi * (day_of_year - SEASON_PEAK_DAY) / 365.25


def _seasonal_clock(moment_us: np.ndarray) -> np.ndarray:
    """Operational time: the integral of season_factor, so a process that is regular on
    this clock buys more often in the season in real time."""
    period = 365.25 * US_PER_DAY
    moment = np.asarray(moment_us, dtype=np.float64)
    return moment + SEASON_AMPLITUDE * period / (2 * np.pi) * np.sin(_season_phase(moment))


def seasonal_advance(start_us: np.ndarray, gap_us: np.ndarray) -> np.ndarray:
    """The real moment a gap of `gap_us` operational time after `start_us` ends (Newton's
    method on the monotonic seasonal clock; four steps reach well under a second)."""
    target = _seasonal_clock(start_us) + gap_us
    moment = np.asarray(start_us, dtype=np.float64) + gap_us
    for _ in range(4):
        moment -= (_seasonal_clock(moment) - target) / season_factor(moment)
    return moment.astype(np.int64)


def _address(country: str, rng: random.Random, near: Address | None = None) -> Address:
    cities = CITIES[country]
    if near is not None:
        matching = [c for c in cities if c[0] == near.city]
        city, prefix, _ = rng.choice(matching or cities)
    else:
        city, prefix, _ = rng.choice(cities)
    number = rng.randint(1, 9800) if country in ("US", "CA") else rng.randint(1, 180)
    if country in ("US", "CA"):
        street = rng.choice(STREETS["us"])
        suffix = rng.choice(STREET_SUFFIXES_US)[0]
        line1 = f"{number} {street} {suffix}"
        if rng.random() < 0.15:
            line1 += f", Apt {rng.randint(1, 40)}{rng.choice('ABCD')}"
    elif country == "GB":
        line1 = f"{number} {rng.choice(STREETS['gb'])} {rng.choice(STREET_SUFFIXES_GB)[0]}"
    elif country == "DE":
        line1 = f"{rng.choice(STREETS['de'])}straße {number}"
    elif country == "FR":
        line1 = f"{number} rue {rng.choice(STREETS['fr'])}"
    else:
        line1 = f"Calle {rng.choice(STREETS['es'])} {number}"
    if country == "US":
        postcode = f"{prefix}{rng.randint(0, 99):02d}"
    elif country == "CA":
        postcode = (
            f"{prefix} {rng.randint(1, 9)}{rng.choice('ABCEGHJKLMNPRSTVXY')}{rng.randint(0, 9)}"
        )
    elif country == "GB":
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        postcode = f"{prefix} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
    else:
        postcode = f"{prefix[:3]}{rng.randint(0, 99):02d}"
    return Address(line1, city, postcode, country)


def _personal_email(
    first: str, last: str, country: str, g: int, slot: int, rng: random.Random
) -> str:
    given, family = ascii_fold(first).lower(), ascii_fold(last).lower()
    number = unique_number(g, slot)
    local = [
        f"{given}.{family}",
        f"{given}{family}",
        f"{given[0]}{family}",
        f"{given}_{family}",
        f"{family}.{given}",
        f"{given}.{family[0]}",
    ][rng.randrange(6)]
    domains = EMAIL_DOMAINS[country]
    domain = rng.choices([d for d, _ in domains], [w for _, w in domains])[0]
    return f"{local}{number}@{domain}"


def _phone(country: str, address: Address, g: int, slot: int, landline: bool = False) -> str:
    """The national significant number (no trunk prefix); unique per (person, slot)."""
    if country in ("US", "CA"):
        area = next(c[2] for c in CITIES[country] if c[0] == address.city)
        value = unique_number(g, slot, 8_000_000)
        return f"{area}{200 + value // 10_000}{value % 10_000:04d}"
    value = unique_number(g, slot, 10**8)
    if country == "GB":
        return f"20{value:08d}" if landline else f"7{value % 10**8 + 10**8 * (g % 9 + 1):09d}"
    if country == "DE":
        return f"30{value:08d}" if landline else f"15{g % 10}{value:08d}"
    if country == "FR":
        return f"1{value:08d}" if landline else f"{6 + g % 2}{value:08d}"
    return f"91{value % 10**7:07d}" if landline else f"{6 + g % 2}{value:08d}"


def _home_store(country: str, city: str, rng: random.Random) -> int:
    same_city = [i for i, (c, town) in enumerate(STORE_CITIES) if c == country and town == city]
    if same_city:
        return same_city[0]
    same_country = [i for i, (c, _) in enumerate(STORE_CITIES) if c == country]
    if same_country and rng.random() < 0.5:
        return rng.choice(same_country)
    return -1


def _brand(rng: random.Random) -> str:
    return rng.choices(["visa", "mastercard", "amex", "discover"], [55, 30, 10, 5])[0]


def _user_agent(kind: str, rng: random.Random) -> str:
    from .reference import USER_AGENTS_APP, USER_AGENTS_DESKTOP, USER_AGENTS_MOBILE

    if kind in USER_AGENTS_APP:
        return USER_AGENTS_APP[kind]
    if kind == "desktop":
        return rng.choice(USER_AGENTS_DESKTOP)
    if kind == "tablet":
        return USER_AGENTS_MOBILE[-1]
    return rng.choice(USER_AGENTS_MOBILE[:3])


def _ip(rng: random.Random) -> str:
    return (
        f"{rng.randint(24, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    )
