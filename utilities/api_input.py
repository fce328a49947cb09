"""What every input of the API refuses before an action sees it: the NUL character, which PostgreSQL cannot
keep in text (SQLite can, so the two databases would answer differently), an id no table can hold, which
overflows the database's integer in a list lookup, and a date at the calendar's edge, where a year later or
a day before does not exist. Each is a 422 naming the field."""

import datetime
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field, field_validator
from pydantic_core import PydanticCustomError


def without_nul(value):
    """A string, or a list of them, without NUL; anything else as it is."""
    if any(isinstance(item, str) and "\x00" in item for item in (value if isinstance(value, list) else [value])):
        raise PydanticCustomError("string_nul", "NUL character")
    return value


class InputSchema(Schema):
    """The base of every body and every set of filters of the API."""

    @field_validator("*")
    @classmethod
    def _without_nul(cls, value):
        return without_nul(value)


# A text path parameter.
Text = Annotated[str, AfterValidator(without_nul)]
# An id in a body: the range of the tables' big integer keys.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
# A date in a body or a filter: pairs' ends, plans' deadlines and orders' days are counted from it.
Day = Annotated[datetime.date, Field(ge=datetime.date(1900, 1, 1), le=datetime.date(2999, 12, 31))]
