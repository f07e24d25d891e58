"""Files the app writes for the user (backups, exports, PDFs): checked first, then written
beside their place and moved in only when complete, readable only by this user."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from companion.storage.db import StorageError


class OutputError(StorageError):
    """The file cannot be written where asked; ``str()`` says why and what to do."""


def check_output(path: Path, example: str) -> Path:
    """Refuse a folder, a missing folder or one that cannot be written, before any work.

    Args:
        example: a file name to suggest, like "diary.csv".
    """
    path = Path(path).expanduser()
    folder = path.parent.resolve() if str(path.parent) else Path.cwd()
    if path.is_dir():
        raise OutputError(f"{path} is a folder. Please give a file name, like {example}.")
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder} is a file, not a folder. Please choose a folder.")
    if not folder.is_dir():
        raise OutputError(f"The folder {folder} does not exist. Please create it first.")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"Cannot write in {folder}: permission denied.")
    return path


@contextlib.contextmanager
def written_atomically(destination: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``destination`` to write; when the block ends without
    an error it becomes ``destination`` (mode 0600 on POSIX). On an error it is removed, so
    a failure leaves no file behind and never a half-written one."""
    destination = Path(destination)
    fd, name = tempfile.mkstemp(
        prefix=".writing-", suffix=destination.suffix, dir=destination.parent
    )
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        if os.name == "posix":
            temp.chmod(0o600)
        os.replace(temp, destination)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
