"""The alert rules above the episode detector: rises after a contact, changed limits, the
sustained band, low temperatures, weight against a baseline, stools and red flags.

Numbers in test names refer to the items of issue 9 ("What was seen")."""

from datetime import UTC, date, datetime, timedelta

from companion.content.vocabulary import load_vocabulary
from companion.domain.alerts import Alert, AlertKind, AlertLevel, AlertRule, FeverRule
from companion.domain.entries import SEVERITIES, Entry, EntryKind
from companion.domain.rules import (
    Context,
    NoticeKind,
    Reading,
    RuleSettings,
    judge,
    judge_temperature,
    recheck_temperatures,
    weight_baseline,
)
from companion.domain.wording import alert_reason, notice_text

T0 = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
CDC = RuleSettings(FeverRule(38.0))
IDSA = RuleSettings(FeverRule(38.3, 38.0, 60))


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


class Diary:
    """A minimal in-memory diary: readings, alerts, contacts — what the service stores."""

    def __init__(self, settings: RuleSettings = CDC) -> None:
        self.settings = settings
        self.readings: list[Reading] = []
        self.alerts: list[Alert] = []

    def log(self, minutes: float, celsius: float):
        reading = Reading(len(self.readings) + 1, at(minutes), celsius)
        judgement = judge_temperature(reading, self.readings, self.alerts, self.settings)
        self.readings.append(reading)
        self._keep(judgement.alerts)
        return judgement

    def _keep(self, alerts) -> None:
        for alert in alerts:
            self.alerts.append(Alert(**{**_fields(alert), "id": len(self.alerts) + 1}))

    def contact(self, minutes: float) -> None:
        self.alerts = [
            a if not a.is_open else Alert(**{**_fields(a), "contacted_at": at(minutes)})
            for a in self.alerts
        ]

    def change(self, settings: RuleSettings, minutes: float) -> list[Alert]:
        self.settings = settings
        raised = recheck_temperatures(self.readings, self.alerts, settings, at(minutes))
        self._keep(raised)
        return raised


def _fields(alert: Alert) -> dict:
    return {name: getattr(alert, name) for name in Alert.__slots__}


def test_1_a_rise_after_a_contact_raises_a_new_card():
    diary = Diary()
    assert [a.rule for a in diary.log(0, 38.5).alerts] == [AlertRule.FEVER_SINGLE]
    diary.contact(10)
    quiet = diary.log(60, 38.9)  # still up, but not 0.5 °C above 38.5
    assert quiet.alerts == ()
    assert quiet.at_or_above_limit  # never a plain "saved" at the limit
    contacted = quiet.notice(NoticeKind.CONTACTED)
    assert contacted.at == at(10) and contacted.value == 39.0
    risen = diary.log(120, 39.0)  # 0.5 above the highest reading before the contact
    [alert] = risen.alerts
    assert alert.rule is AlertRule.FEVER_RISE and alert.figure("previous") == 38.5
    assert "rose to 39.0 °C" in alert_reason(alert)
    assert "above the 38.5 °C (101.3 °F) you told them about" in alert_reason(alert)


def test_1_the_rise_step_is_a_setting():
    diary = Diary(RuleSettings(FeverRule(38.0), rise_by_c=1.0))
    diary.log(0, 38.5)
    diary.contact(5)
    assert diary.log(30, 39.2).alerts == ()
    assert diary.log(60, 39.5).alerts[0].rule is AlertRule.FEVER_RISE


def test_1_the_card_still_open_is_said_not_repeated():
    diary = Diary()
    diary.log(0, 38.5)
    again = diary.log(30, 39.5)
    assert again.alerts == ()
    assert again.notice(NoticeKind.CARD_OPEN) is not None
    assert again.at_or_above_limit


def test_2_an_episode_that_never_raised_a_card_is_not_fired():
    diary = Diary(RuleSettings(FeverRule(38.4)))
    assert diary.log(0, 38.2).alerts == ()  # quiet under 38.4, right
    diary.settings = CDC  # the limit goes back to 38.0 (the recheck is tested below)
    assert [a.reading for a in diary.log(30, 38.4).alerts] == [38.4]


def test_2_lowering_a_limit_checks_the_last_day_at_once():
    diary = Diary(RuleSettings(FeverRule(38.4)))
    diary.log(0, 38.2)
    diary.log(60 * 30, 37.0)  # a day later, a normal reading
    diary.log(60 * 30 + 10, 38.1)
    raised = diary.change(CDC, 60 * 30 + 20)
    # Only the reading of the last 24 hours; the old one is not dug up.
    assert [(a.rule, a.reading) for a in raised] == [(AlertRule.FEVER_LIMIT_CHANGED, 38.1)]
    assert raised[0].figure("reading_at") == at(60 * 30 + 10).isoformat()
    assert "Your fever limit is now 38.0 °C" in alert_reason(raised[0])
    assert diary.change(CDC, 60 * 30 + 30) == []  # nothing twice


