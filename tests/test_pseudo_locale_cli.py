"""Issue 23: every command's words in the pseudo-locale (``--lang qps``).

Each command's human output (what a carer reads in a terminal: not ``--json``, whose keys
and identifier values stay English by contract), its messages on stderr, and every
``--help`` is read line by line; a line with English left fails the command's test, with
the line and the command named (tests/pseudo_check.py says what counts as English). The
checklist command's PDF is read back too, where pdftotext is installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest

from companion import i18n
from tests.cli_setup import setup_args
from tests.pseudo_check import (
    Findings,
    judge,
    run_cli,
    sources_free,
    spanish_content,
    user_data,
)

TODAY = date(2026, 6, 1)
DAY0 = date(2026, 5, 20)


@pytest.fixture(autouse=True)
def pseudo(monkeypatch):
    spanish_content(monkeypatch)
    yield
    i18n.set_language("en")


@pytest.fixture(scope="module")
def diary(tmp_path_factory):
    """A diary with something on every list: a fever (an open alert), a symptom, a
    medicine, an appointment, a question and the vaccine plan."""
    from companion.app import main

    folder = tmp_path_factory.mktemp("pseudo-cli") / "diary"
    common = ["--data-dir", str(folder), "--today", TODAY.isoformat()]
    for args in (
        setup_args(DAY0, date(2026, 5, 14)),
        ["log", "temperature", "38.6"],
        ["log", "symptom", "mouth-sores", "--severity", "moderate"],
        ["medicine", "add", "Tacrolimus", "--dose", "2 mg", "--times", "08:00,20:00"],
        ["appointment", "add", "--at", "2026-06-03T10:30", "--what", "Clinic visit"],
        ["question", "add", "Can I go to my grandson's birthday?"],
    ):
        assert main([*common, *args]) == 0, args
    i18n.set_language("en")
    return folder


COMMANDS = [
    ["today"],
    ["alerts"],
    ["log", "symptom", "--list"],
    ["checklist", "--phase", "engraftment", "--output", "{folder}/checklist.pdf"],
    ["appointment", "list"],
    ["question", "list"],
    ["medicine", "list"],
    ["medicine", "due", "--at", "2026-06-01T08:40"],
    ["vaccine", "list"],
    ["checkups", "list"],
    ["history"],
]


def _english_in(findings: Findings, command: str, code: int, out: str, err: str, data) -> None:
    judge(findings, out, f"{command} (stdout)", data, command_line="output")
    judge(findings, err, f"{command} (stderr, exit {code})", data, command_line="output")


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:2]))
def test_each_command_speaks_the_pseudo_locale(diary, capsys, args):
    args = [a.replace("{folder}", str(diary.parent)) for a in args]
    command = "companion --lang qps " + " ".join(args)
    code, out, err = run_cli(
        capsys, "--lang", "qps", "--data-dir", str(diary), "--today", TODAY.isoformat(), *args
    )
    # The command worked (an error message in English would be found below anyway).
    assert code in (0, 1), (command, code, err)
    assert out.strip() or err.strip(), command
    findings = Findings()
    data = user_data(diary / "companion.db")
    _english_in(findings, command, code, out, err, data)
    if args[0] == "checklist" and shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(diary.parent / "checklist.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        # The sheet's sources are cited as the content gives them (English pages' titles):
        # content, read as one list since a page cuts it anywhere.
        i18n.set_language(i18n.PSEUDO)
        text = sources_free(text, heading=i18n._("Sources:"))
        judge(findings, text, f"{command} (the PDF's text)", data, cut_lines=True)
    if findings.english:
        pytest.fail(findings.report(command), pytrace=False)


def _commands() -> list[str]:
    """The command names, read from the English ``--help`` (the list is not kept twice)."""
    import contextlib
    import io

    from companion.app import main

    i18n.set_language("en")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.suppress(SystemExit):
        main(["--help"])
    i18n.set_language("en")
    section = printed.getvalue().split("COMMAND", 1)[1]
    return re.findall(r"^    ([a-z][a-z-]+)(?=\s)", section, flags=re.MULTILINE)


def test_the_command_list_is_read():
    names = _commands()
    assert {"today", "log", "medicine", "history"} <= set(names), names


def test_every_help_speaks_the_pseudo_locale(diary, capsys):
    """``--help`` of the program and of every command (and of each of their actions)."""
    findings = Findings()
    helps = [[]] + [[name] for name in _commands()]
    read = 0
    while helps:
        args = helps.pop(0)
        command = "companion --lang qps " + " ".join([*args, "--help"])
        code, out, err = run_cli(capsys, "--lang", "qps", *args, "--help")
        assert code == 0, (command, err)
        read += 1
        judge(findings, out, command, (), command_line="help")
        if len(args) == 1:  # a command with actions (medicine add, vaccine given …)
            listing = out.split("\n\n")
            actions = next((block for block in listing if re.search(r"^  \S", block, re.M)), "")
            for name in re.findall(r"^    ([a-z][a-z-]+)(?=\s)", actions, flags=re.MULTILINE):
                helps.append([*args, name])
    assert read > 20, read
    if findings.english:
        pytest.fail(findings.report("--help under --lang qps"), pytrace=False)


def test_the_check_tells_english_from_pseudo_text_data_and_content():
    """What tests/pseudo_check.py counts as English left, and what not."""
    from companion.pseudo import pseudo_text
    from tests.pseudo_check import english_words

    data = ("riverside hospital transplant unit",)
    assert english_words(pseudo_text("Save temperature")) == ([], False)
    assert english_words("Save temperature")[0] == ["save", "temperature"]
    # The user's own words, addresses, paths, shortcuts and names are not judged.
    team = pseudo_text("Your team: {name}").format(name="Riverside Hospital Transplant Unit")
    assert english_words(team, data) == ([], False)
    assert english_words("https://www.nmdp.org/patients /tmp/x/report.pdf Ctrl+T PDF FHIR")[0] == []
    # Spanish content (the pseudo-locale reads it in these tests) is content, not English …
    spanish = "Pida sus recuentos de sangre cada día, y apúntelos."
    assert english_words(spanish) == ([], True)
    # … but English glued to it is found.
    assert english_words(spanish + " done today")[0] == ["done", "today"]
    # HTML is read as text; a tag's words are not English left.
    assert english_words(f"<p><b>{pseudo_text('Checklist')}</b></p>") == ([], False)


def test_the_command_line_check_passes_over_what_a_user_types():
    from tests.pseudo_check import command_line_free, english_words

    line = "usage: companion log symptom [--severity {none,mild}] [--at ISO-8601] TERM"
    # argparse's metavars (TERM, ACTION, FILE) are the synopsis' names, not sentences …
    assert english_words(command_line_free(line, help_text=True))[0] == ["usage"]
    # … but a sentence is found, capitals or not, and a typed value only as a value.
    help_line = "  --phase PHASE   one of: recovery, all (all = every phase) Save the sheet"
    assert english_words(command_line_free(help_line, help_text=True))[0] == [
        "one",
        "every",
        "phase",
        "save",
        "the",
        "sheet",
    ]
    assert (
        english_words(command_line_free("mouth-sores   Dolor de boca o llagas en la boca"))[0] == []
    )


def test_a_sheets_sources_are_taken_out_only_when_cited():
    """A page cuts the list of sources anywhere (an address across two lines): the list is
    read whole, and only the sources the content cites are taken out of it."""
    from tests.pseudo_check import cited_sources, english_words, sources_free

    page = (
        "☐ Wash your hands\n"
        "Sources: Freifeld et al., Clin Infect Dis 2011;52:e56: https://doi.org/10.1093/\n"
        "cid/cir073 · BMT InfoNet, Preventing infection: https://www.bmtinfonet.org\n"
        "\n"
        "Page one\n"
    )
    assert any("freifeld" in source for source in cited_sources())
    free = sources_free(page, heading="Sources:")
    assert free.splitlines() == ["☐ Wash your hands", "Sources: ", "", "Page one"]
    added = page.replace("bmtinfonet.org", "bmtinfonet.org · ask your nurse")
    left = sources_free(added, heading="Sources:").splitlines()[1]
    assert english_words(left)[0] == ["sources", "ask", "your", "nurse"]
