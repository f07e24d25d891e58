"""The app's language: one gettext catalogue for every front end, and dates, times and
numbers worded through Babel in that language. No Qt, so the core and the command line use it.

The language is chosen once, before any text is made (``choose_language`` then
``set_language``), in this order:

1. ``--lang es`` on the command line (an unknown language is refused: ``LanguageError``);
2. the preference the user saved in the app (the window's ``window.ini``, which the command
   line reads without Qt: ``companion.window_settings``);
3. the system's: ``LANGUAGE`` (a colon-separated list), then ``LC_ALL``, ``LC_MESSAGES``,
   ``LANG``, as GNU gettext reads them; the first one the app is translated into wins;
4. English.

A language may carry a territory (``es_MX``): messages come from the ``es`` catalogue,
dates and numbers follow the territory (Mexico writes 38.5, Spain 38,5).

Catalogues are read from ``resources/locale/<lang>/LC_MESSAGES/companion.mo`` through
``importlib.resources``, so they are found in a source tree, an installed wheel and the
bundle alike. Babel costs about 60 ms to import and 50 ms to load a locale, so it is
imported only when a date or number is first worded (start-up is measured).

Use::

    from companion.i18n import _, ngettext, pgettext

    _("Your temperature rose to {value} after you contacted your team at {time}").format(...)
    ngettext("{count} entry", "{count} entries", n).format(count=n)
    pgettext("severity", "none")
"""

from __future__ import annotations

import gettext as _gettext
import os
import re
from collections.abc import Mapping
from datetime import date, datetime, time
from functools import cache

DOMAIN = "companion"
SOURCE_LANGUAGE = "en"
# The pseudo-locale (Microsoft's "qps-ploc" tag): every message accented and made about
# 40 % longer, so a test can spot English left untranslated and controls too narrow.
PSEUDO = "qps"
# Languages the app is translated into (messages and content), as offered to the user.
TRANSLATED = ("en", "es")
# Names of the languages in their own words, for the language chooser.
NATIVE_NAMES = {"en": "English", "es": "Español", PSEUDO: "Pseudo-locale"}
_LOCALE_PACKAGE = "resources"
_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[_-]([A-Za-z]{2}|\d{3}))?(?:[.@].*)?$")
ENVIRONMENT_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


class LanguageError(ValueError):
    """A requested language the app has no translation for; the message says which exist."""


def normalize(tag: str | None) -> str | None:
    """``"es_MX.UTF-8"`` → ``"es_MX"``, ``"es-mx"`` → ``"es_MX"``, ``"ES"`` → ``"es"``;
    None for ``C``, ``POSIX``, an empty value or anything that is not a language tag."""
    if not tag:
        return None
    match = _TAG.match(tag.strip())
    if match is None or tag.strip().upper() in ("C", "POSIX"):
        return None
    language, territory = match.group(1).lower(), match.group(2)
    return f"{language}_{territory.upper()}" if territory else language


def base_language(tag: str) -> str:
    """``"es_MX"`` → ``"es"``."""
    return tag.split("_", 1)[0]


def _catalogue_path(language: str) -> tuple[str, ...]:
    return ("locale", language, "LC_MESSAGES", f"{DOMAIN}.mo")


def _catalogue_node(language: str):
    from importlib import resources

    node = resources.files(_LOCALE_PACKAGE)
    for part in _catalogue_path(language):
        node = node.joinpath(part)
    return node


@cache
def available_languages() -> tuple[str, ...]:
    """English, and every language with a compiled catalogue (the pseudo-locale too)."""
    found = [SOURCE_LANGUAGE]
    from importlib import resources

    locale_dir = resources.files(_LOCALE_PACKAGE).joinpath("locale")
    if locale_dir.is_dir():
        for child in sorted(locale_dir.iterdir(), key=lambda c: c.name):
            if child.name not in found and _catalogue_node(child.name).is_file():
                found.append(child.name)
    return tuple(found)


def is_available(tag: str | None) -> bool:
    tag = normalize(tag)
    return tag is not None and base_language(tag) in available_languages()


