"""Which entries mean "call your team now" (or emergency services): the alert rules.

The pure episode detector (``companion.domain.alerts.fever_events``) says when a run of
readings is a fever. This layer adds what a diary needs on top of it: the alerts already
raised and the contacts already made, a rise after a contact, a changed limit, low
temperatures, weight against a baseline, stool counts and the red-flag symptoms.

Rules never say that something is safe. They either raise an alert, or leave a notice for
the save message ("at or above your limit", "check again in an hour").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from companion.domain.alerts import (
    Alert,
    AlertKind,
    AlertLevel,
    AlertRule,
    FeverRule,
)
from companion.domain.entries import Entry, EntryKind

# Readings further apart than this never belong to one temperature episode: a fever that
# lasts a day and more raises a fresh card rather than staying "already reported".
EPISODE_WINDOW = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class SymptomTerm:
    """A symptom in our own words, with the severities at which it is a red flag."""

    id: str
    label: str
    call_team_at: int
    emergency_at: int | None = None
    hint: str = ""


@dataclass(frozen=True, slots=True)
class InfectionSign:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Vocabulary:
    symptoms: tuple[SymptomTerm, ...]
    infections: tuple[InfectionSign, ...]

    def symptom(self, term: str) -> SymptomTerm | None:
        return next((s for s in self.symptoms if s.id == term), None)

    def label(self, kind: EntryKind, term: str) -> str:
        if kind is EntryKind.SYMPTOM:
            found = self.symptom(term)
            return found.label if found else term
        if kind is EntryKind.INFECTION:
            sign = next((i for i in self.infections if i.id == term), None)
            return sign.label if sign else term
        return term


@dataclass(frozen=True, slots=True)
class RuleSettings:
    """The team's numbers the rules use (see ``companion.domain.clinical``)."""

    fever: FeverRule = field(default_factory=FeverRule)
    rise_by_c: float = 0.5
    low_c: float = 36.0
    weight_percent: float = 5.0
    weight_rising_days: int = 3
    # Each day of a rising streak must add at least this much (kg) to count.
    weight_rising_min_kg: float = 0.5
    stools_per_day: int = 3
    # The GVHD watch (stools, rash, yellow skin or eyes) is for donor transplants.
    donor: bool = True

    @property
    def fever_lower(self) -> float:
        """The lowest temperature that belongs to a fever episode under this rule."""
        sustained = self.fever.sustained_c
        return min(sustained, self.fever.single_c) if sustained else self.fever.single_c


@dataclass(frozen=True, slots=True)
class Reading:
    """A logged number: a temperature in °C, a weight in kg.

    ``logged``: when it was entered in the diary (None if not known). A contact covers
    every reading logged before it, whenever the reading was taken.
    """

    id: int
    at: datetime
    value: float
    logged: datetime | None = None

    def logged_by(self, moment: datetime) -> bool:
        """Entered in the diary at or before ``moment``."""
        return (self.logged if self.logged is not None else self.at) <= moment


class NoticeKind(StrEnum):
    """What the save message says beside "saved" (never a plain "saved" at the limit)."""

    AT_OR_ABOVE_LIMIT = "at-or-above-limit"
    CHECK_AGAIN = "check-again"  # in the sustained band: check again, a reminder is due
    BELOW_LOW_LIMIT = "below-low-limit"
    CARD_OPEN = "card-open"  # this episode's card is still up: call if not done yet
    CONTACTED = "contacted"  # the team was contacted in this episode; call again if…
    WEIGHT_ABOVE = "weight-above"
    STOOLS_AT_LIMIT = "stools-at-limit"


@dataclass(frozen=True, slots=True)
class Notice:
    kind: NoticeKind
    limit: float | None = None
    at: datetime | None = None  # when: the contact, or the time to check again
    value: float | None = None  # the figure to say (the next "call again" reading…)


@dataclass(frozen=True, slots=True)
class Judgement:
    """What the rules made of one entry: new alerts to store, and notices to say."""

    alerts: tuple[Alert, ...] = ()
    notices: tuple[Notice, ...] = ()

    def notice(self, kind: NoticeKind) -> Notice | None:
        return next((n for n in self.notices if n.kind is kind), None)

    @property
    def at_or_above_limit(self) -> bool:
        return self.notice(NoticeKind.AT_OR_ABOVE_LIMIT) is not None


