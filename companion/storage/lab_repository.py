"""Blood counts, transfusions, and the date the team said counts had recovered."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from sqlite_utils import Database

from companion.domain.days import in_range
from companion.domain.entries import EntryError, check_time
from companion.domain.history import now_local
from companion.domain.labs import LabError, LabResult, Product, Transfusion, check_lab
from companion.storage.journey_repository import record_change
from companion.storage.times import iso, utc

_COLUMNS = (
    "id, at, anc, anc_computed, wbc, neutrophil_percent, platelets, hb, lymphocytes, cd4, igg"
)


class LabRepository:
    """Each public write is one user intent in one transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def labs(self, on: date | None = None) -> list[LabResult]:
        """All results, oldest first; or only those taken on the local date ``on``."""
        where, args = "deleted_at IS NULL", []
        if on is not None:
            where += " AND substr(at, 1, 10) = ?"
            args.append(on.isoformat())
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM labs WHERE {where} ORDER BY at_utc, id", args
        ).fetchall()
        return [
            LabResult(
                id=r[0],
                at=datetime.fromisoformat(r[1]),
                anc=r[2],
                anc_computed=bool(r[3]),
                wbc=r[4],
                neutrophil_percent=r[5],
                platelets=r[6],
                hb=r[7],
                lymphocytes=r[8],
                cd4=r[9],
                igg=r[10],
            )
            for r in rows
        ]

    def transfusions(self) -> list[Transfusion]:
        return [
            Transfusion(date.fromisoformat(r["on_date"]), Product(r["product"]), r["id"])
            for r in self._db["transfusions"].rows_where(
                "deleted_at IS NULL", order_by="on_date, id"
            )
        ]

    def add_lab(self, result: LabResult, now: datetime | None = None) -> LabResult:
        """Raises LabError (nothing saved) for an empty set, a time in the future, or a value
        no lab prints (infinite, not a number, negative, past the plausible limits)."""
        now = now or now_local()
        check_lab(result)
        try:
            result = replace(result, at=check_time(result.at, now))
        except EntryError as error:
            raise LabError(str(error)) from None
        values = (result.anc, result.wbc, result.platelets, result.hb)
        if all(v is None for v in values) and not result.has_immune_counts:
            raise LabError(
                "Please type at least one count (ANC, WBC, platelets, haemoglobin, "
                "lymphocytes, CD4 or IgG)."
            )
        row_id = (
            self._db["labs"]
            .insert(
                {
                    "at": iso(result.at),
                    "at_utc": utc(result.at),
                    "anc": result.anc,
                    "anc_computed": int(result.anc_computed),
                    "wbc": result.wbc,
                    "neutrophil_percent": result.neutrophil_percent,
                    "platelets": result.platelets,
                    "hb": result.hb,
                    "lymphocytes": result.lymphocytes,
                    "cd4": result.cd4,
                    "igg": result.igg,
                    "created_at": iso(now),
                }
            )
            .last_pk
        )
        return LabResult(**{**_fields(result), "id": row_id})

    def delete_lab(self, lab_id: int, now: datetime | None = None) -> None:
        self._db["labs"].update(lab_id, {"deleted_at": iso(now)})

    def delete_transfusion(self, transfusion_id: int, now: datetime | None = None) -> None:
        """Deleted (kept while undo can bring it back, see ``storage.journal.erase``)."""
        self._db["transfusions"].update(transfusion_id, {"deleted_at": iso(now or now_local())})

    def add_transfusion(self, transfusion: Transfusion, now: datetime | None = None) -> Transfusion:
        now = now or now_local()
        if not in_range(transfusion.on):
            raise LabError("Please check the date of the transfusion.")
        if transfusion.on > now.date():
            raise LabError("That date is in the future. Please check the date of the transfusion.")
        row_id = (
            self._db["transfusions"]
            .insert(
                {
                    "on_date": transfusion.on.isoformat(),
                    "product": transfusion.product.value,
                    "created_at": iso(now),
                }
            )
            .last_pk
        )
        return Transfusion(transfusion.on, transfusion.product, row_id)

    def set_team_engraftment(
        self, transplant_id: int, on: date | None, now: datetime | None = None
    ) -> None:
        """Record (or clear, with None) the date the team said counts had recovered."""
        now = now or now_local()
        row = self._db["transplants"].get(transplant_id)
        day0 = date.fromisoformat(row["day0"])
        if on is not None and not day0 < on <= now.date():
            raise LabError("That date must be after Day 0 and not in the future. Please check it.")
        old = row["neutrophil_recovery"]
        self._db["transplants"].update(
            transplant_id, {"neutrophil_recovery": on.isoformat() if on else None}
        )
        record_change(
            self._db,
            iso(now),
            "transplant.team_recovery",
            old,
            on.isoformat() if on else None,
            row["number"],
        )


def _fields(result: LabResult) -> dict:
    return {
        "at": result.at,
        "anc": result.anc,
        "wbc": result.wbc,
        "neutrophil_percent": result.neutrophil_percent,
        "platelets": result.platelets,
        "hb": result.hb,
        "anc_computed": result.anc_computed,
        "lymphocytes": result.lymphocytes,
        "cd4": result.cd4,
        "igg": result.igg,
    }
