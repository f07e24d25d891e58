"""Sane values: every value in a diary file is one the app could have saved itself.

A file of the right shape can still hold values no form would accept — a 20 MB team name,
a custom item of a million characters, a blood count of infinity, Day 0 in the year 9999.
Each would stall the window or a print, or crash a launch. ``check_contents`` reads the
whole file once (read-only) before it is opened or restored, against the same limits the
forms use, and says what it found in plain words.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from companion.domain.alerts import AlertLevel
from companion.domain.checklist import MAX_CUSTOM_ITEM_LENGTH
from companion.domain.clinical import SETTINGS_BY_KEY, SettingError, validate_setting
from companion.domain.days import FIRST_YEAR, LAST_YEAR, in_range, instant_in_range
from companion.domain.entries import MAX_C, MAX_NOTE_LENGTH, MIN_C, EntryKind
from companion.domain.immunity import MAX_VACCINE_TEXT, LiveCondition
from companion.domain.journey import MAX_CONDITIONING_DAYS, Phase
from companion.domain.kinds import GraftSource, TransplantKind
from companion.domain.labs import (
    CD4_MAX,
    HB_MAX_G_L,
    HB_MIN_G_L,
    IGG_MAX_G_L,
    LIMITS,
    CountUnit,
    HbUnit,
    IggUnit,
    Product,
)
from companion.domain.medicines import (
    MAX_DOSE,
    MAX_NAME,
    MAX_PURPOSE,
    MAX_REASON,
    ChangeKind,
    Food,
    MedicineError,
    parse_times,
)
from companion.domain.team import MAX_ADVICE_LENGTH, MAX_NAME_LENGTH, MAX_PHONE_LENGTH
from companion.i18n import N_, _, format_number
from companion.storage.db import SYNCED_TABLES
from companion.storage.schema import Shape, quoted

# Text no form limits more closely (history values, legacy sentences, the notebook's
# text): long enough for any real use, far too short to stall a window or a print.
MAX_TEXT = 4000
MAX_SHORT = 200  # ids, keys, kinds
MAX_STAMP = 40  # an ISO date or time
# Numbers a diary never needs beyond (an alert's figures, a reading's generic value).
MAX_MAGNITUDE = 1e6


class ContentsError(Exception):
    """A value the app could not have saved; ``str()`` says which, in plain words."""


@dataclass(frozen=True, slots=True)
class Rule:
    """What one column may hold. ``check`` (Python) runs on each distinct value."""

    label: str  # in plain words, marked: N_("the team's name"), said with _(label)
    text: int | None = None  # longest text allowed
    low: float | None = None
    high: float | None = None
    choices: tuple[str | int, ...] = ()
    check: Callable[[object], bool] | None = None
    # SQL true for values surely fine (``{c}``: the column), so ``check`` reads only the
    # others: a diary of years is read at every start, and SQLite is faster than Python.
    fast: str | None = None
    expects: str = ""  # what ``check`` wants, in words (marked; {first}, {last}: years)


def _date(value: object) -> bool:
    try:
        return in_range(date.fromisoformat(str(value)))
    except ValueError:
        return False


def _moment(value: object) -> bool:
    """An ISO date-time with its offset whose instant is in the range the app can use —
    the same test (``instant_in_range``) that input passes, so nothing the app accepted can
    fail here."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return False
    return instant_in_range(moment)


def _clock(value: object) -> bool:
    try:
        time.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _times(value: object) -> bool:
    try:
        return bool(parse_times(str(value)))
    except MedicineError:
        return False


def _weekdays(value: object) -> bool:
    parts = [p for p in str(value).split(",") if p]
    return all(p in "0123456" and len(p) == 1 for p in parts) and len(parts) <= 7


def _json_object(value: object) -> bool:
    try:
        return isinstance(json.loads(str(value)), dict)
    except ValueError:
        return False


def _values(enum) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


