"""The package's documents: man page, completions, licences and AppStream metainfo, made the
way packaging/build.py makes them."""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata as metadata
import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import companion
from companion import desktop

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
DAY = datetime.date(2026, 12, 7)


def load(name: str):
    """A module of packaging/ (a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"_packaging_{name}", PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


manual = load("manual")
notices = load("notices")


@pytest.fixture
def parser() -> argparse.ArgumentParser:
    return manual.installed_parser()


def with_new_command(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The parser with a command and a subcommand no one wrote into the page by hand."""
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    new = commands.add_parser("vaccines", help="the vaccination plan after the transplant")
    new.add_subparsers(dest="do").add_parser("schedule", help="print the schedule")
    return parser


# The man page ---------------------------------------------------------------------------------


def test_the_parser_is_named_as_the_installed_command(parser):
    assert parser.prog == "transplant-companion"
    for _path, sub in manual.walk(parser):
        assert sub.prog.startswith("transplant-companion")
    assert ("log", "temperature") in manual.command_paths(parser)


def test_the_man_page_names_every_command_and_subcommand(parser):
    page = manual.man_page(parser, companion.__version__, DAY)
    assert page.count(".TH ") == 1
    assert f'"Transplant Companion {companion.__version__}"' in page
    for path in manual.command_paths(parser):
        assert f'.SS "{manual.roff(" ".join(path))}"' in page, path
    for name, _help, _sub in manual.subparsers(parser):
        assert f"\\fB{manual.roff(name)}\\fR" in page


def test_a_command_added_to_the_parser_appears_in_the_page_and_completions(parser):
    parser = with_new_command(parser)
    page = manual.man_page(parser, companion.__version__, DAY)
    assert '.SS "vaccines schedule"' in page
    assert "the vaccination plan after the transplant" in page
    for shell in ("bash", "zsh"):
        script = manual.completion(parser, shell)
        assert "vaccines" in script and "schedule" in script


def test_roff_escapes_what_groff_would_read_as_markup():
    assert manual.roff("--at") == r"\-\-at"
    assert manual.roff(".hidden") == r"\&.hidden"
    assert manual.roff("a\\b") == r"a\eb"
    assert manual.roff("37.8 °C — 10⁹") == r"37.8 \(deC \(em 10\[u2079]"
    assert manual.roff("many    spaces\nand lines") == "many spaces and lines"


