"""Settings: the transplant, the team, the clinical numbers (with sources) and their history."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from companion.domain.clinical import (
    ALERT_LIMIT_KEYS,
    CLINICAL_SETTINGS,
    FEVER_PRESET_TITLES,
    FEVER_PRESETS,
    SETTINGS_BY_KEY,
    SettingError,
    setting_text,
)
from companion.domain.days import format_date
from companion.domain.emergency import CountryError
from companion.domain.entries import SITES
from companion.domain.labs import CountUnit, HbUnit, number_text
from companion.domain.team import MAX_ADVICE_LENGTH, Team, TeamError
from companion.domain.wording import site_word
from companion.i18n import N_, _
from companion.service.changes import Changes
from companion.service.errors import WriteError
from companion.ui import access, theme, typography
from companion.ui.confirm import ConfirmDialog
from companion.ui.diary import Diary
from companion.ui.forms import (
    TeamForm,
    TransplantForm,
    fit_to_screen,
    guard_wheel,
    scrolling_dialog,
)
from companion.ui.section_bar import SectionBar
from companion.ui.setup_dialog import ErrorLabel
from companion.ui.wrapping import WrapLabel

TEAM_FIELDS = (
    "name",
    "office_phone",
    "after_hours_phone",
    "office_days",
    "office_opens",
    "office_closes",
)
# Each field of the page in words, for the message about a change made elsewhere (marked
# here, translated when shown: ``field_words``).
FIELD_WORDS = {
    "transplant": N_("the transplant (Day 0, kind, source)"),
    "country": N_("the country"),
    "temperature_unit": N_("the temperature unit"),
    "limit_site": N_("where the limits are measured"),
    "count_unit": N_("the blood count unit"),
    "hb_unit": N_("the haemoglobin unit"),
    "team_advice": N_("your team's advice"),
    "team.name": N_("the team's name"),
    "team.office_phone": N_("the office-hours number"),
    "team.after_hours_phone": N_("the after-hours number"),
    "team.office_days": N_("the office days"),
    "team.office_opens": N_("the office opening time"),
    "team.office_closes": N_("the office closing time"),
} | {f"number.{s.key}": s.label for s in CLINICAL_SETTINGS}


def field_words(key: str) -> str:
    """A field of the page in words, in the app's language."""
    return _(FIELD_WORDS[key]) if key in FIELD_WORDS else key


_UNREADABLE = object()  # a field the user is still typing (not a complete value)


def _shown(key: str, value: object) -> str:
    """A field's value in a sentence, numbers with the language's decimal sign."""
    if isinstance(value, str):
        return _("“{value}”").format(value=value) if value else _("empty")
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        if key in SETTINGS_BY_KEY:
            return setting_text(key, value)
        return number_text(value)
    return str(value)


def limit_changes(before: dict[str, float], after: dict[str, float]) -> list[str]:
    """One line per changed alert limit, naming the old and the new value."""
    return [
        _("{setting}: {before} → {after}").format(
            setting=SETTINGS_BY_KEY[key].label_text,
            before=setting_text(key, before[key]),
            after=setting_text(key, after[key]),
        )
        for key in (s.key for s in CLINICAL_SETTINGS)
        if key in ALERT_LIMIT_KEYS and before[key] != after[key]
    ]


def breakable(text: str) -> str:
    """``text`` with a zero-width space after each "/" of a web address, so a long address
    wraps inside a narrow page instead of pushing it wider than the screen."""
    words = []
    for word in text.split(" "):
        if "://" in word or word.count("/") > 1:
            word = word.replace("/", "/\u200b")
        words.append(word)
    return " ".join(words)