_DIGITS = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
_IN_YEARS = f"substr({{c}}, 1, 4) BETWEEN '{FIRST_YEAR}' AND '{LAST_YEAR}'"
DATE_FAST = f"({{c}} GLOB '{_DIGITS}' AND {_IN_YEARS} AND date({{c}}, '+0 days') = {{c}})"
# A time with an offset in the first or last year may be outside the range as an instant
# (1900-01-01T00:00+14:00 is 1899 in UTC): those few are left to ``_moment``.
_INNER_YEARS = f"substr({{c}}, 1, 4) BETWEEN '{FIRST_YEAR + 1}' AND '{LAST_YEAR - 1}'"
MOMENT_FAST = (
    f"((({{c}} GLOB '{_DIGITS}T[0-9][0-9]:[0-9][0-9]:[0-9][0-9][+-][0-1][0-9]:[0-5][0-9]' "
    f"AND {_INNER_YEARS}) "
    f"OR ({{c}} GLOB '{_DIGITS}T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z' AND {_IN_YEARS})) "
    "AND date(substr({c}, 1, 10), '+0 days') = substr({c}, 1, 10) "
    "AND time(substr({c}, 12, 8)) = substr({c}, 12, 8))"
)
# Marked, said with the years filled in ({first}, {last}).
_DATES = N_("real dates from {first} to {last}")
_MOMENTS = N_("real dates and times, with their time zone, from {first} to {last}")


def _sql_has_json() -> bool:
    try:
        with contextlib.closing(sqlite3.connect(":memory:")) as conn:
            conn.execute("SELECT json_valid('{}')")
    except sqlite3.Error:  # pragma: no cover - SQLite built without JSON
        return False
    return True


JSON_FAST = "(json_valid({c}) AND json_type({c}) = 'object')" if _sql_has_json() else None


def date_rule(label: str) -> Rule:
    return Rule(label, text=MAX_STAMP, check=_date, fast=DATE_FAST, expects=_DATES)


def moment_rule(label: str) -> Rule:
    return Rule(label, text=MAX_STAMP, check=_moment, fast=MOMENT_FAST, expects=_MOMENTS)


DATE = date_rule(N_("a date"))
MOMENT = moment_rule(N_("a date and time"))
SHORT = Rule(N_("a key"), text=MAX_SHORT)
PHASE = Rule(N_("a phase"), choices=_values(Phase))
SCORE = Rule(N_("a 0–4 score"), low=0, high=4)
FLAG = Rule(N_("a yes/no value"), choices=(0, 1))
ANY_NUMBER = Rule(N_("a number"), low=-MAX_MAGNITUDE, high=MAX_MAGNITUDE)