@dataclass(frozen=True, slots=True)
class Context:
    """What the rules need to know of the diary around an entry.

    Args:
        temperatures: other temperature readings within a day of the entry (any order).
        weights: every other weight logged (any order).
        stools_today: other stool counts logged the same local day.
        alerts: the alerts that may concern this entry (open ones, and those of the last
            two days), contacted or not.
        conditioning_start: the active transplant's conditioning start (the weight baseline).
        logged: when the entry judged is being entered (None: now, after every contact).
    """

    temperatures: Sequence[Reading] = ()
    weights: Sequence[Reading] = ()
    alerts: Sequence[Alert] = ()
    conditioning_start: date | None = None
    logged: datetime | None = None


# Temperature episodes -------------------------------------------------------------------


def episode_around(
    readings: Sequence[Reading], index: int, inside: Callable[[float], bool]
) -> list[Reading]:
    """The run of consecutive readings (in time order) around ``readings[index]`` that are all
    ``inside``, none more than a day from it. ``readings`` must be sorted by time."""
    centre = readings[index]
    first = index
    while (
        first > 0
        and inside(readings[first - 1].value)
        and centre.at - readings[first - 1].at <= EPISODE_WINDOW
    ):
        first -= 1
    last = index
    while (
        last + 1 < len(readings)
        and inside(readings[last + 1].value)
        and readings[last + 1].at - centre.at <= EPISODE_WINDOW
    ):
        last += 1
    return list(readings[first : last + 1])


def _episode_alerts(episode: Iterable[Reading], alerts: Iterable[Alert], kind: AlertKind):
    ids = {r.id for r in episode}
    return [a for a in alerts if a.kind is kind and a.entry_id in ids]


@dataclass(frozen=True, slots=True)
class _Side:
    """One side of the temperature rules: fevers (high) or low temperatures."""

    kind: AlertKind
    inside: Callable[[float], bool]
    first_rule: AlertRule
    again_rule: AlertRule
    changed_rule: AlertRule
    # True when a further step away from normal is "worse" upwards (fevers).
    upwards: bool


def _sides(settings: RuleSettings) -> tuple[_Side, _Side]:
    lower = settings.fever_lower
    return (
        _Side(
            AlertKind.FEVER,
            lambda v: v >= lower,
            AlertRule.FEVER_SINGLE,
            AlertRule.FEVER_RISE,
            AlertRule.FEVER_LIMIT_CHANGED,
            True,
        ),
        _Side(
            AlertKind.LOW_TEMPERATURE,
            lambda v: v < settings.low_c,
            AlertRule.LOW,
            AlertRule.LOW_FALL,
            AlertRule.LOW_LIMIT_CHANGED,
            False,
        ),
    )


def _judge_side(
    side: _Side,
    ordered: Sequence[Reading],
    index: int,
    alerts: Sequence[Alert],
    settings: RuleSettings,
    raised_at: datetime,
    rechecking: bool,
) -> tuple[Alert | None, list[Notice]]:
    """The alert (if any) and notices for ``ordered[index]`` on one side of the rules."""
    reading = ordered[index]
    episode = episode_around(ordered, index, side.inside)
    mine = _episode_alerts(episode, alerts, side.kind)
    notices: list[Notice] = []
    covering = covering_contact(reading, ordered, alerts, side.kind)
    if covering is not None and not any(a.is_open for a in mine):
        # Logged before a contact about this episode: the team has heard of it already.
        notices.append(Notice(NoticeKind.CONTACTED, None, covering))
        return None, notices
    rule, limit = None, None
    figures: dict[str, object] = {}
    if side.kind is AlertKind.FEVER:
        fever = settings.fever
        at_or_above = reading.value >= fever.single_c
        start = episode[0].at
        lasting = (
            fever.sustained_c is not None
            and reading.value >= fever.sustained_c
            and reading.at - start >= timedelta(minutes=fever.sustained_minutes)
        )
        if at_or_above:
            rule, limit = AlertRule.FEVER_SINGLE, fever.single_c
        elif lasting:
            rule, limit = AlertRule.FEVER_SUSTAINED, fever.sustained_c
            figures = {"minutes": fever.sustained_minutes, "since": start.isoformat()}
        elif not mine:
            due = start + timedelta(minutes=fever.sustained_minutes)
            notices.append(Notice(NoticeKind.CHECK_AGAIN, fever.sustained_c, due))
        if at_or_above:
            notices.append(Notice(NoticeKind.AT_OR_ABOVE_LIMIT, fever.single_c))
    else:
        rule, limit = AlertRule.LOW, settings.low_c
        notices.append(Notice(NoticeKind.BELOW_LOW_LIMIT, settings.low_c))
    if not mine:
        if rule is None:
            return None, notices
        if rechecking:
            figures |= {"reading_at": reading.at.isoformat(), "first_rule": rule.value}
            rule = side.changed_rule
        alert = Alert(
            raised_at=raised_at,
            level=AlertLevel.CALL_TEAM,
            kind=side.kind,
            rule=rule,
            entry_id=reading.id,
            reading=reading.value,
            limit=limit,
            figures=figures,
        )
        return alert, notices
    if any(a.is_open for a in mine):
        notices.append(Notice(NoticeKind.CARD_OPEN))
        return None, notices
    contact = max(a.contacted_at for a in mine if a.contacted_at is not None)
    before = [r.value for r in episode if r.logged_by(contact) and r.id != reading.id]
    before += [a.reading for a in mine if a.reading is not None]
    step = settings.rise_by_c
    if side.upwards:
        worst = max(before)
        again = worst + step
        crossed = reading.value >= again - 1e-9
    else:
        worst = min(before)
        again = worst - step
        crossed = reading.value <= again + 1e-9
    if not crossed:
        notices.append(Notice(NoticeKind.CONTACTED, None, contact, round(again, 2)))
        return None, notices
    alert = Alert(
        raised_at=raised_at,
        level=AlertLevel.CALL_TEAM,
        kind=side.kind,
        rule=side.again_rule,
        entry_id=reading.id,
        reading=reading.value,
        limit=limit,
        figures={
            "previous": worst,
            "step": step,
            "contacted_at": contact.isoformat(),
            "reading_at": reading.at.isoformat(),
        },
    )
    return alert, notices


