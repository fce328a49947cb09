"""Errors of the API in Russian. Bad input is a 422 with `{"detail": [{"field": …, "message": …}]}`,
whether the schema refused it (pydantic) or a form or an action (Django's ValidationError)."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from ninja import Field, Schema

# pydantic's error types → Russian; `{…}` are filled from the error's context.
INPUT_MESSAGES = {
    "missing": "Обязательное поле.",
    "date_type": "Нужна дата в виде ГГГГ-ММ-ДД.",
    "date_parsing": "Нужна дата в виде ГГГГ-ММ-ДД.",
    "date_from_datetime_parsing": "Нужна дата в виде ГГГГ-ММ-ДД.",
    "date_from_datetime_inexact": "Нужна дата без времени, в виде ГГГГ-ММ-ДД.",
    "int_type": "Нужно целое число.",
    "int_parsing": "Нужно целое число.",
    "int_from_float": "Нужно целое число.",
    "bool_type": "Нужно true или false.",
    "bool_parsing": "Нужно true или false.",
    "string_type": "Нужна строка.",
    "list_type": "Нужен список.",
    "model_attributes_type": "Нужен объект JSON.",
    "dict_type": "Нужен объект JSON.",
    "enum": "Допустимые значения: {expected}.",
    "literal_error": "Допустимые значения: {expected}.",
    "greater_than_equal": "Не меньше {ge}.",
    "less_than_equal": "Не больше {le}.",
    "string_too_short": "Не короче {min_length} симв.",
    "string_too_long": "Не длиннее {max_length} симв.",
    "string_nul": "Недопустим символ NUL (\\u0000).",
}
INVALID = "Недопустимое значение."

# ninja's own messages of HttpError.
HTTP_MESSAGES = {
    "Unauthorized": "Нужен токен API (заголовок «Authorization: Bearer <ключ>») или вход в систему.",
    "CSRF check Failed": "Не пройдена проверка CSRF: передайте заголовок X-CSRFToken из cookie csrftoken.",
    "Cannot parse request body": "Тело запроса не разобрано: нужен JSON.",
}


def input_errors(errors: list[dict]) -> list[dict]:
    """pydantic's errors as they come from ninja (`loc` = source, [parameter,] field…) in Russian."""
    return [{"field": _field(error["loc"]), "message": _input_message(error)} for error in errors]


def _field(loc) -> str | None:
    # ["body", "payload", "birth_date"], ["query", "grade"], ["path", "participant_id"]
    parts = loc[2:] if loc and loc[0] == "body" else loc[1:]
    return ".".join(str(part) for part in parts) or None


def _input_message(error: dict) -> str:
    template = INPUT_MESSAGES.get(error["type"])
    if template is None:
        return INVALID
    context = {key: str(value).replace(" or ", " или ") for key, value in error.get("ctx", {}).items()}
    return template.format(**context)


def django_errors(error: ValidationError) -> list[dict]:
    """A ValidationError of a form or an action; its messages are Russian already."""
    if not hasattr(error, "error_dict"):
        return [{"field": None, "message": message} for message in error.messages]
    return [
        {"field": None if field == NON_FIELD_ERRORS else field, "message": message}
        for field, messages in error.message_dict.items() for message in messages
    ]


def http_message(message: str) -> str:
    return HTTP_MESSAGES.get(message, message)


class ErrorOut(Schema):
    detail: str = Field(description="Что не так, по-русски")


class FieldErrorOut(Schema):
    field: str | None = Field(description="Поле (через точку — вложенное); null — запрос в целом")
    message: str = Field(description="Что не так, по-русски")


class InputErrorsOut(Schema):
    detail: list[FieldErrorOut]


def errors(*codes: int) -> dict:
    """The error answers an operation declares in its `response=`: a 422 names the fields, the others say
    what is wrong (the handlers of nastavnik/api.py write them)."""
    return {code: InputErrorsOut if code == 422 else ErrorOut for code in codes}
