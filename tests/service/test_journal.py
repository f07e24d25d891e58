"""Operations in the core (issue 19): one journal row per write in the same transaction, a
UUID and a version on each row, undo and redo from the journal for every kind (the command
line's ``undo``/``redo``/``history``), and deleted content erased for good."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta

import pytest

from companion.app import main
from companion.domain.entries import Entry, EntryError, EntryKind
from companion.domain.labs import LabResult, Product, Transfusion
from companion.domain.team import Team
from companion.service.diary import DiaryService, JournalConflict
from companion.service.operations import UNDO_DAYS
from tests.conftest import make_transplant

NOW = datetime(2026, 6, 1, 10, 0).astimezone()


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock(NOW)


@pytest.fixture
def service(tmp_path, clock):
    service = DiaryService.open(tmp_path / "companion.db", clock)
    service.transplants.start(
        make_transplant(day0=date(2026, 5, 20)),
        Team("City Unit", "020 7946 0100", "020 7946 0200"),
    )
    yield service
    service.close()


def rows(path, sql, args=()):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def note(service, text, minutes=5):
    return service.log.add(
        Entry(at=service.now() - timedelta(minutes=minutes), kind=EntryKind.NOTE, note=text)
    ).value.entry


def test_one_journal_row_per_operation_with_uuid_and_version(service, tmp_path):
    before = len(service.journal())
    saved = note(service, "first")
    journal = service.journal()
    assert len(journal) == before + 1
    newest = journal[0]
    assert (newest.operation, newest.front_end) == ("log_entry", "cli")
    path = tmp_path / "companion.db"
    ((uuid, version),) = rows(path, "SELECT uuid, version FROM entries WHERE id = ?", (saved.id,))
    assert len(uuid) == 32 and version == 1
    stored = json.loads(rows(path, "SELECT rows FROM journal ORDER BY id DESC LIMIT 1")[0][0])
    assert stored == [
        {
            "table": "entries",
            "uuid": uuid,
            "rowid": saved.id,
            "before": None,
            "after": stored[0]["after"],
        }
    ]
    assert stored[0]["after"]["note"] == "first" and stored[0]["after"]["version"] == 1
    service.log.update(Entry(at=saved.at, kind=EntryKind.NOTE, note="second", id=saved.id))
    assert rows(path, "SELECT uuid, version FROM entries WHERE id = ?", (saved.id,)) == [
        (uuid, 2)  # the same UUID for good; one more version
    ]


def test_a_refused_write_leaves_no_journal_row(service):
    before = len(service.journal())
    with pytest.raises(EntryError):
        service.log.add(Entry(at=service.now(), kind=EntryKind.TEMPERATURE, value=99.0))
    assert len(service.journal()) == before


def test_undo_and_redo_an_entry_with_its_alert(service, tmp_path):
    logged = service.log.add(
        Entry(at=service.now(), kind=EntryKind.TEMPERATURE, value=38.6, detail="mouth")
    )
    assert logged.value.alerts and service.log.open_alerts()
    undone = service.undo()
    assert undone.item.operation == "log_entry"
    assert service.log.entry(logged.value.entry.id) is None and service.log.open_alerts() == []
    assert undone.changes.entries_removed[0].id == logged.value.entry.id
    redone = service.redo()
    assert redone.item.operation == "log_entry"
    assert service.log.entry(logged.value.entry.id).value == 38.6
    assert len(service.log.open_alerts()) == 1  # the alert is back with its reading
    assert service.redo() is None  # nothing undone any more


def test_a_new_operation_after_undo_ends_redo(service):
    note(service, "a")
    service.undo()
    note(service, "b")
    assert service.redo() is None


def test_undo_refuses_when_someone_else_changed_the_row_since(service, tmp_path, clock):
    saved = note(service, "mine")
    other = DiaryService.open(tmp_path / "companion.db", clock)
    try:
        other.log.update(Entry(at=saved.at, kind=EntryKind.NOTE, note="theirs", id=saved.id))
    finally:
        other.close()
    with pytest.raises(JournalConflict):
        service.undo(only_mine=True)
    assert service.log.entry(saved.id).note == "theirs"  # nothing changed


def test_lab_results_and_transfusions_are_deletable_and_undoable(service):
    lab = service.labs.add(LabResult(at=service.now() - timedelta(hours=1), anc=0.4))
    given = service.labs.add_transfusion(Transfusion(date(2026, 5, 30), Product.PLATELETS))
    service.labs.delete(lab.value.id)
    service.labs.delete_transfusion(given.value.id)
    assert service.labs.all() == [] and service.labs.transfusions() == []
    assert service.undo().item.summary == "Deleted a transfusion"
    assert [t.id for t in service.labs.transfusions()] == [given.value.id]
    assert service.undo().item.summary == "Deleted blood counts"
    assert [x.id for x in service.labs.all()] == [lab.value.id]
    assert service.undo().item.operation == "add_transfusion"
    assert service.labs.transfusions() == []
    assert service.undo().item.operation == "add_lab"
    assert service.labs.all() == []


def test_undo_of_a_settings_save_brings_the_old_values_back(service):
    service.settings.save(team=Team("Ward 7", "020 7946 0100", "020 7946 0200"))
    assert service.settings.team.name == "Ward 7"
    assert service.undo().item.operation == "save_settings"
    assert service.settings.team.name == "City Unit"


def test_setup_cannot_be_undone(service):
    while service.undo() is not None:
        pass
    assert service.transplants.is_set_up


def test_the_window_undoes_only_its_own(service, tmp_path, clock):
    mine = note(service, "window's")
    other = DiaryService.open(tmp_path / "companion.db", clock)
    try:
        note(other, "the command line's")
    finally:
        other.close()
    undone = service.undo(only_mine=True)
    assert undone is not None and service.log.entry(mine.id) is None
    assert [e.note for e in service.log.entries() if e.kind is EntryKind.NOTE] == [
        "the command line's"
    ]


# Deleted is deleted -----------------------------------------------------------------------


SECRET = "zebra-violet-4471 my private worry"


def test_a_deleted_note_is_kept_for_undo_then_erased_after_the_days_documented(
    service, tmp_path, clock
):
    saved = note(service, SECRET)
    service.log.delete(saved.id)
    assert service.erase_expired() == 0  # still within undo's days
    assert service.undo().item.operation == "delete_entry"
    assert service.log.entry(saved.id).note == SECRET
    service.log.delete(saved.id)
    clock.now = NOW + timedelta(days=UNDO_DAYS, hours=1)
    assert service.erase_expired() == 1
    path = tmp_path / "companion.db"
    assert rows(path, "SELECT count(*) FROM entries WHERE id = ?", (saved.id,)) == [(0,)]
    ((table, deleted_at),) = rows(path, "SELECT table_name, deleted_at FROM tombstones")
    assert table == "entries" and deleted_at
    dump = "".join(r[0] for r in rows(path, "SELECT rows FROM journal"))
    assert SECRET not in dump
    assert service.undo() is None  # too old to bring back


def _file_bytes(folder) -> bytes:
    data = b""
    for name in ("companion.db", "companion.db-wal"):
        path = folder / name
        if path.exists():
            data += path.read_bytes()
    return data


def test_after_purge_a_deleted_notes_text_is_nowhere_in_the_diary_files(tmp_path):
    folder = tmp_path / "diary"
    today = datetime.now().astimezone().date()

    def run(*args):
        return main(["--data-dir", str(folder), *args])

    assert (
        run(
            "setup",
            "--kind",
            "allogeneic",
            "--source",
            "peripheral-blood",
            "--day0",
            (today - timedelta(days=8)).isoformat(),
            "--conditioning-start",
            (today - timedelta(days=14)).isoformat(),
            "--team",
            "City Unit",
            "--office-phone",
            "020 7946 0100",
            "--after-hours-phone",
            "020 7946 0200",
        )
        == 0
    )
    assert run("log", "symptom", "nausea", "--severity", "mild", "--note", SECRET) == 0
    service = DiaryService.open(folder / "companion.db")
    try:
        (entry,) = [e for e in service.log.entries() if e.note == SECRET]
        service.log.delete(entry.id)
    finally:
        service.close()
    assert SECRET.encode() in _file_bytes(folder)  # kept for undo: the test can fail
    assert run("purge") == 1  # not without --yes (no terminal to ask on)
    assert SECRET.encode() in _file_bytes(folder)
    assert run("purge", "--yes") == 0
    assert SECRET.encode() not in _file_bytes(folder)
    assert rows(folder / "companion.db", "SELECT table_name FROM tombstones") == [("entries",)]
    assert run("undo") == 1  # nothing kept to bring it back


# The command line's contract ---------------------------------------------------------------


@pytest.fixture
def cli(tmp_path):
    folder = tmp_path / "diary"
    today = datetime.now().astimezone().date()

    def run(*args: str) -> int:
        return main(["--data-dir", str(folder), *args])

    assert (
        run(
            "setup",
            "--kind",
            "allogeneic",
            "--source",
            "peripheral-blood",
            "--day0",
            (today - timedelta(days=8)).isoformat(),
            "--conditioning-start",
            (today - timedelta(days=14)).isoformat(),
            "--team",
            "City Unit",
            "--office-phone",
            "020 7946 0100",
            "--after-hours-phone",
            "020 7946 0200",
        )
        == 0
    )
    run.folder = folder
    return run


def _count(folder, table):
    return rows(folder / "companion.db", f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL")[
        0
    ][0]


@pytest.mark.parametrize(
    ("command", "table", "operation"),
    [
        (("log", "temperature", "37.1"), "entries", "log_entry"),
        (("log", "weight", "70.5"), "entries", "log_entry"),
        (("log", "counts", "--anc", "0.8", "--platelets", "40"), "labs", "add_lab"),
        (("log", "transfusion", "platelets"), "transfusions", "add_transfusion"),
        (
            ("appointment", "add", "--at", "2030-01-02T10:00", "--what", "clinic visit"),
            "appointments",
            "add_appointment",
        ),
        (("question", "add", "Can I drive?"), "questions", "add_question"),
    ],
)
def test_undo_and_redo_of_each_kind_on_the_command_line(cli, capsys, command, table, operation):
    before = _count(cli.folder, table)
    assert cli(*command) == 0
    assert _count(cli.folder, table) == before + 1
    capsys.readouterr()
    assert cli("undo", "--json") == 0
    undone = json.loads(capsys.readouterr().out)["undone"]
    assert undone["operation"] == operation
    assert datetime.fromisoformat(undone["at"]).utcoffset() is not None
    assert undone["summary"]
    assert _count(cli.folder, table) == before
    assert cli("redo", "--json") == 0
    assert json.loads(capsys.readouterr().out)["redone"]["operation"] == operation
    assert _count(cli.folder, table) == before + 1
    assert cli("history", "--json", "--limit", "2") == 0
    history = json.loads(capsys.readouterr().out)
    assert len(history) == 2
    assert set(history[0]) == {"id", "at", "operation", "summary", "front_end"}
    assert history[0]["operation"] == operation and history[0]["front_end"] == "cli"
    assert history[0]["id"] > history[1]["id"]


def test_nothing_to_undo_exits_1(cli, capsys):
    assert cli("undo") == 1  # setup cannot be undone
    assert cli("redo", "--json") == 1
    assert "Nothing to redo" in capsys.readouterr().err


def test_contacting_the_team_about_weeks_of_alerts_leaves_a_diary_that_opens(
    service, tmp_path, clock
):
    """One operation may touch hundreds of rows: "I contacted my team" after weeks of alerts
    never acknowledged once wrote a journal row longer than the content check allowed, and
    the diary was refused at the next start (a lock-out)."""
    for number in range(450):
        clock.now = NOW + timedelta(hours=number)
        logged = service.log.add(
            Entry(at=clock.now, kind=EntryKind.SYMPTOM, term="vomiting", severity=3)
        )
        assert logged.value.alerts
    service.log.acknowledge()
    [(longest,)] = rows(tmp_path / "companion.db", "SELECT max(length(rows)) FROM journal")
    assert longest > 200_000  # what the old cap refused
    service.close()
    # An outside write makes the next open read every value again, the journal included.
    conn = sqlite3.connect(tmp_path / "companion.db")
    conn.execute("UPDATE team SET name = 'Ward 7'")
    conn.commit()
    conn.close()
    again = DiaryService.open(tmp_path / "companion.db", clock)
    try:
        assert again.settings.team.name == "Ward 7"
        assert again.log.open_alerts() == []
    finally:
        again.close()