def _alert_reading_time(alert: Alert, ordered: Sequence[Reading]) -> datetime:
    found = next((r for r in ordered if r.id == alert.entry_id), None)
    return found.at if found is not None else alert.raised_at


def covering_contact(
    reading: Reading, ordered: Sequence[Reading], alerts: Iterable[Alert], kind: AlertKind
) -> datetime | None:
    """The latest contact that covers ``reading``: one that closed an alert of ``kind``
    about a reading within a day of it, made after ``reading`` was logged. None if none."""
    times = [
        a.contacted_at
        for a in alerts
        if a.kind is kind
        and a.contacted_at is not None
        and reading.logged_by(a.contacted_at)
        and abs(_alert_reading_time(a, ordered) - reading.at) <= EPISODE_WINDOW
    ]
    return max(times) if times else None


def episode_readings(
    readings: Iterable[Reading],
    entry_id: int,
    settings: RuleSettings,
    kind: AlertKind,
    until: datetime | None = None,
) -> list[Reading]:
    """The readings of the episode an alert's reading belongs to, highest first (the
    command line's contract, for fevers and low temperatures alike), then newest first.
    ``until``: only those logged by then (the contact that closed the alert)."""
    ordered = sorted(
        (r for r in readings if until is None or r.id == entry_id or r.logged_by(until)),
        key=_by_time,
    )
    index = next((i for i, r in enumerate(ordered) if r.id == entry_id), None)
    if index is None:
        return []
    side = next(s for s in _sides(settings) if s.kind is kind)
    if not side.inside(ordered[index].value):
        return [ordered[index]]
    episode = episode_around(ordered, index, side.inside)
    return sorted(episode, key=lambda r: (-r.value, -r.at.timestamp()))


def judge_temperature(
    reading: Reading,
    others: Iterable[Reading],
    alerts: Sequence[Alert],
    settings: RuleSettings,
) -> Judgement:
    """The alerts and notices for one temperature reading, given the readings around it and
    the alerts (open or contacted) already stored."""
    ordered = sorted([*(r for r in others if r.id != reading.id), reading], key=_by_time)
    index = ordered.index(reading)
    raised: list[Alert] = []
    notices: list[Notice] = []
    for side in _sides(settings):
        if side.inside(reading.value):
            alert, said = _judge_side(
                side, ordered, index, alerts, settings, reading.at, rechecking=False
            )
            raised += [alert] if alert else []
            notices += said
    return Judgement(tuple(raised), tuple(notices))


def recheck_temperatures(
    readings: Iterable[Reading],
    alerts: Sequence[Alert],
    settings: RuleSettings,
    now: datetime,
    limit_changed: bool = True,
) -> list[Alert]:
    """The alerts the readings of the last day raise now, that no stored alert covers.

    Every reading of the 24 hours before ``now`` is judged, oldest first, against the
    numbers in force; an episode that already has an alert is left as it is. Used after a
    temperature limit changed (``limit_changed``: the alerts say so, naming the reading and
    its time), and after a reading was added in the past, edited or deleted, which can
    split an episode in two (then the usual rules raise it). New alerts are raised ``now``.
    """
    ordered = sorted(readings, key=_by_time)
    known = list(alerts)
    raised: list[Alert] = []
    for index, reading in enumerate(ordered):
        if reading.at < now - EPISODE_WINDOW:
            continue
        for side in _sides(settings):
            if not side.inside(reading.value):
                continue
            alert, _ = _judge_side(
                side, ordered, index, known, settings, now, rechecking=limit_changed
            )
            if alert is not None:
                raised.append(alert)
                known.append(alert)
    return raised


