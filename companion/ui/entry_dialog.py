"""Log or edit any kind of entry, with its time (now by default, editable)."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.domain.entries import (
    RASH_AREAS,
    RASH_EXTENTS,
    SITES,
    Entry,
    EntryError,
    EntryKind,
    TemperatureUnit,
    WeightUnit,
    check_note,
    parse_temperature,
    parse_weight,
)
from companion.domain.kinds import TransplantKind
from companion.i18n import N_, _, pgettext
from companion.service.diary import Logged
from companion.service.errors import WriteError
from companion.ui import typography
from companion.ui.dates import DateTimeField, first_problem
from companion.ui.diary import Diary
from companion.ui.forms import guard_wheel, save_cancel, scrolling_dialog
from companion.ui.setup_dialog import ErrorLabel

GVHD_KINDS = (EntryKind.STOOLS, EntryKind.RASH, EntryKind.YELLOW)

# The kinds' titles (companion/domain/entries.py) marked for the catalogue, translated
# where they are shown (kind_title).
_KIND_TITLES = (
    N_("Temperature"),
    N_("Symptom"),
    N_("Infection sign"),
    N_("Stools"),
    N_("Rash (GVHD watch)"),
    N_("Yellow skin or eyes"),
    N_("Weight"),
    N_("Note"),
    N_("Contacted my team"),
)


def kind_title(kind: EntryKind) -> str:
    """The kind's title in the app's language ("Temperatura")."""
    return _(kind.title)


# The domain's words (SEVERITIES, FREQUENCIES … in entries.py) as the forms show them, in
# the same order, in the app's language.
def severity_names() -> tuple[str, ...]:
    return (
        pgettext("severity", "None"),
        pgettext("severity", "Mild"),
        pgettext("severity", "Moderate"),
        pgettext("severity", "Severe"),
        pgettext("severity", "Very severe"),
    )


def severity_name(level: int) -> str:
    """ "Moderate", "Moderada": a severity as the log and the forms show it."""
    return severity_names()[level]


def frequency_names() -> tuple[str, ...]:
    return (
        pgettext("how often", "Not at all"),
        pgettext("how often", "Once or twice"),
        pgettext("how often", "Some of the time"),
        pgettext("how often", "Often"),
        pgettext("how often", "All the time"),
    )


def interference_names() -> tuple[str, ...]:
    return (
        pgettext("got in the way", "Not at all"),
        pgettext("got in the way", "A little"),
        pgettext("got in the way", "Some"),
        pgettext("got in the way", "A lot"),
        pgettext("got in the way", "Could not do my usual things"),
    )


def site_names() -> tuple[str, ...]:
    return (
        pgettext("temperature measured in the", "Mouth"),
        pgettext("temperature measured in the", "Ear"),
        pgettext("temperature measured in the", "Armpit"),
        pgettext("temperature measured in the", "Forehead"),
    )


def rash_area_names() -> tuple[str, ...]:
    return (
        pgettext("rash", "Palms or soles"),
        pgettext("rash", "Ears"),
        pgettext("rash", "Face"),
        pgettext("rash", "Neck or shoulders"),
        pgettext("rash", "Chest or back"),
        pgettext("rash", "Belly"),
        pgettext("rash", "Arms"),
        pgettext("rash", "Legs"),
        pgettext("rash", "Other"),
    )


def rash_extent_names() -> tuple[str, ...]:
    return (
        pgettext("rash", "A small patch"),
        pgettext("rash", "Up to a quarter of my skin"),
        pgettext("rash", "A quarter to a half"),
        pgettext("rash", "More than half"),
    )


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _narrow(combo: QComboBox) -> QComboBox:
    """As wide as the form gives, not as its longest choice (a long symptom, or a longer
    language, pushed the form past the dialog's edge); the open list shows each in full."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    return combo


def _combo(name: str, items, optional: bool = False) -> QComboBox:
    """A combo of ``items`` as shown (their index is the data)."""
    combo = _narrow(guard_wheel(QComboBox()))
    combo.setAccessibleName(name)
    typography.role(combo, min_lines=2)
    if optional:
        combo.addItem(_("(not recorded)"), None)
    for index, text in enumerate(items):
        combo.addItem(text, index)
    return combo


class EntryDialog(QDialog):
    """Every kind of entry. Only the fields of the chosen kind are shown."""

    def __init__(self, diary: Diary, entry: Entry | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = diary.service
        self._editing = entry
        service = self._service
        self.setWindowTitle(_("Edit entry") if entry else _("Add to the diary"))
        allo = service.active.kind is TransplantKind.ALLOGENEIC
        kinds = [
            k for k in EntryKind if k is not EntryKind.CONTACTED and (allo or k not in GVHD_KINDS)
        ]
        if entry is not None and entry.kind not in kinds:
            kinds.append(entry.kind)
        self.kind_combo = _narrow(QComboBox())
        self.kind_combo.setAccessibleName(_("What to log"))
        for kind in kinds:
            self.kind_combo.addItem(kind_title(kind), kind.value)
        self.when = DateTimeField(service.now(), today=service.today)
        self.when.setAccessibleName(_("When"))

        vocabulary = service.vocabulary
        self.temp_edit = QLineEdit()
        self.temp_edit.setAccessibleName(_("Temperature"))
        self.temp_unit = _combo(_("Temperature unit"), ["°C", "°F"])
        self.temp_unit.setCurrentIndex(
            0 if service.temperature_unit is TemperatureUnit.CELSIUS else 1
        )
        self.site_combo = _combo(_("Where measured"), site_names())
        self.symptom_combo = _narrow(QComboBox())
        self.symptom_combo.setAccessibleName(_("Symptom"))
        keep = entry.term if entry is not None else None
        for term in service.immunity.symptom_terms(keep):  # chronic GVHD signs: donor, Day +30
            self.symptom_combo.addItem(term.label, term.id)
        # Nothing chosen until the user chooses: never one Enter from a false entry.
        self.symptom_combo.setPlaceholderText(_("Choose a symptom"))
        self.symptom_combo.setCurrentIndex(-1)
        self.severity_combo = _combo(_("How bad"), severity_names())
        self.severity_combo.setPlaceholderText(_("Choose how bad"))
        self.severity_combo.setCurrentIndex(-1)
        self.frequency_combo = _combo(_("How often"), frequency_names(), optional=True)
        self.interference_combo = _combo(
            _("How much it got in the way"), interference_names(), True
        )
        self.infection_combo = _narrow(QComboBox())
        self.infection_combo.setAccessibleName(_("Infection sign"))
        for sign in vocabulary.infections:
            self.infection_combo.addItem(sign.label, sign.id)
        self.stools_spin = QSpinBox()
        self.stools_spin.setRange(0, 40)
        self.stools_spin.setAccessibleName(_("Loose or watery stools since midnight"))
        self.rash_area = _combo(_("Where the rash is"), rash_area_names())
        self.rash_extent = _combo(_("How much skin"), rash_extent_names())
        self.weight_edit = QLineEdit()
        self.weight_edit.setAccessibleName(_("Weight"))
        self.weight_unit = _combo(_("Weight unit"), ["kg", "lb"])
        self.note_edit = QPlainTextEdit()
        self.note_edit.setAccessibleName(_("Note"))
        self.note_edit.setPlaceholderText(_("Anything else (optional)"))

        self.pages = QStackedWidget()
        self._page_of: dict[EntryKind, int] = {}
        for kind, rows in (
            (
                EntryKind.TEMPERATURE,
                [
                    (_("Temperature:"), self.temp_edit),
                    (_("Unit:"), self.temp_unit),
                    (_("Measured in the:"), self.site_combo),
                ],
            ),
            (
                EntryKind.SYMPTOM,
                [
                    (_("Symptom:"), self.symptom_combo),
                    (_("How bad:"), self.severity_combo),
                    (_("How often:"), self.frequency_combo),
                    (_("Got in the way:"), self.interference_combo),
                ],
            ),
            (EntryKind.INFECTION, [(_("Sign:"), self.infection_combo)]),
            (
                EntryKind.STOOLS,
                [
                    (_("Loose or watery stools since midnight:"), self.stools_spin),
                    (
                        "",
                        _hint(
                            _("Count every loose or watery stool since midnight, not formed ones.")
                        ),
                    ),
                ],
            ),
            (
                EntryKind.RASH,
                [(_("Where:"), self.rash_area), (_("How much skin:"), self.rash_extent)],
            ),
            (EntryKind.YELLOW, []),
            (EntryKind.WEIGHT, [(_("Weight:"), self.weight_edit), (_("Unit:"), self.weight_unit)]),
            (EntryKind.NOTE, []),
            (EntryKind.CONTACTED, []),
        ):
            page = QWidget()
            form = QFormLayout(page)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for label, widget in rows:
                form.addRow(label, widget)
            self._page_of[kind] = self.pages.addWidget(page)

        self.error_label = ErrorLabel()
        buttons, self.save_button = save_cancel(self, self._on_buttons_accepted)
        body = QWidget()
        top = QFormLayout()
        top.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        top.addRow(_("What:"), self.kind_combo)
        top.addRow(_("When:"), self.when)
        note_label = QLabel(_("Note:"))
        note_label.setBuddy(self.note_edit)
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(self.pages)
        layout.addWidget(note_label)
        layout.addWidget(self.note_edit)
        scrolling_dialog(self, body, [self.error_label, buttons])
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_changed)
        if entry is not None:
            self._fill(entry)
        self._on_kind_combo_changed()
        self.saved: Logged | None = None

    def select_kind(self, kind: EntryKind) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.value))

    def _fill(self, entry: Entry) -> None:
        self.select_kind(entry.kind)
        self.when.setDateTime(entry.at)
        self.note_edit.setPlainText(entry.note)
        unit = self._service.temperature_unit
        if entry.kind is EntryKind.TEMPERATURE and entry.value is not None:
            self.temp_edit.setText(f"{unit.from_celsius(entry.value):.1f}")
            if entry.detail in SITES:
                self.site_combo.setCurrentIndex(SITES.index(entry.detail))
        elif entry.kind is EntryKind.SYMPTOM:
            self.symptom_combo.setCurrentIndex(self.symptom_combo.findData(entry.term))
            self.severity_combo.setCurrentIndex(entry.severity or 0)
            self.frequency_combo.setCurrentIndex(self.frequency_combo.findData(entry.frequency))
            self.interference_combo.setCurrentIndex(
                self.interference_combo.findData(entry.interference)
            )
        elif entry.kind is EntryKind.INFECTION:
            self.infection_combo.setCurrentIndex(self.infection_combo.findData(entry.term))
        elif entry.kind is EntryKind.STOOLS and entry.value is not None:
            self.stools_spin.setValue(int(entry.value))
        elif entry.kind is EntryKind.RASH:
            if entry.term in RASH_AREAS:
                self.rash_area.setCurrentIndex(RASH_AREAS.index(entry.term))
            if entry.detail in RASH_EXTENTS:
                self.rash_extent.setCurrentIndex(RASH_EXTENTS.index(entry.detail))
        elif entry.kind is EntryKind.WEIGHT and entry.value is not None:
            self.weight_edit.setText(f"{entry.value:.1f}")

    def entry(self) -> Entry:
        """The entry as filled in. Raises EntryError saying what to fix."""
        kind = EntryKind(self.kind_combo.currentData())
        problem = first_problem(self.when)
        if problem:
            raise EntryError(problem)
        at = self.when.value()
        fields: dict = {"at": at, "kind": kind, "note": check_note(self.note_edit.toPlainText())}
        if kind is EntryKind.TEMPERATURE:
            unit = list(TemperatureUnit)[self.temp_unit.currentIndex()]
            fields |= {
                "value": parse_temperature(self.temp_edit.text(), unit),
                "detail": SITES[self.site_combo.currentIndex()],
            }
        elif kind is EntryKind.SYMPTOM:
            if self.symptom_combo.currentData() is None:
                raise EntryError(_("Please choose the symptom from the list."))
            if self.severity_combo.currentData() is None:
                raise EntryError(_("Please choose how bad it is."))
            fields |= {
                "term": self.symptom_combo.currentData(),
                "severity": self.severity_combo.currentData(),
                "frequency": self.frequency_combo.currentData(),
                "interference": self.interference_combo.currentData(),
            }
        elif kind is EntryKind.INFECTION:
            fields["term"] = self.infection_combo.currentData()
        elif kind is EntryKind.STOOLS:
            fields["value"] = float(self.stools_spin.value())
        elif kind is EntryKind.RASH:
            fields |= {
                "term": RASH_AREAS[self.rash_area.currentIndex()],
                "detail": RASH_EXTENTS[self.rash_extent.currentIndex()],
            }
        elif kind is EntryKind.WEIGHT:
            unit = list(WeightUnit)[self.weight_unit.currentIndex()]
            fields["value"] = parse_weight(self.weight_edit.text(), unit)
        if self._editing is not None:
            fields["id"] = self._editing.id
        return Entry(**fields)

    @Slot()
    def _on_kind_combo_changed(self) -> None:
        kind = EntryKind(self.kind_combo.currentData())
        self.pages.setCurrentIndex(self._page_of[kind])
        self.note_edit.setPlaceholderText(
            _("Type your note here") if kind is EntryKind.NOTE else _("Anything else (optional)")
        )

    @Slot()
    def _on_buttons_accepted(self) -> None:
        try:
            entry = self.entry()
            if self._editing is None:
                self.saved = self._service.log_entry(entry)
            else:
                self.saved = self._service.update_entry(entry)
        except (EntryError, WriteError) as error:
            self.error_label.show_problem(str(error))
            return
        self.accept()

    @staticmethod
    def ask(
        diary: Diary, entry: Entry | None = None, kind: EntryKind | None = None, parent=None
    ) -> Logged | None:
        """Show the form; the saved entry with what the rules made of it, or None."""
        dialog = EntryDialog(diary, entry, parent)
        if kind is not None and entry is None:
            dialog.select_kind(kind)
        dialog.exec()
        return dialog.saved
