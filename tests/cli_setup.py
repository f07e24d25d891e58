"""What the command-line tests share: the ``companion setup`` arguments their diaries start
with, running a command in this process, and reading its output back.

- ``setup_args(day0, conditioning)``: City Unit's diary, for ``companion setup``;
- ``command(folder, *args, today=…)``: ``companion --data-dir FOLDER [--today DAY] ARGS``;
  argparse's refusals raise ``SystemExit`` as they do for a user;
- ``runner(folder)``: a function that runs a command and returns its exit status (argparse's
  ``SystemExit`` included), with ``on=DATE`` for one command and ``.folder`` for the diary;
- ``call(*args)``: the exit status, stdout and stderr of one command;
- ``out_json(capsys)``: what the last command printed, read as JSON.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from companion.app import main


def setup_args(
    day0: date, conditioning: date, kind: str = "allogeneic", country: str | None = "GB"
) -> list[str]:
    """A diary of ``kind`` with Day 0 and the conditioning start given, City Unit's numbers
    (``country=None``: no ``--country``)."""
    args = [
        "setup",
        "--kind",
        kind,
        "--source",
        "peripheral-blood",
        "--day0",
        day0.isoformat(),
        "--conditioning-start",
        conditioning.isoformat(),
        "--team",
        "City Unit",
        "--office-phone",
        "020 7946 0100",
        "--after-hours-phone",
        "020 7946 0200",
    ]
    return args if country is None else [*args, "--country", country]


def command(folder: Path, *args: str, today: str | date | None = None) -> int:
    """``companion --data-dir FOLDER [--today TODAY] ARGS`` in this process: its exit status.
    A mistake argparse refuses raises ``SystemExit`` (status 2), as for a user."""
    extra = [] if today is None else ["--today", str(today)]
    return main(["--data-dir", str(folder), *extra, *args])


def runner(folder: Path) -> Callable[..., int]:
    """``run(*args, on=None)``: a command on the diary in ``folder`` (``on``: pretend today
    is that date), its exit status; argparse's refusals give theirs instead of raising.
    ``run.folder`` is the diary's folder."""

    def run(*args: str, on: date | None = None) -> int:
        try:
            return command(folder, *args, today=on)
        except SystemExit as stop:  # argparse refuses what it cannot parse
            return stop.code

    run.folder = folder  # type: ignore[attr-defined]
    return run


def call(*args: str) -> tuple[int, str, str]:
    """``companion ARGS`` in this process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def out_json(capsys) -> object:
    """What the last command printed on stdout, read as JSON."""
    return json.loads(capsys.readouterr().out)
