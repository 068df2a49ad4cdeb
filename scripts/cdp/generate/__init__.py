"""Deterministic generator of realistic raw CDP sources with a ground truth.

`cdp-generate --people N --seed S --out DIR` writes every raw table declared in
models/staging/*/_*__sources.yml as DIR/<source>/<table>/part-NNNNN.parquet (column names and
types exactly as declared), DIR/ground_truth/part-NNNNN.parquet and DIR/manifest.json.
Same arguments, same data: every random draw comes from a stream seeded by (seed, chunk).

The world
---------
A US-centred outdoor retailer (about 18 % of people in GB, CA, DE, FR, ES) with three years
of history up to --as-of. Each true person has a name (non-ASCII ones included), a birth
date, one or two email addresses, a mobile and sometimes a landline, an address, and appears
in a realistic subset of systems: web/app devices (most), a shop account (~60 %), guest
checkouts, a payments customer when paying by card, CRM contacts, help-desk users, newsletter
list members, loyalty cards for in-store shoppers. Systems link to each other as they do in
practice: web `user_id` is the shop customer id after login, identify calls carry traits,
payments `metadata_shop_customer_id` and CRM `shop_customer_id` and help-desk `external_id`
are filled for some records, charges carry `metadata_order_id` and a card fingerprint, till
transactions carry the loyalty card number about 60 % of the time.

Signals for predictions
-----------------------
- Purchase rate: each buyer (72 % of people) has a latent rate of orders per year drawn from
  Gamma(shape 1.6, scale 1.3).
- Rhythm: gaps between purchases are Gamma(k) with mean 1 / rate; k = 1 (memoryless) for
  45 % of buyers, 2 for 30 %, 5 (a regular cadence, so a late purchase means something) for
  25 %.
- Seasonality: gaps run on a seasonal clock, so purchase intensity is 1 + 0.35 cos(...)
  times the base, highest in early December and lowest in early June. Purchase timing draws
  from its own random stream (tuning it leaves every other draw unchanged).
- Dropout (BG/NBD-like): after each purchase a person lapses with a personal probability
  drawn from Beta(1.3, 4.0); after lapsing they stop buying, browsing (sessions stop at
  the lapse time) and opening email. People who never buy lapse after Exp(420 days).
- Order value: a personal average order value, LogNormal(log 72, 0.45), drives the number of
  lines per order; a quarter of people buy in the upper price half of each category.
- Preferences: category weights from Dirichlet(0.35) per person (one to three favourite
  categories); every product has a fixed complement in a paired category (shoes -> socks,
  camping -> backpacks...) that joins the basket 45 % of the time, so co-occurrence
  recommendations can be learned.
- Browsing anticipates purchases: 70 % of online orders have a session 1-10 days before
  that views the products then bought; browsing rate grows with the purchase rate.
- Email engagement: a personal open rate, Beta(2, 3.5), that declines linearly over the 90
  days before the lapse time and is ~0 afterwards; lapsed subscribers often unsubscribe.

Noise (scaled by --noise: low 0.3, default 1, high 2.5, or any multiplier)
-------------------------------------------------------------------------
Typos in names and emails (keyboard slips, misspelt domains), case and whitespace,
nicknames (Bob/Robert...; list in reference.NICKNAMES), accents stripped, day/month swapped
birth dates, birth dates as free text in several formats (CRM) and DD/MM/YYYY (POS),
impossible dates, people who moved (older records keep the old address), people who changed
email (older records keep the old one), gmail dots and +tags, phones in national and
international formats with punctuation and extensions, shared family landlines, shared family
tablets, shared office mailboxes, test accounts, placeholder values, missing values, exact
duplicate rows and late or clock-skewed events on the web tables, malformed emails and
invalid phone strings, duplicate accounts of one person. The manifest counts each kind.

Ground truth: one row per identity record (source_name, record_id, person_id, is_shared);
is_shared marks records that carry an identifier deliberately used by other people too (a
family landline or tablet, an office mailbox, a shared test-account address).
"""

GENERATOR_VERSION = "1.0.0"
