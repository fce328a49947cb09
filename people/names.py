"""Normalisation of Russian names and labels; no Django here, so imports and rules share it."""

import re

_DASHES = re.compile(r"[\u2010-\u2015\u2212-]")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Case-, ё/е- and space-insensitive form of a label or a name part."""
    return _SPACES.sub(" ", text.replace("ё", "е").replace("Ё", "Е")).strip().casefold()


def label_key(text: str) -> str:
    """Key of a label such as a form name: «ученик-ученик» == «Ученик — ученик»."""
    return _SPACES.sub("", _DASHES.sub("-", normalize(text)))


def fio_key(last_name: str, first_name: str, middle_name: str = "") -> str:
    return "|".join(normalize(part) for part in (last_name, first_name, middle_name))


def clean_name(text: str) -> str:
    """A name part as it is stored: single spaces, no stray ones."""
    return _SPACES.sub(" ", text).strip()
