"""``companion log WHAT``: a temperature, weight, symptom, stools, counts, a transfusion
or an IVIG; the alert rules judge it at once, as in the window."""

from __future__ import annotations

import argparse
from pathlib import Path

from companion.cli.access import open_diary
from companion.cli.common import (
    CommandError,
    Parser,
    alert_lines,
    count_unit,
    decimal_arg,
    hb_unit,
    igg_unit,
    iso_moment,
    note_arg,
    print_json,
    whole_arg,
)
from companion.domain.days import app_strftime
from companion.i18n import _
from companion.service.serialise import (
    alert_json,
    entry_json,
    ivig_json,
    lab_json,
    logged_json,
    transfusion_json,
)

SEVERITY_CHOICES = ("none", "mild", "moderate", "severe", "very-severe")
SITES = ("mouth", "armpit", "ear", "forehead")


def _log_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--at",
        type=iso_moment,
        metavar="ISO-8601",
        help=_("when (default: now); a time in the future is refused"),
    )
    parser.add_argument(
        "--note", default="", type=note_arg, metavar="TEXT", help=_("a note to keep with it")
    )
    parser.add_argument("--json", action="store_true", help=_("print the result as JSON"))


def _immune_count_options(counts: argparse.ArgumentParser) -> None:
    counts.add_argument(
        "--lymphocytes",
        type=decimal_arg,
        metavar="V",
        help=_("lymphocytes, in the --unit of the counts"),
    )
    counts.add_argument("--cd4", type=decimal_arg, metavar="N", help=_("CD4 T cells, in cells/uL"))
    counts.add_argument("--igg", type=decimal_arg, metavar="V", help=_("IgG, in --igg-unit"))
    counts.add_argument(
        "--igg-unit",
        type=igg_unit,
        default=None,
        metavar="UNIT",
        help=_("g/L (default) or mg/dL"),
    )


def add_parser(commands) -> None:
    """``log`` and its kinds."""
    log = commands.add_parser(
        "log",
        help=_("log a temperature, weight, symptom, stools, blood counts or a transfusion"),
        description=_("Log one thing; the alert rules judge it at once, as in the window."),
    )
    what = log.add_subparsers(dest="what", metavar="WHAT", required=True, parser_class=Parser)
    temperature = what.add_parser("temperature", help=_("a temperature, in °C unless --unit F"))
    temperature.add_argument("value", metavar="VALUE")
    temperature.add_argument("--unit", choices=("C", "F"), default=None)
    temperature.add_argument("--site", choices=SITES, default="mouth")
    _log_options(temperature)
    weight = what.add_parser("weight", help=_("a weight in kg"))
    weight.add_argument("value", metavar="KG")
    _log_options(weight)
    symptom = what.add_parser(
        "symptom", help=_("a symptom or infection sign by its id (--list shows them)")
    )
    symptom.add_argument("term", nargs="?", metavar="TERM")
    symptom.add_argument("--severity", choices=SEVERITY_CHOICES)
    symptom.add_argument("--list", action="store_true", help=_("print the ids and exit"))
    _log_options(symptom)
    stools = what.add_parser("stools", help=_("loose or watery stools since midnight"))
    stools.add_argument("value", type=whole_arg, metavar="N")
    _log_options(stools)
    counts = what.add_parser("counts", help=_("blood counts as printed on your results"))
    counts.add_argument("--anc", type=decimal_arg, metavar="V")
    counts.add_argument("--wbc", type=decimal_arg, metavar="V")
    counts.add_argument("--neutrophil-percent", type=decimal_arg, metavar="P")
    counts.add_argument("--platelets", type=decimal_arg, metavar="V")
    counts.add_argument("--hb", type=decimal_arg, metavar="V")
    counts.add_argument(
        "--unit",
        type=count_unit,
        default="x10^9/L",
        metavar="UNIT",
        help=_("the unit of the cell counts: x10^9/L (default), x10^3/uL, /uL or /mm3"),
    )
    counts.add_argument(
        "--hb-unit", type=hb_unit, default=None, metavar="UNIT", help=_("g/dL or g/L")
    )
    _immune_count_options(counts)  # issue 21
    _log_options(counts)
    transfusion = what.add_parser("transfusion", help=_("a transfusion given"))
    transfusion.add_argument("product", choices=("platelets", "red-cells"))
    _log_options(transfusion)
    ivig = what.add_parser(  # issue 21
        "ivig", help=_("an IVIG (immunoglobulin) infusion given")
    )
    _log_options(ivig)


