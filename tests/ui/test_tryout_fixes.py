"""A patient's try-out (findings in the medicines, immune and log pages): the dose due now
first in the Tab order, and the fixes after it."""

from datetime import time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from companion.domain.medicines import Medicine
from tests.ui.conftest import TODAY


def _add_due_now(diary):
    # The window's clock says 10:00.
    medicine, _ = diary.service.medicines.add(
        Medicine(name="Ciclosporin", dose="100 mg", times=(time(10),), start=TODAY - timedelta(1))
    )
    return medicine


def test_tab_from_the_page_list_reaches_taken_and_skip_first(qtbot, window, diary):
    _add_due_now(diary)
    page = window.show_page("medicines")
    qtbot.waitUntil(
        lambda: any(b.accessibleName().startswith("Taken:") for b in page.findChildren(QPushButton))
    )

    def focused() -> str:
        widget = window.focusWidget()
        return widget.accessibleName() or widget.text() if widget else ""

    window.nav.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(window.nav.hasFocus)
    qtbot.keyClick(window.nav, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: focused() == "Taken: Ciclosporin 100 mg, 10:00")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: focused() == "Skip: Ciclosporin 100 mg, 10:00")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: focused().startswith("Why these medicines matter"))