# table -> column -> rule. Columns not named here: text up to MAX_TEXT, numbers finite and
# within MAX_MAGNITUDE. Older schema versions use the subset of columns they have.
RULES: dict[str, dict[str, Rule]] = {
    "_sqlite_migrations": {"migration_set": SHORT, "name": SHORT, "applied_at": SHORT},
    "transplants": {
        "number": Rule(N_("a transplant's number"), low=1, high=99),
        "kind": Rule(N_("the kind of transplant"), choices=_values(TransplantKind)),
        "source": Rule(N_("the source of the stem cells"), choices=_values(GraftSource)),
        "day0": date_rule(N_("Day 0")),
        "day0_confirmed": FLAG,
        "conditioning_days": Rule(N_("the conditioning start"), low=1, high=MAX_CONDITIONING_DAYS),
        "neutrophil_recovery": date_rule(N_("the date counts recovered")),
        "created_at": MOMENT,
    },
    "team": {
        "name": Rule(N_("the team's name"), text=MAX_NAME_LENGTH),
        "office_phone": Rule(N_("the office-hours number"), text=MAX_PHONE_LENGTH),
        "after_hours_phone": Rule(N_("the after-hours number"), text=MAX_PHONE_LENGTH),
        "office_opens": Rule(
            N_("the office opening time"),
            text=MAX_STAMP,
            check=_clock,
            expects=N_("a time like 08:00"),
        ),
        "office_closes": Rule(
            N_("the office closing time"),
            text=MAX_STAMP,
            check=_clock,
            expects=N_("a time like 17:00"),
        ),
        "office_days": Rule(
            N_("the office days"), text=MAX_STAMP, check=_weekdays, expects=N_("weekdays 0 to 6")
        ),
    },
    "clinical_settings": {"key": SHORT, "value": Rule(N_("a clinical number"))},
    "change_log": {"at": MOMENT, "field": SHORT, "transplant_number": ANY_NUMBER},
    "checklist_state": {
        "phase": PHASE,
        "item_key": SHORT,
        "ticked_at": MOMENT,
        "hidden": FLAG,
    },
    "custom_items": {
        "phase": PHASE,
        "text": Rule(N_("a custom checklist item"), text=MAX_CUSTOM_ITEM_LENGTH),
        "created_at": MOMENT,
    },
    "entries": {
        "at": moment_rule(N_("an entry's time")),
        "at_utc": moment_rule(N_("an entry's time")),
        "kind": Rule(N_("an entry's kind"), choices=_values(EntryKind)),
        "term": SHORT,
        "value": Rule(N_("an entry's reading"), low=-MAX_MAGNITUDE, high=MAX_MAGNITUDE),
        "severity": SCORE,
        "frequency": SCORE,
        "interference": SCORE,
        "detail": SHORT,
        "note": Rule(N_("a note"), text=MAX_NOTE_LENGTH),
        "created_at": MOMENT,
        "deleted_at": MOMENT,
    },
    "alerts": {
        "raised_at": MOMENT,
        "level": Rule(N_("an alert's level"), choices=tuple(int(level) for level in AlertLevel)),
        "kind": SHORT,
        "rule": SHORT,
        "entry_id": ANY_NUMBER,
        "reading": ANY_NUMBER,
        "threshold": ANY_NUMBER,
        "figures": Rule(
            N_("an alert's figures"),
            text=MAX_TEXT,
            check=_json_object,
            fast=JSON_FAST,
            expects=N_("figures the app wrote (a JSON object)"),
        ),
        "contacted_at": MOMENT,
        "contact_id": ANY_NUMBER,
    },
    "preferences": {"key": SHORT, "value": Rule(N_("a preference"), text=MAX_ADVICE_LENGTH)},
    "labs": {
        "at": moment_rule(N_("a blood count's time")),
        "at_utc": moment_rule(N_("a blood count's time")),
        "anc": Rule(N_("a neutrophil count (ANC)"), low=0, high=LIMITS["ANC"]),
        "anc_computed": FLAG,
        "wbc": Rule(N_("a white cell count (WBC)"), low=0, high=LIMITS["WBC"]),
        "neutrophil_percent": Rule(N_("a neutrophil percentage"), low=0, high=100),
        "platelets": Rule(N_("a platelet count"), low=0, high=LIMITS["Platelets"]),
        "hb": Rule(N_("a haemoglobin value"), low=HB_MIN_G_L, high=HB_MAX_G_L),
        "lymphocytes": Rule(N_("a lymphocyte count"), low=0, high=LIMITS["Lymphocytes"]),
        "cd4": Rule(N_("a CD4 count"), low=0, high=CD4_MAX),
        "igg": Rule(N_("an IgG level"), low=0, high=IGG_MAX_G_L),
        "created_at": MOMENT,
        "deleted_at": MOMENT,
    },
    "transfusions": {
        "on_date": date_rule(N_("a transfusion's date")),
        "product": Rule(N_("a transfusion's product"), choices=_values(Product)),
        "created_at": MOMENT,
        "deleted_at": MOMENT,
    },
    "appointments": {
        "at": moment_rule(N_("an appointment's time")),
        "at_utc": moment_rule(N_("an appointment's time")),
        "kind": SHORT,
        "created_at": MOMENT,
        "deleted_at": MOMENT,
    },
    "questions": {
        "appointment_id": ANY_NUMBER,
        "created_at": MOMENT,
        "answered_at": MOMENT,
        "deleted_at": MOMENT,
    },
    "daily_ticks": {
        "phase": PHASE,
        "item_key": SHORT,
        "on_date": DATE,
        "ticked_at": MOMENT,
    },
    # Issue 20: the medicine list, its changes, the doses recorded, the checks scheduled.
    "medicines": {
        "name": Rule(N_("a medicine's name"), text=MAX_NAME),
        "dose": Rule(N_("a medicine's dose"), text=MAX_DOSE),
        "purpose": Rule(N_("what a medicine is for"), text=MAX_PURPOSE),
        "times": Rule(
            N_("a medicine's times"),
            text=MAX_SHORT,
            check=_times,
            expects=N_("times like 08:00,20:00"),
        ),
        "every_hours": Rule(N_("a medicine's hours between doses"), low=1, high=24),
        "food": Rule(N_("with food or not"), choices=_values(Food)),
        "start_date": date_rule(N_("a medicine's first day")),
        "end_date": date_rule(N_("a medicine's last day")),
        "hold_on_blood_test": FLAG,
        "created_at": MOMENT,
        "deleted_at": MOMENT,
    },
    "medicine_changes": {
        "medicine_id": ANY_NUMBER,
        "kind": Rule(N_("a medicine change"), choices=_values(ChangeKind)),
        "on_date": date_rule(N_("a medicine change's day")),
        "until_date": date_rule(N_("a pause's last day")),
        "dose": Rule(N_("a medicine's dose"), text=MAX_DOSE),
        "created_at": MOMENT,
        "deleted_at": MOMENT,
    },
    "dose_records": {
        "medicine_id": ANY_NUMBER,
        "due_at": moment_rule(N_("a dose's time")),
        "due_utc": moment_rule(N_("a dose's time")),
        "status": Rule(N_("a dose's status"), choices=("taken", "skipped")),
        "at": moment_rule(N_("when a dose was recorded")),
        "reason": Rule(N_("a reason for skipping"), text=MAX_REASON),
        "created_at": MOMENT,
        "deleted_at": MOMENT,
    },
    "scheduled_checks": {
        "at": moment_rule(N_("a temperature check's time")),
        "at_utc": moment_rule(N_("a temperature check's time")),
        "reading_at": MOMENT,
        "value": Rule(N_("a temperature"), low=MIN_C, high=MAX_C),
        "entry_id": ANY_NUMBER,
        "created_at": MOMENT,
    },
    # Issue 21: IVIG infusions, the vaccine plan, the live-vaccine conditions, check-ups.
    "ivig_infusions": {
        "at": moment_rule(N_("an IVIG infusion's time")),
        "at_utc": moment_rule(N_("an IVIG infusion's time")),
        "created_at": MOMENT,
        "deleted_at": MOMENT,
    },
    "vaccine_doses": {
        "transplant_id": ANY_NUMBER,
        "vaccine": SHORT,
        "name": Rule(N_("a vaccine's name"), text=MAX_VACCINE_TEXT),
        "dose": Rule(N_("a dose number"), low=1, high=20),
        "earliest": date_rule(N_("a vaccine's earliest date")),
        "default_earliest": date_rule(N_("a vaccine's earliest date")),
        "live": FLAG,
        "given_on": date_rule(N_("the date a vaccine was given")),
        "given_where": Rule(N_("where a vaccine was given"), text=MAX_VACCINE_TEXT),
        "batch": Rule(N_("a vaccine's batch number"), text=MAX_VACCINE_TEXT),
        "created_at": MOMENT,
        "deleted_at": MOMENT,
    },
    "live_vaccine_conditions": {
        "transplant_id": ANY_NUMBER,
        "name": Rule(N_("a live-vaccine condition"), choices=_values(LiveCondition)),
        "met": FLAG,
        "since": date_rule(N_("the date a live-vaccine condition counts from")),
        "updated_at": MOMENT,
    },
    "screening_plan": {
        "transplant_id": ANY_NUMBER,
        "item": SHORT,
        "due_on": date_rule(N_("a check-up's date")),
        "appointment_id": ANY_NUMBER,
        "done_on": date_rule(N_("the date a check-up was done")),
        "created_at": MOMENT,
    },
}
# Issue 19: each row's UUID and version, the journal of operations, the erasure record.
UUID = Rule(
    N_("a row's id (UUID)"),
    text=32,
    check=lambda v: len(str(v)) == 32 and all(c in "0123456789abcdef" for c in str(v)),
    fast="(length({c}) = 32 AND NOT {c} GLOB '*[^0-9a-f]*')",
    expects=N_("32 hexadecimal digits"),
)
for _table in SYNCED_TABLES:  # the tables whose rows carry a UUID and a version
    RULES[_table] |= {"uuid": UUID, "version": Rule(N_("a row's version"), low=0, high=2**53)}
