"""The man page and the bash and zsh completions, made from the command line's own parser.

packaging/build.py calls these at build time, so a command added to companion/cli/ appears
in ``man transplant-companion`` and in completion without anyone editing them here.
``python packaging/manual.py DIR`` writes the three files into DIR (for a look without a build).
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import companion  # noqa: E402
from companion import cli, desktop  # noqa: E402

COMMAND = desktop.COMMAND

# Characters groff spells with a name; any other non-ASCII one becomes \[uXXXX], so the page
# reads the same under any locale (man -l, lintian's check).
_GROFF_NAMES = {
    "°": r"\(de",
    "×": r"\(mu",
    "—": r"\(em",
    "–": r"\(en",
    "‘": r"\(oq",
    "’": r"\(cq",
    "“": r"\(lq",
    "”": r"\(rq",
    "…": "...",
    "−": r"\-",
    "≥": r"\(>=",
    "≤": r"\(<=",
}


def installed_parser() -> argparse.ArgumentParser:
    """The command line's parser as installed: named ``transplant-companion`` throughout."""
    parser = cli.build_parser()
    old = parser.prog
    for _path, sub in walk(parser):
        if sub.prog == old or sub.prog.startswith(old + " "):
            sub.prog = COMMAND + sub.prog[len(old) :]
        for action in sub._actions:
            if isinstance(action, argparse._SubParsersAction):
                action._prog_prefix = COMMAND + action._prog_prefix[len(old) :]
            _mark_completion(action)
    return parser


def _mark_completion(action: argparse.Action) -> None:
    """Tell shtab which arguments are folders or files (it completes nothing else for them)."""
    import shtab

    if action.metavar == "DIR":
        action.complete = shtab.DIRECTORY  # type: ignore[attr-defined]
    elif action.type is Path or action.metavar in ("FILE", "PATH"):
        action.complete = shtab.FILE  # type: ignore[attr-defined]


def subparsers(parser: argparse.ArgumentParser) -> list[tuple[str, str, argparse.ArgumentParser]]:
    """``parser``'s commands: (name, one-line help, parser), in the order they were added."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, sub in action.choices.items():
                found.append((name, helps.get(name, ""), sub))
    return found


def walk(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every parser under ``parser`` (itself first), with its command path, depth first."""
    yield path, parser
    for name, _help, sub in subparsers(parser):
        yield from walk(sub, (*path, name))


def command_paths(parser: argparse.ArgumentParser) -> list[tuple[str, ...]]:
    """Every command and subcommand, e.g. ("log",), ("log", "temperature")."""
    return [path for path, _sub in walk(parser) if path]


# The man page -------------------------------------------------------------------------------


def roff(text: str) -> str:
    """Plain text as a line of roff: backslashes and minus signs escaped, names for the
    typographic characters, nothing that a line could start a request with."""
    out = []
    for char in text.replace("\\", r"\e"):
        if char == "-":
            out.append(r"\-")
        elif char == ",":
            out.append(r",\:")  # a place to break a long list like a,b,c (no hyphen)
        elif char in _GROFF_NAMES:
            out.append(_GROFF_NAMES[char])
        elif ord(char) > 126:
            out.append(rf"\[u{ord(char):04X}]")
        else:
            out.append(char)
    line = " ".join("".join(out).split())
    return rf"\&{line}" if line[:1] in (".", "'") else line


def _usage(parser: argparse.ArgumentParser) -> str:
    usage = parser.format_usage().strip()
    usage = usage.removeprefix("usage:").strip()
    prog = parser.prog
    rest = " ".join(usage[len(prog) :].split()) if usage.startswith(prog) else usage
    return rf"\fB{roff(prog)}\fR {roff(rest)}".rstrip()


def _options(parser: argparse.ArgumentParser, with_help: bool = True) -> list[str]:
    formatter = parser._get_formatter()
    lines = []
    for action in parser._actions:
        if action.help == argparse.SUPPRESS or isinstance(action, argparse._SubParsersAction):
            continue
        if isinstance(action, argparse._HelpAction) and not with_help:
            continue  # every command takes -h; the page says it once, under OPTIONS
        invocation = formatter._format_action_invocation(action)
        lines += [".TP", rf"\fB{roff(invocation)}\fR"]
        help_text = formatter._expand_help(action) if action.help else ""
        if action.required and action.option_strings:
            help_text = f"{help_text} (required)".strip()
        lines.append(roff(help_text) or r"\&")
    return lines