def test_2_raising_a_limit_takes_nothing_down():
    diary = Diary()
    diary.log(0, 38.2)
    assert diary.change(IDSA, 5) == [] and len(diary.alerts) == 1


def test_5_a_low_temperature_calls_the_team():
    diary = Diary()
    judged = diary.log(0, 35.6)
    [alert] = judged.alerts
    assert (alert.kind, alert.rule, alert.limit) == (AlertKind.LOW_TEMPERATURE, AlertRule.LOW, 36.0)
    assert "below 36.0 °C" in alert_reason(alert)
    assert judged.notice(NoticeKind.BELOW_LOW_LIMIT).limit == 36.0
    assert diary.log(30, 35.8).alerts == ()  # the same episode: the card is up
    diary.contact(40)
    assert diary.log(60, 35.1).alerts[0].rule is AlertRule.LOW_FALL  # 0.5 lower again


def test_5_the_low_limit_is_a_setting():
    diary = Diary(RuleSettings(FeverRule(), low_c=35.5))
    assert diary.log(0, 35.6).alerts == ()


def test_9_idsa_single_reading_in_the_band_asks_to_check_again():
    diary = Diary(IDSA)
    judged = diary.log(0, 38.1)
    assert judged.alerts == ()
    check = judged.notice(NoticeKind.CHECK_AGAIN)
    assert check.at == at(60) and check.limit == 38.0
    assert "Check your temperature again at 09:00" in notice_text(check, _unit(), T0.date())
    assert diary.log(30, 38.2).notice(NoticeKind.CHECK_AGAIN).at == at(60)  # same episode
    assert diary.log(60, 38.0).alerts[0].rule is AlertRule.FEVER_SUSTAINED


def test_9_idsa_still_fires_at_once_at_the_single_limit():
    assert Diary(IDSA).log(0, 38.3).alerts[0].rule is AlertRule.FEVER_SINGLE


def test_readings_a_day_apart_are_separate_episodes():
    diary = Diary()
    diary.log(0, 38.5)
    diary.contact(5)
    # A fever still there 25 hours later is not "already reported": a new card.
    assert diary.log(60 * 25, 38.6).alerts[0].rule is AlertRule.FEVER_SINGLE


def _unit():
    from companion.domain.entries import TemperatureUnit

    return TemperatureUnit.CELSIUS


# Weight (item 4) ---------------------------------------------------------------------------


def weigh(days: float, kg: float, ident: int) -> Reading:
    return Reading(ident, T0 + timedelta(days=days), kg)


def test_4_a_slow_gain_over_the_baseline_alerts():
    """70.0 kg rising 1.5 % a day: the old 72-hour rule never fired; the baseline rule does,
    and so does the three-days-rising rule."""
    weights, alerts = [], []
    start = date(2026, 6, 1)  # conditioning starts that day: its weight is the baseline
    for day in range(8):
        reading = weigh(day, round(70.0 * 1.015**day, 2), day + 1)
        judged = judge(
            Entry(reading.at, EntryKind.WEIGHT, value=reading.value, id=reading.id),
            load_vocabulary(),
            CDC,
            Context(weights=weights, alerts=alerts, conditioning_start=start),
        )
        weights.append(reading)
        alerts += judged.alerts
    rules = [(a.rule, a.entry_id) for a in alerts]
    assert (AlertRule.WEIGHT_RISING, 4) in rules  # Day 3 of rising
    assert (AlertRule.WEIGHT_ABOVE_BASELINE, 5) in rules  # 74.3 kg: 6.1 % above 70.0
    above = next(a for a in alerts if a.rule is AlertRule.WEIGHT_ABOVE_BASELINE)
    assert above.figure("baseline") == 70.0 and above.figure("before_conditioning")
    assert "above your weight before treatment (70.0 kg" in alert_reason(above)
    assert "more than 5 %" in alert_reason(above)


def test_4_exactly_five_percent_is_not_more_than_five():
    weights = [weigh(0, 70.0, 1)]
    judged = judge(
        Entry(at(60 * 48), EntryKind.WEIGHT, value=73.5, id=2),
        load_vocabulary(),
        CDC,
        Context(weights=weights),
    )
    assert judged.alerts == ()
    judged = judge(
        Entry(at(60 * 48), EntryKind.WEIGHT, value=73.51, id=2),
        load_vocabulary(),
        CDC,
        Context(weights=weights),
    )
    assert [a.rule for a in judged.alerts] == [AlertRule.WEIGHT_ABOVE_BASELINE]


