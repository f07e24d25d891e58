"""The command line: help, version, the `today` command, and the core staying free of Qt."""

import contextlib
import io
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.app import main
from companion.cli import PHASE_CHOICES, build_parser
from tests.conftest import run_main


def test_help_names_the_data_folder_and_demo_options():
    result = run_main("--help")
    assert result.returncode == 0
    assert "--data-dir DIR" in result.stdout
    assert "--demo" in result.stdout
    assert "today" in result.stdout


def test_version():
    result = run_main("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("Transplant Companion 0.")


def test_data_dir_and_demo_cannot_be_combined(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--demo", "--data-dir", "x", "today"])
    assert exit_info.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_today_on_the_demo_prints_the_day_and_phase(capsys):
    assert main(["--demo", "--today", "2026-06-01", "today"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Today is Day +12 · Waiting for engraftment"
    assert "020 7946" in out


def test_today_without_a_diary_says_what_to_do(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path / "empty"), "today"]) == 1
    err = capsys.readouterr().err
    assert "companion setup" in err and err.count("\n") == 1
    assert not (tmp_path / "empty").exists()


def test_a_bad_date_is_explained(capsys):
    with pytest.raises(SystemExit):
        main(["--today", "3 May", "today"])
    assert "YEAR-MONTH-DAY" in capsys.readouterr().err


@settings(max_examples=60)
@given(st.lists(st.text(max_size=12), max_size=4))
def test_any_arguments_parse_or_exit_cleanly(words):
    parser = build_parser()
    parser.exit = lambda status=0, message=None: (_ for _ in ()).throw(SystemExit(status))
    parser.error = lambda message: (_ for _ in ()).throw(SystemExit(2))
    try:
        parser.parse_args(words)
    except SystemExit as stop:
        assert stop.code in (0, 2)


def test_the_core_loads_without_qt():
    code = (
        "import importlib, pkgutil, sys, companion.domain, companion.content, "
        "companion.storage, companion.service\n"
        "for package in (companion.domain, companion.content, companion.storage, "
        "companion.service):\n"
        "    for module in pkgutil.iter_modules(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(module.name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# Each example builds the whole command line's parser: 40 are plenty for a rule argparse
# applies to any text (the fast tier, issue 19: 100 took 10 s).
@settings(max_examples=40)
@given(
    phase=st.text(min_size=1, max_size=30).filter(
        lambda t: not t.startswith("-") and t not in PHASE_CHOICES
    )
)
def test_a_wrong_phase_is_one_line_and_writes_nothing(phase, tmp_path_factory):
    folder = tmp_path_factory.mktemp("out")
    out = folder / "x.pdf"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(
            ["--data-dir", str(folder), "checklist", "--phase", phase, "--output", str(out)]
        )
    assert code == 2
    assert err.getvalue().count("\n") == 1 and "Choose one of" in err.getvalue()
    assert not out.exists()


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["open"],
        ["--demo"],
        ["--data-dir", "/tmp/x", "--today", "2026-06-01", "--exit-after-paint"],
        ["--data-dir=/tmp/x", "open"],
    ],
)
def test_opening_the_window_parses_as_the_full_command_line_does(argv):
    """The window's quick path (no command) gives the same options as the full parser."""
    from companion.cli import parse

    quick, full = vars(parse(argv)), vars(build_parser().parse_args(argv))
    assert {k: quick.get(k) for k in full} == full


@pytest.mark.parametrize(
    "argv", [["--demo", "--data-dir", "x"], ["--today", "3 May"], ["--colour", "red"], ["opne"]]
)
def test_a_mistake_opening_the_window_is_told_by_the_full_parser(argv, capsys):
    from companion.cli import parse

    with pytest.raises(SystemExit) as stop:
        parse(argv)
    assert stop.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_the_commands_names_are_the_commands_modules_and_the_window_loads_none_of_them():
    """The window needs only the names (is this word a command?); the commands' modules
    load when a command runs (start-up, issue 19)."""
    import subprocess
    import sys

    from companion.cli import COMMAND_NAMES, COMMANDS, _handlers

    assert set(_handlers()) == set(COMMAND_NAMES) == set(COMMANDS)
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, companion.app; from companion.cli import parse; parse([]); "
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('companion.cli.'))))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert set(loaded) <= {"companion.cli.common", "companion.cli.access", "companion.cli.output"}
