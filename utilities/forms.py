"""What every page form shares."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError


def run_action(form, action):
    """The action's result for a valid submitted form, or None; a domain error goes onto the form
    (errors keyed by model field go on top, since the form may not have such a field)."""
    if not form.is_valid():
        return None
    try:
        return action(**form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, list(error.messages) if hasattr(error, "error_dict") else error)
        return None


def limit_choices(field, queryset) -> None:
    """The choices of a model choice field, limited to the user's scope; the only one is chosen already."""
    field.queryset = queryset
    if len(queryset) == 1:
        field.initial = queryset[0].pk


def limit_upload_size(file) -> None:
    """The one size limit of every uploaded file: UPLOAD_MAX_MB."""
    limit = settings.UPLOAD_MAX_MB
    if file.size > limit * 2**20:
        size = f"{file.size / 2**20:.1f}".replace(".", ",")
        raise ValidationError(f"Файл больше {limit} МБ (в нём {size} МБ): загрузите файл меньше или разделите его "
                              "на части.", code="file_too_large")


class UploadField(forms.FileField):
    """A file field with the upload size limit; every form that takes a file uses it."""

    default_validators = [limit_upload_size]
