"""Emergency numbers by country, for "call emergency services now" (chosen in setup).

Sources: 999 in the United Kingdom, 911 in the United States and Canada, 112 across the
European Union and in much of the world (also on UK and many other mobiles) — shared
CLINICAL.md, "Emergency services by country"; European Commission, "112 — the European
emergency number"; Australian Government Triple Zero (000); New Zealand Police (111).
"""

from __future__ import annotations

# ISO 3166-1 alpha-2 code -> the number to dial. Countries not listed: 112 where the user
# picked a country (it works in most of the world and on most mobiles), else a generic text.
EMERGENCY_NUMBERS: dict[str, str] = {
    "GB": "999",
    "IE": "112",
    "US": "911",
    "CA": "911",
    "MX": "911",
    "AU": "000",
    "NZ": "111",
    "IN": "112",
    "ZA": "112",
    "JP": "119",
    "KR": "119",
    "CN": "120",
    "BR": "192",
    "AR": "107",
    "IL": "101",
    "CH": "144",
    "NO": "113",
}
# Members of the EU and EEA, where 112 is the emergency number.
_EU_CODES = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IS IT LV LI LT LU MT NL PL PT RO SK SI ES SE"
_EU_112 = frozenset(_EU_CODES.split())
GENERIC = "999, 911 or 112"


class CountryError(ValueError):
    """A country code the app cannot use; ``str()`` says what to type."""


def clean_country(code: str | None) -> str:
    """An ISO 3166-1 alpha-2 code in capitals ("" for none), or CountryError."""
    text = (code or "").strip().upper()
    if not text:
        return ""
    if len(text) != 2 or not text.isascii() or not text.isalpha():
        raise CountryError(
            f"{code!r} is not a country code. Please type the two-letter code, for example "
            "GB, US, IE or AU."
        )
    return text


def emergency_number(country: str | None) -> str:
    """The number to dial for an ambulance in ``country`` (ISO code), or a generic text."""
    code = (country or "").upper()
    if code in EMERGENCY_NUMBERS:
        return EMERGENCY_NUMBERS[code]
    if code in _EU_112 or code:
        return "112"
    return GENERIC
