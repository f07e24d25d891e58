"""The diary log and its entry dialog in Spanish (issue 23): headings, labels, buttons,
counts, messages and the dialog's refusals read in Spanish, and the pages fit 1024×600."""

import contextlib
from datetime import timedelta

import pytest
from PySide6.QtCore import QRect, Qt
from pytestqt.exceptions import TimeoutError

from companion import i18n
from companion.domain.entries import (
    EntryKind,
)
from companion.ui.entry_dialog import EntryDialog
from companion.ui.log_view import LogView
from tests.ui.conftest import TODAY


@pytest.fixture
def spanish():
    i18n.set_language("es")
    yield
    i18n.set_language("en")


def headings(view) -> list[str]:
    model = view.table.model()
    return [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(model.columnCount())
    ]


def test_the_log_in_spanish(qtbot, diary, spanish):
    view = LogView(diary)
    qtbot.addWidget(view)
    view.ensure_loaded()
    assert headings(view) == ["Cuándo", "Qué", "Detalles", "Intensidad", "Nota"]
    assert view.table.accessibleName() == "Registro del diario"
    assert [view.add_button.text(), view.edit_button.text(), view.delete_button.text()] == [
        "Añadir…",
        "Editar…",
        "Borrar",
    ]
    assert view.export_button.text() == "Exportar CSV…"
    assert view.all_dates.text() == "Todas las fechas"
    assert view.kind_combo.itemText(0) == "Todo"
    assert "Temperatura" in [view.kind_combo.itemText(i) for i in range(view.kind_combo.count())]
    assert view.severity_combo.itemText(0) == "Cualquiera"
    assert view.severity_combo.itemText(2) == "Moderada o peor"
    total = view.model.total
    assert view.count_label.text() == f"{total} anotaciones en total"
    # The rows: the kind, the severity and the date in Spanish.
    model = view.model
    kinds = {model.index(r, 1).data() for r in range(model.rowCount())}
    assert {"Temperatura", "Peso"} <= kinds
    assert "Temperature" not in kinds
    # In full for a screen reader (and shown so where the table has room).
    when = model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert when.startswith("lun 01 jun 2026"), when  # Monday 1 June 2026
    severities = {model.index(r, 3).data() for r in range(model.rowCount())} - {""}
    assert severities and severities <= {"Ninguna", "Leve", "Moderada", "Grave", "Muy grave"}


def test_a_filter_and_a_delete_are_told_in_spanish(qtbot, diary, spanish):
    view = LogView(diary)
    qtbot.addWidget(view)
    view.ensure_loaded()
    view.kind_combo.setCurrentIndex(view.kind_combo.findData(EntryKind.WEIGHT.value))
    shown, total = view.model.matching, view.model.total
    assert view.count_label.text() == f"Se muestran {shown} de {total} anotaciones"
    entry = view.model.entry_at(0)
    view.say_deleted(entry)
    assert view.message.text().startswith("Borrado: peso del ")
    assert view.message.text().endswith("Deshacer (Ctrl+Z) lo recupera.")
    assert view.undo_button.text() == "Deshacer"
    view.say_restored()
    assert view.message.text() == "Recuperado."


def test_the_entry_dialog_in_spanish_refuses_in_spanish(qtbot, diary, spanish):
    dialog = EntryDialog(diary)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Añadir al diario"
    dialog.select_kind(EntryKind.SYMPTOM)
    assert dialog.symptom_combo.placeholderText() == "Elija un síntoma"
    assert dialog.severity_combo.placeholderText() == "Elija la intensidad"
    assert dialog.frequency_combo.itemText(0) == "(sin anotar)"
    assert dialog.save_button.text() == "Guardar"
    before = diary.service.log.entries()
    dialog.save_button.click()
    assert dialog.error_label.text().endswith("Elija el síntoma de la lista.")
    dialog.symptom_combo.setCurrentIndex(0)
    dialog.save_button.click()
    assert dialog.error_label.text().endswith("Elija la intensidad.")
    assert diary.service.log.entries() == before  # nothing saved
    dialog.select_kind(EntryKind.NOTE)
    assert dialog.note_edit.placeholderText() == "Escriba aquí su nota"


