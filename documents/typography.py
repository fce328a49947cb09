"""Russian typography of the documents, without Django: dates, «ёлочки», initials, order numbers."""

import datetime
import re

MONTHS_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                   "октября", "ноября", "декабря")
NBSP = "\u00a0"


def date_short(day: datetime.date | None) -> str:
    """01.09.2026; an empty string for no date."""
    return f"{day:%d.%m.%Y}" if day else ""


def date_long(day: datetime.date | None) -> str:
    """«1 сентября 2026 г.», as orders write their date."""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year}{NBSP}г." if day else ""


def term(start: datetime.date, end: datetime.date) -> str:
    return f"с {date_short(start)} по {date_short(end)}"


OPENING_AFTER = set("([{—–-/")


def quotes(text: str) -> str:
    """Straight and English quotes as «ёлочки», a quote inside a quote as „лапки“.

    «, „ always open and » always closes; ", “ and ” open at the start of the text, after a space, a bracket,
    a dash or an opening quote, and close elsewhere. A closing quote with nothing open is left as typed."""
    out: list[str] = []
    depth = 0
    for char in text:
        if char not in '"“”„«»':
            out.append(char)
            continue
        before = out[-1] if out else " "
        opens = char in "«„" or (char != "»" and (before.isspace() or before in OPENING_AFTER or before in "«„"))
        if opens:
            out.append("«" if depth == 0 else "„")
            depth += 1
        elif depth:
            depth -= 1
            out.append("»" if depth == 0 else "“")
        else:
            out.append(char)
    return "".join(out)


def initials(last_name: str, first_name: str = "", middle_name: str = "") -> str:
    """«М.Г. Шуплецова»: initials before the surname, as a signature line writes it."""
    letters = "".join(f"{name.strip()[0].upper()}." for name in (first_name, middle_name) if name and name.strip())
    return f"{letters}{NBSP}{last_name.strip()}" if letters else last_name.strip()


def order_number(value: str) -> str:
    """The number as users type it, without «№» and outer spaces: «№ 12-о » → «12-о»."""
    return re.sub(r"\s+", " ", value.strip().lstrip("№").strip())
