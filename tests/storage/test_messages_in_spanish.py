"""What storage says when it refuses, in Spanish: whole Spanish sentences, the file's name and
folder in them, and the file left as it was."""

import hashlib
import sqlite3

import pytest

from companion import i18n
from companion.storage.backup import check_backup
from companion.storage.contents import UnusableRow
from companion.storage.db import explain_write_error, open_db
from companion.storage.errors import NotADiaryError, StorageError, why_refused
from companion.storage.files import OutputError, check_output


@pytest.fixture
def spanish():
    i18n.set_language("es")
    yield
    i18n.set_language("en")


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_file_that_is_not_a_diary_is_refused_in_spanish(tmp_path, spanish):
    path = tmp_path / "companion.db"
    path.write_bytes(b"Mis notas, no una base de datos.\n" * 50)
    before = digest(path)
    with pytest.raises(NotADiaryError) as caught:
        open_db(path)
    said = str(caught.value)
    assert said.startswith(f"El archivo companion.db de {tmp_path} no se puede abrir: ")
    assert "no es un diario de Transplant Companion (ni siquiera es una base de datos)" in said
    assert said.endswith("Su archivo no ha cambiado.")
    assert "cannot" not in said and "Your" not in said
    assert digest(path) == before


def test_a_refused_write_is_said_in_spanish():
    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorcode = 13  # SQLITE_FULL
    i18n.set_language("es")
    try:
        said = explain_write_error(error)
        reason = why_refused(error)
    finally:
        i18n.set_language("en")
    assert said == (
        "Esto no se guardó: el disco está lleno. Libere espacio (o pida ayuda a alguien) y "
        "vuelva a intentarlo. Todo lo que guardó antes se conserva tal como estaba."
    )
    assert reason == "el disco está lleno"
    assert explain_write_error(error).startswith("This was not saved: the disk is full.")


def test_an_output_the_app_refuses_is_said_in_spanish(tmp_path, spanish):
    with pytest.raises(OutputError, match=r"es una carpeta\. Indique un nombre de archivo, como"):
        check_output(tmp_path, "diario.csv")
    with pytest.raises(OutputError, match=r"La carpeta .* no existe\. Créela primero\."):
        check_output(tmp_path / "no-such-folder" / "x.csv", "diario.csv")


def test_a_missing_backup_is_said_in_spanish(tmp_path, spanish):
    with pytest.raises(StorageError) as caught:
        check_backup(tmp_path / "copia.db")
    assert str(caught.value) == (
        f"No existe el archivo {tmp_path / 'copia.db'}. No se restauró nada y su diario no ha "
        "cambiado."
    )


def test_a_row_to_fix_is_named_in_spanish(spanish):
    row = UnusableRow("entries", 7, "1899-12-31T23:30:00-01:00")
    assert row.what == "una anotación"
    assert row.describe() == "una anotación (número 7) tiene la hora 1899-12-31T23:30:00-01:00"
    assert row.word == "entry"  # the command line's word stays as typed
