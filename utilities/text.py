"""Text as a document can hold it. XML 1.0, inside every XLSX and DOCX, has no place for the control
characters a school's text brings in when pasted from Word or another program (openpyxl and lxml refuse
them, so one such name would break every export of its organization): Word's manual line break (vertical
tab) and page break (form feed) become line breaks, the other controls go."""

import re

_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")


def printable(text: str) -> str:
    return _CONTROLS.sub("", text.translate(_BREAKS))
