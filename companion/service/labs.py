"""``service.labs``: blood counts and transfusions, the date the team said counts recovered,
and what the counts say about neutrophil recovery."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from companion.domain.engraftment import ANC_THRESHOLD, NeutrophilRecovery, neutrophil_status
from companion.domain.journey import Transplant
from companion.domain.labs import LabResult, Transfusion
from companion.service.changes import Changes
from companion.service.operations import Op
from companion.storage.lab_repository import LabRepository

if TYPE_CHECKING:
    from companion.service.diary import DiaryService


class Labs:
    """``service.labs``: every write is one operation, undoable from the journal."""

    def __init__(self, service: DiaryService) -> None:
        self._service = service
        self._repo = LabRepository(service.db)

    # Reading ------------------------------------------------------------------------------

    def all(self) -> list[LabResult]:
        """Every blood count kept, oldest first."""
        return self._service._cached("labs", self._repo.labs)

    def on(self, day: date) -> list[LabResult]:
        return self._repo.labs(on=day)

    def transfusions(self) -> list[Transfusion]:
        return self._service._cached("transfusions", self._repo.transfusions)

    def latest_anc(self) -> tuple[date, float] | None:
        """The latest neutrophil count entered (date, ×10⁹/L), or None."""
        found = [lab for lab in self._repo.labs() if lab.anc is not None]
        return (found[-1].day, found[-1].anc) if found else None  # type: ignore[return-value]

    def neutrophil_status(self, transplant: Transplant | None = None) -> NeutrophilRecovery:
        """Neutrophil recovery for ``transplant`` (default: the active one): met (from the
        values, or the team's date), not yet, or not applicable; and a later fall below
        0.5, told apart from the first recovery."""
        transplants = self._service.transplants
        transplant = transplant or transplants.active
        journey = transplants.journey
        assert journey is not None
        later = [t.day0 for t in journey.transplants if t.day0 > transplant.day0]
        until = min(later) if later else None
        values = [
            (lab.day, lab.anc)
            for lab in self.all()
            if lab.anc is not None
            and lab.day >= transplant.day0
            and (until is None or lab.day < until)
        ]
        team_date = transplant.neutrophil_recovery if transplant.recovery_source == "team" else None
        return neutrophil_status(values, team_date)

    def neutrophils_low_again(self) -> tuple[date, float] | None:
        """The latest neutrophil count (date, ×10⁹/L) of the active transplant when it is
        below 0.5 after the counts had recovered, else None: the Today page and the
        command line's ``today`` tell the patient to contact the team (nurse review 2)."""
        transplant = self._service.transplants.active
        status = self.neutrophil_status(transplant)
        if status.fallen_again is None:
            return None
        latest = [
            (lab.day, lab.anc)
            for lab in self.all()
            if lab.anc is not None and lab.day >= transplant.day0
        ]
        if not latest or latest[-1][1] >= ANC_THRESHOLD:
            return None
        return latest[-1]  # type: ignore[return-value]

    def counts_check_in_due(self) -> bool:
        """Past Day +30 (blood/marrow) or +42 (cord) with no recovery known: suggest asking."""
        transplant = self._service.transplants.active
        if transplant.neutrophil_recovery is not None:
            return False
        numbers = self._service.settings.numbers
        return transplant.day_number(self._service.today()) > numbers.counts_check_in_day(
            transplant.source
        )

    # Writing ------------------------------------------------------------------------------

    def add(self, result: LabResult) -> Op[LabResult]:
        """Save a blood count (the value: it, with its id). Raises LabError with a message
        for the user; nothing saved then."""
        with self._service._operation("add_lab"):
            saved = self._repo.add_lab(result, self._service.now())
        return self._service._result(saved, Changes(labs=True, journey=True))

    def delete(self, lab_id: int) -> Op[None]:
        """Delete a blood count (kept while undo can bring it back)."""
        with self._service._operation("delete_lab"):
            self._repo.delete_lab(lab_id, self._service.now())
        return self._service._result(None, Changes(labs=True, journey=True))

    def add_transfusion(self, transfusion: Transfusion) -> Op[Transfusion]:
        with self._service._operation("add_transfusion"):
            saved = self._repo.add_transfusion(transfusion, self._service.now())
        return self._service._result(saved, Changes(labs=True))

    def delete_transfusion(self, transfusion_id: int) -> Op[None]:
        """Delete a transfusion (kept while undo can bring it back)."""
        with self._service._operation("delete_transfusion"):
            self._repo.delete_transfusion(transfusion_id, self._service.now())
        return self._service._result(None, Changes(labs=True))

    def set_team_engraftment(self, on: date | None) -> Op[None]:
        """ "My team told me my counts recovered" on ``on`` (None clears it)."""
        active = self._service.transplants.active
        assert active.id is not None
        with self._service._operation("set_team_engraftment"):
            self._repo.set_team_engraftment(active.id, on, self._service.now())
        return self._service._result(None, Changes(labs=True, journey=True, history=True))


__all__ = ["Labs"]
