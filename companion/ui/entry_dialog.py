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

from companion.domain.entries import Entry, EntryError, EntryKind, check_note, severity_words
from companion.domain.entry_kinds import KINDS, FieldType, FormField
from companion.domain.kinds import TransplantKind
from companion.i18n import _
from companion.service.errors import WriteError
from companion.service.log import Logged
from companion.ui import typography
from companion.ui.dates import DateTimeField, diary_day0, first_problem
from companion.ui.diary import Diary
from companion.ui.forms import KeepsWhatIsTyped, guard_wheel, save_cancel, scrolling_dialog
from companion.ui.setup_dialog import ErrorLabel

GVHD_KINDS = tuple(kind for kind, spec in KINDS.items() if spec.allogeneic_only)
# Older names of some fields, kept as attributes (tests and callers use them).
_ALIASES = {
    "temp_edit": (EntryKind.TEMPERATURE, "value"),
    "temp_unit": (EntryKind.TEMPERATURE, "unit"),
    "site_combo": (EntryKind.TEMPERATURE, "detail"),
    "symptom_combo": (EntryKind.SYMPTOM, "term"),
    "severity_combo": (EntryKind.SYMPTOM, "severity"),
    "frequency_combo": (EntryKind.SYMPTOM, "frequency"),
    "interference_combo": (EntryKind.SYMPTOM, "interference"),
    "infection_combo": (EntryKind.INFECTION, "term"),
    "stools_spin": (EntryKind.STOOLS, "value"),
    "rash_area": (EntryKind.RASH, "term"),
    "rash_extent": (EntryKind.RASH, "detail"),
    "weight_edit": (EntryKind.WEIGHT, "value"),
    "weight_unit": (EntryKind.WEIGHT, "unit"),
}


def kind_title(kind: EntryKind) -> str:
    """The kind's title in the app's language ("Temperatura"): the registry's."""
    return kind.title


def severity_name(level: int) -> str:
    """ "Moderate", "Moderada": a severity as the log and the forms show it."""
    return severity_words()[level].capitalize()


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


def _combo(name: str, items, optional: bool = False, words: bool = True) -> QComboBox:
    """A combo of ``items`` (their index is the data); ``words``: sentence-case them (units
    such as "°C" and "kg" are shown as written)."""
    combo = _narrow(guard_wheel(QComboBox()))
    combo.setAccessibleName(name)
    typography.role(combo, min_lines=2)
    if optional:
        combo.addItem(_("(not recorded)"), None)
    for index, text in enumerate(items):
        combo.addItem(text[:1].upper() + text[1:] if words else text, index)
    return combo


