"""`gaicheck compare OLD NEW`: two years' reports side by side (model.py), as text, JSON or HTML."""
