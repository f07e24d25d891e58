"""Emergency numbers by country, for "call emergency services now" (chosen in setup).

Sources: 999 in the United Kingdom, 911 in the United States and Canada, 112 across the
European Union and in much of the world (also on UK and many other mobiles) — shared
CLINICAL.md, "Emergency services by country"; European Commission, "112 — the European
emergency number"; Australian Government Triple Zero (000); New Zealand Police (111).
"""

from __future__ import annotations

from companion import i18n
from companion.i18n import N_, _

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
GENERIC = N_("999, 911 or 112")

# Countries offered in setup and settings, by name (ISO 3166-1 alpha-2 codes).
COUNTRY_NAMES: dict[str, str] = {
    "AR": "Argentina",
    "AU": "Australia",
    "AT": "Austria",
    "BE": "Belgium",
    "BR": "Brazil",
    "BG": "Bulgaria",
    "CA": "Canada",
    "CN": "China",
    "HR": "Croatia",
    "CY": "Cyprus",
    "CZ": "Czechia",
    "DK": "Denmark",
    "EE": "Estonia",
    "FI": "Finland",
    "FR": "France",
    "DE": "Germany",
    "GR": "Greece",
    "HU": "Hungary",
    "IS": "Iceland",
    "IN": "India",
    "IE": "Ireland",
    "IL": "Israel",
    "IT": "Italy",
    "JP": "Japan",
    "LV": "Latvia",
    "LI": "Liechtenstein",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "MT": "Malta",
    "MX": "Mexico",
    "NL": "Netherlands",
    "NZ": "New Zealand",
    "NO": "Norway",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "SK": "Slovakia",
    "SI": "Slovenia",
    "ZA": "South Africa",
    "KR": "South Korea",
    "ES": "Spain",
    "SE": "Sweden",
    "CH": "Switzerland",
    "GB": "United Kingdom",
    "US": "United States",
}


def country_name(code: str) -> str:
    """A country's name in the app's language (Babel's names), "" when unknown. English
    keeps the app's short names ("United Kingdom"); the pseudo-locale accents them, as it
    does Babel's dates, so a name that does not follow the language still stands out."""
    from babel import Locale, UnknownLocaleError

    code = (code or "").upper()
    if i18n.language() == i18n.PSEUDO:
        from companion.pseudo import pseudo_text

        return pseudo_text(COUNTRY_NAMES.get(code, ""), brackets=False)
    try:
        names = Locale.parse(i18n.locale_tag()).territories
    except (UnknownLocaleError, ValueError):
        names = {}
    if i18n.language() == i18n.SOURCE_LANGUAGE or code not in names:
        return COUNTRY_NAMES.get(code, "")
    return names[code]


class CountryError(ValueError):
    """A country code the app cannot use; ``str()`` says what to type."""


def clean_country(code: str | None) -> str:
    """An ISO 3166-1 alpha-2 code in capitals ("" for none), or CountryError."""
    text = (code or "").strip().upper()
    if not text:
        return ""
    if len(text) != 2 or not text.isascii() or not text.isalpha():
        raise CountryError(
            _(
                "{code} is not a country code. Please type the two-letter code, for example "
                "GB, US, IE or AU."
            ).format(code=repr(code))
        )
    return text


def emergency_number(country: str | None) -> str:
    """The number to dial for an ambulance in ``country`` (ISO code), or a generic text."""
    code = (country or "").upper()
    if code in EMERGENCY_NUMBERS:
        return EMERGENCY_NUMBERS[code]
    # 112: the EU and EEA's number, which also works in much of the world and on most mobiles.
    return "112" if code else _(GENERIC)
