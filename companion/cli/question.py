"""``companion question add|list|answer``: the questions notebook."""

from __future__ import annotations

from pathlib import Path

from companion.cli.access import open_diary
from companion.cli.common import CommandError, Parser, id_arg, note_arg, print_json
from companion.i18n import _
from companion.service.serialise import question_json


def add_parser(commands) -> None:
    """``question`` and its actions."""
    question = commands.add_parser("question", help=_("the questions notebook for your visits"))
    question_do = question.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=Parser
    )
    add_question = question_do.add_parser(
        "add", help=_("add a question (for the next visit unless --appointment ID)")
    )
    add_question.add_argument("text", type=note_arg, metavar="TEXT")
    add_question.add_argument("--appointment", type=id_arg, metavar="ID")
    add_question.add_argument("--json", action="store_true")
    list_questions = question_do.add_parser("list", help=_("list every question, by visit"))
    list_questions.add_argument("--json", action="store_true")
    answer_question = question_do.add_parser("answer", help=_("record the team's answer"))
    answer_question.add_argument("id", type=id_arg, metavar="ID")
    answer_question.add_argument("text", type=note_arg, metavar="TEXT")


def _question(args, data_dir: Path, clock) -> int:
    from companion.domain.wording import question_place
    from companion.service.errors import VisitError

    service = open_diary(data_dir, clock)
    try:
        if args.action == "add":
            try:
                saved = service.visits.add_question(args.text, args.appointment).value
            except VisitError as error:
                raise CommandError(str(error)) from None
            placed = next(p for p in service.visits.questions() if p.id == saved.id)
            if args.json:
                print_json(question_json(placed))
            else:
                where = question_place(placed.appointment, service.today())
                print(_("Saved question {id}, for {visit}.").format(id=saved.id, visit=where))
            return 0
        if args.action == "answer":
            try:
                service.visits.answer_question(args.id, args.text)
            except VisitError as error:
                raise CommandError(str(error)) from None
            print(_("Saved the answer to question {id}.").format(id=args.id))
            return 0
        questions = service.visits.questions()
        if args.json:
            print_json([question_json(p) for p in questions])
            return 0
        if not questions:
            print(_('No questions yet. Add one with: companion question add "…"'))
            return 0
        today = service.today()
        groups: dict = {}
        for placed in questions:
            key = placed.appointment.id if placed.appointment else None
            groups.setdefault(key, []).append(placed)
        order = sorted(
            groups,
            key=lambda k: (k is None, groups[k][0].appointment.at if k is not None else 0),
        )
        for key in order:
            first = groups[key][0]
            print(_("For {visit}:").format(visit=question_place(first.appointment, today)))
            for placed in groups[key]:
                q = placed.question
                mark = "✓" if q.answered else "?"
                print(f"  {q.id:>3} {mark} {q.text}")
                if q.answered:
                    print("        " + _("answer: {answer}").format(answer=q.answer))
        return 0
    finally:
        service.close()


COMMANDS = {"question": _question}
