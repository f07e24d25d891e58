"""An entry the writer reported saved survives SIGKILL at random moments (50 trials); a
restore and an upgrade killed at their steps lose nothing (issue 12, items 4 and 7)."""

import os
import signal

import pytest

from benchmarks.crash_harness import restore_trials, soak, upgrade_trials
from tests.fixtures.make_fixtures import HERE

# The crash soaks: not in the fast tier; CI runs them once (``pytest -m soak``, .ci/run).
pytestmark = [
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals"),
    pytest.mark.soak,
]


def test_nothing_reported_saved_is_lost_across_50_kills(tmp_path):
    tally = soak(50, tmp_path, seed=int.from_bytes(os.urandom(2), "big"))
    assert tally.trials == 50
    assert tally.kills == 50  # every writer died by SIGKILL, mid-write
    assert tally.reported > 50  # entries were really being written
    assert tally.lost == 0
    assert tally.integrity_failures == 0
    assert tally.orphan_fevers == 0


def test_a_restore_killed_before_each_of_its_steps_loses_nothing(tmp_path):
    """The old diary's newest entries are only in its write-ahead log (item 4): killed
    before any step, the next start has the old diary or the backup in place, whole, with
    the old one kept in replaced/, and no temporary file left."""
    tally = restore_trials(tmp_path, modes=(False,))
    assert tally.steps >= 8 and tally.kills == tally.steps  # one kill before each step
    assert tally.lost == 0
    assert tally.leftovers == 0
    assert tally.old_kept > 0 and tally.new_in_place > 0  # both sides of the rename seen
    assert tally.finished_at_start > 0  # interrupted after its marker: finished at start


def test_an_upgrade_killed_inside_leaves_the_file_or_a_whole_upgrade(tmp_path):
    """Killed at a sample of its steps (every file operation at the ends, every 40th SQL
    statement between): the old file byte for byte, or the upgraded diary; the data intact
    after the next start; exactly one pre-migration copy however often it was retried."""
    tally = upgrade_trials(tmp_path, HERE / "schema-v4.db", modes=(False,), stride=40)
    assert tally.kills >= 10
    assert tally.lost == 0
    assert tally.extra_copies == 0
    assert tally.leftovers == 0
    assert tally.identical > 0 and tally.old_kept + tally.new_in_place == tally.runs
