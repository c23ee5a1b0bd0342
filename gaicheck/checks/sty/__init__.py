"""STY: wording and typography rules (the name of the Regulation, document numbers, brackets, headings)."""
