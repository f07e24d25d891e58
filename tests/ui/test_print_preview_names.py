"""Qt's print preview with a name for every control a screen reader reaches (its zoom box,
its page number and its toolbar's "more" button had none), in English and Spanish."""

import pytest
from PySide6.QtGui import QAccessible

from companion.domain.journey import Phase
from companion.ui.print_dialog import PrintChecklistDialog, PrintSeams
from tests.ui.test_accessibility import INTERACTIVE, problems, walk

NAMES = {
    "en": {"Zoom", "Page number", "Zoom in", "Next page"},
    "es": {"Ampliación", "Número de página", "Acercar", "Página siguiente"},
}
MORE = {"en": "More tools", "es": "Más herramientas"}


@pytest.fixture(params=["en", "es"])
def language(request):
    from companion.ui import language

    language.apply(request.param)  # the app's words and Qt's own
    yield request.param
    language.apply("en")


def open_preview(qtbot, diary, monkeypatch):
    """The checklist's print preview as the Preview… button opens it (not yet shown)."""
    dialog = PrintChecklistDialog(diary, Phase.RECOVERY)
    qtbot.addWidget(dialog)
    opened = []
    monkeypatch.setattr(PrintSeams, "preview", staticmethod(opened.append))
    dialog.preview_button.click()
    preview = opened[0]
    qtbot.addWidget(preview)
    return preview


@pytest.mark.parametrize("width", [900, 300])
def test_every_control_in_the_print_preview_has_a_name(qtbot, diary, monkeypatch, language, width):
    preview = open_preview(qtbot, diary, monkeypatch)
    preview.resize(width, 600)  # narrow: some tools go behind the toolbar's "more" button
    preview.show()
    qtbot.waitExposed(preview)
    names = {
        interface.text(QAccessible.Text.Name)
        for interface in walk(QAccessible.queryAccessibleInterface(preview))
        if interface.role() in INTERACTIVE
    }
    assert (NAMES[language] if width > 600 else {MORE[language]}) <= names
    assert problems(preview) == []


def test_the_preview_opens_as_large_as_the_screen_allows(qtbot, diary, monkeypatch):
    """Qt's own size showed the page at 29 % in a box a third of a 1024×600 screen, with
    Print hidden behind the toolbar's "»" (a keyboard try-out under Xvfb)."""
    from PySide6.QtCore import Qt

    preview = open_preview(qtbot, diary, monkeypatch)
    assert preview.windowState() & Qt.WindowState.WindowMaximized
