"""VAL: value rules (a cell value of the wrong kind; fee amounts; relations between table 1 columns)."""
