"""Keep the message catalogues in step with the code: extract, update, pseudo, compile, check.

Run from the repository root with the project's venv (Babel is a dependency):

``python tools/catalogue.py``          all of it: extract the messages from companion/ into
                                       resources/locale/companion.pot, merge them into each
                                       language's .po, make the pseudo-locale's .po, and
                                       compile every .po to its .mo;
``python tools/catalogue.py extract``  only the .pot;
``python tools/catalogue.py update``   only merge the .pot into each language's .po;
``python tools/catalogue.py pseudo``   only the pseudo-locale (resources/locale/qps);
``python tools/catalogue.py compile``  only the .mo files;
``python tools/catalogue.py check``    exit 1, naming the file, when the .pot, a .po or a
                                       .mo is not what the steps above would make (CI and
                                       tests/test_i18n.py run it).
``python tools/catalogue.py stamp es``  record, in resources/es/.source-hashes.toml, that
                                       every Spanish content entry (guides, checklists,
                                       glossary, red flags, symptoms, guide words) was
                                       reviewed against the English as it is now; with
                                       file names after the language (``stamp es
                                       guides/recovery.md``) only those files;
``python tools/catalogue.py stale es``  list the Spanish content entries whose English
                                       changed since they were stamped (exit 1 if any);
                                       tests/content/test_translations.py runs the same.

The same steps by hand with pybabel (babel.cfg says which files are read)::

    pybabel extract -F babel.cfg -c Translators: --no-location --sort-output \\
        -o resources/locale/companion.pot .
    pybabel init -i resources/locale/companion.pot -d resources/locale -D companion -l fr
    pybabel update -i resources/locale/companion.pot -d resources/locale -D companion
    pybabel compile -d resources/locale -D companion

Extraction drops source line numbers (``--no-location``) so a catalogue only changes when
a message does, and the .pot's creation date is kept when nothing else changed.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.extract import extract_from_dir  # noqa: E402
from babel.messages.mofile import write_mo  # noqa: E402
from babel.messages.pofile import read_po, write_po  # noqa: E402

from companion.content import source_hashes  # noqa: E402
from companion.i18n import DOMAIN, PSEUDO  # noqa: E402
from companion.pseudo import pseudo_text  # noqa: E402

LOCALE_DIR = ROOT / "resources" / "locale"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
METHOD_MAP = [("companion/**.py", "python")]
PROJECT = "transplant-companion"
COMMENT_TAGS = ["Translators:"]


def _po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _mo_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


def languages() -> list[str]:
    """The translated languages (each with a .po), the pseudo-locale excluded."""
    return sorted(
        path.name
        for path in LOCALE_DIR.iterdir()
        if path.is_dir() and path.name != PSEUDO and _po_path(path.name).is_file()
    )


def _po_bytes(catalog: Catalog, **options: bool) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, **options)
    return out.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=locale, domain=DOMAIN)


def extracted() -> Catalog:
    """Every message in companion/, as a template."""
    catalog = Catalog(project=PROJECT, domain=DOMAIN, fuzzy=False)
    if TEMPLATE.is_file():  # keep the old creation date: the file changes only with messages
        catalog.creation_date = _read(TEMPLATE).creation_date
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), METHOD_MAP, comment_tags=COMMENT_TAGS, strip_comment_tags=True
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def template_bytes() -> bytes:
    return _po_bytes(extracted(), omit_header=False, no_location=True, sort_output=True)


def updated(language: str) -> bytes:
    """The language's .po merged with the current template."""
    catalog = _read(_po_path(language), locale=language)
    template = read_po(io.BytesIO(template_bytes()), domain=DOMAIN)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    _fill_from_parts(catalog, language)
    catalog.revision_date = _read(_po_path(language), locale=language).revision_date
    return _po_bytes(catalog, no_location=True, sort_output=True, ignore_obsolete=True)


def _parts(language: str) -> list[Path]:
    """Partial catalogues (``resources/locale/<lang>/parts/*.po``): translations written in
    parallel branches, folded into the language's .po by ``update`` (then deleted)."""
    folder = LOCALE_DIR / language / "parts"
    return sorted(folder.glob("*.po")) if folder.is_dir() else []


def _fill_from_parts(catalog: Catalog, language: str) -> None:
    for part in _parts(language):
        for message in _read(part, locale=language):
            if not message.id or not message.string:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if isinstance(message.string, tuple):
                strings = tuple(string for string in strings if string)  # forms left empty
            if not strings or not all(strings):
                continue
            found = catalog.get(message.id, context=message.context)
            if found is not None:
                if isinstance(found.id, tuple | list) and len(strings) < catalog.num_plurals:
                    # A part written with two forms (one, other): Spanish's third form
                    # (``many``, for whole millions) takes the plural.
                    strings = (strings[0], *[strings[-1]] * (catalog.num_plurals - 1))
                    found.string = strings
                    found.flags.discard("fuzzy")
                    continue
                found.string = message.string
                found.flags.discard("fuzzy")


