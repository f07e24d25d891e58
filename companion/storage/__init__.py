"""SQLite storage through sqlite-utils: one open_db(), migrations, one repository per concern.

Repositories never open a transaction (no ``BEGIN``, ``atomic()`` or ``with db.conn``):
their writes run inside the one operation the service opens (``DiaryService._operation``,
``storage.db.writing``), so a user intent is saved whole, with its journal row, or not at
all."""
