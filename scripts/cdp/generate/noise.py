"""How real systems distort a person's attributes on the way into a table.

Every distortion goes through `Noise.hit(kind, p)`, which scales the base probability by the
noise level and counts what it did, so the manifest can report (and tests can check) how
often each kind of noise was injected.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date

from .reference import NICKNAMES, PLACEHOLDER_EMAILS, PLACEHOLDER_PHONES, PLACEHOLDER_TEXT

NOISE_LEVELS = {"low": 0.3, "default": 1.0, "high": 2.5}
_KEYBOARD_NEIGHBOURS = {
    "a": "qsz",
    "b": "vgn",
    "c": "xdv",
    "d": "sfe",
    "e": "wrd",
    "f": "dgr",
    "g": "fht",
    "h": "gjy",
    "i": "uok",
    "j": "hku",
    "k": "jli",
    "l": "kop",
    "m": "nj",
    "n": "bmh",
    "o": "ipl",
    "p": "ol",
    "q": "wa",
    "r": "etf",
    "s": "adw",
    "t": "ryg",
    "u": "yij",
    "v": "cbf",
    "w": "qes",
    "x": "zcs",
    "y": "tuh",
    "z": "xa",
}
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_MONTHS_LONG = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
GMAIL_DOMAINS = ("gmail.com", "googlemail.com")


def parse_noise(value: str) -> float:
    """'low' | 'default' | 'high' | a float multiplier >= 0."""
    if value in NOISE_LEVELS:
        return NOISE_LEVELS[value]
    level = float(value)
    if level < 0:
        raise ValueError("noise must be >= 0")
    return level


class Noise:
    """Probability scaling and bookkeeping for one chunk."""

    def __init__(self, level: float, rng: random.Random) -> None:
        self.level = level
        self.rng = rng
        self.counts: Counter[str] = Counter()

    def hit(self, kind: str, p: float) -> bool:
        if self.rng.random() < min(0.9, p * self.level):
            self.counts[kind] += 1
            return True
        return False

    def note(self, kind: str, n: int = 1) -> None:
        self.counts[kind] += n

    # ------------------------------------------------------------ strings
    def typo(self, text: str) -> str:
        """One keyboard slip: a dropped, doubled, swapped or neighbouring letter."""
        letters = [i for i, ch in enumerate(text) if ch.isalpha()]
        if len(letters) < 3:
            return text
        i = self.rng.choice(letters[1:])
        kind = self.rng.randrange(4)
        if kind == 0:
            return text[:i] + text[i + 1 :]
        if kind == 1:
            return text[:i] + text[i] + text[i:]
        if kind == 2 and i + 1 < len(text):
            return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        near = _KEYBOARD_NEIGHBOURS.get(text[i].lower(), "e")
        return text[:i] + self.rng.choice(near) + text[i + 1 :]

    def case_whitespace(self, text: str) -> str:
        style = self.rng.randrange(5)
        if style == 0:
            text = text.upper()
        elif style == 1:
            text = text.lower()
        elif style == 2:
            text = " " + text
        elif style == 3:
            text = text + "  "
        else:
            text = text.replace(" ", "  ") if " " in text else text + " "
        return text

    # ------------------------------------------------------------ names
    def first_name(self, name: str, p_nick: float = 0.06, p_missing: float = 0.02) -> str | None:
        if self.hit("missing_value", p_missing):
            return None
        if self.hit("placeholder_name", 0.003):
            return self.rng.choice(PLACEHOLDER_TEXT)
        if name in NICKNAMES and self.hit("nickname", p_nick):
            name = self.rng.choice(NICKNAMES[name])
        return self._name_noise(name)

    def last_name(self, name: str, p_missing: float = 0.02) -> str | None:
        if self.hit("missing_value", p_missing):
            return None
        if self.hit("placeholder_name", 0.002):
            return self.rng.choice(PLACEHOLDER_TEXT)
        return self._name_noise(name)

    def _name_noise(self, name: str) -> str:
        if self.hit("name_typo", 0.02):
            name = self.typo(name)
        if any(ord(ch) > 127 for ch in name) and self.hit("accents_stripped", 0.25):
            name = _strip_accents(name)
        if self.hit("name_case_whitespace", 0.05):
            name = self.case_whitespace(name)
        if any(ord(ch) > 127 for ch in name):
            self.note("non_ascii_name")
        return name

    # ------------------------------------------------------------ emails
    def email(
        self,
        email: str | None,
        *,
        p_missing: float = 0.03,
        p_placeholder: float = 0.01,
        p_variant: float = 0.08,
    ) -> str | None:
        """A typed email: provider variants (dots, +tags), typos, case, junk."""
        if email is None or self.hit("missing_value", p_missing):
            return None
        if self.hit("placeholder_email", p_placeholder):
            return self.rng.choice(PLACEHOLDER_EMAILS)
        local, _, domain = email.partition("@")
        if domain in GMAIL_DOMAINS and self.hit("gmail_dots", p_variant):
            local = _shuffle_dots(local.replace(".", ""), self.rng)
        if self.hit("email_plus_tag", p_variant * 0.6):
            local = f"{local}+{self.rng.choice(['shop', 'news', 'np', 'deals', '2024'])}"
        if self.hit("email_typo", 0.015):
            if self.rng.random() < 0.5 and len(local) > 3:
                local = self.typo(local)
            else:
                domain = _domain_typo(domain, self.rng, self)
        email = f"{local}@{domain}"
        if self.hit("email_malformed", 0.005):
            kind = self.rng.randrange(4)
            if kind == 0:
                email = email.replace("@", "", 1)
            elif kind == 1:
                email = email.replace("@", "@@", 1)
            elif kind == 2:
                email = email + "."
            else:
                email = email.replace("@", " at ", 1)
        if self.hit("email_case_whitespace", 0.05):
            email = self.case_whitespace(email)
        return email

    # ------------------------------------------------------------ phones
    def phone(
        self,
        national: str | None,
        country: str,
        calling_code: str,
        *,
        p_missing: float = 0.1,
        p_placeholder: float = 0.01,
    ) -> str | None:
        """A phone as typed: national or international format, punctuation, extensions, junk."""
        if national is None or self.hit("missing_value", p_missing):
            return None
        if self.hit("placeholder_phone", p_placeholder):
            return self.rng.choice(PLACEHOLDER_PHONES)
        if self.hit("invalid_phone", 0.005):
            return self.rng.choice(
                [national[:5], national + "99", "555-CALL-NOW", "+" + calling_code, "call me"]
            )
        text = format_phone(national, country, calling_code, self.rng.randrange(8))
        self.note("phone_format_" + ("intl" if text.startswith(("+", "00")) else "national"))
        if self.hit("phone_extension", 0.01):
            text += self.rng.choice([" x", " ext. ", " ext ", "#"]) + str(self.rng.randint(10, 999))
        return text

    # ------------------------------------------------------------ dates
    def birth_date_text(self, born: date, style: str, p_missing: float = 0.1) -> str | None:
        """A birth date as text: 'free' (CRM: several formats) or 'dmy' (POS: DD/MM/YYYY)."""
        if self.hit("missing_value", p_missing):
            return None
        if self.hit("placeholder_birth_date", 0.01):
            return self.rng.choice(["unknown", "N/A", "00/00/0000", "1900-01-01", "?"])
        day, month, year = born.day, born.month, born.year
        if day <= 12 and day != month and self.hit("birth_date_swapped", 0.06):
            day, month = month, day
        if self.hit("birth_date_impossible", 0.015):
            day, month = self.rng.choice([(30, 2), (31, 4), (31, 6), (29, 2), (32, 1)])
            if (day, month) == (29, 2) and year % 4 == 0:
                day = 30
        if style == "dmy":
            return f"{day:02d}/{month:02d}/{year}"
        fmt = self.rng.randrange(7)
        if fmt:
            self.note("birth_date_free_text")
        return [
            f"{year}-{month:02d}-{day:02d}",
            f"{month:02d}/{day:02d}/{year}",
            f"{day}.{month}.{year}",
            f"{_MONTHS_LONG[month - 1]} {day}, {year}",
            f"{day:02d}-{_MONTHS[month - 1]}-{year}",
            f"{month}/{day}/{str(year)[2:]}",
            f"{year}/{month:02d}/{day:02d}",
        ][fmt]


def format_phone(national: str, country: str, calling_code: str, style: int) -> str:
    """`national` is the national significant number (no trunk 0)."""
    digits = national
    if country in ("US", "CA"):
        a, b, c = digits[:3], digits[3:6], digits[6:]
        return [
            f"({a}) {b}-{c}",
            f"{a}-{b}-{c}",
            f"{a}.{b}.{c}",
            f"{a}{b}{c}",
            f"+1 {a} {b} {c}",
            f"+1{a}{b}{c}",
            f"1-{a}-{b}-{c}",
            f"001 {a} {b} {c}",
        ][style]
    trunk = "0" + digits
    spaced = " ".join(trunk[i : i + 2] for i in range(0, len(trunk), 2))
    return [
        trunk,
        spaced,
        f"+{calling_code} {digits}",
        f"+{calling_code}{digits}",
        f"00{calling_code} {digits}",
        f"+{calling_code} (0){digits}",
        f"{trunk[:5]} {trunk[5:]}",
        f"{trunk[:4]}-{trunk[4:]}",
    ][style]


def _shuffle_dots(local: str, rng: random.Random) -> str:
    positions = sorted(rng.sample(range(1, len(local)), k=min(2, len(local) - 1)))
    for offset, pos in enumerate(positions):
        local = local[: pos + offset] + "." + local[pos + offset :]
    return local


def _domain_typo(domain: str, rng: random.Random, noise: Noise) -> str:
    from .reference import DOMAIN_TYPOS

    if domain in DOMAIN_TYPOS:
        return rng.choice(DOMAIN_TYPOS[domain])
    return noise.typo(domain)


def _strip_accents(text: str) -> str:
    import unicodedata

    text = text.replace("ß", "ss").replace("Ł", "L").replace("ł", "l")
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )


def placeholder_text(rng: random.Random) -> str:
    return rng.choice(PLACEHOLDER_TEXT)