def pseudo_bytes() -> bytes:
    """The pseudo-locale's .po: every message of the template, accented and padded."""
    template = read_po(io.BytesIO(template_bytes()), domain=DOMAIN)
    catalog = Catalog(
        project=PROJECT,
        domain=DOMAIN,
        fuzzy=False,
        creation_date=template.creation_date,
        revision_date=template.creation_date,
        language_team="Pseudo-locale (generated by tools/catalogue.py) <none>",
    )
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            string = tuple(pseudo_text(form) for form in message.id)
        else:
            string = pseudo_text(message.id)
        catalog.add(message.id, string, context=message.context)
    return _po_bytes(catalog, no_location=True, sort_output=True)


def compiled(language: str) -> bytes:
    return _mo_bytes(_read(_po_path(language), locale=None if language == PSEUDO else language))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)}")


def extract() -> None:
    _write(TEMPLATE, template_bytes())


def update() -> None:
    for language in languages():
        _write(_po_path(language), updated(language))


def pseudo() -> None:
    _write(_po_path(PSEUDO), pseudo_bytes())


def compile_all() -> None:
    for language in [*languages(), PSEUDO]:
        _write(_mo_path(language), compiled(language))


def stale() -> list[str]:
    """The catalogue files that are not what the steps would make (empty: all up to date)."""
    wanted: dict[Path, bytes] = {TEMPLATE: template_bytes(), _po_path(PSEUDO): pseudo_bytes()}
    for language in languages():
        wanted[_po_path(language)] = updated(language)
    for language in [*languages(), PSEUDO]:
        wanted[_mo_path(language)] = compiled(language)
    return [
        str(path.relative_to(LOCALE_DIR.parent))
        for path, data in wanted.items()
        if not path.is_file() or path.read_bytes() != data
    ]


def untranslated(language: str) -> list[str]:
    """Messages of a language's .po with no translation, or marked fuzzy."""
    catalog = _read(_po_path(language), locale=language)
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(str(message.id))
    return missing


def _hashes_path(language: str) -> Path:
    return ROOT / "resources" / language / source_hashes.HASHES_FILE


def stamp(language: str, files: list[str]) -> int:
    """Write resources/<language>/.source-hashes.toml: the named files (all: none named)
    stamped as reviewed against the English as it is now, the others kept as they were."""
    if not (ROOT / "resources" / language).is_dir():
        print(f"no content in resources/{language}/: give a translated language, such as es")
        return 2
    current = source_hashes.english_fingerprints(language)
    unknown = [name for name in files if name not in current]
    if unknown:
        print(f"not a translated file of {language}: {unknown[0]} (one of: {', '.join(current)})")
        return 2
    keep = None
    if files:
        stored = source_hashes.stored_fingerprints(language)
        keep = {name: stored.get(name, {}) for name in current if name not in files}
    path = _hashes_path(language)
    data = source_hashes.fingerprints_toml(language, keep).encode("utf-8")
    _write(path, data)
    return 0


def report_stale(language: str) -> int:
    found = source_hashes.stale(language)
    for line in found:
        print(f"review resources/{language}/{line}")
    if found:
        print(f"then run: python tools/catalogue.py stamp {language}")
    return 1 if found else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "step",
        nargs="?",
        default="all",
        choices=["all", "extract", "update", "pseudo", "compile", "check", "stamp", "stale"],
    )
    parser.add_argument("language", nargs="?", help="stamp, stale: the language, such as es")
    parser.add_argument("files", nargs="*", help="stamp: only these files (guides/recovery.md)")
    args = parser.parse_args(argv)
    if args.step in ("stamp", "stale"):
        if not args.language:
            print(f"say which language: python tools/catalogue.py {args.step} es")
            return 2
        if args.step == "stale":
            return report_stale(args.language)
        return stamp(args.language, args.files)
    if args.language:
        print(f"only stamp and stale take a language, not {args.step}")
        return 2
    if args.step == "check":
        files = stale()
        for name in files:
            print(f"out of date: resources/{name} (run python tools/catalogue.py)")
        return 1 if files else 0
    if args.step in ("all", "extract"):
        extract()
    if args.step in ("all", "update"):
        update()
    if args.step in ("all", "pseudo"):
        pseudo()
    if args.step in ("all", "compile"):
        compile_all()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
