"""Reporters: Findings → **output** (text, json, …). Each format is a module with `render(results, …)`."""
