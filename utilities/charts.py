"""Bar charts of the dashboards as plain numbers a template draws (no Django, no JavaScript)."""


def bars(items: list[tuple[str, int]]) -> list[dict]:
    """Each (label, value) with its bar's width in % of the largest value."""
    top = max((value for _, value in items), default=0)
    return [{"label": label, "value": value, "width": round(100 * value / top) if top else 0}
            for label, value in items]


def share(part: int, whole: int) -> int:
    """A whole percentage, 0 when there is nothing to share."""
    return round(100 * part / whole) if whole else 0