class EntryDialog(KeepsWhatIsTyped, QDialog):
    """Every kind of entry. Only the fields of the chosen kind are shown."""

    def __init__(self, diary: Diary, entry: Entry | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = diary.service
        self._editing = entry
        service = self._service
        self.setWindowTitle(_("Edit entry") if entry else _("Add to the diary"))
        allo = service.transplants.active.kind is TransplantKind.ALLOGENEIC
        kinds = [
            k for k, spec in KINDS.items() if spec.in_form and (allo or not spec.allogeneic_only)
        ]
        if entry is not None and entry.kind not in kinds:
            kinds.append(entry.kind)
        self.kind_combo = _narrow(QComboBox())
        self.kind_combo.setAccessibleName(_("What to log"))
        for kind in kinds:
            self.kind_combo.addItem(kind_title(kind), kind.value)
        self.when = DateTimeField(service.now(), today=service.today, day0=diary_day0(service))
        self.when.setAccessibleName(_("When"))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setAccessibleName(_("Note"))
        self.note_edit.setTabChangesFocus(True)  # Tab goes on to Save; it never types a tab

        # One page per kind, its fields as the registry lists them (entry_kinds.KINDS).
        self._keep = entry.term if entry is not None else None
        self._widgets: dict[tuple[EntryKind, str], QWidget] = {}
        self.pages = QStackedWidget()
        self._page_of: dict[EntryKind, int] = {}
        for kind, spec in KINDS.items():
            page = QWidget()
            form = QFormLayout(page)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for field in spec.fields:
                widget = self._widget(field)
                self._widgets[kind, field.name] = widget
                form.addRow(field.label_text(), widget)
                if field.hint:
                    form.addRow("", _hint(_(field.hint)))
            self._page_of[kind] = self.pages.addWidget(page)
        for alias, key in _ALIASES.items():
            setattr(self, alias, self._widgets[key])

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

    def _widget(self, field: FormField) -> QWidget:
        """The widget that asks for ``field``."""
        service = self._service
        if field.type is FieldType.DECIMAL:
            widget = QLineEdit()
            widget.setAccessibleName(field.accessible_text())
            return widget
        if field.type is FieldType.COUNT:
            spin = QSpinBox()
            low, high = field.range or (0, 99)
            spin.setRange(int(low), int(high))
            spin.setAccessibleName(field.accessible_text())
            return spin
        if field.type is FieldType.TERM:
            combo = _narrow(QComboBox())
            combo.setAccessibleName(field.accessible_text())
            if field.vocabulary == "symptoms":  # chronic GVHD signs: donor, Day +30
                terms = service.immunity.symptom_terms(self._keep)
            else:
                terms = service.settings.vocabulary.infections
            for term in terms:
                combo.addItem(term.label, term.id)
        else:
            combo = _combo(
                field.accessible_text(),
                field.shown_choices(),
                optional=field.type is FieldType.SCALE and not field.required,
                words=field.type is not FieldType.UNIT,
            )
            if field.preference == "temperature_unit":
                combo.setCurrentIndex(field.choices.index(service.settings.temperature_unit.value))
        if field.placeholder:
            # Nothing chosen until the user chooses: never one Enter from a false entry.
            combo.setPlaceholderText(_(field.placeholder))
            combo.setCurrentIndex(-1)
        return combo

    def _unit_of(self, kind: EntryKind) -> str:
        """The unit chosen beside the kind's typed number."""
        unit = next(f for f in KINDS[kind].fields if f.type is FieldType.UNIT)
        return unit.choices[self._widgets[kind, unit.name].currentIndex()]

    def select_kind(self, kind: EntryKind) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.value))

    def _fill(self, entry: Entry) -> None:
        self.select_kind(entry.kind)
        self.when.setDateTime(entry.at)
        self.note_edit.setPlainText(entry.note)
        for field in KINDS[entry.kind].fields:
            widget = self._widgets[entry.kind, field.name]
            value = getattr(entry, field.name, None)
            if field.type is FieldType.DECIMAL and value is not None:
                widget.setText(field.display(value, self._unit_of(entry.kind)))
            elif field.type is FieldType.COUNT and value is not None:
                widget.setValue(int(value))
            elif field.type is FieldType.CHOICE and value in field.choices:
                widget.setCurrentIndex(field.choices.index(value))
            elif field.type is FieldType.SCALE and field.required:
                widget.setCurrentIndex(value or 0)
            elif field.type in (FieldType.SCALE, FieldType.TERM):
                widget.setCurrentIndex(widget.findData(value))

    def entry(self) -> Entry:
        """The entry as filled in. Raises EntryError saying what to fix."""
        kind = EntryKind(self.kind_combo.currentData())
        problem = first_problem(self.when)
        if problem:
            raise EntryError(problem)
        at = self.when.value()
        fields: dict = {"at": at, "kind": kind, "note": check_note(self.note_edit.toPlainText())}
        for field in KINDS[kind].fields:
            widget = self._widgets[kind, field.name]
            if field.type is FieldType.DECIMAL:
                fields[field.name] = field.parse(widget.text(), self._unit_of(kind))
            elif field.type is FieldType.COUNT:
                fields[field.name] = float(widget.value())
            elif field.type is FieldType.CHOICE:
                fields[field.name] = field.choices[widget.currentIndex()]
            elif field.type in (FieldType.SCALE, FieldType.TERM):
                if field.required and field.missing and widget.currentData() is None:
                    raise EntryError(_(field.missing))
                fields[field.name] = widget.currentData()
        if self._editing is not None:
            fields["id"] = self._editing.id
        return Entry(**fields)

    @Slot()
    def _on_kind_combo_changed(self) -> None:
        kind = EntryKind(self.kind_combo.currentData())
        self.pages.setCurrentIndex(self._page_of[kind])
        self.note_edit.setPlaceholderText(_(KINDS[kind].note_placeholder))

    @Slot()
    def _on_buttons_accepted(self) -> None:
        try:
            entry = self.entry()
            if self._editing is None:
                self.saved = self._service.log.add(entry).value
            else:
                self.saved = self._service.log.update(entry).value
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
