"""Choices that are not clinical numbers: display units, the team's advice text."""

from __future__ import annotations

from sqlite_utils import Database

from companion.i18n import N_

# Marked for translation; translated where it is shown (the language is chosen later).
DEFAULT_ADVICE = N_(
    "Do not take medicine to bring a fever down (such as paracetamol or ibuprofen) before "
    "you speak to your team: it can hide a fever. Tell them your temperature, the time you "
    "took it, and how you feel."
)


class PreferencesRepository:
    """Display units and the team's advice: choices, not clinical numbers."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, key: str, default: str) -> str:
        row = self._db.execute("SELECT value FROM preferences WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set(self, key: str, value: str) -> None:
        self._db["preferences"].upsert({"key": key, "value": value}, pk="key")
