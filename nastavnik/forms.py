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
