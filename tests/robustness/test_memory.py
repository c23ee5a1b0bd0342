"""No memory growth across a batch: checking the same reports again and again through the API keeps the
process's resident memory flat (caches are bounded; nothing is kept per file)."""

from __future__ import annotations

import gc
import subprocess
import sys

CODE = """
import gc, resource
from pathlib import Path
from gaicheck.api import check_file
from tests.robustness.seeds import seed_bytes, seed_paths

def rss_mb():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 1048576

seeds = [(p.name, seed_bytes(p)) for p in seed_paths()]
marks = []
for round_ in range(6):
    for i, (name, data) in enumerate(seeds):
        check_file(name, data=data + b"\\n" * round_)  # new bytes each round: no identical-input shortcut
    gc.collect()
    marks.append(rss_mb())
print(" ".join(f"{m:.1f}" for m in marks))
"""


def test_rss_is_flat_over_repeated_batches() -> None:
    gc.collect()
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    marks = [float(x) for x in out.stdout.split()]
    assert len(marks) == 6
    # after the first two rounds (imports, templates, caches warm) memory stays within a few MB
    assert marks[-1] - marks[1] < 15, marks
