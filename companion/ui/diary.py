"""The diary service as Qt sees it: one signal that says what changed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from companion.service.changes import Changes
from companion.service.diary import DiaryService


class Diary(QObject):
    """A thin Qt adapter over the Qt-free ``DiaryService``: every change the service makes
    (or notices another program made) becomes one ``changed`` signal. Views read from
    ``service`` and refresh from the Changes they are given.

    Signals:
        changed(object): a ``Changes``: what one write changed.
    """

    changed = Signal(object)

    def __init__(self, service: DiaryService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._unsubscribe = service.subscribe(self._on_service_changed)

    def _on_service_changed(self, changes: Changes) -> None:
        self.changed.emit(changes)

    @Slot()
    def check_for_changes_elsewhere(self) -> None:
        """Another program (the command line) may have written: reload if so."""
        self.service.reload_if_changed_elsewhere()
