"""The pipeline: the one way a file is checked, used by the command line, the Python API and the server.

file or bytes → single (limits, errors) → reader → extractor → rules → suppressions → `Checked`;
many files → many (processes, input order) → parked (cross-year rules) → run → the command line's output.

- `single`: check one file or its bytes within the limits (size, time growing with PDF pages); never raises.
- `many`: check many tasks with any number of processes, results in input order.
- `run`: a whole `gaicheck check` run (tasks, --previous, the cross-year rules over the parked batch).
- `errors`: the error taxonomy: anything raised for one file → one `Failure` (kind + one-line message).
- `guard`: the limits in force around one file (readers' limits, the time limit).
- `stages`: the plain stages (parse, rules) without limits, as the Python API exposes them.

Import what you need from the modules (`gaicheck.pipeline.single.check_file`, …); this package imports none
of them, so that importing one never drags in the others.
"""
