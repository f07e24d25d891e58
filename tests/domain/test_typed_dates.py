"""Typed dates and times: what people type is read as they meant it, or refused kindly."""

from datetime import date, time, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from companion.domain.days import format_date
from companion.domain.typed_dates import DateError, parse_date, parse_time

TODAY = date(2026, 6, 1)
DAY0 = date(2026, 5, 20)
dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("28 May 2026", date(2026, 5, 28)),
        ("28th May", date(2026, 5, 28)),
        ("May 28, 2026", date(2026, 5, 28)),
        ("Thursday 28 May 2026", date(2026, 5, 28)),
        ("28/5/2026", date(2026, 5, 28)),
        ("28.05.26", date(2026, 5, 28)),
        ("5/6", date(2026, 6, 5)),
        ("2026-05-28", date(2026, 5, 28)),
        ("today", TODAY),
        ("Yesterday", TODAY - timedelta(days=1)),
        ("tomorrow", TODAY + timedelta(days=1)),
        ("Day −6", DAY0 - timedelta(days=6)),
        ("day -6", DAY0 - timedelta(days=6)),
        ("Day +12", DAY0 + timedelta(days=12)),
        ("day 0", DAY0),
        ("  28   sept  2026 ", date(2026, 9, 28)),
    ],
)
def test_what_people_type(text, expected):
    assert parse_date(text, TODAY, day0=DAY0) == expected


def test_month_first_where_the_computer_writes_dates_that_way():
    assert parse_date("5/6/2026", TODAY, day_first=False) == date(2026, 5, 6)
    assert parse_date("5/6/2026", TODAY) == date(2026, 6, 5)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Please type a date"),
        ("31/2/2026", "There is no such date as “31/2/2026”"),
        ("soon", "“soon” is not a date"),
        ("May", "not a whole date"),
        ("2026-05", "not a whole date"),
        ("020 7946 0123", "is not a date"),  # a phone number typed in the wrong field
    ],
)
def test_text_that_is_not_a_date_is_refused_with_what_to_type(text, says):
    with pytest.raises(DateError, match=says) as caught:
        parse_date(text, TODAY)
    assert "Type a date like 28 May 2026" in str(caught.value)


def test_a_day_number_needs_a_transplant():
    with pytest.raises(DateError, match="type the calendar date here") as caught:
        parse_date("Day +3", TODAY)
    # The hint after it does not offer the day number it has just refused.
    assert str(caught.value).endswith("Type a date like 28 May 2026, 28/5/2026 or yesterday.")


@pytest.mark.parametrize(
    ("text", "days"),
    [("Day −6", -6), ("Day -6", -6), ("day–6", -6), ("Day +5", 5), ("Day 5", 5), ("DAY 0", 0)],
)
def test_a_day_number_counts_from_day_0_with_any_minus(text, days):
    assert parse_date(text, TODAY, day0=DAY0) == DAY0 + timedelta(days=days)


def test_the_hint_offers_a_day_number_only_where_one_is_understood():
    with pytest.raises(DateError) as with_day0:
        parse_date("soon", TODAY, day0=DAY0)
    assert str(with_day0.value).endswith(
        "Type a date like 28 May 2026, 28/5/2026, yesterday or Day −6."
    )
    with pytest.raises(DateError) as without:
        parse_date("soon", TODAY)
    assert "Day" not in str(without.value)


@given(dates)
def test_the_date_in_words_reads_back(day):
    assert parse_date(format_date(day), TODAY) == day
    assert parse_date(day.isoformat(), TODAY) == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}", TODAY) == day
    assert parse_date(f"{day.month}/{day.day}/{day.year}", TODAY, day_first=False) == day


@given(st.text(max_size=30))
@example("¹\x850")  # a superscript one is a "digit" to Python, not a number
@example("٣/٣")
def test_any_text_is_a_date_or_a_kind_refusal(text):
    try:
        assert isinstance(parse_date(text, TODAY, day0=DAY0), date)
    except DateError as error:
        assert "Type a date like" in str(error) or "calendar date" in str(error)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:05", time(14, 5)),
        ("9:30", time(9, 30)),
        ("14.05", time(14, 5)),
        ("1405", time(14, 5)),
        ("9", time(9, 0)),
        ("2pm", time(14, 0)),
        ("2:30 pm", time(14, 30)),
        ("12am", time(0, 0)),
        ("12 pm", time(12, 0)),
        ("noon", time(12, 0)),
        ("midnight", time(0, 0)),
    ],
)
def test_times_people_type(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["", "25:00", "13pm", "9:75", "later"])
def test_text_that_is_not_a_time_is_refused(text):
    with pytest.raises(DateError, match="Type a time like 14:05"):
        parse_time(text)


@given(st.times())
def test_every_time_reads_back(moment):
    moment = moment.replace(second=0, microsecond=0)
    assert parse_time(f"{moment:%H:%M}") == moment
    assert parse_time(f"{moment:%I:%M %p}") == moment


@given(st.text(max_size=12))
def test_any_text_is_a_time_or_a_kind_refusal(text):
    try:
        assert isinstance(parse_time(text), time)
    except DateError as error:
        assert "Type a time like" in str(error)


# In Spanish (issue 23): the language's month and weekday names, its words for today and
# yesterday, "Día −6", and refusals in Spanish. English words are still understood.