@pytest.mark.skipif(shutil.which("man") is None, reason="no man-db")
def test_man_reads_the_page_without_a_warning(parser, tmp_path):
    page = tmp_path / "transplant-companion.1"
    page.write_text(manual.man_page(parser, companion.__version__, DAY), encoding="utf-8")
    result = subprocess.run(
        ["man", "--warnings", "-E", "UTF-8", "-l", "-Tutf8", "-Z", str(page)],
        capture_output=True,
        text=True,
        env={"LC_ALL": "C.UTF-8", "MANWIDTH": "80", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    shown = subprocess.run(
        ["man", "-l", str(page)],
        capture_output=True,
        text=True,
        env={"LC_ALL": "C.UTF-8", "MANWIDTH": "100", "PATH": "/usr/bin:/bin"},
    ).stdout
    shown = " ".join(re.sub(".\b", "", shown).split())  # no overstriking, no justification
    assert "transplant-companion log temperature" in shown
    assert "--data-dir DIR" in shown


# Completion -----------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_completes_the_command_after_sourcing_the_script(parser, tmp_path):
    script = tmp_path / "transplant-companion"
    script.write_text(manual.completion(parser, "bash"), encoding="utf-8")
    result = subprocess.run(
        ["bash", "-c", f"source '{script}' && complete -p transplant-companion"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(" transplant-companion")
    # What bash offers after "transplant-companion lo": the command list, from the parser.
    offered = subprocess.run(
        [
            "bash",
            "-c",
            f"source '{script}'; COMP_WORDS=(transplant-companion lo); COMP_CWORD=1; "
            "COMP_LINE='transplant-companion lo'; COMP_POINT=${#COMP_LINE}; "
            '$(complete -p transplant-companion | sed "s/.*-F \\([^ ]*\\) .*/\\1/") '
            'transplant-companion lo transplant-companion; printf "%s\\n" "${COMPREPLY[@]}"',
        ],
        capture_output=True,
        text=True,
    )
    assert offered.stdout.split() == ["log"], offered.stderr


def test_both_completions_name_every_command(parser):
    for shell in ("bash", "zsh"):
        script = manual.completion(parser, shell)
        for path in manual.command_paths(parser):
            assert path[-1] in script, (shell, path)


@pytest.mark.skipif(shutil.which("zsh") is None, reason="no zsh")
def test_the_zsh_completion_is_valid_zsh(parser, tmp_path):
    script = tmp_path / "_transplant-companion"
    script.write_text(manual.completion(parser, "zsh"), encoding="utf-8")
    assert script.read_text(encoding="utf-8").startswith("#compdef transplant-companion")
    result = subprocess.run(["zsh", "-n", str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# Licences -------------------------------------------------------------------------------------


def runtime_distributions() -> set[str]:
    """Every distribution the app needs at run time, following requirements down."""
    environment = {"extra": ""}
    found: set[str] = set()
    queue = ["transplant-companion"]
    while queue:
        name = queue.pop()
        key = name.lower().replace("_", "-")
        if key in found:
            continue
        found.add(key)
        for line in metadata.requires(name) or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate(environment):
                queue.append(requirement.name)
    return found - {"transplant-companion"}


def fake_bundle(tmp_path: Path, internal_files: list[str] = ()) -> Path:
    bundle = tmp_path / "transplant-companion"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "transplant-companion").write_bytes(b"\x7fELF fake")
    for name in internal_files:
        path = bundle / "_internal" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")
    return bundle


def top_level_modules(dist_names: set[str]) -> set[str]:
    owners = metadata.packages_distributions()
    return {
        module
        for module, dists in owners.items()
        if any(d.lower().replace("_", "-") in dist_names for d in dists)
        and not module.startswith("_")
    }


def test_every_runtime_distribution_is_named_with_a_licence_and_copyright(tmp_path):
    needed = runtime_distributions()
    assert {"pyside6-essentials", "sqlite-utils", "openpyxl", "icalendar"} <= needed
    modules = top_level_modules(needed) | {"companion", "resources", "json", "pyimod01_archive"}
    found = notices.components(fake_bundle(tmp_path), modules=modules)
    named = {c.name.lower().replace("_", "-") for c in found}
    assert needed <= named, needed - named
    assert {"python", "pyinstaller"} <= named
    for component in found:
        assert component.licence and component.copyright and component.files, component.name
    text = notices.dep5_copyright(found, (ROOT / "LICENSE").read_text(), "usr/lib/x/")
    for component in found:
        assert f"Comment: {component.name} {component.version}," in text


def test_a_module_no_distribution_claims_stops_the_build(tmp_path):
    with pytest.raises(notices.UnplacedError, match="mystery_module"):
        notices.components(fake_bundle(tmp_path), modules={"companion", "mystery_module"})
    bundle = fake_bundle(tmp_path / "b", ["libz.so.1"])
    with pytest.raises(notices.UnplacedError, match=r"libz\.so\.1"):
        notices.components(bundle, modules={"companion"})


def test_the_copyright_file_is_dep5_and_points_to_common_licences(tmp_path):
    modules = top_level_modules(runtime_distributions()) | {"companion", "json"}
    bundle = fake_bundle(tmp_path, ["PySide6/Qt/lib/libicuuc.so.73"])
    found = notices.components(bundle, modules=modules)
    text = notices.dep5_copyright(found, (ROOT / "LICENSE").read_text(), "usr/lib/x/")
    paragraphs = text.strip().split("\n\n")
    assert paragraphs[0].startswith(f"Format: {notices.DEP5_FORMAT}")
    for paragraph in paragraphs[1:]:
        fields = [line.split(":")[0] for line in paragraph.splitlines() if line[:1] != " "]
        assert fields[:3] == ["Files", "Copyright", "License"], paragraph[:200]
        for line in paragraph.splitlines()[1:]:
            assert line[:1] == " " or re.match(r"^[A-Z][A-Za-z-]+: ", line), line
    assert "Files: *\nCopyright: 2026 Transplant Companion developers\nLicense: MIT" in text
    # The Qt libraries' licence: the common-licenses files, not a copy of the LGPL text.
    assert "/usr/share/common-licenses/LGPL-3" in text
    assert "GNU LESSER GENERAL PUBLIC LICENSE" not in text
    assert "TERMS AND CONDITIONS FOR USE, REPRODUCTION" not in text  # Apache's full text
    assert "Unicode-DFS-2016" in text  # ICU, inside Qt's wheel
    notes = notices.third_party_notices(found, companion.__version__)
    for component in found:
        assert f"{component.name} {component.version}\n" in notes


def test_the_repository_has_the_mit_licence_of_pyproject():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "Copyright (c) 2026 Transplant Companion developers" in text
    assert 'license = { text = "MIT" }' in (ROOT / "pyproject.toml").read_text()


# AppStream and the Debian changelog ----------------------------------------------------------


METAINFO = PACKAGING / f"{desktop.DESKTOP_ID}.metainfo.xml"


def test_the_metainfo_matches_the_desktop_entry_and_the_version():
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == desktop.DESKTOP_ID
    assert root.findtext("launchable") == f"{desktop.DESKTOP_ID}.desktop"
    assert root.findtext("icon") == desktop.ICON_NAME
    newest = root.find("releases/release")
    assert newest.get("version") == companion.__version__
    datetime.date.fromisoformat(newest.get("date"))
    assert root.find("content_rating").get("type") == "oars-1.1"
    for image in root.iter("image"):
        name = image.text.rsplit("/", 1)[1]
        assert (ROOT / "docs" / "screenshots" / name).is_file(), name
    categories = [c.text for c in root.iter("category")]
    entry = desktop.desktop_entry(["x"])
    assert f"Categories={';'.join(categories)};" in entry


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="no appstream")
def test_appstreamcli_finds_no_error_nor_warning():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--no-color", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
    assert not re.search(r"^[EW]: ", result.stdout, re.MULTILINE), result.stdout


def test_the_debian_changelog_is_for_this_version():
    text = (PACKAGING / "debian" / "changelog").read_text(encoding="utf-8")
    first = text.splitlines()[0]
    match = re.match(r"transplant-companion \((.+)-(\d+)\) unstable; urgency=\w+$", first)
    assert match and match.group(1) == companion.__version__


# RUNPATHs -------------------------------------------------------------------------------------


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("readelf") is None,
    reason="ELF files and binutils' readelf",
)
def test_build_machine_runpaths_become_the_bundles_own_folder(tmp_path):
    build = load("build")
    origins = [importlib.util.find_spec(name).origin for name in ("_json", "_csv", "math")]
    modules = [Path(origin) for origin in origins if origin and origin.endswith(".so")]
    if not modules:
        pytest.skip("this Python has those modules built in, not as ELF files")
    module = modules[0]
    internal = tmp_path / "bundle" / "_internal"
    dynload = internal / "python3.11" / "lib-dynload"
    dynload.mkdir(parents=True)
    copy = dynload / module.name
    shutil.copyfile(module, copy)
    library = internal / "libexample.so.1"
    shutil.copyfile(module, library)
    subprocess.run(
        [build.patchelf(), "--set-rpath", "/home/builder/lib:$ORIGIN/x", str(library)], check=True
    )
    subprocess.run([build.patchelf(), "--set-rpath", "/home/builder/lib", str(copy)], check=True)

    assert build.fix_runpaths(tmp_path / "bundle") == 2
    assert build.runpath(copy) == ["$ORIGIN/../.."]
    assert build.runpath(library) == ["$ORIGIN/x", "$ORIGIN"]
    assert build.fix_runpaths(tmp_path / "bundle") == 0
