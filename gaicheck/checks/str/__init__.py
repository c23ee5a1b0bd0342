"""STR: structure rules (sections, tables and rows that are missing, misplaced or unreadable)."""
