"""Escaping for what a file name (or a message quoting one) may smuggle into an output: control characters
(newline, carriage return, terminal escapes, other C0/C1 codes) and Unicode line separators become visible
`\\xNN` / `\\uNNNN` escapes, so a name can neither split one finding into two lines, nor forge a line, nor
send escapes to a terminal, nor make a JUnit file invalid XML.

reporters (text, github, junit) and the command line's own lines → **escape** → the output.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_path(text: str) -> str:
    """`text` with every control character written as a visible escape (unchanged when there is none)."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_visible, text)


__all__ = ["escape_path"]
