"""The ``companion setup`` arguments the command-line tests start their diaries with."""

from datetime import date


def setup_args(day0: date, conditioning: date, kind: str = "allogeneic") -> list[str]:
    """A diary of ``kind`` with Day 0 and the conditioning start given, City Unit's numbers."""
    return [
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
        "--country",
        "GB",
    ]