# A journal row holds the values before and after one operation, and one operation can
# touch many rows: "I contacted my team" closing every alert of weeks never acknowledged
# wrote 208,586 characters in a generated two-year diary (about 500 per alert), and a
# lower cap locked that diary out at the next start. 64 MiB is what no operation of the app
# comes near, and still far below what would stall a check.
MAX_JOURNAL = 64 * 1024 * 1024
RULES["journal"] = {
    "at": MOMENT,
    "at_utc": MOMENT,
    "operation": SHORT,
    "device": SHORT,
    "front_end": Rule(N_("a front end"), choices=("window", "cli", "other")),
    "session": SHORT,
    "rows": Rule(
        N_("the journal's rows"),
        text=MAX_JOURNAL,
        check=lambda v: isinstance(_loads(v), list),
        fast="(json_valid({c}) AND json_type({c}) = 'array')" if JSON_FAST else None,
        expects=N_("rows the app wrote (a JSON list)"),
    ),
    "undoable": FLAG,
    "state": Rule(N_("a journal row's state"), choices=("done", "undone")),
    "undone_at": MOMENT,
    "kept": FLAG,
}
RULES["tombstones"] = {
    "uuid": UUID,
    "table_name": SHORT,
    "deleted_at": MOMENT,
    "erased_at": MOMENT,
}