def test_a_date_typed_wrong_in_the_entry_dialog_is_refused_in_spanish(qtbot, diary, spanish):
    dialog = EntryDialog(diary)
    qtbot.addWidget(dialog)
    dialog.select_kind(EntryKind.NOTE)
    dialog.note_edit.setPlainText("Nota de prueba")
    dialog.when.date_field.setText("31 de febrero")
    dialog.save_button.click()
    assert "No existe la fecha «31 de febrero»" in dialog.error_label.text()
    assert dialog.saved is None
    dialog.when.date_field.setText("ayer")
    dialog.save_button.click()
    assert dialog.saved is not None
    assert dialog.saved.entry.at.date() == TODAY - timedelta(days=1)


@pytest.fixture
def screen_as_tested(monkeypatch):
    from companion.ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "_fit_frame", lambda self: None)


@pytest.mark.parametrize("size", [100, 150])
def test_the_pages_in_spanish_fit_1024_by_600(qtbot, diary, spanish, screen_as_tested, size):
    """Spanish runs longer than English: nothing on the log, counts, checklists and
    appointments pages is cut at 1024×600 (the window gets 540 pixels of height)."""
    from companion.ui.main_window import MainWindow
    from tests.ui.test_layout_matrix import layout_problems

    window = MainWindow(diary)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.set_text_size(size)
    room = QRect(0, 0, 1024, 540)
    window.resize(room.size())
    qtbot.waitUntil(lambda: window.size() == room.size())
    for page in ("log", "counts", "checklists", "appointments"):
        window.show_page(page)
        qtbot.waitUntil(lambda: window.stack.currentWidget().isVisible())
        with contextlib.suppress(TimeoutError):  # the assertion says what is wrong
            qtbot.waitUntil(lambda: layout_problems(window) == [], timeout=30_000)
        assert layout_problems(window) == [], (page, size)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", [100, 150, 200])
def test_the_details_keep_their_share_of_the_log_at_1024_by_600(
    qtbot, diary, screen_as_tested, language, size
):
    """When, What and How bad once took the table's width at 150 % text and the details
    were squeezed out of sight (the table never scrolls sideways). Now the details keep at
    least 30 % of the width, every column shown ends inside the table, and where the room
    is short the dates drop their weekday and year, then the note joins the details."""
    from companion.ui.main_window import MainWindow

    i18n.set_language(language)
    try:
        window = MainWindow(diary)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.set_text_size(size)
        window.resize(1024, 540)
        view = window.show_page("log")
        table = view.table
        qtbot.waitUntil(lambda: table.isVisible() and table.viewport().width() > 100)

        def columns_fit() -> bool:
            room = table.viewport().width()
            shown = [c for c in range(5) if not table.isColumnHidden(c)]
            right = max(table.columnViewportPosition(c) + table.columnWidth(c) for c in shown)
            return right <= room + 1 and table.columnWidth(2) >= room * 0.3 - 1

        qtbot.waitUntil(columns_fit, timeout=30_000)
        model = view.model
        row = next(r for r in range(model.rowCount()) if model.entry_at(r).severity is not None)
        when = model.index(row, 0).data()
        assert model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) == model.index(row, 0).data(
            Qt.ItemDataRole.AccessibleTextRole
        )
        if size == 100:  # room for the dates in full
            assert len(when.split()) == 5, when
        # What and How bad show whole words where the room allows, else "…" and a tooltip.
        assert model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole) == model.index(row, 1).data()
        if table.isColumnHidden(4):
            entry = model.entry_at(0)
            diary.service.log.update(entry.__class__(**{**entry.__dict__, "note": "Mareo leve"}))
            qtbot.waitUntil(
                lambda: "Mareo leve" in (model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole) or "")
            )
    finally:
        i18n.set_language("en")


def test_no_english_is_left_on_the_log_in_the_pseudo_locale(qtbot, diary):
    """Under the pseudo-locale every word that comes through the catalogue is accented and
    bracketed: plain English left on the log page (its labels, buttons, names, tooltips,
    placeholders, choices and headings) was never wrapped."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QWidget

    i18n.set_language("qps")
    try:
        view = LogView(diary)
        qtbot.addWidget(view)
        view.ensure_loaded()
        view.say_deleted(view.model.entry_at(0))
        texts = []
        for widget in [view, *view.findChildren(QWidget)]:
            texts += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
            if isinstance(widget, (QLabel, QAbstractButton)):
                texts.append(widget.text())
            if isinstance(widget, QLineEdit):
                texts.append(widget.placeholderText())
            if isinstance(widget, QComboBox):
                texts += [widget.itemText(i) for i in range(widget.count())]
        texts += headings(view)
        english = re.compile(r"[A-Za-z]{3,}")
        left = {t for t in texts if t and english.search(t) and "[" not in t}
        assert left == set()
    finally:
        i18n.set_language("en")
