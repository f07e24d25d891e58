"""The window's language: chosen before any window or dialog is made, saved on this
computer (``preferences.language``), and given to Qt too — its own dialogs and buttons
(print, file, colour; Cancel, OK) through Qt's shipped ``qtbase_<lang>.qm``, and its
dates and numbers through ``QLocale.setDefault``.

Changing the language in Settings takes effect in a new window (the window is built again
in the new language, on the Settings page; the diary, its reminders and the tray stay as
they are). Retranslating every open page in place would need every page to rebuild its
words, and a page missed would show two languages at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from companion import i18n
from companion.i18n import N_, _
from companion.ui import preferences

_INSTALLED: list[QTranslator] = []

# Qt's file dialog (the non-native one) asks for words its Spanish catalogue lacks or
# spells wrong (qtbase_es.qm 6.x: "&Look in:" and "Files of &type:" untranslated, the Up
# button's description "r al directorio superior", and "Nombre de fichero" beside our
# "Tipo de archivo"): ours, from the app's catalogue.
QT_GAPS: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): N_("&Look in:"),
    ("QFileDialog", "Files of &type:"): N_("Files of &type:"),
    ("QFileDialog", "File &name:"): N_("File &name:"),
    ("QFileDialog", "Go to the parent directory"): N_("Go to the parent directory"),
}


class _QtGapsTranslator(QTranslator):
    """The QT_GAPS words in the app's language; every other word is left to Qt's own
    catalogue (None: not found here)."""

    def translate(self, context, source, disambiguation=None, n=-1):
        words = QT_GAPS.get((context, source))
        if words is None:
            return None
        translated = _(words)
        return translated if translated != words else None

    def isEmpty(self) -> bool:
        return False


def choices() -> list[tuple[str, str]]:
    """The languages offered, as (tag, name in its own words): English, Español."""
    return [
        (tag, i18n.NATIVE_NAMES.get(tag, tag))
        for tag in i18n.TRANSLATED
        if tag in i18n.available_languages()
    ]


def qt_translations_folders() -> list[str]:
    """Where Qt's own catalogues are: Qt's answer, then the PySide6 package's folder (the
    bundle keeps ``PySide6/Qt/translations/qtbase_es.qm``, packaging/transplant-companion.spec)."""
    import PySide6

    package = str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations")
    return [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), package]


def _install_qt_translator(language: str) -> bool:
    """Qt's own words (standard buttons, print and file dialogs) in ``language``."""
    app = QCoreApplication.instance()
    for translator in _INSTALLED:
        if app is not None:
            app.removeTranslator(translator)
    _INSTALLED.clear()
    if app is None or language in (i18n.SOURCE_LANGUAGE, i18n.PSEUDO):
        return False
    translator = QTranslator(app)
    if not any(translator.load(f"qtbase_{language}", f) for f in qt_translations_folders()):
        return False
    app.installTranslator(translator)
    _INSTALLED.append(translator)
    gaps = _QtGapsTranslator(app)  # installed last: asked first
    app.installTranslator(gaps)
    _INSTALLED.append(gaps)
    return True


def qt_locale(tag: str) -> QLocale:
    """The locale Qt words dates and numbers in (and reads typed dates with): the system's
    own when it is in the same language (an English system in Britain keeps day/month/year,
    which a bare "en" would turn into the United States' month/day/year), else the
    language's (with its territory, if the tag has one)."""
    system = QLocale.system()
    if i18n.base_language(tag) == i18n.PSEUDO:
        return system
    wanted = QLocale(tag)
    if wanted.language() == system.language() and "_" not in tag:
        # The system's language and territory, with their own conventions: under
        # LANGUAGE=es and LANG=C the system locale says Spanish but writes 38.0 with a
        # point, beside the app's own "38,0 °C" (a walk in Spanish found both on one page).
        return QLocale(system.name())
    return wanted


def apply(tag: str) -> str:
    """Use ``tag`` for the app's messages, Qt's own words and Qt's dates and numbers.
    Returns the tag in force."""
    tag = i18n.set_language(tag)
    language = i18n.base_language(tag)
    QLocale.setDefault(qt_locale(tag))
    _install_qt_translator(language)
    return tag


def start(requested: str | None = None) -> str:
    """At the window's start: ``--lang``, else the language saved on this computer, else
    the system's, else English."""
    return apply(i18n.choose_language(requested, preferences.language()))


def save(tag: str) -> None:
    preferences.set_language(i18n.normalize(tag) or i18n.SOURCE_LANGUAGE)