class NumbersForm(QWidget):
    """One spin box per clinical number, each with its public source under it.

    Every number is a block of its own: its name above (wrapped), the field, then its
    source (wrapped, long web addresses too), so the page fits any window width and any
    text size and only ever scrolls up and down.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spins: dict[str, QDoubleSpinBox] = {}
        form = QVBoxLayout(self)
        typography.spacing(form, 0.3)
        intro = QLabel(
            _(
                "These numbers shape the timeline and say when the app tells you to call your "
                "team. They come from the public sources shown. Transplant centres differ: if "
                "your team uses other numbers, change them here. Every change is recorded."
            )
        )
        intro.setWordWrap(True)
        form.addWidget(intro)
        self.preset_combo = guard_wheel(QComboBox())
        self.preset_combo.setAccessibleName(_("Fever numbers preset"))
        # Never wider than the page: the list opens as wide as it needs.
        self.preset_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.preset_combo.setMinimumContentsLength(12)
        self.preset_combo.addItem(_("My centre's numbers (as set below)"), None)
        for name in FEVER_PRESETS:
            self.preset_combo.addItem(_(FEVER_PRESET_TITLES[name]), name)
        self.preset_combo.activated.connect(self._on_preset_combo_activated)
        form.addWidget(self._name(_("Fever numbers:"), self.preset_combo))
        form.addWidget(self.preset_combo)
        for setting in CLINICAL_SETTINGS:
            spin = guard_wheel(QDoubleSpinBox())
            spin.setDecimals(setting.decimals)
            step = 10**-setting.decimals
            spin.setSingleStep(step)
            if setting.can_be_off:  # one step below the range reads "Not used" and saves 0
                spin.setRange(setting.minimum - step, setting.maximum)
                spin.setSpecialValueText(_("Not used"))
            else:
                spin.setRange(setting.minimum, setting.maximum)
            spin.setSuffix(f" {setting.unit_text}")
            spin.setAccessibleName(setting.label_text)
            spin.setObjectName(f"number-{setting.key}")
            typography.role(spin, min_lines=2)
            spin.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            source = QLabel(breakable(_("Source: {source}").format(source=setting.source_text)))
            source.setTextFormat(Qt.TextFormat.PlainText)
            source.setWordWrap(True)
            source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            source.setObjectName("number-source")
            form.addSpacing(typography.line() // 2)
            form.addWidget(self._name(_("{name}:").format(name=setting.label_text), spin))
            form.addWidget(spin)
            form.addWidget(source)
            self.spins[setting.key] = spin
        self.defaults_button = QPushButton(_("Put back the published numbers"))
        self.defaults_button.setAccessibleName(_("Put back the published numbers"))
        self.defaults_button.clicked.connect(self._on_defaults_button_clicked)
        form.addSpacing(typography.line() // 2)
        form.addWidget(self.defaults_button, 0, Qt.AlignmentFlag.AlignLeft)
        form.addStretch(1)

    @staticmethod
    def _name(text: str, field: QWidget) -> QLabel:
        """A number's name, above its field (wrapped: never wider than the page)."""
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setBuddy(field)
        typography.role(label, bold=True)
        return label

    def set_values(self, values: dict[str, float]) -> None:
        for key, spin in self.spins.items():
            off = SETTINGS_BY_KEY[key].can_be_off and values[key] == 0
            spin.setValue(spin.minimum() if off else values[key])

    def values(self) -> dict[str, float]:
        result = {}
        for key, spin in self.spins.items():
            off = SETTINGS_BY_KEY[key].can_be_off and spin.value() == spin.minimum()
            result[key] = 0.0 if off else spin.value()
        return result

    @Slot(int)
    def _on_preset_combo_activated(self, index: int) -> None:
        name = self.preset_combo.itemData(index)
        if name is None:
            return
        values = self.values() | dict(FEVER_PRESETS[name])
        self.set_values(values)

    @Slot()
    def _on_defaults_button_clicked(self) -> None:
        self.set_values({s.key: s.default for s in CLINICAL_SETTINGS})


