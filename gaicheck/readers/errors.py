"""The one exception a reader raises for a file it cannot read: reader → **ReadError** → the pipeline's
error taxonomy (gaicheck/pipeline/errors.py), which turns it into a one-line per-file error."""

from __future__ import annotations


class ReadError(Exception):
    """A file that cannot be read; the message is one line, for the user, in Chinese and English."""


__all__ = ["ReadError"]