@pytest.fixture
def spanish():
    from companion import i18n

    i18n.set_language("es")
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8 de diciembre", date(2026, 12, 8)),
        ("8 dic", date(2026, 12, 8)),
        ("8 dic. 2026", date(2026, 12, 8)),
        ("8 de diciembre de 2026", date(2026, 12, 8)),
        ("8 de diciembre del 2026", date(2026, 12, 8)),
        ("martes, 8 de diciembre de 2026", date(2026, 12, 8)),
        ("Miércoles 3 de junio", date(2026, 6, 3)),
        ("miercoles 3 junio", date(2026, 6, 3)),  # typed without the accent
        ("SÁBADO 30 DE MAYO", date(2026, 5, 30)),
        ("3 mar", date(2026, 3, 3)),  # "mar": March here, not martes
        ("1º de junio", date(2026, 6, 1)),
        ("8 sept", date(2026, 9, 8)),
        ("8 septiembre", date(2026, 9, 8)),
        ("hoy", TODAY),
        ("ayer", TODAY - timedelta(days=1)),
        ("Mañana", TODAY + timedelta(days=1)),
        ("manana", TODAY + timedelta(days=1)),
        ("anteayer", TODAY - timedelta(days=2)),
        ("pasado mañana", TODAY + timedelta(days=2)),
        ("Día −6", DAY0 - timedelta(days=6)),
        ("dia +12", DAY0 + timedelta(days=12)),
        ("día 0", DAY0),
        ("28/5/2026", date(2026, 5, 28)),
        ("28 May 2026", date(2026, 5, 28)),  # English still reads
        ("yesterday", TODAY - timedelta(days=1)),
    ],
)
def test_what_people_type_in_spanish(spanish, text, expected):
    assert parse_date(text, TODAY, day0=DAY0) == expected


def test_a_weekday_alone_is_the_last_one_in_a_diary_and_the_next_for_an_appointment(spanish):
    # TODAY, 1 June 2026, is a Monday.
    assert parse_date("martes", TODAY) == date(2026, 5, 26)
    assert parse_date("el martes", TODAY) == date(2026, 5, 26)
    assert parse_date("martes", TODAY, weekday_ahead=True) == date(2026, 6, 2)
    assert parse_date("lunes", TODAY) == TODAY
    assert parse_date("lunes", TODAY, weekday_ahead=True) == TODAY
    assert parse_date("dom", TODAY) == date(2026, 5, 31)
    assert parse_date("Tuesday", TODAY) == date(2026, 5, 26)


def test_a_weekday_alone_in_english_too():
    assert parse_date("on Friday", TODAY) == date(2026, 5, 29)
    assert parse_date("fri", TODAY, weekday_ahead=True) == date(2026, 6, 5)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Escriba una fecha."),
        ("31 de febrero", "No existe la fecha «31 de febrero»."),
        ("pronto", "«pronto» no es una fecha."),
        ("diciembre", "«diciembre» no es una fecha completa."),
    ],
)
def test_a_refusal_in_spanish_says_what_to_type(spanish, text, says):
    with pytest.raises(DateError) as caught:
        parse_date(text, TODAY)
    assert str(caught.value).startswith(says)
    assert "Escriba una fecha como 28 de mayo de 2026" in str(caught.value)
    assert "Type" not in str(caught.value)


def test_a_day_number_needs_a_transplant_in_spanish(spanish):
    with pytest.raises(DateError, match="escriba aquí la fecha del calendario") as caught:
        parse_date("Día +3", TODAY)
    assert str(caught.value).endswith(
        "Escriba una fecha como 28 de mayo de 2026, 28/5/2026 o ayer."
    )


@pytest.mark.parametrize(
    ("text", "days"),
    [("Día −6", -6), ("Día -6", -6), ("dia-6", -6), ("Día +5", 5), ("día 5", 5), ("Day +5", 5)],
)
def test_a_day_number_in_spanish_counts_from_day_0_with_any_minus(spanish, text, days):
    assert parse_date(text, TODAY, day0=DAY0) == DAY0 + timedelta(days=days)


@given(dates)
def test_the_date_in_spanish_words_reads_back(day):
    from companion import i18n

    i18n.set_language("es")
    try:
        for form in ("full", "long", "medium", "EEE dd MMM y"):
            assert parse_date(i18n.format_date(day, form), TODAY) == day
    finally:
        i18n.set_language("en")


@given(st.text(max_size=30))
def test_any_text_is_a_date_or_a_kind_refusal_in_spanish(text):
    from companion import i18n

    i18n.set_language("es")
    try:
        assert isinstance(parse_date(text, TODAY, day0=DAY0), date)
    except DateError as error:
        assert "Escriba una fecha como" in str(error) or "fecha del calendario" in str(error)
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:05", time(14, 5)),
        ("2 p. m.", time(14, 0)),
        ("2:30 p. m.", time(14, 30)),
        ("10:30 a. m.", time(10, 30)),
        ("14 h", time(14, 0)),
        ("14h30", time(14, 30)),
        ("mediodía", time(12, 0)),
        ("Medianoche", time(0, 0)),
        ("noon", time(12, 0)),
    ],
)
def test_times_people_type_in_spanish(spanish, text, expected):
    assert parse_time(text) == expected


def test_a_time_refusal_in_spanish(spanish):
    with pytest.raises(DateError) as caught:
        parse_time("luego")
    assert (
        str(caught.value) == "«luego» no es una hora. Escriba una hora como 14:05, 9:30 o 2 p. m."
    )