def _log(args, data_dir: Path, clock) -> int:
    from companion.service.errors import EntryError, LabError

    if args.what == "symptom" and args.list:
        return _list_terms()
    service = open_diary(data_dir, clock)
    try:
        try:
            if args.what == "ivig":  # issue 21
                return _log_ivig(args, service)
            if args.what in ("counts", "transfusion"):
                return _log_counts(args, service)
            entry = _entry_from(args, service)
            logged = service.log.add(entry).value
        except (EntryError, LabError) as error:
            raise CommandError(str(error)) from None
        if args.json:
            print_json(
                logged_json(
                    entry_json(logged.entry, service),
                    [alert_json(a, service) for a in logged.alerts],
                    logged.at_or_above_limit,
                )
            )
            return 0
        from companion.domain.rules import NoticeKind
        from companion.domain.wording import entry_summary, notice_text, site_note

        what = entry_summary(
            logged.entry, service.settings.vocabulary, service.settings.temperature_unit
        )
        print(
            _("Saved {what} at {time} {date}.").format(
                what=what,
                time=app_strftime(logged.entry.at, "%H:%M"),
                date=app_strftime(logged.entry.at, "%d %b %Y"),
            )
        )
        for notice in logged.judgement.notices:
            text = notice_text(notice, service.settings.temperature_unit, service.today())
            if text:
                print(f"⚠ {text}")
        if logged.entry.kind.value == "temperature":
            note = site_note(logged.entry.detail, service.settings.limit_site)
            if note:
                print(note)
        shown = list(logged.alerts)
        if not shown and logged.judgement.notice(NoticeKind.CARD_OPEN) is not None:
            shown = service.log.open_alerts()  # the open card, with this reading on it now
        for line in alert_lines(shown, service):
            print(line)
        if not logged.alerts:  # issue 21: a chronic GVHD check sign below its call level
            for line in _gvhd_check_lines(logged.entry, service.settings.vocabulary):
                print(line)
        return 0
    finally:
        service.close()


def _entry_from(args, service):
    from companion.domain.entries import (
        Entry,
        EntryError,
        EntryKind,
        TemperatureUnit,
        WeightUnit,
        parse_temperature,
        parse_weight,
    )

    at = args.at or service.now()
    note = args.note
    if args.what == "temperature":
        unit = TemperatureUnit(args.unit) if args.unit else TemperatureUnit.CELSIUS
        celsius = parse_temperature(args.value, unit)
        return Entry(at, EntryKind.TEMPERATURE, value=celsius, detail=args.site, note=note)
    if args.what == "weight":
        return Entry(at, EntryKind.WEIGHT, value=parse_weight(args.value, WeightUnit.KG), note=note)
    if args.what == "stools":
        return Entry(at, EntryKind.STOOLS, value=float(args.value), note=note)
    # a symptom or an infection sign, by its vocabulary id
    vocabulary = service.settings.vocabulary
    if not args.term:
        raise EntryError(_("please name the symptom (see 'companion log symptom --list')."))
    severity = None if args.severity is None else SEVERITY_CHOICES.index(args.severity)
    if vocabulary.symptom(args.term) is not None:
        if severity is None:
            raise EntryError(_("please say how bad it is with --severity (none … very-severe)."))
        return Entry(at, EntryKind.SYMPTOM, term=args.term, severity=severity, note=note)
    if any(sign.id == args.term for sign in vocabulary.infections):
        return Entry(at, EntryKind.INFECTION, term=args.term, severity=severity, note=note)
    raise EntryError(
        _("there is no symptom called {term}. 'companion log symptom --list' shows them.").format(
            term=repr(args.term)
        )
    )