class SettingsPanel(QWidget):
    """The Settings page: what the setup dialog asked, plus the clinical numbers and units;
    see what changed. Save keeps it; "Put back what is saved" forgets unsaved edits.

    Signals:
        saved: the settings were saved.
        add_requested: "Add a second transplant…" pressed.
        language_changed(str): "Open the window in … now" pressed after choosing a
            language (its tag; the choice is already saved).
    """

    saved = Signal()
    add_requested = Signal()
    language_changed = Signal(str)

    def __init__(self, diary: Diary, parent: QWidget | None = None, data_dir=None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self.data_dir = data_dir  # for the login entry's command (None: the default folder)
        service = self._service
        self.setObjectName("settings-page")
        self.transplant_form = TransplantForm(service.today())
        self.team_form = TeamForm()
        self.unit_combo = guard_wheel(QComboBox())
        self.unit_combo.setAccessibleName(_("Temperature unit"))
        self.unit_combo.addItem(_("°C (Celsius)"), "C")
        self.unit_combo.addItem(_("°F (Fahrenheit)"), "F")
        self.site_combo = guard_wheel(QComboBox())
        self.site_combo.setAccessibleName(
            _("Your team's temperature limits are for a reading in the")
        )
        for site in SITES:
            self.site_combo.addItem(site_word(site), site)
        self.count_unit_combo = guard_wheel(QComboBox())
        self.count_unit_combo.setAccessibleName(_("Blood count unit"))
        for unit in CountUnit:
            self.count_unit_combo.addItem(unit.label, unit.value)
        self.hb_unit_combo = guard_wheel(QComboBox())
        self.hb_unit_combo.setAccessibleName(_("Haemoglobin unit"))
        for hb_unit in HbUnit:
            self.hb_unit_combo.addItem(hb_unit.value, hb_unit.value)
        self.advice_edit = QPlainTextEdit()
        self.advice_edit.setAccessibleName(_("Your team's advice, shown on every alert"))
        self.advice_edit.setTabChangesFocus(True)  # Tab goes on; it never types a tab
        typography.role(self.advice_edit, min_lines=5)
        team_page = QWidget()
        team_layout = QVBoxLayout(team_page)
        team_layout.addWidget(self.team_form)
        extra = QFormLayout()
        extra.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for text, field in (
            (_("Temperatures in:"), self.unit_combo),
            (_("Your team's limits are for a reading in the:"), self.site_combo),
            (_("Blood counts in:"), self.count_unit_combo),
            (_("Haemoglobin in:"), self.hb_unit_combo),
            (_("Your team's advice, shown on every alert:"), self.advice_edit),
        ):
            # The words wrap: a form label never does, and in Spanish at 200 % text the
            # longest made the Team section wider than the window.
            extra.addRow(WrapLabel(text, field), field)
        team_layout.addLayout(extra)
        team_layout.addStretch(1)
        self.numbers_form = NumbersForm()
        self.history_list = QListWidget()
        self.history_list.setAccessibleName(_("Change history"))
        self.history_list.setWordWrap(True)

        transplant_page = QWidget()
        transplant_layout = QVBoxLayout(transplant_page)
        self.transplant_note = QLabel()
        self.transplant_note.setWordWrap(True)
        transplant_layout.addWidget(self.transplant_note)
        transplant_layout.addWidget(self.transplant_form)
        self.add_button = typography.role(QPushButton(_("Add a second transplant…")), min_lines=2.2)
        self.add_button.setAccessibleName(_("Add another transplant"))
        self.add_button.setToolTip(
            _("For a tandem or second transplant: it gets its own Day 0 and day count.")
        )
        self.add_button.clicked.connect(self.add_requested)
        transplant_layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        transplant_layout.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("settings-tabs")
        self.tabs.setUsesScrollButtons(True)
        self.tabs.addTab(_scrolled(transplant_page), _("Transplant"))
        self.tabs.addTab(_scrolled(team_page), _("Team"))
        self.tabs.addTab(_scrolled(self.numbers_form), _("Numbers and sources"))
        self.tabs.addTab(_scrolled(self._reminders_page()), _("Reminders"))
        self.tabs.addTab(_scrolled(self._language_page()), _("Language"))
        self.tabs.addTab(self.history_list, _("Change history"))
        # The sections as a row of buttons that wraps: a tab bar hid "Change history" behind
        # scroll arrows at 200 % text, and Spanish names are longer still.
        self.sections = SectionBar(self.tabs)

        self.error_label = ErrorLabel()
        self.status = QLabel()
        self.status.setObjectName("settings-status")
        self.status.setWordWrap(True)
        self.status.hide()
        self.save_button = typography.role(QPushButton(_("Save")), min_lines=2.2)
        self.save_button.setAccessibleName(_("Save the settings"))
        theme.make_primary(self.save_button)
        self.cancel_button = typography.role(
            QPushButton(_("Put back what is saved")), min_lines=2.2
        )
        self.cancel_button.setAccessibleName(_("Put back what is saved"))
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        buttons = QHBoxLayout()
        typography.spacing(buttons, 0.6)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        typography.spacing(layout, 0.5, margins=0.8)
        title = typography.heading(QLabel(_("Settings")), 1)
        title.setObjectName("settings-title")
        self.title = title
        layout.addWidget(title)
        layout.addWidget(self.sections)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._saving = False
        self._conflicts: dict[str, object] = {}  # field -> the value saved elsewhere
        self.load()
        diary.changed.connect(self._on_diary_changed)
        self.tabs.currentChanged.connect(self.updateGeometry)  # a longer section: see below
        for index in range(self.tabs.count()):
            area = self.tabs.widget(index)
            if isinstance(area, QScrollArea):  # a section grew or shrank: see below
                area.viewport().installEventFilter(self)

    # One scroll bar at a time ------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the page asks heightForWidth again
        return super().eventFilter(watched, event)

    def heightForWidth(self, width: int) -> int:
        """How tall the page it sits on makes it. Where the window has room the section
        scrolls inside the page with Save in view below it (the page's least height); on a
        short window (1024×600 at 200 % text, an alert card open) the section would be a
        slot of three or four lines inside a page that scrolls too: there the section is as
        tall as what it holds and the page scrolls as a whole, one scroll bar."""
        least = self.layout().totalMinimumHeightForWidth(width)
        holder = self.parentWidget().parentWidget() if self.parentWidget() else None
        area = self.tabs.currentWidget()
        if not isinstance(holder, QScrollArea) or not isinstance(area, QScrollArea):
            return least
        room = holder.viewport().height()
        slot = room - (least - self.tabs.minimumSizeHint().height())
        if slot >= typography.line() * SECTION_LEAST_LINES:
            return least
        inner = area.widget()
        # What the frames around the section's text take (the same at any width).
        side = self.width() - area.viewport().width() if self.width() else 0
        content_width = max(1, width - side)
        if inner.hasHeightForWidth():
            content = inner.heightForWidth(content_width)
        else:
            content = inner.sizeHint().height()
        frames = self.tabs.height() - area.viewport().height() if self.tabs.height() else 0
        return max(least, least - self.tabs.minimumSizeHint().height() + content + frames)

    # Reminders: starting at login (the rest of the reminder settings are on Medicines) ---

    def _reminders_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        why = QLabel(
            _(
                "Reminders (doses of your medicines, temperature checks) pop up as desktop "
                "notifications. Started when you log in, the app waits in the tray, so they "
                "come with the window closed. Which reminders pop up, and when a dose counts "
                "as missed, are on the Medicines page, under Reminders."
            )
        )
        why.setTextFormat(Qt.TextFormat.PlainText)
        why.setWordWrap(True)
        layout.addWidget(why)
        self.autostart_check = typography.role(QCheckBox(_("Start when I log in")), indicator=True)
        self.autostart_check.setAccessibleDescription(
            _("In the tray, so reminders come with the window closed. Changed at once.")
        )
        self.autostart_status = QLabel()
        self.autostart_status.setTextFormat(Qt.TextFormat.PlainText)
        self.autostart_status.setWordWrap(True)
        layout.addWidget(self.autostart_check)
        layout.addWidget(self.autostart_status)
        layout.addStretch(1)
        self._load_autostart()
        self.autostart_check.toggled.connect(self._on_autostart_check_toggled)
        return page

    # Language: this computer's, not the diary's (saved at once, like starting at login) --

    def _language_page(self) -> QWidget:
        from companion import i18n
        from companion.ui import language

        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.language_combo = guard_wheel(QComboBox())
        self.language_combo.setObjectName("language-combo")
        self.language_combo.setAccessibleName(_("Language of the app"))
        for tag, name in language.choices():
            self.language_combo.addItem(name, tag)
        current = self.language_combo.findData(i18n.language())
        self.language_combo.setCurrentIndex(max(0, current))
        form.addRow(_("Language of the app:"), self.language_combo)
        layout.addLayout(form)
        note = QLabel(
            _(
                "The language belongs to this computer, not to the diary: it is saved as soon "
                "as you choose it (Save is not needed)."
            )
        )
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.language_status = QLabel()
        self.language_status.setTextFormat(Qt.TextFormat.PlainText)
        self.language_status.setWordWrap(True)
        layout.addWidget(self.language_status)
        self.language_button = typography.role(QPushButton(), min_lines=2.2)
        self.language_button.setObjectName("language-now")
        self.language_button.hide()
        self.language_button.clicked.connect(self._on_language_button_clicked)
        layout.addWidget(self.language_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.language_combo.activated.connect(self._on_language_combo_activated)
        return page

    @Slot(int)
    def _on_language_combo_activated(self, index: int) -> None:
        """Saved at once on this computer; the window shows it when built again."""
        from companion import i18n
        from companion.ui import language

        tag = self.language_combo.itemData(index)
        language.save(tag)
        name = self.language_combo.itemText(index)
        if tag == i18n.language():
            self.language_status.setText(_("The app is in {language}.").format(language=name))
            self.language_button.hide()
            return
        self.language_status.setText(
            _(
                "Saved: the app opens in {language} from now on. The pages you see now change "
                "when the window opens again."
            ).format(language=name)
        )
        self.language_button.setText(_("Open the window in {language} now").format(language=name))
        self.language_button.setAccessibleName(self.language_button.text())
        self.language_button.show()
        access.announce(self, self.language_status.text())

    @Slot()
    def _on_language_button_clicked(self) -> None:
        self.language_changed.emit(self.language_combo.currentData())

    def _load_autostart(self) -> None:
        from companion import autostart

        self.autostart_check.blockSignals(True)
        self.autostart_check.setChecked(autostart.is_enabled())
        self.autostart_check.blockSignals(False)

    @Slot(bool)
    def _on_autostart_check_toggled(self, on: bool) -> None:
        """Applied at once (it is a file of the desktop's, not a value in the diary), and
        remembered so the app never turns it on again by itself."""
        from companion import autostart
        from companion.service.medicines import AUTOSTART_KEY

        try:
            autostart.set_enabled(on, autostart.launcher(self.data_dir))
        except OSError as error:
            self.autostart_status.setText(
                _("Starting at login could not be changed: {reason}").format(reason=error)
            )
            self._load_autostart()
            return
        self._service.settings.save(preferences={AUTOSTART_KEY: "on" if on else "off"})
        self.autostart_status.setText(
            _("The app starts in the tray when you log in.")
            if on
            else _("The app does not start when you log in: reminders come only while it runs.")
        )

    def resizeEvent(self, event) -> None:
        """A short page (a small screen, large text, an alert card above it) gives its
        heading's room to the fields: the page list already says this is Settings."""
        super().resizeEvent(event)
        self.title.setVisible(event.size().height() >= typography.line() * 18)

    def load(self) -> None:
        """Fill every field from the diary (what is saved now)."""
        service = self._service
        self.transplant_form.set_transplant(service.transplants.active)
        if service.settings.team is not None:
            self.team_form.set_team(service.settings.team)
        self.team_form.set_country(service.settings.country)
        self.unit_combo.setCurrentIndex(
            self.unit_combo.findData(service.settings.temperature_unit.value)
        )
        self.site_combo.setCurrentIndex(self.site_combo.findData(service.settings.limit_site))
        self.count_unit_combo.setCurrentIndex(
            self.count_unit_combo.findData(service.settings.count_unit.value)
        )
        self.hb_unit_combo.setCurrentIndex(
            self.hb_unit_combo.findData(service.settings.hb_unit.value)
        )
        self.advice_edit.setPlainText(service.settings.team_advice_text)
        self.numbers_form.set_values(
            {s.key: service.settings.numbers[s.key] for s in CLINICAL_SETTINGS}
        )
        self._refresh_history()
        self._numbers_before = {s.key: service.settings.numbers[s.key] for s in CLINICAL_SETTINGS}
        self.transplant_note.setText(
            _(
                "You are editing transplant {number}. If Day 0 moves, change it here: the whole "
                "timeline moves with it, and the change is recorded."
            ).format(number=service.transplants.active.number)
        )
        self.error_label.hide()
        self._base = self._saved_state()
        self._loaded = self._form_state()
        self._conflicts = {}

    # Following the diary: save only what the user changed ------------------------------------

    def _saved_state(self) -> dict[str, object]:
        """What the diary holds now, field by field (see ``FIELD_WORDS``)."""
        service = self._service
        team = service.settings.team or Team()
        state: dict[str, object] = {
            "transplant": service.transplants.active,
            "country": service.settings.country,
            "temperature_unit": service.settings.temperature_unit.value,
            "limit_site": service.settings.limit_site,
            "count_unit": service.settings.count_unit.value,
            "hb_unit": service.settings.hb_unit.value,
            "team_advice": service.settings.team_advice_text,
        }
        state |= {f"team.{name}": getattr(team, name) for name in TEAM_FIELDS}
        state |= {f"number.{s.key}": service.settings.numbers[s.key] for s in CLINICAL_SETTINGS}
        return state

    def _form_state(self) -> dict[str, object]:
        """What the form shows now, field by field (the same keys as ``_saved_state``)."""
        form = self.transplant_form
        state: dict[str, object] = {
            "transplant": form.transplant() if form.problem() is None else _UNREADABLE,
            "country": self.team_form.country(),
            "temperature_unit": self.unit_combo.currentData(),
            "limit_site": self.site_combo.currentData(),
            "count_unit": self.count_unit_combo.currentData(),
            "hb_unit": self.hb_unit_combo.currentData(),
            "team_advice": " ".join(self.advice_edit.toPlainText().split()),
        }
        team = self.team_form
        state |= {
            "team.name": team.name_edit.text(),
            "team.office_phone": team.office_edit.text(),
            "team.after_hours_phone": team.after_edit.text(),
            "team.office_days": team.days_combo.currentData(),
            "team.office_opens": team.opens_edit.text(),
            "team.office_closes": team.closes_edit.text(),
        }
        numbers = self.numbers_form.values()
        state |= {f"number.{key}": value for key, value in numbers.items()}
        return state

    def edited(self) -> set[str]:
        """The fields the user changed since the form was filled."""
        now = self._form_state()
        return {key for key, value in now.items() if value != self._loaded.get(key)}

    def _show_saved(self, key: str, value: object) -> None:
        """Put one field back to what the diary holds (a field the user did not touch)."""
        service = self._service
        if key == "transplant":
            self.transplant_form.set_transplant(service.transplants.active)
        elif key.startswith("team."):
            kept = self._form_state()
            self.team_form.set_team(service.settings.team or Team())
            # Only this field follows; the user's edits of the others stay.
            for other in self.edited_since(kept):
                self._restore_field(other, kept[other])
        elif key == "country":
            self.team_form.set_country(str(value))
        elif key == "team_advice":
            self.advice_edit.setPlainText(str(value))
        elif key.startswith("number."):
            self.numbers_form.set_values(self.numbers_form.values() | {key[7:]: float(value)})
        else:
            combo = {
                "temperature_unit": self.unit_combo,
                "limit_site": self.site_combo,
                "count_unit": self.count_unit_combo,
                "hb_unit": self.hb_unit_combo,
            }[key]
            combo.setCurrentIndex(combo.findData(value))

    def edited_since(self, kept: dict[str, object]) -> set[str]:
        return {k for k, v in kept.items() if k.startswith("team.") and v != self._loaded.get(k)}

    def _restore_field(self, key: str, value: object) -> None:
        team = self.team_form
        if key in ("team.name", "team.office_phone", "team.after_hours_phone"):
            edit = {
                "team.name": team.name_edit,
                "team.office_phone": team.office_edit,
                "team.after_hours_phone": team.after_edit,
            }[key]
            edit.setText(str(value))
        elif key == "team.office_days":
            team.days_combo.setCurrentIndex(team.days_combo.findData(value))
        else:
            field = team.opens_edit if key == "team.office_opens" else team.closes_edit
            field.setText(str(value))

    @Slot(object)
    def _on_diary_changed(self, changes: Changes) -> None:
        """Settings changed elsewhere (the command line, another window): fields the user did
        not touch follow at once; a field the user changed too is a conflict, shown now and
        asked about on Save (never overwritten silently, either way)."""
        if self._saving or not changes.touches("settings", "team", "journey", "history"):
            return
        self._refresh_history()
        now = self._saved_state()
        elsewhere = {key for key, value in now.items() if value != self._base.get(key)}
        if not elsewhere:
            return
        edited = self.edited()
        for key in sorted(elsewhere - edited):
            self._show_saved(key, now[key])
        fresh = self._form_state()
        for key in elsewhere - edited:
            self._loaded[key] = fresh[key]
        for key in elsewhere & edited:
            self._conflicts[key] = now[key]
        self._base = now
        if elsewhere & edited:
            names = ", ".join(field_words(k) for k in sorted(elsewhere & edited))
            self._say(
                _(
                    "Changed elsewhere while you were editing: {fields}. Save asks before it "
                    "replaces that change with yours; “Put back what is saved” shows it."
                ).format(fields=names)
            )
        else:
            self._say(_("Updated with changes saved elsewhere."))

    def _refresh_history(self) -> None:
        self.history_list.clear()
        for record in reversed(self._service.history()):
            self.history_list.addItem(
                _("{date} {time} — {change}").format(
                    date=format_date(record.at.date()),
                    time=f"{record.at:%H:%M}",
                    change=record.sentence,
                )
            )

    def _conflicts_confirmed(self, edited: set[str]) -> bool:
        clashing = [key for key in sorted(edited) if key in self._conflicts]
        if not clashing:
            return True
        lines = "\n".join(
            _("• {field}: now {value}").format(
                field=field_words(key), value=_shown(key, self._conflicts[key])
            )
            for key in clashing
        )
        text = _(
            "While you were editing, these were changed elsewhere (on the command line or in "
            "another window):\n\n{fields}\n\nSave replaces them with what you typed."
        ).format(fields=lines)
        return ConfirmDialog.ask(self, _("Changed elsewhere"), text, _("Save mine"))

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()
        access.announce(self.status, text)

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        self.load()
        self._say(_("Put back what is saved."))

    @Slot()
    def _on_save_button_clicked(self) -> None:
        self.status.hide()
        problem = self.transplant_form.problem()
        if problem is not None:
            self.tabs.setCurrentIndex(0)
            self.error_label.show_problem(problem[0])
            problem[1].setFocus()
            return
        edited = self.edited()
        if not edited:
            self._say(_("Nothing has changed since it was saved."))
            return
        try:
            advice = " ".join(self.advice_edit.toPlainText().split())
            if len(advice) > MAX_ADVICE_LENGTH:
                raise TeamError(
                    _(
                        "The team's advice is too long: please keep it under {count} letters."
                    ).format(count=MAX_ADVICE_LENGTH)
                )
            everything = {
                "temperature_unit": self.unit_combo.currentData(),
                "limit_site": self.site_combo.currentData(),
                "count_unit": self.count_unit_combo.currentData(),
                "hb_unit": self.hb_unit_combo.currentData(),
                "country": self.team_form.country(),
            }
            if advice:
                everything["team_advice"] = advice
            # Only what the user changed is saved: a field changed elsewhere meanwhile and
            # not touched here is never written back with its old value.
            preferences = {key: value for key, value in everything.items() if key in edited}
            typed = self.numbers_form.values()
            numbers = {key: typed[key] for key in typed if f"number.{key}" in edited}
            team = None
            team_edits = {key[5:] for key in edited if key.startswith("team.")}
            if team_edits:
                mine = self.team_form.team()
                saved = self._service.settings.team or Team()
                team = replace(saved, **{name: getattr(mine, name) for name in team_edits})
            transplant = self.transplant_form.transplant() if "transplant" in edited else None
            if not self._limits_confirmed(self._service_numbers() | numbers):
                return
            if not self._conflicts_confirmed(edited):
                return
            self._saving = True
            try:
                self._service.settings.save(transplant, team, numbers, preferences)
            finally:
                self._saving = False
        except (TeamError, CountryError) as error:
            self.tabs.setCurrentIndex(1)
            self.error_label.show_problem(str(error))
            self.team_form.field_for(getattr(error, "field", "")).setFocus()
            return
        except SettingError as error:
            self.tabs.setCurrentIndex(2)
            self.error_label.show_problem(str(error))
            return
        except WriteError as error:
            self.error_label.show_problem(str(error))
            return
        except ValueError as error:
            self.tabs.setCurrentIndex(0)
            self.error_label.show_problem(str(error))
            return
        self.load()
        self._say(_("Saved. Every change is in the change history."))
        self.saved.emit()

    def _service_numbers(self) -> dict[str, float]:
        return {s.key: self._service.settings.numbers[s.key] for s in CLINICAL_SETTINGS}

    def _limits_confirmed(self, numbers: dict[str, float]) -> bool:
        """A change to any number that decides when to call is confirmed, naming the old and
        new values (a limit set high is pointed out)."""
        lines = limit_changes(self._numbers_before, numbers)
        if not lines:
            return True
        text = _("You are changing when the app tells you to call:") + "\n\n"
        text += "\n".join(f"• {line}" for line in lines)
        outside = [
            SETTINGS_BY_KEY[key]
            for key, value in numbers.items()
            if value != self._numbers_before[key] and SETTINGS_BY_KEY[key].outside_published(value)
        ]
        for setting in outside:
            value = setting_text(setting.key, numbers[setting.key])
            text += "\n\n" + _(
                "{value} is outside what the published sources give for “{setting}” "
                "({published}). Please check it against what your team gave you."
            ).format(value=value, setting=setting.label_text, published=setting.published_text())
        text += "\n\n" + _("The change is recorded in the change history. Save it?")
        return ConfirmDialog.ask(self, _("Change an alert limit?"), text, _("Save the change"))


class SettingsDialog(QDialog):
    """The Settings page's panel in a dialog of its own (the window shows it as a page;
    this is kept for callers that want it apart). Its fields are the panel's."""

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Settings"))
        self.setObjectName("settings-dialog")
        self.panel = SettingsPanel(diary)
        self.panel.saved.connect(self.accept)
        self.panel.add_requested.connect(self._on_panel_add_requested)
        self.panel.cancel_button.setText(_("Cancel"))
        self.panel.cancel_button.clicked.disconnect()
        self.panel.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        fit_to_screen(self, (900, 720))
        self.add_requested = False

    def __getattr__(self, name: str):
        # The fields live on the panel: dialog.save_button is the panel's Save button.
        if name == "panel":
            raise AttributeError(name)
        return getattr(self.panel, name)

    @Slot()
    def _on_panel_add_requested(self) -> None:
        self.add_requested = True
        self.reject()

    @staticmethod
    def ask(diary: Diary, parent: QWidget | None = None) -> bool:
        """Show the dialog. Returns True when the user asked to add another transplant."""
        dialog = SettingsDialog(diary, parent)
        dialog.exec()
        return dialog.add_requested


class AddTransplantDialog(QDialog):
    """A second (tandem) transplant: its own kind, source, Day 0 and conditioning start."""

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        journey = self._service.transplants.journey
        self.setWindowTitle(_("Add another transplant"))
        latest = journey.latest if journey else None
        start = (latest.day0 + timedelta(days=60)) if latest else self._service.today()
        self.form = TransplantForm(start)
        if latest is not None:
            self.form.kind_buttons[latest.kind].setChecked(True)
            self.form.source_buttons[latest.source].setChecked(True)
        note = QLabel(
            _(
                "The new transplant gets its own Day 0. Its days are counted from there. "
                "Your first transplant stays in your history."
            )
        )
        note.setWordWrap(True)
        self.error_label = ErrorLabel()
        buttons = QDialogButtonBox()
        self.add_button = buttons.addButton(
            _("Add transplant"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.add_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(note)
        layout.addWidget(self.form)
        scrolling_dialog(self, body, [self.error_label, buttons])

    @Slot()
    def _on_buttons_accepted(self) -> None:
        problem = self.form.problem()
        if problem is not None:
            self.error_label.show_problem(problem[0])
            return
        try:
            self._service.transplants.add(self.form.transplant())
        except (ValueError, WriteError) as error:
            self.error_label.show_problem(str(error))
            return
        self.accept()

    @staticmethod
    def ask(diary: Diary, parent: QWidget | None = None) -> None:
        AddTransplantDialog(diary, parent).exec()


# Below this many lines for a section between the buttons, the page scrolls as a whole.
SECTION_LEAST_LINES = 8


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields in it
    area.setWidget(widget)
    return area
