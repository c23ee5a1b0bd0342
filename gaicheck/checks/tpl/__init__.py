"""TPL: template rules (the format used, against the report year; mixed, legacy or no format; labels)."""
