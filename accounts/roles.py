"""The roles a user holds in an organization: beneath the models and the scoping that both read them."""

from django.db import models


class Role(models.TextChoices):
    REGION_OPERATOR = "region_operator", "региональный оператор"
    MUNICIPAL_SPECIALIST = "municipal_specialist", "специалист муниципалитета"
    HEAD = "head", "руководитель организации"
    CURATOR = "curator", "куратор"
    PSYCHOLOGIST = "psychologist", "педагог-психолог"
    MENTOR = "mentor", "наставник"
    MENTEE = "mentee", "наставляемый"
    REPRESENTATIVE = "representative", "законный представитель"


# Roles that see an organization (and what lies below it), as opposed to the personal roles.
STAFF_ROLES = (Role.REGION_OPERATOR, Role.MUNICIPAL_SPECIALIST, Role.HEAD, Role.CURATOR, Role.PSYCHOLOGIST)
PERSONAL_ROLES = (Role.MENTOR, Role.MENTEE, Role.REPRESENTATIVE)
