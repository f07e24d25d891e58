"""argparse's own words ("usage:", "options", "the following arguments are required: %s"…)
in the app's language.

Python's argparse does ``from gettext import gettext as _, ngettext`` when imported, so its
words come from the system's "argparse" domain, which no system ships in Spanish. ``route()``
points them at the app's catalogue instead. The messages below are argparse's own msgids
(Python 3.11 to 3.13), listed here only so that extraction puts them in the catalogue; they
must stay exactly as argparse writes them, %-placeholders included.
"""

from __future__ import annotations

import argparse

from companion import i18n
from companion.i18n import N_


def route() -> None:
    """From now on argparse words its help and its errors through ``companion.i18n``."""
    argparse._ = i18n.gettext  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


ARGPARSE_MESSAGES = (
    # Translators: argparse's word before the command's synopsis; keep the space at the end.
    N_("usage: "),
    # Translators: argparse's heading for the arguments given without a dash (COMMAND, FILE).
    N_("positional arguments"),
    # Translators: argparse's heading for the arguments given with a dash (--json).
    N_("options"),
    # Translators: argparse's help for -h/--help.
    N_("show this help message and exit"),
    # Translators: argparse's error; %(argument_name)s is an option such as --at, keep it
    # and %(message)s exactly.
    N_("argument %(argument_name)s: %(message)s"),
    # Translators: argparse's error; %s is the list of missing options, keep it.
    N_("the following arguments are required: %s"),
    # Translators: argparse's error; %s is one of two options that cannot go together.
    N_("not allowed with argument %s"),
    # Translators: argparse's error; %s lists the options of which one must be given.
    N_("one of the arguments %s is required"),
    # Translators: argparse's error; %s is what was typed and not understood.
    N_("unrecognized arguments: %s"),
    # Translators: argparse's error when an option is given without its value.
    N_("expected one argument"),
    # Translators: argparse's error.
    N_("expected at most one argument"),
    # Translators: argparse's error.
    N_("expected at least one argument"),
    # Translators: argparse's error; %(value)r is what was typed, %(choices)s the choices.
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    # Translators: argparse's error; %(type)s is a kind of value, %(value)r what was typed.
    N_("invalid %(type)s value: %(value)r"),
    # Translators: argparse's error; %(option)s is what was typed, %(matches)s the options
    # it could be short for.
    N_("ambiguous option: %(option)s could match %(matches)s"),
    # Translators: argparse's error; %r is the value that was not used.
    N_("ignored explicit argument %r"),
    # Translators: argparse's error; %(parser_name)r is the command typed, %(choices)s the
    # commands there are.
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    # Translators: argparse's error; %(filename)s is a file, %(error)s the system's reason.
    N_("can't open '%(filename)s': %(error)s"),
    # Translators: argparse's error line; keep %(prog)s and %(message)s and the line end.
    N_("%(prog)s: error: %(message)s\n"),
    # Translators: argparse's error (Python 3.12 and later); %s is an option.
    N_("unexpected option string: %s"),
)


def _plural_marks() -> None:  # pragma: no cover - never called: marks argparse's plural
    # Translators: argparse's error; %s is a number of values.
    i18n.ngettext("expected %s argument", "expected %s arguments", 1)
