"""Issue 23: words the command line took from the app's defaults and the change journal, in
Spanish: the team's fever advice until the team's own is saved, and where a change was made
in ``history`` (the JSON keeps the identifier, tests/test_cli_spanish.py)."""

from __future__ import annotations

from datetime import date

import pytest

from companion import i18n
from tests.cli_setup import call, command, setup_args

TODAY = "2026-06-01"


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


@pytest.fixture
def diary(tmp_path):
    folder = tmp_path / "diary"
    assert command(folder, *setup_args(date(2026, 5, 20), date(2026, 5, 14)), today=TODAY) == 0
    assert command(folder, "log", "temperature", "38.6", today=TODAY) == 0
    return folder


def _run(diary, *args: str) -> str:
    code, out, err = call(*args[:2], "--data-dir", str(diary), "--today", TODAY, *args[2:])
    assert code in (0, 1), err
    return out


def test_the_default_fever_advice_follows_the_language(diary):
    out = _run(diary, "--lang", "es", "alerts")
    assert "No tome medicinas para bajar la fiebre" in out
    assert "bring a fever down" not in out
    out = _run(diary, "--lang", "en", "alerts")
    assert "Do not take medicine to bring a fever down" in out


def test_the_teams_own_advice_is_shown_as_they_wrote_it(diary):
    from datetime import datetime

    from companion.service.diary import DiaryService
    from companion.service.files import db_path

    advice = "Ring the ward before taking anything for a fever."
    service = DiaryService.open(db_path(diary), lambda: datetime(2026, 6, 1, 9).astimezone())
    try:
        service.settings.save(preferences={"team_advice": advice})
    finally:
        service.close()
    out = _run(diary, "--lang", "es", "alerts")
    assert advice in out
    assert "No tome medicamentos" not in out


def test_history_says_where_a_change_was_made_in_spanish(diary):
    out = _run(diary, "--lang", "es", "history")
    lines = out.splitlines()
    assert lines and all("  terminal  " in line for line in lines), out
    assert " cli " not in out
    assert "Anotó temperatura" in out
    english = _run(diary, "--lang", "en", "history")
    assert all("  cli     " in line for line in english.splitlines()), english


def test_today_names_the_number_to_call_in_one_spanish_sentence(diary):
    """Office hours or after hours (the time of day decides): a whole sentence each, not an
    English label lowered into a Spanish one."""
    out = _run(diary, "--lang", "es", "today")
    team = [line for line in out.splitlines() if line.startswith("Su equipo de trasplante")]
    assert team in (
        ["Su equipo de trasplante (fuera de horario): 020 7946 0200"],
        ["Su equipo de trasplante (horario de oficina): 020 7946 0100"],
    ), out
