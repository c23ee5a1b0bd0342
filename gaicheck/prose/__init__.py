"""Prose helpers for the rule engine: Report.text → logical paragraphs and clauses with source
positions, number parsing, and the fact tables (`[data]` of the rule catalogue) the prose rules use."""
