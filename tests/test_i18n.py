"""The app's language: chosen from --lang, the saved preference or the system; messages from
the compiled catalogue; dates and numbers through Babel; the pseudo-locale; catalogues that
match the code."""

import gettext
import subprocess
import sys
from datetime import date, datetime, time
from pathlib import Path

import pytest

from companion import i18n
from companion.pseudo import pseudo_text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import catalogue  # noqa: E402


@pytest.fixture
def language():
    """Set a language for one test; English again afterwards."""
    yield i18n.set_language
    i18n.set_language("en")


@pytest.mark.parametrize(
    "tag, expected",
    [
        ("es_MX.UTF-8", "es_MX"),
        ("es-mx", "es_MX"),
        ("ES", "es"),
        ("es_ES@euro", "es_ES"),
        ("C", None),
        ("POSIX", None),
        ("C.UTF-8", None),
        ("", None),
        (None, None),
        ("../../etc", None),
    ],
)
def test_language_tags_are_normalised(tag, expected):
    assert i18n.normalize(tag) == expected


def test_english_spanish_and_the_pseudo_locale_are_available():
    assert {"en", "es", i18n.PSEUDO} <= set(i18n.available_languages())
    assert not i18n.is_available("de")


@pytest.mark.parametrize(
    "environ, expected",
    [
        ({"LANG": "es_ES.UTF-8"}, "es_ES"),
        ({"LANGUAGE": "de:es", "LANG": "de_DE.UTF-8"}, "es"),  # first translated one
        ({"LANGUAGE": "de", "LANG": "es_MX.UTF-8"}, "es_MX"),
        ({"LC_ALL": "de_DE.UTF-8", "LANG": "es_ES.UTF-8"}, None),  # LC_ALL decides
        ({"LC_ALL": "C", "LANG": "es_ES.UTF-8"}, None),
        ({"LC_MESSAGES": "es_AR.UTF-8", "LANG": "en_GB.UTF-8"}, "es_AR"),
        ({"LANG": "en_GB.UTF-8"}, "en_GB"),
        ({"LANGUAGE": "qps"}, None),  # the pseudo-locale only through --lang
        ({}, None),
    ],
)
def test_the_system_language_follows_gettext_s_variables(environ, expected):
    assert i18n.system_language(environ) == expected


def test_the_command_line_wins_then_the_saved_choice_then_the_system():
    system = {"LANG": "es_ES.UTF-8"}
    assert i18n.choose_language("en", saved="es", environ=system) == "en"
    assert i18n.choose_language(None, saved="en", environ=system) == "en"
    assert i18n.choose_language(None, saved=None, environ=system) == "es_ES"
    assert i18n.choose_language(None, saved="fr", environ={}) == "en"  # an old preference
    assert i18n.choose_language("qps", environ={}) == "qps"


def test_a_language_without_a_translation_is_refused_with_the_choices():
    with pytest.raises(i18n.LanguageError, match=r"'fr'.*en, es"):
        i18n.choose_language("fr")


@pytest.mark.parametrize(
    "argv, rest, value",
    [
        (["--lang", "es", "today"], ["today"], "es"),
        (["today", "--lang=es", "--json"], ["today", "--json"], "es"),
        (["log", "--", "--lang", "es"], ["log", "--", "--lang", "es"], None),
        (["--lang"], ["--lang"], None),  # no value: left for the parser to report
        (["today"], ["today"], None),
    ],
)
def test_lang_is_taken_off_the_command_line_before_parsing(argv, rest, value):
    assert i18n.split_lang_option(argv) == (rest, value)


def test_messages_come_from_the_language_s_catalogue(language):
    assert i18n.format_day_number(12) == "Day +12"
    assert i18n.format_day_number(-6) == "Day \u22126"
    language("es")
    assert i18n.language() == "es"
    assert i18n.format_day_number(12) == "Día +12"
    assert i18n.format_day_number(0) == "Día 0"
    assert i18n.gettext("A message nobody translated") == "A message nobody translated"
    language("es_MX")
    assert (i18n.language(), i18n.locale_tag()) == ("es", "es_MX")
    assert i18n._("Day {number}") == "Día {number}"


def test_spanish_plurals_and_contexts_go_through_the_catalogue(language):
    language("es")
    # Untranslated messages fall back to the English forms, chosen by count.
    assert i18n.ngettext("{n} day", "{n} days", 1) == "{n} day"
    assert i18n.ngettext("{n} day", "{n} days", 3) == "{n} days"
    assert i18n.pgettext("severity", "not a word") == "not a word"
    # A translated word with its context, and the same word in another context.
    assert i18n.pgettext("severity", "none") == "ninguna"
    assert i18n.pgettext("no context like this", "none") == "none"
    assert i18n.npgettext("entries", "{n} entry", "{n} entries", 2) == "{n} entries"


