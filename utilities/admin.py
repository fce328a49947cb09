class ReadOnlyAdmin:
    """A ModelAdmin or inline mixin: the superuser sees the rows, never adds, changes or deletes
    them. Personal data, pairs, rules and the journal change only through the actions, which check
    the rules and write the journal in the same transaction."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
