from django.contrib import admin

from logins.models import Invitation, SelfEdit
from utilities.admin import ReadOnlyAdmin


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["invitee_name", "kind", "channel", "organization", "sent_at", "expires_at", "redeemed_at",
                    "revoked_at"]
    list_filter = ["kind", "channel"]
    raw_id_fields = ["organization", "participant", "created_by", "user"]
    exclude = ["secret_hash"]


@admin.register(SelfEdit)
class SelfEditAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["participant", "at", "fields"]
    raw_id_fields = ["participant", "user"]
