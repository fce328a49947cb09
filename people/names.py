"""Normalisation of Russian names and labels; no Django here, so imports and rules share it."""

import re

_DASHES = re.compile(r"[\u2010-\u2015\u2212-]")


def normalize(text: str) -> str:
    """Case-, ё/е- and space-insensitive form of a label or a name part (str.split() splits on the Unicode
    whitespace that \\s matches, and faster: an import normalizes every cell)."""
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").split()).casefold()


def label_key(text: str) -> str:
    """Key of a label such as a form name: «ученик-ученик» == «Ученик — ученик»."""
    return "".join(_DASHES.sub("-", normalize(text)).split())


def fio_key(last_name: str, first_name: str, middle_name: str = "") -> str:
    return "|".join(normalize(part) for part in (last_name, first_name, middle_name))


def clean_name(text: str) -> str:
    """A name part as it is stored: single spaces, no stray ones."""
    return " ".join(text.split())