def man_page(parser: argparse.ArgumentParser, version: str, day: datetime.date) -> str:
    """The page ``transplant-companion(1)`` in man(7) markup."""
    title = COMMAND.upper()
    lines = [
        r".\" Made by packaging/manual.py from the parser in companion/cli/: edit those.",
        rf'.TH {roff(title)} 1 "{day.isoformat()}" "Transplant Companion {version}" '
        '"User Commands"',
        # Ragged right and no hyphenation: option values such as {mouth,armpit,forehead}
        # must not be split or spread out.
        ".ad l",
        ".nh",
        ".SH NAME",
        rf"{roff(COMMAND)} \- a private diary and organiser for a stem cell transplant",
        ".SH SYNOPSIS",
        _usage(parser),
        ".SH DESCRIPTION",
        roff(parser.description or ""),
        ".PP",
        roff(
            "Each command prints plain lines, or JSON where it takes --json. When it cannot "
            "do what was asked it prints one line on standard error and changes nothing."
        ),
        ".SH OPTIONS",
        *_options(parser),
        ".SH COMMANDS",
    ]
    for name, help_text, _sub in subparsers(parser):
        lines += [".TP", rf"\fB{roff(name)}\fR", roff(help_text) or r"\&"]
    for path, sub in walk(parser):
        if not path:
            continue
        heading = " ".join(path)
        lines += [f'.SS "{roff(heading)}"']
        own = dict((name, text) for name, text, _p in subparsers(walk_parent(parser, path)))
        summary = sub.description or own.get(path[-1], "")
        if summary:
            lines += [roff(summary), ".PP"]
        lines += [_usage(sub)]
        children = subparsers(sub)
        if children:
            lines += [".PP", roff("Its commands:")]
            for name, child_help, _child in children:
                lines += [".TP", rf"\fB{roff(name)}\fR", roff(child_help) or r"\&"]
        options = _options(sub, with_help=False)
        if options:
            lines += options
    lines += [
        ".SH EXIT STATUS",
        ".TP",
        "0",
        roff("Done."),
        ".TP",
        "1",
        roff(
            "The computer refused: a damaged file, a full disk, a folder that cannot be "
            "written, or no desktop session for the window."
        ),
        ".TP",
        "2",
        roff("What was typed cannot be used; the line on standard error says what to do."),
        ".SH FILES",
        ".TP",
        r"\fI~/.local/share/TransplantCompanion/\fR",
        roff(
            "The diary and its backups (unless --data-dir names another folder). It stays "
            "on this computer: the app opens no network connection."
        ),
        ".SH NOTES",
        roff(
            "Transplant Companion is a diary and organiser, not a doctor. When it asks you "
            "to call, contact your transplant team."
        ),
        ".SH SEE ALSO",
        roff(f"/usr/share/doc/{COMMAND}/ for the licences of what the package holds."),
        "",
    ]
    return "\n".join(lines)


def walk_parent(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> argparse.ArgumentParser:
    """The parser holding the command at ``path``."""
    for found, sub in walk(parser):
        if found == path[:-1]:
            return sub
    raise KeyError(path)


# Completion ---------------------------------------------------------------------------------


def completion(parser: argparse.ArgumentParser, shell: str) -> str:
    """The completion script for ``shell`` ("bash" or "zsh"), made by shtab."""
    import shtab

    return shtab.complete(parser, shell=shell)


def write_all(folder: Path, day: datetime.date | None = None) -> dict[str, Path]:
    """Write the page and both completions into ``folder``; return them by kind."""
    parser = installed_parser()
    day = day or datetime.date.today()
    files = {
        "man": folder / f"{COMMAND}.1",
        "bash": folder / COMMAND,
        "zsh": folder / f"_{COMMAND}",
    }
    folder.mkdir(parents=True, exist_ok=True)
    files["man"].write_text(man_page(parser, companion.__version__, day), encoding="utf-8")
    files["bash"].write_text(completion(parser, "bash"), encoding="utf-8")
    files["zsh"].write_text(completion(parser, "zsh"), encoding="utf-8")
    return files


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python packaging/manual.py FOLDER")
    for kind, path in write_all(Path(sys.argv[1])).items():
        print(f"{kind}: {path}")
