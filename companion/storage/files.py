"""Files the app writes for the user (backups, exports, PDFs): checked first, then written
beside their place and moved in only when complete, readable only by this user — and
never onto the diary, its write-ahead log, its lock, its backups or its replaced copies."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from companion.i18n import N_, _
from companion.storage.errors import StorageError
from companion.storage.paths import DB_FILENAME
from companion.storage.raw_read import read_at

# The data folder's own files and folders: nothing the user asks for may be written there.
LOCK_FILENAME = "companion.lock"
BACKUP_DIR = "backups"
REPLACED_DIR = "replaced"
RESTORE_MARKER = "restore-in-progress.json"
BACKUP_STATUS = "backup-status.json"
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
# Temporary files being written in the user's folders (an export, a report), one path a
# line: a crash there (a report killed half-way) leaves one behind, and the next start
# removes it (``remove_pending_outputs``).
PENDING_OUTPUTS = "pending-outputs.txt"
_OWN_NAMES = {
    PENDING_OUTPUTS,
    DB_FILENAME,
    *(DB_FILENAME + suffix for suffix in SIDE_SUFFIXES),
    LOCK_FILENAME,
    RESTORE_MARKER,
    BACKUP_STATUS,
    "use-folder.txt",
    "content-checked.json",  # storage.checked: what the app last knew of the diary
}
_OWN_FOLDERS = (BACKUP_DIR, REPLACED_DIR)
# Temporary files of a write in progress: ".writing-<pid>-<random><suffix>".
TEMP_PREFIX = ".writing-"
_TEMP = re.compile(r"^\.(?:writing|restoring)-(?:(\d+)-)?")
SQLITE_HEADER = b"SQLite format 3\x00"
# What an output path is when it is not an ordinary file (marked; said in the language).
FOLDER = N_("a folder")

# Data folders opened in this process (the diary, the command line's --data-dir, the
# default folder): their files are refused as outputs even through a hard link.
_data_folders: set[Path] = set()
_opened: list[Path] = []  # the same, in the order opened (the newest is the diary in use)


class OutputError(StorageError):
    """The file cannot be written where asked; ``str()`` says why and what to do.

    ``typed``: what was typed cannot be used (one of the diary's own files), rather than
    the computer refusing (the command line exits 2 then, not 1).
    """

    def __init__(self, message: str, typed: bool = False) -> None:
        super().__init__(message)
        self.typed = typed


def protect_data_folder(folder: Path) -> None:
    """Refuse every output onto ``folder``'s diary files from now on, in this process."""
    with contextlib.suppress(OSError):
        resolved = Path(folder).expanduser().resolve()
        _data_folders.add(resolved)
        if resolved in _opened:
            _opened.remove(resolved)
        _opened.append(resolved)


def _is_data_folder(folder: Path) -> bool:
    return folder in _data_folders or any(
        (folder / name).exists() for name in (DB_FILENAME, LOCK_FILENAME)
    )


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


def _protected_files(folder: Path) -> Iterator[Path]:
    for name in _OWN_NAMES:
        yield folder / name
    for sub in _OWN_FOLDERS:
        with contextlib.suppress(OSError):
            yield from (p for p in (folder / sub).rglob("*") if p.is_file())


def _is_sqlite(path: Path) -> bool:
    if _not_a_file(path) is not None:
        return False  # never open a FIFO or a device to read it
    try:
        return read_at(path, 16) == SQLITE_HEADER  # it may be the diary: see raw_read
    except OSError:
        return False


def _diary_file_reason(path: Path, database_copy: bool, shown: Path | None = None) -> str | None:
    """Why writing at ``path`` would replace a diary file, as a clause naming ``shown`` (the
    path as the user typed it; ``path`` by default), or None."""
    shown = path if shown is None else shown
    target = path.resolve()
    folder = target.parent
    # The data folder's own names, and anything in its backups/ and replaced/ folders.
    if _is_data_folder(folder) and target.name in _OWN_NAMES:
        return _("{path} is one of your diary's own files").format(path=shown)
    for parent in target.parents:
        if parent.name in _OWN_FOLDERS and _is_data_folder(parent.parent):
            return _("{path} is in your diary's '{folder}' folder").format(
                path=shown, folder=parent.name
            )
    identity = _identity(target)
    if identity is None:
        return None
    # The same file under another name: a hard link (same device and inode).
    for data_folder in {*_data_folders, folder}:
        for own in _protected_files(data_folder):
            if _identity(own) == identity:
                return _("{path} is your diary (or one of its copies) under another name").format(
                    path=shown
                )
    if _is_sqlite(target):
        if not database_copy:
            return _("{path} is a database, perhaps a diary or one of its backups").format(
                path=shown
            )
        side = any(Path(f"{target}{s}").exists() for s in SIDE_SUFFIXES)
        if side or (folder / LOCK_FILENAME).exists() or target.stat().st_nlink > 1:
            return _("{path} is a diary in use").format(path=shown)
    return None


def check_output(path: Path, example: str, *, database_copy: bool = False) -> Path:
    """Refuse a folder, a missing folder or one that cannot be written, and any of the
    diary's own files (the diary, its -wal/-shm, its lock, its backups and replaced copies,
    through a symbolic or hard link too), before any work.

    Args:
        example: a file name to suggest, like "diary.csv".
        database_copy: the output is a copy of the diary (a backup): it may replace an
            older copy of the user's own, but never a diary in use.
    """
    if "\0" in str(path):  # no file system takes one (os.stat raised ValueError)
        raise OutputError(
            _(
                "A file name cannot hold a null character. Nothing was written. Please give a "
                "file name, like {example}."
            ).format(example=example),
            typed=True,
        )
    typed = Path(path).expanduser()
    # A symbolic link is followed, deliberately: the file it points to is checked, and it is
    # that file which is written (the link stays a link), as a shell's ">" would do.
    path = output_target(typed)
    folder = path.parent.resolve() if str(path.parent) else Path.cwd()
    kind = _not_a_file(path)
    if kind == FOLDER:
        raise OutputError(
            _("{path} is a folder. Please give a file name, like {example}.").format(
                path=typed, example=example
            )
        )
    if kind is not None:
        raise OutputError(
            _(
                "{path} is {kind}, not a file: the app writes only plain files. Nothing was "
                "written. Please give a file name, like {example}."
            ).format(path=typed, kind=_(kind), example=example),
            typed=True,
        )
    if folder.exists() and not folder.is_dir():
        raise OutputError(
            _("{folder} is a file, not a folder. Please choose a folder.").format(folder=folder)
        )
    if not folder.is_dir():
        raise OutputError(
            _("The folder {folder} does not exist. Please create it first.").format(folder=folder)
        )
    reason = _diary_file_reason(path, database_copy)
    if reason is not None:
        raise OutputError(
            _(
                "{reason}: writing there would replace it. Nothing was written. Please choose "
                "another file, like {example} in your Documents folder."
            ).format(reason=reason, example=example),
            typed=True,
        )
    if not os.access(folder, os.W_OK):
        raise OutputError(_("Cannot write in {folder}: permission denied.").format(folder=folder))
    return typed


def output_target(path: Path) -> Path:
    """The file an output named ``path`` really writes: a symbolic link's target (followed
    through every link, even one pointing to a file not there yet), else ``path``."""
    path = Path(path).expanduser()
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _not_a_file(path: Path) -> str | None:
    """What ``path`` is when it exists and is not an ordinary file, in words, or None. Only
    ``stat`` is used: opening a FIFO to look at it would wait for a writer for ever."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return FOLDER
    if stat.S_ISFIFO(mode):
        return N_("a named pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return N_("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return N_("a device")
    return N_("not a plain file")


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (POSIX; elsewhere a no-op)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def new_temp(folder: Path, suffix: str, prefix: str = TEMP_PREFIX) -> Path:
    """An empty private file in ``folder`` named ``<prefix><pid>-<random><suffix>``."""
    fd, name = tempfile.mkstemp(prefix=f"{prefix}{os.getpid()}-", suffix=suffix, dir=folder)
    os.close(fd)
    return Path(name)


@contextlib.contextmanager
def replaced_atomically(destination: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``destination`` to write; when the block ends without
    an error it is flushed to disk and becomes ``destination`` (mode 0600 on POSIX). On an
    error it is removed, so a failure leaves no file behind and never a half-written one.

    For the app's own files (backups, the diary itself); outputs the user names go through
    ``written_atomically``, which refuses the diary's files first.
    """
    destination = Path(destination)
    temp = new_temp(destination.parent, destination.suffix)
    try:
        yield temp
        if os.name == "posix":
            temp.chmod(0o600)
        fsync_file(temp)
        os.replace(temp, destination)
        fsync_folder(destination.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise


def _journal() -> Path | None:
    """The pending-outputs list of the diary open in this process (None: no diary)."""
    for folder in reversed(_opened):
        if (folder / DB_FILENAME).exists():
            return folder / PENDING_OUTPUTS
    return None


def _journal_lines(journal: Path) -> list[str]:
    try:
        return [line for line in journal.read_text(encoding="utf-8").splitlines() if line]
    except (OSError, UnicodeDecodeError):
        return []


def _journal_write(journal: Path, lines: list[str]) -> None:
    with contextlib.suppress(OSError):
        if lines:
            journal.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        else:
            journal.unlink(missing_ok=True)


@contextlib.contextmanager
def _listed(temp: Path) -> Iterator[None]:
    """Keep ``temp`` in the diary's pending-outputs list while it is being written."""
    journal = _journal()
    if journal is not None:
        _journal_write(journal, [*_journal_lines(journal), str(temp)])
    try:
        yield
    finally:
        if journal is not None:
            _journal_write(journal, [line for line in _journal_lines(journal) if line != str(temp)])


def remove_pending_outputs(data_dir: Path) -> list[Path]:
    """Remove the temporary files a crashed export or report left in the user's folders
    (listed in the data folder's pending-outputs list); a file of a process still running
    is left alone, and only files named as the app names its temporaries."""
    journal = Path(data_dir) / PENDING_OUTPUTS
    removed, kept = [], []
    for line in _journal_lines(journal):
        path = Path(line)
        match = _TEMP.match(path.name)
        if not match or not path.is_absolute():
            continue  # not one of ours: never removed
        if match.group(1) is not None and _alive(int(match.group(1))):
            kept.append(line)
            continue
        with contextlib.suppress(OSError):
            if path.is_file() and not path.is_symlink():
                path.unlink()
                removed.append(path)
    _journal_write(journal, kept)
    return removed


@contextlib.contextmanager
def written_atomically(destination: Path, *, database_copy: bool = False) -> Iterator[Path]:
    """``replaced_atomically`` for an output the user named, after refusing (OutputError)
    a destination that is one of the diary's own files. While it is written, the temporary
    file is listed in the diary's pending-outputs list, so that if the process dies the
    next start removes it."""
    target = output_target(Path(destination))
    reason = _diary_file_reason(target, database_copy, shown=destination)
    if reason is not None:
        raise OutputError(
            _("{reason}: writing there would replace it.").format(reason=reason), True
        )
    kind = _not_a_file(target)
    if kind is not None:
        raise OutputError(
            _("{path} is {kind}, not a file: nothing was written.").format(
                path=destination, kind=_(kind)
            ),
            True,
        )
    with replaced_atomically(target) as temp, _listed(temp.resolve()):
        yield temp


def move_without_replacing(source: Path, destination: Path) -> None:
    """Give ``source`` the name ``destination``; never replaces a file already there
    (FileExistsError). A hard link then unlink where the file system has them."""
    try:
        os.link(source, destination)
    except FileExistsError:
        raise
    except OSError as error:  # no hard links here (FAT, some network drives)
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if destination.exists():
            raise FileExistsError(errno.EEXIST, "already exists", str(destination)) from None
        os.rename(source, destination)
        return
    os.unlink(source)


def unique_name(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem.suffix``, or ``stem-2.suffix``, ``stem-3.suffix``… whichever is free
    (with its -wal and -shm names free too)."""
    for number in range(1, 10_000):
        name = f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}"
        candidate = folder / name
        if not any(Path(f"{candidate}{s}").exists() for s in ("", *SIDE_SUFFIXES)):
            return candidate
    raise FileExistsError(errno.EEXIST, "no free name", str(folder / stem))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True  # os.kill would end it there; keep the file, it is only a temporary
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove temporary files (``.writing-*``, ``.restoring-*``) that a crashed or killed
    run left in ``folder``; a file of a process still running is left alone."""
    removed = []
    with contextlib.suppress(OSError):
        for path in Path(folder).iterdir():
            match = _TEMP.match(path.name)
            if not match or not path.is_file():
                continue
            if match.group(1) is not None and _alive(int(match.group(1))):
                continue
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed
