"""Shared test set-up: Qt runs offscreen (no display on CI), and a few domain builders."""

import os

# Without a display Qt would abort the whole run; set this before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date, time

import pytest

from companion.domain.journey import Transplant
from companion.domain.kinds import GraftSource, TransplantKind
from companion.domain.team import Team


def make_transplant(
    day0: date = date(2026, 5, 10),
    conditioning_days: int = 6,
    kind: TransplantKind = TransplantKind.ALLOGENEIC,
    source: GraftSource = GraftSource.BLOOD,
    **extra,
) -> Transplant:
    return Transplant(
        kind=kind, source=source, day0=day0, conditioning_days=conditioning_days, **extra
    )


@pytest.fixture
def team() -> Team:
    return Team(
        name="City Transplant Unit",
        office_phone="020 7946 0100",
        after_hours_phone="020 7946 0200",
        office_opens=time(8, 0),
        office_closes=time(17, 0),
    )
