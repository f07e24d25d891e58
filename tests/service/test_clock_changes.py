"""Issue 12, item 10: times are compared as instants, never as text with offsets. Readings
across both clock changes in Europe/London: no false "38.0 °C for 60 minutes" alert, and
the log, the export and the alerts keep time order."""

import csv
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion.domain.alerts import AlertRule
from companion.domain.clinical import FEVER_PRESETS
from companion.domain.entries import Entry, EntryKind
from companion.domain.journey import Transplant
from companion.domain.kinds import GraftSource, TransplantKind
from companion.service.diary import DiaryService
from companion.service.exports import export_csv

LONDON = ZoneInfo("Europe/London")


def at(*parts: int, fold: int = 0) -> datetime:
    """A wall-clock time in London (``fold=1``: the second 01:xx of the autumn change)."""
    return datetime(*parts, tzinfo=LONDON, fold=fold)


def diary(tmp_path, now: datetime, team) -> DiaryService:
    service = DiaryService.open(tmp_path / "companion.db", clock=lambda: now)
    service.transplants.start(
        Transplant(TransplantKind.AUTOLOGOUS, GraftSource.BLOOD, now.date() - timedelta(7), 6),
        team,
    )
    # IDSA: one reading of 38.3 °C, or 38.0 °C lasting 60 minutes.
    service.settings.save(numbers=dict(FEVER_PRESETS["idsa"]))
    return service


def sustained(service: DiaryService) -> list:
    return [a for a in service.log.alerts() if a.rule is AlertRule.FEVER_SUSTAINED]


@pytest.mark.parametrize(
    ("first", "second", "apart"),
    [
        # Spring: 00:50 GMT, then 02:10 BST. The wall clock says 80 minutes; it was 20.
        (at(2026, 3, 29, 0, 50), at(2026, 3, 29, 2, 10), 20),
        # Autumn: 01:30 BST, then 01:20 GMT (the hour again). The text sorts them the wrong
        # way round; it was 50 minutes.
        (at(2026, 10, 25, 1, 30, fold=0), at(2026, 10, 25, 1, 20, fold=1), 50),
        # Autumn: 00:40 BST, then 01:35 GMT. The wall clock says 55 minutes; it was 115.
        (at(2026, 10, 25, 0, 40), at(2026, 10, 25, 1, 35, fold=1), 115),
    ],
    ids=["spring 20 min", "autumn 50 min", "autumn 115 min"],
)
def test_a_sustained_fever_counts_real_minutes(tmp_path, team, first, second, apart):
    assert second.timestamp() - first.timestamp() == apart * 60  # real minutes
    service = diary(tmp_path, datetime.fromtimestamp(second.timestamp() + 300, LONDON), team)
    try:
        service.log.add(Entry(first, EntryKind.TEMPERATURE, value=38.1, note="first"))
        service.log.add(Entry(second, EntryKind.TEMPERATURE, value=38.1, note="second"))
        assert bool(sustained(service)) == (apart >= 60)
        # The log and the export list them in the order they were taken.
        notes = [e.note for e in service.log.entries(kinds=[EntryKind.TEMPERATURE])]
        assert notes == ["first", "second"]
        out = tmp_path / "log.csv"
        export_csv(service, out)
        with out.open(encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.reader(handle)][1:]
        assert [r[-1] for r in rows] == ["first", "second"]
        assert rows[0][0][-6:] != rows[1][0][-6:]  # different offsets, as the user saw them
    finally:
        service.close()


def test_a_whole_night_across_the_autumn_change_stays_in_order(tmp_path, team):
    """Every 20 minutes from 00:00 BST to 03:00 GMT (four hours): entries() and the export
    are in time order, and the rules saw them in that order too (38.0 from 01:00 BST for an
    hour of real time raises the sustained alert once, at the right reading)."""
    start = at(2026, 10, 25, 0, 0)
    # Every 20 minutes of real time, as London's wall clock showed them.
    moments = [datetime.fromtimestamp(start.timestamp() + 1200 * n, LONDON) for n in range(13)]
    service = diary(tmp_path, datetime.fromtimestamp(moments[-1].timestamp() + 60, LONDON), team)
    try:
        for n, moment in enumerate(moments):
            value = 38.0 if 3 <= n <= 6 else 36.8
            service.log.add(Entry(moment, EntryKind.TEMPERATURE, value=value, note=f"{n:02}"))
        logged = service.log.entries()
        assert [e.note for e in logged] == [f"{n:02}" for n in range(13)]
        assert [e.at for e in logged] == sorted(e.at for e in logged)
        alerts = sustained(service)
        assert len(alerts) == 1
        # 38.0 at n=3 (01:00 BST) … n=6 (01:00 GMT, 60 minutes later): raised at n=6.
        raised_by = service.log.entry(alerts[0].entry_id)
        assert raised_by is not None and raised_by.note == "06"
        assert str(raised_by.at.utcoffset()) == "0:00:00"  # after the change, GMT
    finally:
        service.close()