def _loads(value: object) -> object:
    try:
        return json.loads(str(value))
    except ValueError:
        return None


# Storage classes each declared type may hold (SQLite keeps what it is given otherwise).
_STORAGE = {
    "INTEGER": ("integer", "null"),
    "REAL": ("real", "integer", "null"),
    "FLOAT": ("real", "integer", "null"),
    "TEXT": ("text", "null"),
}


def _entry_values() -> tuple:
    """Per-kind readings, as the entry form takes them (entry_kinds.KINDS: each kind's
    limits). Imported when a check runs, not at start-up (the registry costs ~10 ms)."""
    from companion.domain.entry_kinds import KINDS

    return tuple((kind, spec.limits) for kind, spec in KINDS.items() if spec.limits is not None)


_PREFERENCE_CHOICES = {
    "temperature_unit": (N_("a temperature unit"), ("C", "F")),
    "count_unit": (N_("a count unit"), tuple(u.value for u in CountUnit)),
    "hb_unit": (N_("a haemoglobin unit"), tuple(u.value for u in HbUnit)),
    "igg_unit": (N_("an IgG unit"), tuple(u.value for u in IggUnit)),
}
# What a column holds, in words (marked), by SQLite's storage class.
_HOLDS = {
    "text": N_("text"),
    "blob": N_("binary data"),
    "integer": N_("a number"),
    "real": N_("a number"),
}


def _shown(value: object) -> str:
    text = repr(value) if isinstance(value, str) else f"{value}"
    return text if len(text) <= 40 else text[:37] + "…"


def _first(conn: sqlite3.Connection, sql: str, args: tuple = ()) -> tuple | None:
    return conn.execute(sql, args).fetchone()


def _limits(declared: str, rule: Rule) -> tuple[float, float]:
    low = rule.low if rule.low is not None else -MAX_MAGNITUDE
    high = rule.high if rule.high is not None else MAX_MAGNITUDE
    return low, high


def _suspect(column: str, declared: str, rule: Rule) -> tuple[str, list]:
    """One SQL condition true for any value this column's checks may refuse."""
    c = quoted(column)
    allowed = _STORAGE.get(declared, ("text", "integer", "real", "null"))
    parts = [f"typeof({c}) NOT IN ({', '.join('?' for _ in allowed)})"]
    args: list = list(allowed)
    if declared == "TEXT":
        parts.append(f"length({c}) > ?")
        args.append(rule.text if rule.text is not None else MAX_TEXT)
    else:
        parts.append(f"({c} IS NOT NULL AND NOT ({c} BETWEEN ? AND ?))")
        args += _limits(declared, rule)
    if rule.choices:
        parts.append(f"({c} IS NOT NULL AND {c} NOT IN ({', '.join('?' for _ in rule.choices)}))")
        args += rule.choices
    if rule.check is not None:
        fast = rule.fast.format(c=c) if rule.fast else "0"
        parts.append(f"({c} IS NOT NULL AND NOT {fast})")
    return " OR ".join(parts), args


