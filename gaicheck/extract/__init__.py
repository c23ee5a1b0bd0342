"""Extractor: Document → **extractor** → Report. Knows the template, never the file format."""
