"""The errors a front end may meet when it asks the diary service for something."""

import sqlite3

from companion.domain.checklist import ChecklistError
from companion.domain.clinical import SettingError
from companion.domain.emergency import CountryError
from companion.domain.entries import EntryError
from companion.domain.labs import LabError
from companion.domain.team import TeamError
from companion.domain.visits import VisitError
from companion.storage.db import (
    DamagedDiaryError,
    FolderError,
    NewerSchemaError,
    NotADiaryError,
    RestoreInterruptedError,
    StorageError,
    WriteError,
)
from companion.storage.files import OutputError

# What the computer may refuse underneath (a disk, a file, SQLite itself): front ends catch
# these to explain a refusal in one line, without knowing what storage is built on.
REFUSED: tuple[type[BaseException], ...] = (StorageError, sqlite3.Error, OSError)

__all__ = [
    "REFUSED",
    "ChecklistError",
    "CountryError",
    "DamagedDiaryError",
    "EntryError",
    "FolderError",
    "LabError",
    "NewerSchemaError",
    "NotADiaryError",
    "OutputError",
    "RestoreInterruptedError",
    "SettingError",
    "StorageError",
    "TeamError",
    "VisitError",
    "WriteError",
]