def _check_column(
    conn: sqlite3.Connection, table: str, column: str, declared: str, rule: Rule
) -> None:
    t, c = quoted(table), quoted(column)
    allowed = _STORAGE.get(declared, ("text", "integer", "real", "null"))
    marks = ", ".join("?" for _ in allowed)
    found = _first(conn, f"SELECT typeof({c}) FROM {t} WHERE typeof({c}) NOT IN ({marks})", allowed)
    if found:
        held = _HOLDS.get(found[0])
        kept = _HOLDS["text"] if declared == "TEXT" else _HOLDS["real"]
        raise ContentsError(
            _("{what} holds {found}, not {kept}").format(
                what=_(rule.label),
                found=_(held) if held else found[0],
                kept=_(kept),
            )
        )
    if declared == "TEXT":
        limit = rule.text if rule.text is not None else MAX_TEXT
        found = _first(conn, f"SELECT length({c}) FROM {t} WHERE length({c}) > ?", (limit,))
        if found:
            raise ContentsError(
                _("{what} is {length} characters long, where a diary holds at most {limit}").format(
                    what=_(rule.label), length=format_number(found[0]), limit=format_number(limit)
                )
            )
    else:
        low, high = _limits(declared, rule)
        found = _first(
            conn,
            f"SELECT {c} FROM {t} WHERE {c} IS NOT NULL AND NOT ({c} BETWEEN ? AND ?)",
            (low, high),
        )
        if found:
            raise ContentsError(
                _("{what} is {value}, where a diary takes {low} to {high}").format(
                    what=_(rule.label), value=_shown(found[0]), low=f"{low:g}", high=f"{high:g}"
                )
            )
    if rule.choices:
        marks = ", ".join("?" for _ in rule.choices)
        found = _first(
            conn,
            f"SELECT {c} FROM {t} WHERE {c} IS NOT NULL AND {c} NOT IN ({marks})",
            rule.choices,
        )
        if found:
            raise ContentsError(
                _("{what} is {value}, which a diary never holds").format(
                    what=_(rule.label), value=_shown(found[0])
                )
            )
    if rule.check is not None:
        fast = rule.fast.format(c=c) if rule.fast else "0"
        for (value,) in conn.execute(
            f"SELECT DISTINCT {c} FROM {t} WHERE {c} IS NOT NULL AND NOT {fast}"
        ):
            if not rule.check(value):
                expects = _(rule.expects) if rule.expects else _("what the app writes")
                raise ContentsError(
                    _("{what} is {value}, which the app cannot use: it takes {expects}").format(
                        what=_(rule.label),
                        value=_shown(value),
                        expects=expects.format(first=FIRST_YEAR, last=LAST_YEAR),
                    )
                )


def _check_rows(conn: sqlite3.Connection, tables: set[str]) -> None:
    """What one column cannot say alone: readings by kind, settings by key."""
    if "entries" in tables:
        for kind, limits in _entry_values():
            found = _first(
                conn,
                "SELECT value FROM entries WHERE kind = ? AND value IS NOT NULL AND "
                "NOT (value BETWEEN ? AND ?)",
                (kind.value, limits.low, limits.high),
            )
            if found:
                raise ContentsError(
                    _(limits.stored).format(
                        value=_shown(found[0]), low=limits.low, high=limits.high
                    )
                )
    if "transplants" in tables:
        found = _first(
            conn,
            "SELECT neutrophil_recovery FROM transplants WHERE neutrophil_recovery IS NOT NULL "
            "AND neutrophil_recovery <= day0",
        )
        if found:
            raise ContentsError(_("the date counts recovered is not after Day 0"))
    if "clinical_settings" in tables:
        for key, value in conn.execute("SELECT key, value FROM clinical_settings"):
            if key in SETTINGS_BY_KEY and value is not None:
                try:
                    validate_setting(key, value)
                except SettingError as error:
                    raise ContentsError(
                        _("a clinical number is out of range ({problem})").format(problem=error)
                    ) from None
    if "preferences" in tables:
        for key, (label, choices) in _PREFERENCE_CHOICES.items():
            found = _first(conn, "SELECT value FROM preferences WHERE key = ?", (key,))
            if found and found[0] not in choices:
                raise ContentsError(
                    _("{what} is {value}, which a diary never holds").format(
                        what=_(label), value=_shown(found[0])
                    )
                )


def _unknown_rule(table: str, column: str) -> Rule:
    """The rule of a column no rule names: any value of its declared type."""
    return Rule(_("a value in the diary's {table} ({column})").format(table=table, column=column))


