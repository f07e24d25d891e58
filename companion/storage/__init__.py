"""SQLite storage through sqlite-utils: one open_db(), migrations, one repository per concern."""