def _by_time(reading: Reading) -> tuple[datetime, int]:
    return (reading.at, reading.id)


# Weight ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Baseline:
    """The weight gains are measured against, and where it came from."""

    kg: float
    at: datetime
    before_conditioning: bool  # False: the first weight logged stands in (the card says so)


def weight_baseline(weights: Iterable[Reading], conditioning_start: date | None) -> Baseline | None:
    """The last weight logged on or before the conditioning start; else the first logged.

    EBMT's adult VOD/SOS criteria count gain over the weight before conditioning (Mohty et
    al., Bone Marrow Transplant 2016;51:906).
    """
    ordered = sorted(weights, key=_by_time)
    if not ordered:
        return None
    if conditioning_start is not None:
        before = [w for w in ordered if w.at.date() <= conditioning_start]
        if before:
            return Baseline(before[-1].value, before[-1].at, True)
    return Baseline(ordered[0].value, ordered[0].at, False)


def daily_weights(weights: Iterable[Reading]) -> list[tuple[date, Reading]]:
    """One weight per local date (the last of that day), in date order."""
    last: dict[date, Reading] = {}
    for reading in sorted(weights, key=_by_time):
        last[reading.at.date()] = reading
    return sorted(last.items())


def rising_streak(
    days: Sequence[tuple[date, Reading]], upto: date, min_gain: float = 0.0
) -> list[tuple[date, Reading]]:
    """The run of consecutive calendar days ending on ``upto`` over which the daily weight
    rose every day by at least ``min_gain`` kg (the first day of the run is the one it rose
    from)."""
    by_date = dict(days)
    if upto not in by_date:
        return []
    run = [(upto, by_date[upto])]
    day = upto
    while True:
        previous = day - timedelta(days=1)
        gain = by_date[day].value - by_date[previous].value if previous in by_date else 0.0
        if not (gain > 1e-9 and gain >= min_gain - 1e-9):
            break
        run.insert(0, (previous, by_date[previous]))
        day = previous
    return run


def judge_weight(
    reading: Reading, context: Context, settings: RuleSettings, raised_at: datetime
) -> Judgement:
    weights = [w for w in context.weights if w.id != reading.id] + [reading]
    baseline = weight_baseline(weights, context.conditioning_start)
    alerts: list[Alert] = []
    notices: list[Notice] = []
    mine = [a for a in context.alerts if a.kind is AlertKind.WEIGHT]
    if baseline is not None and baseline.kg > 0:
        limit = baseline.kg * (1 + settings.weight_percent / 100)
        if reading.value > limit + 1e-9:
            notices.append(Notice(NoticeKind.WEIGHT_ABOVE, settings.weight_percent))
            ordered = sorted(weights, key=_by_time)
            run = _run_around(ordered, ordered.index(reading), lambda v: v > limit)
            earlier = [
                a
                for a in mine
                if a.rule is AlertRule.WEIGHT_ABOVE_BASELINE and a.entry_id in {r.id for r in run}
            ]
            step = baseline.kg * settings.weight_percent / 100
            again = not earlier
            if earlier and not any(a.is_open for a in earlier):
                contact = max(a.contacted_at for a in earlier if a.contacted_at is not None)
                highest = max(
                    [r.value for r in run if r.at <= contact and r.id != reading.id]
                    + [a.reading for a in earlier if a.reading is not None]
                )
                again = reading.value >= highest + step - 1e-9
            if again:
                alerts.append(
                    Alert(
                        raised_at=raised_at,
                        level=AlertLevel.CALL_TEAM,
                        kind=AlertKind.WEIGHT,
                        rule=AlertRule.WEIGHT_ABOVE_BASELINE,
                        entry_id=reading.id,
                        reading=reading.value,
                        limit=settings.weight_percent,
                        figures={
                            "baseline": baseline.kg,
                            "baseline_at": baseline.at.isoformat(),
                            "before_conditioning": baseline.before_conditioning,
                        },
                    )
                )
    streak = rising_streak(daily_weights(weights), reading.at.date(), settings.weight_rising_min_kg)
    days_up = len(streak) - 1
    if days_up >= settings.weight_rising_days and streak[-1][1].id == reading.id:
        start = streak[0][0].isoformat()
        already = any(
            a.rule is AlertRule.WEIGHT_RISING and a.figure("streak_start") == start for a in mine
        )
        if not already:
            alerts.append(
                Alert(
                    raised_at=raised_at,
                    level=AlertLevel.CALL_TEAM,
                    kind=AlertKind.WEIGHT,
                    rule=AlertRule.WEIGHT_RISING,
                    entry_id=reading.id,
                    reading=reading.value,
                    limit=float(settings.weight_rising_days),
                    figures={
                        "streak_start": start,
                        "days": days_up,
                        "from_kg": streak[0][1].value,
                        "min_gain": settings.weight_rising_min_kg,
                    },
                )
            )
    return Judgement(tuple(alerts), tuple(notices))


