"""The limits around one file's check: the limits in force for the readers (`limits.using`), and the time
limit — an interval timer (SIGALRM, POSIX, main thread of the process) that a PDF reader extends by
`seconds_per_page` for each page it finds (`limits.allow_pages`).

pipeline.single → **guard** → reader → extractor → rules; whatever is raised inside leaves as a FileFailure.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType, TracebackType

from gaicheck.limits import Limits, reset_time_extender, set_time_extender, using
from gaicheck.pipeline.errors import FileFailure, TimeLimitExceeded, classify

REFIRE_SECONDS = 0.5  # when a raise lands where Python swallows it (a __del__, a callback), try again


class TimeLimit:
    """Interrupt the block after `seconds` (plus what `allow_pages` adds inside it). POSIX, main thread
    only, and never over a caller's own timer; elsewhere the readers' own limits apply. Once the block is
    left, a late alarm does nothing: it can never land in the caller's code."""

    def __init__(self, seconds: float) -> None:
        self.allowed = seconds  # the limit with what the pages added
        self.active = self.fired = False

    def __enter__(self) -> TimeLimit:
        self.active = (
            self.allowed > 0
            and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0  # never override a caller's timer
        )
        if self.active:
            # a raise that lands in a __del__ or a callback is "ignored" by Python, which prints a traceback:
            # keep our own quiet (the alarm fires again), pass every other one on as before
            self._previous_hook = sys.unraisablehook
            sys.unraisablehook = self._unraisable
            self._previous = signal.signal(signal.SIGALRM, self._on_alarm)
            self._token = set_time_extender(self.extend)
            signal.setitimer(signal.ITIMER_REAL, self.allowed)
        return self

    def _on_alarm(self, signum: int, frame: FrameType | None) -> None:
        if not self.active:
            return
        self.fired = True
        signal.setitimer(signal.ITIMER_REAL, REFIRE_SECONDS)
        raise TimeLimitExceeded(self.allowed)

    def _unraisable(self, unraisable: sys.UnraisableHookArgs) -> None:
        if isinstance(unraisable.exc_value, TimeLimitExceeded):
            return
        self._previous_hook(unraisable)

    def extend(self, extra: float) -> None:
        remaining = signal.getitimer(signal.ITIMER_REAL)[0]
        if self.active and remaining > 0 and not self.fired:
            signal.setitimer(signal.ITIMER_REAL, remaining + extra)
            self.allowed += extra

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if not self.active:
            return
        self.active = False  # first: from here on a late alarm does nothing
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._previous)
        sys.unraisablehook = self._previous_hook
        reset_time_extender(self._token)
        if self.fired and exc_type is None:  # every raise was swallowed: the result cannot be trusted
            raise TimeLimitExceeded(self.allowed)


@contextmanager
def guarded(limits: Limits) -> Iterator[None]:
    """Run one file's check inside its limits; anything raised leaves as a FileFailure (one line)."""
    try:
        with using(limits), TimeLimit(limits.max_seconds):
            yield
    except FileFailure:
        raise
    except (TimeLimitExceeded, Exception) as exc:
        raise FileFailure(classify(exc, limits)) from exc


__all__ = ["REFIRE_SECONDS", "TimeLimit", "guarded"]
