"""What every page form shares."""

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