def _run_around(ordered: Sequence[Reading], index: int, inside) -> list[Reading]:
    first = index
    while first > 0 and inside(ordered[first - 1].value):
        first -= 1
    last = index
    while last + 1 < len(ordered) and inside(ordered[last + 1].value):
        last += 1
    return list(ordered[first : last + 1])


# Everything else -------------------------------------------------------------------------


def judge(
    entry: Entry,
    vocabulary: Vocabulary,
    settings: RuleSettings,
    context: Context = Context(),
) -> Judgement:
    """The alerts this new (or edited) entry raises, and what to say when it is saved.

    ``entry`` must have its id (the alerts point at it).
    """
    at = entry.at
    if entry.kind is EntryKind.TEMPERATURE and entry.value is not None and entry.id is not None:
        logged = context.logged or datetime.max.replace(tzinfo=UTC)
        return judge_temperature(
            Reading(entry.id, at, entry.value, logged),
            context.temperatures,
            context.alerts,
            settings,
        )
    if entry.kind is EntryKind.WEIGHT and entry.value is not None and entry.id is not None:
        return judge_weight(Reading(entry.id, at, entry.value), context, settings, at)
    found: list[tuple[AlertLevel, AlertKind, AlertRule, Mapping[str, object]]] = []
    notices: list[Notice] = []
    reading = limit = None
    if entry.kind is EntryKind.SYMPTOM and entry.severity is not None:
        term = vocabulary.symptom(entry.term)
        if term is not None:
            figures = {"term": entry.term, "severity": entry.severity}
            if term.emergency_at is not None and entry.severity >= term.emergency_at:
                found.append((AlertLevel.EMERGENCY, AlertKind.SYMPTOM, AlertRule.SYMPTOM, figures))
            elif entry.severity >= term.call_team_at:
                found.append((AlertLevel.CALL_TEAM, AlertKind.SYMPTOM, AlertRule.SYMPTOM, figures))
            reading = float(entry.severity)
    elif entry.kind is EntryKind.INFECTION:
        found.append(
            (AlertLevel.CALL_TEAM, AlertKind.INFECTION, AlertRule.INFECTION, {"term": entry.term})
        )
    elif entry.kind is EntryKind.RASH:
        figures = {"term": entry.term, "extent": entry.detail}
        found.append((AlertLevel.CALL_TEAM, AlertKind.GVHD, AlertRule.RASH, figures))
    elif entry.kind is EntryKind.YELLOW:
        found.append((AlertLevel.CALL_TEAM, AlertKind.GVHD, AlertRule.YELLOW, {}))
    elif (
        entry.kind is EntryKind.STOOLS
        and entry.value is not None
        and entry.value >= settings.stools_per_day
    ):
        # Diarrhoea means "call" after every kind of transplant (it can dry you out and be
        # an infection); only after a donor transplant is it also a sign of gut GVHD.
        reading, limit = entry.value, float(settings.stools_per_day)
        notices.append(Notice(NoticeKind.STOOLS_AT_LIMIT, limit))
        figures = {"date": at.date().isoformat(), "donor": settings.donor}
        found.append((AlertLevel.CALL_TEAM, AlertKind.STOOLS, AlertRule.STOOLS, figures))
    # Every red flag logged raises its own alert, even with a card already up: the card lists
    # each, with its time, and the command line reports each one it was given.
    alerts = []
    for level, kind, rule, figures in found:
        alerts.append(
            Alert(
                raised_at=at,
                level=level,
                kind=kind,
                rule=rule,
                entry_id=entry.id,
                reading=reading,
                limit=limit,
                figures=dict(figures),
            )
        )
    return Judgement(tuple(alerts), tuple(notices))


def open_alerts_of(alerts: Iterable[Alert]) -> list[Alert]:
    return [a for a in alerts if a.is_open]