def system_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The first language of the environment the app is translated into, or None.

    The pseudo-locale is never taken from the system: only ``--lang qps`` chooses it.
    """
    environ = os.environ if environ is None else environ
    for candidate in environ.get("LANGUAGE", "").split(":"):
        tag = normalize(candidate)
        if tag is not None and base_language(tag) in TRANSLATED and is_available(tag):
            return tag
    for variable in ENVIRONMENT_VARIABLES[1:]:
        value = environ.get(variable, "")
        if value:
            # The first one set decides, as in gettext: LC_ALL=de_DE (no German) or
            # LC_ALL=C means English, whatever LANG says.
            tag = normalize(value)
            if tag is not None and base_language(tag) in TRANSLATED and is_available(tag):
                return tag
            return None
    return None


def choose_language(
    requested: str | None = None,
    saved: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """The language to use: ``--lang``, else the saved preference, else the system's,
    else English. A requested language the app lacks raises ``LanguageError``; a saved one
    (from an older version, say) is passed over.

    Returns:
        A normalised tag such as ``"es"`` or ``"es_MX"``.
    """
    if requested is not None:
        tag = normalize(requested)
        if tag is None or not is_available(tag):
            names = ", ".join(available_languages())
            raise LanguageError(f"There is no translation for {requested!r}. Use one of: {names}.")
        return tag
    if saved and is_available(saved):
        return normalize(saved) or SOURCE_LANGUAGE
    return system_language(environ) or SOURCE_LANGUAGE


def split_lang_option(argv: list[str]) -> tuple[list[str], str | None]:
    """Take ``--lang X`` / ``--lang=X`` out of a command line, so the language is set
    before any parser or message is made. Returns the rest and the value (None if absent).
    A ``--lang`` with no value is left in place for the parser to report."""
    rest: list[str] = []
    value: str | None = None
    items = iter(range(len(argv)))
    for index in items:
        arg = argv[index]
        if arg == "--":
            rest.extend(argv[index:])
            break
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        elif arg == "--lang" and index + 1 < len(argv) and not argv[index + 1].startswith("-"):
            value = argv[index + 1]
            next(items)
        else:
            rest.append(arg)
    return rest, value


@cache
def _translations(language: str) -> _gettext.NullTranslations:
    if language == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    node = _catalogue_node(language)
    if not node.is_file():
        return _gettext.NullTranslations()
    with node.open("rb") as stream:
        return _gettext.GNUTranslations(stream)


class _State:
    tag: str = SOURCE_LANGUAGE
    translations: _gettext.NullTranslations = _gettext.NullTranslations()


def set_language(tag: str | None) -> str:
    """Use ``tag`` for every message, date and number from now on (None: English).

    Returns the normalised tag in force. A language without a catalogue gives English
    messages (and its own dates and numbers, when Babel knows it)."""
    normalised = normalize(tag) or SOURCE_LANGUAGE
    _State.tag = normalised
    _State.translations = _translations(base_language(normalised))
    return normalised


def language() -> str:
    """The language of the messages and content in force: ``"en"``, ``"es"`` …"""
    return base_language(_State.tag)


def locale_tag() -> str:
    """The language with its territory, if any (``"es_MX"``): what dates and numbers follow."""
    return _State.tag


def gettext(message: str) -> str:
    """``message`` in the language in force."""
    return _State.translations.gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form for ``count`` in the language in force (Spanish: 1 / other)."""
    return _State.translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """A short word with its context: ``pgettext("severity", "none")``."""
    return _State.translations.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    return _State.translations.npgettext(context, singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it yet (module constants
    translated when shown)."""
    return message


# Dates, times and numbers ---------------------------------------------------------------


def _babel_locale() -> str:
    """The Babel locale for the language in force: the pseudo-locale words its dates as
    English and then accents them, so English dates are still caught."""
    return SOURCE_LANGUAGE if language() == PSEUDO else locale_tag()


def _pseudo(text: str) -> str:
    if language() != PSEUDO:
        return text
    from companion.pseudo import pseudo_text

    return pseudo_text(text, brackets=False)


def format_date(day: date, format: str = "full") -> str:
    """A date in the app's language: ``"full"`` gives the weekday and the month's name
    ("Monday, 7 December 2026" / "lunes, 7 de diciembre de 2026"); ``"long"`` drops the
    weekday, ``"medium"`` shortens the month, ``"short"`` is digits. A Babel pattern
    (``"EEEE d MMMM"``) works too."""
    from babel.dates import format_date as babel_format_date

    return _pseudo(babel_format_date(day, format=format, locale=_babel_locale()))


def format_time(moment: time | datetime, format: str = "short") -> str:
    """A time of day in the app's language ("14:05", or "2:05 PM" in US English)."""
    from babel.dates import format_time as babel_format_time

    return _pseudo(babel_format_time(moment, format=format, locale=_babel_locale()))


def format_datetime(moment: datetime, format: str = "medium") -> str:
    from babel.dates import format_datetime as babel_format_datetime

    return _pseudo(babel_format_datetime(moment, format=format, locale=_babel_locale()))


def format_decimal(number: float, digits: int = 1) -> str:
    """``number`` with exactly ``digits`` decimals in the app's language: 38.5 / 38,5.
    ``digits=0`` rounds to a whole number."""
    from babel.numbers import format_decimal as babel_format_decimal

    # No thousands separator: Spanish does not group four digits (RAE), and the diary's
    # numbers (temperatures, counts, weights) are small.
    pattern = "0" + ("." + "0" * digits if digits > 0 else "")
    return babel_format_decimal(number, format=pattern, locale=_babel_locale())


def format_number(number: float) -> str:
    """A number as short as it can be written (7.5 / 7,5; 5), grouped by thousands."""
    from babel.numbers import format_decimal as babel_format_decimal

    return babel_format_decimal(number, locale=_babel_locale())


def month_names(width: str = "wide") -> tuple[str, ...]:
    """The twelve months' names in the app's language, January first (for typed dates)."""
    from babel.dates import get_month_names

    names = get_month_names(width, context="format", locale=_babel_locale())
    return tuple(_pseudo(names[number]) for number in range(1, 13))


MINUS = "\u2212"


def format_day_number(number: int) -> str:
    """Day numbers as teams write them: "Day −6", "Day 0", "Day +12"; "Día +12" in Spanish."""
    sign = "" if number == 0 else ("+" if number > 0 else MINUS)
    return gettext("Day {number}").format(number=f"{sign}{abs(number)}")
