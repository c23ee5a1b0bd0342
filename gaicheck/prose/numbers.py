"""Numbers in prose: "1,234" / "859" / "12.5" → int|float, and the year of a "2019年" mention."""

from __future__ import annotations

NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"


def parse_number(text: str) -> int | float | None:
    cleaned = text.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return int(value) if value.is_integer() and "." not in cleaned else value


def show(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