def test_4_without_a_weight_from_before_conditioning_the_first_stands_in_and_says_so():
    weights = [weigh(10, 70.0, 1)]
    baseline = weight_baseline(weights, date(2026, 6, 1))
    assert baseline.kg == 70.0 and not baseline.before_conditioning
    judged = judge(
        Entry(at(60 * 24 * 12), EntryKind.WEIGHT, value=74.0, id=2),
        load_vocabulary(),
        CDC,
        Context(weights=weights, conditioning_start=date(2026, 6, 1)),
    )
    assert "the first weight you logged" in alert_reason(judged.alerts[0])


def test_4_rising_on_three_days_needs_three_rises():
    weights = [weigh(0, 70.0, 1), weigh(1, 70.5, 2), weigh(2, 71.0, 3)]
    vocabulary = load_vocabulary()
    two = judge(
        Entry(at(60 * 24 * 2), EntryKind.WEIGHT, value=71.0, id=3),
        vocabulary,
        CDC,
        Context(weights=weights[:2]),
    )
    assert two.alerts == ()
    three = judge(
        Entry(at(60 * 24 * 3), EntryKind.WEIGHT, value=71.5, id=4),
        vocabulary,
        CDC,
        Context(weights=weights),
    )
    assert [a.rule for a in three.alerts] == [AlertRule.WEIGHT_RISING]
    assert "gone up on 3 days in a row" in alert_reason(three.alerts[0])


# Stools (item 6) and red flags (item 7) --------------------------------------------------


def stools(count: int, minutes: float = 0, donor: bool = True, alerts=()):
    return judge(
        Entry(at(minutes), EntryKind.STOOLS, value=float(count), id=int(minutes) + 1),
        load_vocabulary(),
        RuleSettings(donor=donor),
        Context(alerts=list(alerts)),
    )


def test_6_three_loose_stools_a_day_call_the_team_after_a_donor_transplant():
    assert stools(2).alerts == ()
    [alert] = stools(3).alerts
    assert (alert.kind, alert.reading, alert.limit) == (AlertKind.STOOLS, 3.0, 3.0)
    assert alert_reason(alert) == (
        "3 loose stools today; your team's number is 3 a day. After a donor transplant this "
        "can also be a sign of GVHD in the gut."
    )
    # Issue 18 point 4: diarrhoea means "call" after an own-cell transplant too; only the GVHD
    # words are for donor transplants.
    [own] = stools(5, donor=False).alerts
    assert own.kind is AlertKind.STOOLS and own.level is AlertLevel.CALL_TEAM
    assert alert_reason(own) == "5 loose stools today; your team's number is 3 a day."
    assert len(stools(4, 60, alerts=[alert]).alerts) == 1  # each count at the limit is news


def symptom(term: str, severity: int):
    return judge(
        Entry(T0, EntryKind.SYMPTOM, term=term, severity=severity, id=1),
        load_vocabulary(),
        CDC,
    )


def test_7_every_emergency_red_flag_at_every_severity():
    from companion.content.red_flags import load_red_flags

    for flag in load_red_flags().emergency:
        for term, first in flag.symptoms:
            for severity in range(len(SEVERITIES)):
                levels = [a.level for a in symptom(term, severity).alerts]
                if severity >= first:
                    assert levels == [AlertLevel.EMERGENCY], (flag.id, term, severity)
                else:
                    assert AlertLevel.EMERGENCY not in levels, (flag.id, term, severity)


def test_7_the_emergencies_the_issue_names_are_on_the_one_list():
    from companion.content.red_flags import load_red_flags

    everywhere = {t for f in load_red_flags().emergency for t, first in f.symptoms if first == 0}
    assert {"chest-pain", "trouble-breathing", "fainted", "confusion", "seizure"} <= everywhere
    assert "bleeding-wont-stop" in everywhere
    assert symptom("bleeding", 3).alerts[0].level is AlertLevel.EMERGENCY  # from severe
    assert symptom("bleeding", 2).alerts[0].level is AlertLevel.CALL_TEAM


def test_7_the_new_signs_call_the_team():
    for term in ("less-urine", "line-side-swelling", "blood-vomit", "black-stools", "red-spots"):
        assert [a.level for a in symptom(term, 1).alerts] == [AlertLevel.CALL_TEAM], term