def check_contents(conn: sqlite3.Connection, shape: Shape) -> None:
    """Read every value of a diary of ``shape`` on ``conn`` (read-only): one pass over each
    table finds whether anything is suspect; only then is each column looked at closely.

    Raises:
        ContentsError: the first value no form of the app would have saved.
    """
    tables = shape.tables()
    for table in sorted(tables):
        rules = RULES.get(table, {})
        columns = [
            (name, declared, rules.get(name) or _unknown_rule(table, name))
            for name, declared, _default in shape.columns_of(table)
        ]
        conditions, args = [], []
        for name, declared, rule in columns:
            condition, more = _suspect(name, declared, rule)
            conditions.append(condition)
            args += more
        where = " OR ".join(f"({c})" for c in conditions)
        if not conn.execute(
            f"SELECT EXISTS (SELECT 1 FROM {quoted(table)} WHERE {where})", args
        ).fetchone()[0]:
            continue
        for name, declared, rule in columns:
            _check_column(conn, table, name, declared, rule)
    _check_rows(conn, tables)


# Rows the app itself may have written that the check refuses ----------------------------

# Before issue 25, input tested a time's local year and this check its instant (UTC): a
# time in the first hours of 1900 east of Greenwich, or the last of 2200 west of it, was
# saved and then refused here at every start. Such a row must not lock the patient out:
# the diary opens read-only, names it, and lets them correct or delete it.
REPAIRABLE = {
    "entries": N_("an entry"),
    "labs": N_("a blood count"),
    "appointments": N_("an appointment"),
}
# Each row's description, a whole clause per table (marked).
_DESCRIBED = {
    "entries": N_("an entry (number {number}) has the time {at}"),
    "labs": N_("a blood count (number {number}) has the time {at}"),
    "appointments": N_("an appointment (number {number}) has the time {at}"),
}
# The word for each in ``companion fix WHAT ID``.
FIX_WORDS = {"entries": "entry", "labs": "count", "appointments": "appointment"}


@dataclass(frozen=True, slots=True)
class UnusableRow:
    """One row whose time the app cannot use: ``table``'s row ``row_id``; ``at`` as stored."""

    table: str
    row_id: int
    at: str

    @property
    def what(self) -> str:
        """What the row is, in words ("an entry")."""
        return _(REPAIRABLE[self.table])

    @property
    def word(self) -> str:
        return FIX_WORDS[self.table]

    def describe(self) -> str:
        return _(_DESCRIBED[self.table]).format(number=self.row_id, at=self.at)


def _near_range(value: object) -> bool:
    """A time just outside the range, as an offset can make one (never a year 1 or 9999)."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return False
    return (
        moment.utcoffset() is not None
        and FIRST_YEAR - 1 <= moment.year <= LAST_YEAR + 1
        and not instant_in_range(moment)
    )


def unusable_times(conn: sqlite3.Connection, tables: set[str], limit: int = 50) -> list:
    """Rows of entries, blood counts and appointments whose time (``at`` or ``at_utc``) is
    just outside the range the app uses: what earlier versions could save. Empty when any
    such time is not of that kind (then it is not the app's own)."""
    found: list[UnusableRow] = []
    for table in sorted(set(REPAIRABLE) & tables):
        t = quoted(table)
        fast_at, fast_utc = (MOMENT_FAST.format(c=quoted(c)) for c in ("at", "at_utc"))
        rows = conn.execute(
            f"SELECT rowid, at, at_utc FROM {t} WHERE NOT ({fast_at}) OR NOT ({fast_utc}) "
            "OR at IS NULL OR at_utc IS NULL LIMIT ?",
            (limit + 1,),
        ).fetchall()
        for row_id, at, at_utc in rows:
            if _moment(at) and _moment(at_utc):
                continue
            if not (_near_range(at) or _moment(at)) or not (_near_range(at_utc) or _moment(at_utc)):
                return []
            found.append(UnusableRow(table, row_id, str(at)))
    return found if len(found) <= limit else []


def check_contents_without(conn: sqlite3.Connection, shape: Shape, rows: list[UnusableRow]) -> None:
    """``check_contents`` as if ``rows`` were not there (on a copy in memory: this runs only
    for a diary that failed the check, never at an everyday start)."""
    with contextlib.closing(sqlite3.connect(":memory:")) as copy:
        conn.backup(copy)
        for row in rows:
            copy.execute(f"DELETE FROM {quoted(row.table)} WHERE rowid = ?", (row.row_id,))
        check_contents(copy, shape)
