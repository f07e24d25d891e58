"""An entry the writer reported saved survives SIGKILL at random moments (50 trials)."""

import os
import signal

import pytest

from benchmarks.crash_harness import soak

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")


def test_nothing_reported_saved_is_lost_across_50_kills(tmp_path):
    tally = soak(50, tmp_path, seed=int.from_bytes(os.urandom(2), "big"))
    assert tally.trials == 50
    assert tally.kills == 50  # every writer died by SIGKILL, mid-write
    assert tally.reported > 50  # entries were really being written
    assert tally.lost == 0
    assert tally.integrity_failures == 0
    assert tally.orphan_fevers == 0