def _list_terms() -> int:
    from companion.content.vocabulary import load_vocabulary

    vocabulary = load_vocabulary()
    print(_("Symptoms (companion log symptom TERM --severity …):"))
    for term in vocabulary.symptoms:
        print(f"  {term.id:<22} {term.label}")
    print(_("Infection signs (companion log symptom TERM):"))
    for sign in vocabulary.infections:
        print(f"  {sign.id:<22} {sign.label}")
    return 0


def _log_counts(args, service) -> int:
    from companion.domain.labs import (
        CountUnit,
        HbUnit,
        Product,
        Transfusion,
        lab_result,
        parse_count,
        parse_hb,
        parse_percent,
    )

    at = args.at or service.now()
    if args.what == "transfusion":
        product = Product.PLATELETS if args.product == "platelets" else Product.RED_CELLS
        saved_t = service.labs.add_transfusion(Transfusion(at.date(), product)).value
        if args.json:
            print_json(logged_json(transfusion_json(saved_t, args.product)))
        else:
            on = app_strftime(saved_t.on, "%d %b %Y")
            if product is Product.PLATELETS:
                print(_("Saved a platelets transfusion on {date}.").format(date=on))
            else:
                print(_("Saved a red cells transfusion on {date}.").format(date=on))
        return 0
    unit = CountUnit(args.unit)

    def count(value, what):
        return None if value is None else parse_count(repr(value), unit, what)

    anc, wbc = count(args.anc, "ANC"), count(args.wbc, "WBC")
    percent = (
        None if args.neutrophil_percent is None else parse_percent(repr(args.neutrophil_percent))
    )
    hb_unit = HbUnit(args.hb_unit) if args.hb_unit else service.settings.hb_unit
    hb = None if args.hb is None else parse_hb(repr(args.hb), hb_unit)
    result = lab_result(at, anc, wbc, percent, count(args.platelets, "Platelets"), hb)
    result = _with_immune_counts(result, args, count)  # issue 21
    saved = service.labs.add(result).value
    if args.json:
        print_json(logged_json(lab_json(saved)))
        return 0
    from companion.domain.wording import lab_summary

    print(
        _("Saved blood counts taken at {time} {date}:").format(
            time=app_strftime(saved.at, "%H:%M"), date=app_strftime(saved.at, "%d %b %Y")
        )
    )
    print(f"  {lab_summary(saved, service.settings.count_unit, service.settings.hb_unit)}")
    return 0


def _with_immune_counts(result, args, count):
    from dataclasses import replace

    from companion.domain.labs import IggUnit, parse_cd4, parse_igg

    if args.igg_unit is not None and args.igg is None:
        raise CommandError(_("--igg-unit goes with --igg V."))
    igg = None
    if args.igg is not None:
        igg = parse_igg(repr(args.igg), IggUnit(args.igg_unit or "g/L"))
    return replace(
        result,
        lymphocytes=count(args.lymphocytes, "Lymphocytes"),
        cd4=None if args.cd4 is None else parse_cd4(repr(args.cd4)),
        igg=igg,
    )


def _gvhd_check_lines(entry, vocabulary) -> list[str]:
    """What to do about a chronic GVHD sign: the term's own advice when it has one (some
    signs must not wait for the next visit: nurse review 3 and 4), else the general line."""
    from companion.content.immunity import load_gvhd_check
    from companion.domain.immunity_wording import gvhd_next_visit

    if entry.term and entry.term in load_gvhd_check().terms and entry.severity:
        symptom = vocabulary.symptom(entry.term)
        return [symptom.hint if symptom is not None and symptom.hint else gvhd_next_visit()]
    return []


def _log_ivig(args, service) -> int:
    at = service.immunity.add_ivig(args.at or service.now()).value
    if args.json:
        print_json(logged_json(ivig_json(at)))
    else:
        print(
            _("Saved an IVIG infusion at {time} {date}.").format(
                time=app_strftime(at, "%H:%M"), date=app_strftime(at, "%d %b %Y")
            )
        )
    return 0


COMMANDS = {"log": _log}
