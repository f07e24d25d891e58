"""Log now: a temperature in three actions (Ctrl+T, type, Enter), a symptom in a few more."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.domain.entries import (
    SITES,
    Entry,
    EntryError,
    EntryKind,
    parse_temperature,
    severity_words,
    site_words,
)
from companion.domain.rules import Vocabulary
from companion.domain.wording import entry_summary, notice_text, site_note, temperature
from companion.i18n import _
from companion.service.changes import Changes
from companion.service.errors import WriteError
from companion.service.log import Logged
from companion.ui import access, scrolling, theme, typography
from companion.ui.diary import Diary
from companion.ui.flow import FlowLayout
from companion.ui.wheel import guard_wheel
from companion.ui.wrapping import WrapButton


def decimal(value: float) -> str:
    """A number with one decimal in the app's language (38.0 / 38,0), worded by Qt's locale
    (set to the app's language): Babel would add about 100 ms to start-up."""
    return QLocale().toString(float(value), "f", 1)


def _see_alert() -> str:
    return _("See the alert above.")


def _card_still_open() -> str:
    return _("The alert card above is still open: call your team if you have not yet.")


class QuickEntryPanel(QWidget):
    """One row for a temperature, one for a symptom, and "More…" for everything else. The
    rows wrap on a narrow window; every field has a visible label (its buddy), so a screen
    reader names it by its label, never by its value.

    Signals:
        more_requested: the user wants the full entry form.
        temperature_logged(object): a temperature was logged (the service's ``Logged``): the
            window schedules a "check again" reminder when the rules ask for one.
    """

    more_requested = Signal()
    temperature_logged = Signal(object)

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self.setObjectName("quick-entry")

        self.temp_edit = typography.role(QLineEdit(), min_lines=2.2, max_chars=12, min_chars=7)
        self.temp_edit.setObjectName("quick-temperature")
        self.temp_edit.setAccessibleName(_("Temperature now"))
        self.temp_edit.setPlaceholderText(_("e.g. {example}").format(example=decimal(37.2)))
        self.unit_label = QLabel()
        self.limit_label = QLabel()
        self.limit_label.setObjectName("limit-in-force")
        self.site_combo = guard_wheel(typography.role(QComboBox(), min_lines=2.2))
        self.site_combo.setAccessibleName(_("Measured in the"))
        self.site_combo.addItems([s.capitalize() for s in site_words()])
        self.temp_button = typography.role(QPushButton(_("Save temperature")), min_lines=2.2)
        self.temp_button.setAccessibleName(_("Save temperature"))
        theme.make_primary(self.temp_button)

        self.symptom_combo = guard_wheel(typography.role(_NarrowingCombo(), min_lines=2.2))
        self.symptom_combo.setAccessibleName(_("Symptom"))
        # As wide as its longest symptom (the list fills in after the first frame).
        self.symptom_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.severity_combo = guard_wheel(typography.role(QComboBox(), min_lines=2.2))
        self.severity_combo.setAccessibleName(_("How bad"))
        self.severity_combo.addItems([s.capitalize() for s in severity_words()])
        # Nothing is chosen until the user chooses: never one Enter from a false entry.
        self.severity_combo.setPlaceholderText(_("Choose how bad"))
        self.severity_combo.setCurrentIndex(-1)
        self.symptom_combo.setPlaceholderText(_("Choose a symptom"))
        self.symptom_button = typography.role(QPushButton(_("Save symptom")), min_lines=2.2)
        self.symptom_button.setAccessibleName(_("Save symptom"))
        # The longest words on the page: they wrap at 200 % text rather than widen the page.
        self.more_button = typography.role(
            WrapButton(_("More: infection signs, weight, rash, notes… (Ctrl+E)")), min_lines=2.2
        )
        self.more_button.setToolTip(_("Infection signs, weight, stools, rash, notes (Ctrl+E)"))
        # The name is the words on the button (voice control says what it sees, issue 23);
        # the description says what it is for.
        self.more_button.setAccessibleName(self.more_button.text())
        self.more_button.setAccessibleDescription(_("Log something else"))
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a note
        self.status.setObjectName("quick-status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        temperature = FlowLayout(spacing_lines=0.5)
        temperature.addWidget(_labelled(_("&Temperature:"), self.temp_edit, bold=True))
        temperature.addWidget(_pair(self.unit_label, self.limit_label))
        temperature.addWidget(_labelled(_("Measured in the:"), self.site_combo))
        temperature.addWidget(self.temp_button)
        symptom = FlowLayout(spacing_lines=0.5)
        symptom.addWidget(_labelled(_("S&ymptom:"), self.symptom_combo, bold=True))
        symptom.addWidget(_labelled(_("How bad:"), self.severity_combo))
        symptom.addWidget(self.symptom_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        typography.spacing(layout, 0.6)
        layout.addLayout(temperature)
        layout.addLayout(symptom)
        layout.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status)
        self.status.hide()
        self.temp_edit.setToolTip(_("Ctrl+T: type the temperature and press Enter"))
        self.symptom_combo.setToolTip(_("Ctrl+Y: choose a symptom, how bad, then Save"))

        self.temp_edit.returnPressed.connect(self._on_temp_button_clicked)
        self.temp_button.clicked.connect(self._on_temp_button_clicked)
        self.symptom_button.clicked.connect(self._on_symptom_button_clicked)
        self.more_button.clicked.connect(self.more_requested)
        diary.changed.connect(self._on_diary_changed)
        self._vocabulary_loaded = False
        self.refresh()

    def _on_diary_changed(self, changes: Changes) -> None:
        if changes.touches("settings"):
            self.refresh()
        self._forget_gone_card(changes)

    def refresh(self) -> None:
        service = self._service
        unit = service.settings.temperature_unit
        self.unit_label.setText(unit.symbol)
        limit = service.settings.numbers.fever_rule.single_c
        shown = f"{decimal(unit.from_celsius(limit))} {unit.symbol}"
        self.limit_label.setText(_("(call your team at {limit})").format(limit=shown))
        self.limit_label.setAccessibleName(
            _("Your team's limit: call at {limit}").format(limit=shown)
        )

    def load_vocabulary(self, vocabulary: Vocabulary) -> None:
        """Fill the symptom list (deferred until after the first frame)."""
        if self._vocabulary_loaded:
            return
        self._vocabulary_loaded = True
        offered = {t.id for t in self._service.immunity.symptom_terms()}  # nurse review 3
        for term in vocabulary.symptoms:
            if term.id in offered:
                self.symptom_combo.addItem(term.label, term.id)
        self.symptom_combo.setCurrentIndex(-1)

    def focus_temperature(self) -> None:
        self.temp_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.temp_edit.selectAll()
        self._reveal(self.temp_edit)  # it may have had the focus already, out of view

    def focus_symptom(self) -> None:
        self.load_vocabulary(self._service.settings.vocabulary)
        self.symptom_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _say(self, text: str) -> None:
        """Show a message under the rows, and have the screen reader say it (a problem
        or a warning at once; "Saved" politely)."""
        self.status.setText(text)
        self.status.show()
        access.announce(self.status, text, assertive=text.startswith("⚠"))
        # On a small screen or with large text the message may sit below the fold: once the
        # layout has placed it, scroll the page so it is seen.
        QTimer.singleShot(0, self, self._reveal_status)

    @Slot()
    def _reveal_status(self) -> None:
        if self.status.isVisible():
            self._reveal(self.status)

    def _reveal(self, widget: QWidget) -> None:
        """Scroll the page this sits on so that ``widget`` is in view."""
        scrolling.reveal(widget, typography.line() // 2)

    def remind(self, text: str) -> None:
        """A "check again" reminder fell due: say it where the temperature is typed."""
        self._say(_("⏰ {reminder} Press Ctrl+T to log it.").format(reminder=text))

    def say_saved(self, logged: Logged) -> None:
        """Say what was saved through the full form, with the rules' notices."""
        service = self._service
        what = entry_summary(
            logged.entry, service.settings.vocabulary, service.settings.temperature_unit
        )
        self._say(self.saved_message(logged, what))

    def saved_message(self, logged: Logged, what: str) -> str:
        """ "✓ Saved …" — never a plain "saved" for a reading at or above the limit: the
        rules' notices follow, and a warning sign leads when there is anything to heed."""
        service = self._service
        notes = [
            notice_text(n, service.settings.temperature_unit, service.today())
            for n in logged.judgement.notices
        ]
        if logged.entry.kind is EntryKind.TEMPERATURE:
            notes.append(site_note(logged.entry.detail, service.settings.limit_site))
        notes = [n for n in notes if n]
        if logged.alerts:
            notes.append(_see_alert())
        saved = _("⚠ Saved {what} at {time}.") if notes else _("✓ Saved {what} at {time}.")
        return " ".join([saved.format(what=what, time=f"{logged.entry.at:%H:%M}"), *notes])

    @Slot()
    def _on_temp_button_clicked(self) -> None:
        unit = self._service.settings.temperature_unit
        try:
            celsius = parse_temperature(self.temp_edit.text(), unit)
            entry = Entry(
                at=self._service.now(),
                kind=EntryKind.TEMPERATURE,
                value=celsius,
                detail=SITES[self.site_combo.currentIndex()],
            )
            logged = self._service.log.add(entry).value
        except (EntryError, WriteError) as error:
            self._say(f"⚠ {error}")
            self.temp_edit.setFocus()
            self.temp_edit.selectAll()
            return
        self.temp_edit.clear()
        self._say(self.saved_message(logged, temperature(celsius, unit)))
        self.temperature_logged.emit(logged)

    @Slot()
    def _on_symptom_button_clicked(self) -> None:
        self.load_vocabulary(self._service.settings.vocabulary)
        term = self.symptom_combo.currentData()
        if term is None or self.severity_combo.currentIndex() < 0:
            self._say(
                _("⚠ Please choose the symptom first: nothing was saved.")
                if term is None
                else _("⚠ Please choose how bad it is first: nothing was saved.")
            )
            (self.symptom_combo if term is None else self.severity_combo).setFocus()
            return
        try:
            entry = Entry(
                at=self._service.now(),
                kind=EntryKind.SYMPTOM,
                term=term or "",
                severity=self.severity_combo.currentIndex(),
            )
            logged = self._service.log.add(entry).value
        except (EntryError, WriteError) as error:
            self._say(f"⚠ {error}")
            return
        what = (
            f"{self.symptom_combo.currentText().lower()} "
            f"({severity_words()[logged.entry.severity or 0]})"
        )
        self._say(self.saved_message(logged, what))
        self.symptom_combo.setCurrentIndex(-1)
        self.severity_combo.setCurrentIndex(-1)

    def _forget_gone_card(self, changes: Changes) -> None:
        """The card this message pointed to is gone (a contact was recorded): the message
        no longer says to see it."""
        if not changes.touches("alerts") or self._service.log.card_level() is not None:
            return
        text = self.status.text()
        for stale in (" " + _see_alert(), " " + _card_still_open()):
            text = text.replace(stale, "")
        if text != self.status.text():
            self.status.setText(text)


class _NarrowingCombo(QComboBox):
    """As wide as its longest item when there is room; at a large text size on a small
    screen it may narrow to about 16 letters, so the page never runs past the window (the
    open list still shows every name whole)."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        floor = metrics.horizontalAdvance("0") * 16 + metrics.height() * 2
        return QSize(min(hint.width(), floor), hint.height())


def _labelled(text: str, field: QWidget, bold: bool = False) -> QWidget:
    """A label and its field kept together when a row wraps; the label is the field's buddy
    (its name for a screen reader, and Alt+letter moves to it)."""
    label = QLabel(text)
    label.setBuddy(field)
    if bold:
        typography.role(label, bold=True)
    return _pair(label, field)


def _pair(first: QWidget, second: QWidget) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    typography.spacing(row, 0.3)
    row.addWidget(first)
    row.addWidget(second)
    return box
