"""TXT: prose rules (the text contradicts the tables, or its own lists do not add up)."""
