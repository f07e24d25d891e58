"""Who wrote what the bundle holds, and under which licence: made from the bundle itself.

packaging/build.py calls ``components(bundle)`` after PyInstaller: it lists every module in
the executable's archive and every file in the folder, finds the Python distribution each
came from (``importlib.metadata``), and refuses to go on when something cannot be placed,
so a new dependency can never ship unnamed. From that list it writes the Debian package's
machine-readable ``copyright`` (DEP-5) and ``THIRD-PARTY-NOTICES`` with every licence text.
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
import sys
import sysconfig
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LICENCES = Path(__file__).resolve().parent / "licences"
COMMON_LICENCES = Path("/usr/share/common-licenses")
DEP5_FORMAT = "https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
APP_COPYRIGHT = "Transplant Companion developers"

# Debian's names for licences whose full text every Debian system has, and their files.
COMMON = {
    "Apache-2.0": "Apache-2.0",
    "GPL-2": "GPL-2",
    "GPL-2+": "GPL-2",
    "GPL-3": "GPL-3",
    "GPL-3+": "GPL-3",
    "LGPL-2.1": "LGPL-2.1",
    "LGPL-3": "LGPL-3",
    "MPL-2.0": "MPL-2.0",
}
# Licence fields in metadata that are not SPDX expressions, as DEP-5 short names.
ALIASES = {
    "Apache License, Version 2.0": "Apache-2.0",
    "Apache Software License": "Apache-2.0",
    "MIT License": "MIT",
    "Public Domain": "public-domain",
}
# What metadata cannot say. PySide6's wheels carry no licence file and name no copyright
# holder; PyInstaller's licence field is a sentence.
KNOWN = {
    "pyside6-essentials": {"copyright": "The Qt Company Ltd. and other contributors"},
    "shiboken6": {"copyright": "The Qt Company Ltd. and other contributors"},
    "pyinstaller": {"licence": "GPL-2+ with Bootloader exception"},
}
# Modules PyInstaller's bootloader adds to every executable (its own loader and hooks).
PYINSTALLER_MODULE = re.compile(r"^(pyimod\d+_\w+|pyiboot\d+_\w+|pyi_rth_\w+|_pyi_rth_utils)$")
# The app itself: its package, its content and the spec's entry point.
APP_MODULES = {"companion", "resources", "main"}


@dataclass
class Component:
    """One piece of the bundle with one licence."""

    name: str
    version: str
    licence: str  # a DEP-5 short name or expression, e.g. "MIT", "LGPL-3 or GPL-3"
    copyright: list[str]
    files: set[str] = field(default_factory=set)  # paths in the bundle folder (globs)
    texts: dict[str, str] = field(default_factory=dict)  # licence file name -> its text
    homepage: str = ""
    origin: str = ""  # where it came from, in words


class UnplacedError(SystemExit):
    """Something in the bundle that no distribution claims."""


def dep5_licence(expression: str) -> str:
    """An SPDX expression (or a known licence sentence) as DEP-5 short names."""
    expression = ALIASES.get(expression.strip(), expression.strip())
    expression = re.sub(r"\b(L?GPL-\d)\.0-only\b", r"\1", expression)
    expression = re.sub(r"\b(L?GPL-\d)\.0-or-later\b", r"\1+", expression)
    expression = re.sub(r"\b(LGPL-2\.1)-only\b", r"\1", expression)
    return expression.replace(" OR ", " or ").replace(" AND ", " and ")


def _licence_of(dist: metadata.Distribution) -> str:
    key = dist.metadata["Name"].lower()
    if "licence" in KNOWN.get(key, {}):
        return KNOWN[key]["licence"]
    for value in (dist.metadata.get("License-Expression"), dist.metadata.get("License")):
        if value and "\n" not in value.strip() and len(value) < 80:
            return dep5_licence(value)
    for classifier in dist.metadata.get_all("Classifier") or []:
        name = classifier.rsplit(" :: ", 1)[1]
        if classifier.startswith("License :: ") and name in ALIASES:
            return ALIASES[name]
    raise UnplacedError(f"{dist.metadata['Name']} names no licence in its metadata")


def _licence_texts(dist: metadata.Distribution) -> dict[str, str]:
    texts = {}
    for path in dist.files or []:
        stem = path.name.upper()
        if stem.startswith(("LICEN", "COPYING", "NOTICE")) and ".dist-info" in str(path):
            texts[path.name if path.name not in texts else str(path)] = Path(
                path.locate()
            ).read_text(encoding="utf-8", errors="replace")
    return texts


def _copyright_lines(texts: Iterable[str]) -> list[str]:
    found = []
    for text in texts:
        for line in text.splitlines():
            match = re.match(r"\s*(?:copyright\s*(?:\(c\)|©)?|\(c\)|©)\s*(\d.*)$", line, re.I)
            if match and match.group(1).strip() not in found:
                found.append(match.group(1).strip())
    return found


def _homepage(dist: metadata.Distribution) -> str:
    if dist.metadata.get("Home-page"):
        return dist.metadata["Home-page"]
    for entry in dist.metadata.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository", "source code"):
            return url.strip()
    return ""


def python_component(files: set[str]) -> Component:
    """The Python the bundle carries: its library and standard library."""
    licence_file = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    texts = (
        {"LICENSE.txt": licence_file.read_text(encoding="utf-8")} if licence_file.is_file() else {}
    )
    return Component(
        name="Python",
        version=".".join(map(str, sys.version_info[:3])),
        licence="PSF-2.0",
        copyright=[
            "2001-2023 Python Software Foundation",
            "2000 BeOpen.com",
            "1995-2001 Corporation for National Research Initiatives",
            "1991-1995 Stichting Mathematisch Centrum",
        ],
        files=files,
        texts=texts,
        homepage="https://www.python.org/",
        origin=f"the build machine's Python ({sys.base_prefix})",
    )


def icu_component(files: set[str]) -> Component:
    """ICU, which Qt's wheels carry beside Qt's own libraries (no licence file with it)."""
    versions = {re.sub(r".*\.so\.", "", name) for name in files}
    return Component(
        name="ICU",
        version=", ".join(sorted(versions)),
        licence="Unicode-DFS-2016 and ICU",
        copyright=["1991-2023 Unicode, Inc. and others"],
        files=files,
        texts={"ICU LICENSE": (LICENCES / "ICU.txt").read_text(encoding="utf-8")},
        homepage="https://icu.unicode.org/",
        origin="the PySide6-Essentials wheel (PySide6/Qt/lib)",
    )


def distribution_component(dist: metadata.Distribution) -> Component:
    name = dist.metadata["Name"]
    texts = _licence_texts(dist)
    author = dist.metadata.get("Author") or dist.metadata.get("Author-email") or ""
    holders = KNOWN.get(name.lower(), {}).get("copyright")
    lines = [holders] if holders else _copyright_lines(texts.values())
    if not lines:
        lines = [author.strip() or f"the {name} authors"]
    return Component(
        name=name,
        version=dist.version,
        licence=_licence_of(dist),
        copyright=lines,
        texts=texts,
        homepage=_homepage(dist),
        origin=f"the Python distribution {name} {dist.version}",
    )


def _module_pattern(module: str, dist_name: str) -> str:
    """``openpyxl/*`` for a package, ``six.py`` for a single module."""
    files = metadata.files(dist_name) or []
    package = any(path.parts[0] == module and len(path.parts) > 1 for path in files)
    return f"{module}/*" if package else f"{module}.py"


def archive_modules(executable: Path) -> set[str]:
    """Top-level module names in the executable's archive (PyInstaller's PYZ)."""
    from PyInstaller.archive.readers import CArchiveReader

    reader = CArchiveReader(str(executable))
    names = {name.split(".")[0] for name in reader.toc if not name.endswith(".pyz")}
    for name in reader.toc:
        if name.endswith(".pyz"):
            names |= {module.split(".")[0] for module in reader.open_embedded_archive(name).toc}
    return names


def is_elf(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


def components(bundle: Path, modules: set[str] | None = None) -> list[Component]:
    """Every component of the PyInstaller folder ``bundle``, the app first.

    ``modules``: the top-level module names in the executable's archive (read from the
    executable when None). Raises UnplacedError for a module or file no distribution claims.
    """
    executable = next(p for p in bundle.iterdir() if p.is_file() and is_elf(p))
    internal = bundle / "_internal"
    if modules is None:
        modules = archive_modules(executable)
    base_library = internal / "base_library.zip"
    stdlib_zip = set()
    if base_library.is_file():
        with zipfile.ZipFile(base_library) as archive:
            stdlib_zip = {name.split("/")[0].removesuffix(".pyc") for name in archive.namelist()}
    owners = metadata.packages_distributions()
    stdlib = set(sys.stdlib_module_names)
    by_dist: dict[str, Component] = {}
    python_files: set[str] = set()
    icu_files: set[str] = set()
    app_files: set[str] = set()
    pyinstaller_files = {executable.name}
    unplaced = []

    def dist_component(dist_name: str) -> Component:
        key = dist_name.lower().replace("_", "-")
        if key not in by_dist:
            by_dist[key] = distribution_component(metadata.distribution(dist_name))
        return by_dist[key]

    for module in sorted(modules | stdlib_zip):
        if module in APP_MODULES:
            app_files.add(f"{module}/*" if module != "main" else "main.py")
        elif PYINSTALLER_MODULE.match(module):
            pyinstaller_files.add(executable.name)
            dist_component("pyinstaller")
        elif module in stdlib or module.startswith("_sysconfigdata"):
            python_files.add(
                "_internal/base_library.zip" if module in stdlib_zip else executable.name
            )
        elif module in owners:
            for dist_name in owners[module]:
                component = dist_component(dist_name)
                component.files.add(_module_pattern(module, dist_name))
        else:
            unplaced.append(f"the module {module}")

    dist_component("pyinstaller").files |= pyinstaller_files
    for path in sorted(internal.rglob("*")):
        if path.is_dir() or path.is_symlink():
            continue
        relative = path.relative_to(internal)
        top = relative.parts[0]
        shown = f"_internal/{relative.as_posix()}"
        if top == "base_library.zip" or top.startswith("python3") or top.startswith("libpython"):
            python_files.add(shown if not top.startswith("python3") else f"_internal/{top}/*")
        elif path.name.startswith("libicu"):
            icu_files.add(shown)
        elif top in APP_MODULES:
            app_files.add(f"_internal/{top}/*")
        elif top.endswith(".dist-info"):
            name = top.removesuffix(".dist-info").rsplit("-", 1)[0]
            dist_component(name).files.add(f"_internal/{top}/*")
        elif top in owners:
            for dist_name in owners[top]:
                dist_component(dist_name).files.add(f"_internal/{top}/*")
        else:
            unplaced.append(f"the file {shown}")
    if unplaced:
        raise UnplacedError(
            "The bundle holds things no Python distribution claims, so their licences "
            f"cannot be named: {', '.join(unplaced)}. Keep them out of the bundle (a system "
            "library: SYSTEM_LIBRARIES in the spec), or teach packaging/notices.py where "
            "they come from."
        )
    found = [python_component(python_files)]
    if icu_files:
        found.append(icu_component(icu_files))
    found += sorted(by_dist.values(), key=lambda c: c.name.lower())
    return found


# The files ------------------------------------------------------------------------------------


def _field_text(text: str) -> str:
    """A DEP-5 multi-line field's continuation lines: each indented, blank ones as ' .'."""
    lines = [line.rstrip().expandtabs() for line in text.strip("\n").splitlines()]
    return "\n".join(f" {line}" if line.strip() else " ." for line in lines)


def _licence_field(component: Component) -> str:
    names = [part for part in re.split(r" or | and ", component.licence)]
    common = [COMMON[name] for name in names if name in COMMON]
    if len(common) == len(names):
        pointer = "\n".join(_pointer(name) for name in dict.fromkeys(names))
        return f"License: {component.licence}\n{_field_text(pointer)}"
    texts = [_without_gpl_text(text) for text in component.texts.values()]
    pointer = "\n".join(_pointer(name) for name in dict.fromkeys(names) if name in COMMON)
    body = "\n\n".join([*texts, pointer]).strip() or "(no licence text came with it)"
    return f"License: {component.licence}\n{_field_text(body)}"


def _pointer(name: str) -> str:
    return f"On Debian systems the full text of {name} is in {COMMON_LICENCES / COMMON[name]}."


def _without_gpl_text(text: str) -> str:
    """A licence file without a copy of the GNU GPL appended to it (PyInstaller's COPYING
    has its exception, then the whole GPL: Debian points to common-licenses instead)."""
    match = re.search(r"^\W*GNU GENERAL PUBLIC LICENSE\s*$", text, re.MULTILINE)
    if not match:
        return text
    head = text[: match.start()].rstrip()
    return re.sub(r"\n=+\s*\n[^\n]*\n=+\s*$", "", head).rstrip()


def dep5_copyright(found: list[Component], app_licence: str, prefix: str = "") -> str:
    """The Debian ``copyright`` file (DEP-5) for the package.

    Args:
        found: the bundle's components, from ``components``.
        app_licence: the app's own LICENSE text (MIT).
        prefix: where the bundle folder is installed, e.g. ``usr/lib/transplant-companion/``.
    """
    paragraphs = [
        f"Format: {DEP5_FORMAT}\n"
        "Upstream-Name: Transplant Companion\n"
        "Comment: Made at build time by packaging/notices.py from what the bundle holds and\n"
        " each Python distribution's metadata. Python modules inside the executable's\n"
        " archive are named as their package folders (e.g. openpyxl/*). The libraries\n"
        " the bundle does not carry come from Debian packages, with their own copyright files.",
        f"Files: *\nCopyright: 2026 {APP_COPYRIGHT}\n"
        + _licence_field(
            Component("Transplant Companion", "", "MIT", [], texts={"LICENSE": app_licence})
        ),
    ]
    for component in found:
        files = " ".join(f"{prefix}{pattern}" for pattern in sorted(component.files))
        copyright_field = _field_text("\n".join(component.copyright)).lstrip()
        paragraphs.append(
            f"Files: {files}\n"
            f"Copyright: {copyright_field}\n"
            f"{_licence_field(component)}\n"
            f"Comment: {component.name} {component.version}, from {component.origin}."
            + (f"\n {component.homepage}" if component.homepage else "")
        )
    return "\n\n".join(paragraphs) + "\n"


def _common_text(name: str) -> str:
    path = COMMON_LICENCES / name
    if path.is_file():
        return path.read_text(encoding="utf-8")
    return f"See https://spdx.org/licenses/{name.replace('-2', '-2.0')}.html"


def third_party_notices(found: list[Component], version: str) -> str:
    """THIRD-PARTY-NOTICES: each component, its licence and the licence's full text."""
    rule = "=" * 78
    parts = [
        f"Transplant Companion {version}: third-party notices\n\n"
        "This standalone build carries the software below, unchanged, besides the app\n"
        "itself (MIT licence, see LICENSE). This file was made when the build was made, from\n"
        "what the build holds. Libraries the build does not carry come from your system.\n\n"
        "Qt and PySide6 are under the GNU Lesser General Public License version 3: you may\n"
        "replace their libraries (the _internal/PySide6 folder) with your own build of the\n"
        "same version. Their source: https://download.qt.io/official_releases/QtForPython/\n"
        "and https://download.qt.io/official_releases/qt/ . Qt itself contains third-party\n"
        "code (for example PCRE2, zlib, HarfBuzz, libpng, md4c); Qt lists it, with its\n"
        "licences, at https://doc.qt.io/qt-6/licenses-used-in-qt.html .\n\n"
        "Contents:\n" + "\n".join(f"  {c.name} {c.version} ({c.licence})" for c in found)
    ]
    appendix: dict[str, str] = {}  # the common licences' texts, each once
    for component in found:
        head = [rule, f"{component.name} {component.version}", rule]
        head.append(f"Licence: {component.licence}")
        if component.copyright:
            head.append("Copyright: " + "; ".join(component.copyright))
        if component.homepage:
            head.append(f"Home page: {component.homepage}")
        head.append(f"From: {component.origin}")
        head.append("In this build: " + ", ".join(sorted(component.files)))
        texts = dict(component.texts)
        for name in re.split(r" or | and ", component.licence):
            name = name.split(" with ")[0]
            if name in COMMON and not texts:
                appendix.setdefault(COMMON[name], _common_text(COMMON[name]))
                head += ["", f"The text of {name}: at the end of this file."]
        for name, text in texts.items():
            head += ["", f"--- {name} ---", "", text.strip()]
        parts.append("\n".join(head))
    for name, text in appendix.items():
        parts.append("\n".join([rule, f"The licence {name}", rule, "", text.strip()]))
    return "\n\n".join(parts) + "\n"
