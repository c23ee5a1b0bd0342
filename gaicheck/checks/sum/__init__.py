"""SUM: arithmetic rules (the identities of the template)."""
