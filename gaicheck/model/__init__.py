"""Data models shared by every stage: document (reader output), report (extractor output), findings (rule output)."""
