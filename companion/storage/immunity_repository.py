"""Issue 21 tables: IVIG infusions, the vaccine plan, the live-vaccine conditions the team
confirmed, and the late-effects check-ups. Writes run inside the service's transaction."""

from __future__ import annotations

from datetime import date, datetime

from sqlite_utils import Database

from companion.domain.immunity import Confirmation, ScreeningItem, VaccineDose
from companion.storage.times import iso, utc


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _dose(row: dict) -> VaccineDose:
    return VaccineDose(
        vaccine=row["vaccine"],
        name=row["name"],
        dose=row["dose"],
        earliest=date.fromisoformat(row["earliest"]),
        live=bool(row["live"]),
        default_earliest=_day(row["default_earliest"]),
        given_on=_day(row["given_on"]),
        given_where=row["given_where"] or "",
        batch=row["batch"] or "",
        id=row["id"],
        transplant_id=row["transplant_id"],
    )


class ImmunityRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # IVIG ---------------------------------------------------------------------------------

    def ivig(self) -> list[datetime]:
        return [
            datetime.fromisoformat(r["at"])
            for r in self._db["ivig_infusions"].rows_where(
                "deleted_at IS NULL", order_by="at_utc, id"
            )
        ]

    def add_ivig(self, at: datetime, now: datetime) -> int:
        return (
            self._db["ivig_infusions"]
            .insert({"at": iso(at), "at_utc": utc(at), "created_at": iso(now)})
            .last_pk
        )

    # The vaccine plan -------------------------------------------------------------------

    def doses(self, transplant_id: int) -> list[VaccineDose]:
        rows = self._db["vaccine_doses"].rows_where(
            "transplant_id = ? AND deleted_at IS NULL",
            [transplant_id],
            order_by="earliest, name, dose, id",
        )
        return [_dose(r) for r in rows]

    def has_plan(self, transplant_id: int) -> bool:
        return bool(
            self._db.execute(
                "SELECT EXISTS (SELECT 1 FROM vaccine_doses WHERE transplant_id = ?)",
                [transplant_id],
            ).fetchone()[0]
        )

    def dose(self, dose_id: int) -> VaccineDose | None:
        rows = list(
            self._db["vaccine_doses"].rows_where("id = ? AND deleted_at IS NULL", [dose_id])
        )
        return _dose(rows[0]) if rows else None

    def add_dose(self, transplant_id: int, dose: VaccineDose, now: datetime) -> VaccineDose:
        row_id = (
            self._db["vaccine_doses"]
            .insert(
                {
                    "transplant_id": transplant_id,
                    "vaccine": dose.vaccine,
                    "name": dose.name,
                    "dose": dose.dose,
                    "earliest": dose.earliest.isoformat(),
                    "default_earliest": dose.default_earliest.isoformat()
                    if dose.default_earliest
                    else None,
                    "live": int(dose.live),
                    "given_on": dose.given_on.isoformat() if dose.given_on else None,
                    "given_where": dose.given_where or None,
                    "batch": dose.batch or None,
                    "created_at": iso(now),
                }
            )
            .last_pk
        )
        return self.dose(row_id)  # type: ignore[return-value]

    def update_dose(self, dose_id: int, **values) -> None:
        stored = {
            key: (value.isoformat() if isinstance(value, date) else value)
            for key, value in values.items()
        }
        self._db["vaccine_doses"].update(dose_id, stored)

    def delete_dose(self, dose_id: int, now: datetime) -> None:
        self._db["vaccine_doses"].update(dose_id, {"deleted_at": iso(now)})

    # The live-vaccine conditions ---------------------------------------------------------

    def confirmations(self, transplant_id: int) -> dict[str, Confirmation]:
        return {
            r["name"]: Confirmation(None if r["met"] is None else bool(r["met"]), _day(r["since"]))
            for r in self._db["live_vaccine_conditions"].rows_where(
                "transplant_id = ?", [transplant_id]
            )
        }

    def confirm(
        self, transplant_id: int, name: str, confirmation: Confirmation, now: datetime
    ) -> None:
        self._db["live_vaccine_conditions"].upsert(
            {
                "transplant_id": transplant_id,
                "name": name,
                "met": None if confirmation.met is None else int(confirmation.met),
                "since": confirmation.since.isoformat() if confirmation.since else None,
                "updated_at": iso(now),
            },
            pk=("transplant_id", "name"),
        )

    # The late-effects check-ups ----------------------------------------------------------

    def screening(self, transplant_id: int) -> list[ScreeningItem]:
        return [
            ScreeningItem(
                r["item"],
                date.fromisoformat(r["due_on"]),
                r["appointment_id"],
                _day(r["done_on"]),
                r["id"],
            )
            for r in self._db["screening_plan"].rows_where(
                "transplant_id = ?", [transplant_id], order_by="due_on, item, id"
            )
        ]

    def add_screening(self, transplant_id: int, item: ScreeningItem, now: datetime) -> None:
        self._db["screening_plan"].insert(
            {
                "transplant_id": transplant_id,
                "item": item.item,
                "due_on": item.due_on.isoformat(),
                "created_at": iso(now),
            }
        )

    def update_screening(self, item_id: int, **values) -> None:
        stored = {
            key: (value.isoformat() if isinstance(value, date) else value)
            for key, value in values.items()
        }
        self._db["screening_plan"].update(item_id, stored)

    def delete_screening(self, item_id: int) -> None:
        """A check-up never booked nor done, whose date no longer follows Day 0."""
        self._db["screening_plan"].delete(item_id)