def test_dates_times_and_numbers_follow_the_language(language):
    monday = date(2026, 12, 7)
    assert i18n.format_date(monday) == "Monday, December 7, 2026"
    language("en_GB")
    assert i18n.format_date(monday) == "Monday, 7 December 2026"
    language("es")
    assert i18n.format_date(monday) == "lunes, 7 de diciembre de 2026"
    assert i18n.format_date(monday, "EEEE d MMMM") == "lunes 7 diciembre"
    assert i18n.format_time(time(14, 5)) == "14:05"
    assert i18n.format_decimal(38.5) == "38,5"
    assert i18n.format_decimal(1234.56, 2) == "1234,56"  # Spanish groups from 10 000
    assert i18n.format_number(7.5) == "7,5"
    assert i18n.month_names()[0] == "enero"
    assert i18n.format_datetime(datetime(2026, 12, 7, 9, 30)).startswith("7 dic 2026")
    language("es_MX")
    assert i18n.format_decimal(38.5) == "38.5"  # Mexico writes a point


def test_the_pseudo_locale_accents_dates_too(language):
    language(i18n.PSEUDO)
    assert i18n.format_day_number(3).startswith("[Ðåý +3")
    words = i18n.format_date(date(2026, 12, 7))
    assert "Monday" not in words and "Ṁöñðåý" in words


def test_importing_the_language_module_does_not_import_babel():
    """Start-up is measured: Babel (about 60 ms) loads only when a date is first worded."""
    code = (
        "import sys; import companion.i18n as i; i.set_language('es'); i._('Day {number}');"
        "print('babel' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_the_main_entry_refuses_an_unknown_language_in_one_line(capsys):
    from companion.app import main

    assert main(["--lang", "xx", "today"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'xx'" in err and "en, es" in err


# The pseudo-locale ---------------------------------------------------------------------


def test_pseudo_text_is_accented_bracketed_and_about_40_percent_longer():
    text = "Your temperature rose after you contacted your team"
    pseudo = pseudo_text(text)
    assert pseudo.startswith("[Ýöûŗ ţéɱƥéŗåţûŗé") and pseudo.endswith("]")
    assert not any(c.isascii() and c.isalpha() for c in pseudo)
    assert 1.35 <= len(pseudo) / len(text) <= 1.45


@pytest.mark.parametrize(
    "message, kept",
    [
        ("Rose to {value} at {time}", ["{value}", "{time}"]),
        ("{count:.1f} °C and {{braces}}", ["{count:.1f}", "{{", "}}"]),
        ("%(name)s has %d items, 100%%", ["%(name)s", "%d", "%%"]),
        (
            "<b>Call</b> &amp; see https://www.nmdp.org/patients",
            ["<b>", "</b>", "&amp;", "https://www.nmdp.org/patients"],
        ),
    ],
)
def test_pseudo_text_keeps_placeholders_tags_and_addresses(message, kept):
    pseudo = pseudo_text(message)
    for part in kept:
        assert part in pseudo
    if "{value}" in message:
        assert pseudo.format(value=1, time=2).count("1") == 1


def test_pseudo_text_keeps_a_trailing_newline_and_empty_text():
    assert pseudo_text("") == ""
    assert pseudo_text("Two\nlines\n").endswith("]\n")


def test_the_pseudo_catalogue_covers_every_message_of_the_template():
    from babel.messages.pofile import read_po

    with catalogue.TEMPLATE.open("rb") as stream:
        template = read_po(stream)
    with (ROOT / "resources/locale/qps/LC_MESSAGES/companion.mo").open("rb") as stream:
        pseudo = gettext.GNUTranslations(stream)
    messages = [m for m in template if m.id]
    assert messages
    for message in messages:
        singular = message.id[0] if isinstance(message.id, tuple) else message.id
        # A message with a context (pgettext) is found only with its context.
        found = (
            pseudo.pgettext(message.context, singular)
            if message.context
            else pseudo.gettext(singular)
        )
        assert found == pseudo_text(singular)


# The catalogues --------------------------------------------------------------------------


def test_the_catalogues_are_up_to_date_with_the_code():
    """The .pot holds every message in companion/, each .po is merged with it, and each .mo
    is compiled from its .po: run `python tools/catalogue.py` when this fails."""
    assert catalogue.stale() == []


def test_spanish_translates_every_message():
    assert catalogue.untranslated("es") == []


def test_the_check_fails_on_a_stale_catalogue(tmp_path, monkeypatch):
    stale_dir = tmp_path / "locale"
    for path in catalogue.LOCALE_DIR.rglob("*"):
        if path.is_file():
            target = stale_dir / path.relative_to(catalogue.LOCALE_DIR)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    (stale_dir / "es/LC_MESSAGES/companion.mo").write_bytes(b"old")
    monkeypatch.setattr(catalogue, "LOCALE_DIR", stale_dir)
    monkeypatch.setattr(catalogue, "TEMPLATE", stale_dir / "companion.pot")
    assert catalogue.stale() == ["locale/es/LC_MESSAGES/companion.mo"]


def test_the_wheel_ships_the_compiled_catalogues():
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["resources"]
    assert "locale/*/LC_MESSAGES/*.mo" in patterns
    assert {"*/guides/*.md", "*/checklists/*.toml", "*/immunity/*.toml", "*/*.toml"} <= set(
        patterns
    )
    assert any("babel" in d for d in data["project"]["dependencies"])
