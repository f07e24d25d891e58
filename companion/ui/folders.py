"""Where file dialogs start: the user's Documents folder (the newcomer's save dialogs opened
in the folder the app was started from, because that folder did not exist)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from PySide6.QtCore import QStandardPaths


def documents_folder() -> Path:
    """The user's Documents folder, or their home folder when there is none."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def file_name(words: str) -> str:
    """A default file name from translated words, safe on every file system and easy to
    type: "Informe para la consulta 2026-06-01.pdf" → "informe-para-la-consulta-2026-06-01.pdf"
    (accents dropped, anything but letters, digits, dots and hyphens made a hyphen)."""
    plain = unicodedata.normalize("NFKD", words.strip().lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = re.sub(r"[^a-z0-9.]+", "-", plain.encode("ascii", "ignore").decode())
    return re.sub(r"-*\.-*", ".", plain).strip("-.") or "file"
