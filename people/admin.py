from django.contrib import admin

from people.models import Consent, MenteeProfile, MenteeRequest, MentorProfile, Participant
from utilities.admin import ReadOnlyAdmin


class ConsentInline(ReadOnlyAdmin, admin.TabularInline):
    model = Consent
    extra = 0
    raw_id_fields = ["recorded_by"]


class RequestInline(ReadOnlyAdmin, admin.TabularInline):
    model = MenteeRequest
    extra = 0


@admin.register(Participant)
class ParticipantAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["last_name", "first_name", "middle_name", "birth_date", "organization", "category"]
    list_filter = ["category", "is_mentor", "is_mentee"]
    search_fields = ["last_name", "first_name", "organization__code"]
    raw_id_fields = ["organization", "user", "children"]
    inlines = [ConsentInline, RequestInline]


@admin.register(MentorProfile, MenteeProfile)
class ProfileAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    raw_id_fields = ["participant"]
