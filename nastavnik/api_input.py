"""What every input of the API refuses before an action sees it: the NUL character, which PostgreSQL cannot
keep in text (SQLite can, so the two databases would answer differently). It is a 422 naming the field."""

from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, field_validator
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
