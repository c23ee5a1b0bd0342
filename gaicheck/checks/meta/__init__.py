"""META: report-level rules (the year, publication date, cited notice, required statements, lengths)."""
