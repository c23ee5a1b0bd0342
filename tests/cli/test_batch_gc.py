"""The garbage-collector settings of a check run (gaicheck.pipeline.many.collector_tuned): tuned while the batch
runs, restored afterwards — the CLI's process may be a caller's (CliRunner, an embedding tool)."""

from __future__ import annotations

import gc

from click.testing import CliRunner

from gaicheck import cli
from gaicheck.pipeline.many import BATCH_GC_THRESHOLD, collector_tuned
from tests.conftest import EXAMPLES


def test_settings_are_tuned_during_the_batch_and_restored_after() -> None:
    before = gc.get_threshold()
    assert before != BATCH_GC_THRESHOLD
    with collector_tuned():
        assert gc.get_threshold() == BATCH_GC_THRESHOLD
        assert gc.get_freeze_count() > 0  # the start-up objects are out of the collector's sight
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_check_run_leaves_the_settings_as_it_found_them() -> None:
    before = gc.get_threshold()
    result = CliRunner().invoke(cli.main, ["check", "--isolated", "-j", "1", str(EXAMPLES / "2023_example_clean.txt")])
    assert result.exit_code == 0, result.output
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
