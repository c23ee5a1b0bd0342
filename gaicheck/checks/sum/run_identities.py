"""The names of the identities a run-together row is judged against — those within a row (SUM006) or
across the table's rows (SUM007): template identities → **run_identities** → the two rules' messages."""

from __future__ import annotations

from gaicheck import i18n
from gaicheck.templates import load_template


def identity_titles(version: str, table: str, within_row: bool, lang: str) -> str:
    """The titles, joined, of `table`'s identities within a row (`within_row`) or across its rows."""
    titles = [
        i18n.pick(lang, identity.title_zh, identity.title_en)
        for identity in load_template(version).identities
        if identity.table == table and (identity.for_each == "row") == within_row
    ]
    return i18n.join(titles, lang)
