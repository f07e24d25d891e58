"""The questions notebook: add a question from anywhere (one shortcut, a box, Enter); it
belongs to the next visit unless moved; mark it answered with the answer; a list per
appointment and of all questions, searchable."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from companion.domain.visits import PlacedQuestion, VisitError
from companion.domain.wording import appointment_time, question_place
from companion.i18n import N_, _
from companion.service.changes import Changes
from companion.ui.diary import Diary
from companion.ui.table_model import RowsModel
from companion.ui.text import plain_label, set_plain

QUESTION, FOR, ANSWER = range(3)
HEADERS = (N_("Question"), N_("For"), N_("Answer"))
ALL, NEXT = "all", "next"


class QuestionSeams:
    """The blocking questions the notebook asks, behind a seam tests replace."""

    @staticmethod
    def ask_answer(parent: QWidget, question: str) -> str | None:
        text, ok = QInputDialog.getMultiLineText(
            parent,
            _("The team's answer"),
            _("{question}\n\nWhat did the team say?").format(question=question),
        )
        return text if ok else None

    @staticmethod
    def ask_appointment(parent: QWidget, choices: list[str]) -> int | None:
        """The index of the chosen appointment in ``choices``, or None."""
        text, ok = QInputDialog.getItem(
            parent, _("Move the question"), _("Ask it at:"), choices, 0, False
        )
        return choices.index(text) if ok else None


class QuestionsModel(RowsModel):
    """The questions shown: one appointment's, the next visit's, or all; filtered by text."""

    HEADERS = HEADERS

    def __init__(self, diary: Diary, parent=None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self._rows: list[PlacedQuestion] = []
        self.scope: str | int = ALL
        self.search = ""
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        service = self._service
        search = self.search.strip()
        rows = service.visits.search_questions(search) if search else service.visits.questions()
        if self.scope == NEXT:
            wanted = {p.id for p in service.visits.questions_for_next_visit()}
            rows = [p for p in rows if p.id in wanted]
        elif isinstance(self.scope, int):
            rows = [p for p in rows if p.appointment is not None and p.appointment.id == self.scope]
        # Unanswered first, then answered (newest answer first).
        self._rows = [p for p in rows if not p.question.answered] + sorted(
            (p for p in rows if p.question.answered),
            key=lambda p: p.question.answered_at,
            reverse=True,
        )
        self.endResetModel()

    def placed(self, row: int) -> PlacedQuestion:
        return self._rows[row]

    def rows(self) -> list:
        return self._rows

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        placed = self._rows[index.row()]
        question = placed.question
        column = index.column()
        if column == QUESTION:
            mark = "✓ " if question.answered else "? "
            return mark + question.text
        if column == FOR:
            where = question_place(placed.appointment, self._service.today())
            if placed.carried_from is not None:
                where = _("{place} (moved on from the {appointment})").format(
                    place=where, appointment=placed.carried_from.what
                )
            return where[:1].upper() + where[1:]
        return question.answer if question.answered else _("not answered yet")


def add_question(diary: Diary, text: str) -> str:
    """Add ``text`` for the next visit (Edit → Undo takes it back); return what to say.

    Raises VisitError (nothing saved) for an empty or too long question."""
    service = diary.service
    saved = service.visits.add_question(text).value
    placed = next(p for p in service.visits.questions() if p.id == saved.id)
    return _("Saved for {place}.").format(place=question_place(placed.appointment, service.today()))


class QuickQuestionDialog(QDialog):
    """The box behind the shortcut: type the question, press Enter. Esc cancels."""

    def __init__(self, diary: Diary, parent=None) -> None:
        super().__init__(parent)
        self.diary = diary
        self.setWindowTitle(_("A question for your next visit"))
        self.edit = QLineEdit()
        self.edit.setAccessibleName(_("Your question"))
        self.edit.setPlaceholderText(_("Type your question and press Enter"))
        self.edit.setMinimumHeight(int(self.fontMetrics().height() * 2.4))
        self.edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 60)
        following = diary.service.visits.questions_for_next_visit()
        visit = next((p.appointment for p in following if p.appointment), None)
        if visit is None:
            from companion.domain.visits import next_visit

            visit = next_visit(diary.service.visits.appointments(), diary.service.today())
        self.for_label = plain_label(
            _("For {place}. You can move it later.").format(
                place=question_place(visit, diary.service.today())
            )
        )
        self.for_label.setWordWrap(True)  # a long appointment (or language) wraps
        self.error_label = plain_label()
        self.error_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.for_label)
        layout.addWidget(self.error_label)
        self.edit.returnPressed.connect(self._on_edit_return_pressed)
        self.said = ""

    @Slot()
    def _on_edit_return_pressed(self) -> None:
        try:
            self.said = add_question(self.diary, self.edit.text())
        except VisitError as error:
            set_plain(self.error_label, f"⚠ {error}")
            return
        self.accept()

    @staticmethod
    def ask(diary: Diary, parent=None) -> str:
        dialog = QuickQuestionDialog(diary, parent)
        dialog.exec()
        return dialog.said


class QuestionsNotebook(QWidget):
    """Add, find, answer and move the questions for the team."""

    def __init__(self, diary: Diary, parent=None) -> None:
        super().__init__(parent)
        self.diary = diary
        self.setObjectName("questions-notebook")
        height = int(self.fontMetrics().height() * 2.2)
        self.add_edit = QLineEdit()
        self.add_edit.setAccessibleName(_("New question"))
        self.add_edit.setPlaceholderText(_("Type a question for the team and press Enter"))
        self.add_button = QPushButton(_("Add question"))
        self.message = plain_label()
        self.message.setWordWrap(True)
        self.message.setObjectName("questions-message")
        self.scope_combo = QComboBox()
        self.scope_combo.setAccessibleName(_("Which questions"))
        # As wide as the room gives, not as its longest appointment: the page never
        # scrolls sideways (the list shows each choice in full).
        self.scope_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        # Its fixed choices whole: "Todas las preguntas" was cut to "Todas las pregunt…".
        self.scope_combo.setMinimumContentsLength(
            max(12, len(_("All questions")), len(_("For the next visit")))
        )
        self.search_edit = QLineEdit()
        self.search_edit.setAccessibleName(_("Search the questions"))
        self.search_edit.setPlaceholderText(_("Search"))
        self.search_edit.setClearButtonEnabled(True)
        self.model = QuestionsModel(diary, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Questions"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QUESTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FOR, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ANSWER, QHeaderView.ResizeMode.Stretch)
        self.answer_button = QPushButton(_("Mark answered…"))
        self.move_button = QPushButton(_("Move to…"))
        self.delete_button = QPushButton(_("Delete"))
        for widget in (
            self.add_edit,
            self.add_button,
            self.scope_combo,
            self.search_edit,
            self.answer_button,
            self.move_button,
            self.delete_button,
        ):
            widget.setMinimumHeight(height)
        for button in (self.add_button, self.answer_button, self.move_button, self.delete_button):
            button.setAccessibleName(button.text().rstrip("…"))
        top = QHBoxLayout()
        top.addWidget(self.add_edit, 1)
        top.addWidget(self.add_button)
        filters = QHBoxLayout()
        # The label names the list for a screen reader: on Linux Qt gives a combo box's
        # current choice as its name, and its label through this relation (issue 23).
        self.scope_label = plain_label(_("Show:"))
        self.scope_label.setBuddy(self.scope_combo)
        filters.addWidget(self.scope_label)
        filters.addWidget(self.scope_combo, 1)
        actions = QHBoxLayout()
        for button in (self.answer_button, self.move_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addLayout(filters)
        # The search on a line of its own: beside the filter's whole choice ("Todas las
        # preguntas") at 200 % there was no room for both.
        layout.addWidget(self.search_edit)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.add_edit.returnPressed.connect(self._on_add)
        self.add_button.clicked.connect(self._on_add)
        self.scope_combo.activated.connect(self._on_scope_combo_activated)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.answer_button.clicked.connect(self.answer_selected)
        self.move_button.clicked.connect(self.move_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        diary.changed.connect(self._on_diary_changed)
        self._fill_scopes()
        self._update_buttons()

    def _fill_scopes(self) -> None:
        current = self.scope_combo.currentData()
        service = self.diary.service
        self.scope_combo.blockSignals(True)
        self.scope_combo.clear()
        self.scope_combo.addItem(_("All questions"), ALL)
        self.scope_combo.addItem(_("For the next visit"), NEXT)
        today = service.today()
        for appointment in (
            service.visits.upcoming_appointments() + service.visits.past_appointments()
        ):
            what = appointment.what
            self.scope_combo.addItem(
                f"{what[:1].upper()}{what[1:]} {appointment_time(appointment.at, today)}",
                appointment.id,
            )
        index = self.scope_combo.findData(current) if current is not None else 0
        self.scope_combo.setCurrentIndex(max(0, index))
        self.scope_combo.blockSignals(False)
        self.model.scope = self.scope_combo.currentData()

    def _on_diary_changed(self, changes: Changes) -> None:
        if changes.touches("appointments", "journey"):
            self._fill_scopes()
        if changes.touches("questions", "appointments", "journey"):
            self.model.reload()
            self._update_buttons()

    @Slot()
    def _on_add(self) -> None:
        try:
            said = add_question(self.diary, self.add_edit.text())
        except VisitError as error:
            set_plain(self.message, f"⚠ {error}")
            return
        self.add_edit.clear()
        set_plain(self.message, said)

    @Slot(int)
    def _on_scope_combo_activated(self, _index: int) -> None:
        self.model.scope = self.scope_combo.currentData()
        self.model.reload()
        self._update_buttons()

    @Slot(str)
    def _on_search_edit_text_changed(self, text: str) -> None:
        self.model.search = text
        self.model.reload()
        self._update_buttons()

    def selected(self) -> PlacedQuestion | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.placed(rows[0].row()) if rows else None

    @Slot()
    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.answer_button.setEnabled(chosen is not None)
        self.move_button.setEnabled(chosen is not None and not chosen.question.answered)
        self.delete_button.setEnabled(chosen is not None)

    @Slot()
    def answer_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        text = QuestionSeams.ask_answer(self, chosen.question.text)
        if text is None:
            return
        service, qid = self.diary.service, chosen.id
        try:
            service.visits.answer_question(qid, text)
        except VisitError as error:
            set_plain(self.message, f"⚠ {error}")
            return
        set_plain(self.message, _("Answer saved."))

    @Slot()
    def move_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        service = self.diary.service
        today = service.today()
        targets = [None, *service.visits.upcoming_appointments()]
        labels = [_("The next visit, whichever it is")] + [
            f"{a.what[:1].upper()}{a.what[1:]} {appointment_time(a.at, today)}" for a in targets[1:]
        ]
        index = QuestionSeams.ask_appointment(self, labels)
        if index is None:
            return
        target = targets[index]
        qid = chosen.id
        to = target.id if target is not None else None
        try:
            service.visits.move_question(qid, to)
        except VisitError as error:
            set_plain(self.message, f"⚠ {error}")
            return
        set_plain(
            self.message,
            _("Moved to {place}.").format(place=f"{labels[index][:1].lower()}{labels[index][1:]}"),
        )

    @Slot()
    def delete_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        service, qid = self.diary.service, chosen.id
        service.visits.delete_question(qid)
        set_plain(self.message, _("Question deleted. Ctrl+Z brings it back."))
