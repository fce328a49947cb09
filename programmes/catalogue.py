"""The forms of mentorship (DOMAIN.md §2, seeds 000, 002, 004) with their default rule numbers."""

PUPIL_AGE = {"mentee_age_min": 10, "mentee_age_max": 19}

FORMS = [
    {
        "code": "pupil_pupil", "name": "ученик – ученик",
        "mentor_categories": ["pupil"], "mentee_categories": ["pupil"],
        "mentor_grade_above_mentee": True, **PUPIL_AGE,
        "variants": ["успевающий – неуспевающий", "лидер – пассивный", "равный – равному",
                     "адаптированный – неадаптированный", "равный – другому"],
    },
    {
        "code": "teacher_teacher", "name": "учитель – учитель",
        "mentor_categories": ["teacher"], "mentee_categories": ["teacher"],
        "mentee_max_teaching_years": 3,
        "variants": ["опытный педагог – молодой специалист",
                     "лидер педагогического сообщества – педагог, испытывающий проблемы",
                     "педагог-новатор – консервативный педагог",
                     "опытный предметник – неопытный предметник"],
    },
    {
        "code": "student_pupil", "name": "студент – ученик",
        "mentor_categories": ["student"], "mentee_categories": ["pupil"], **PUPIL_AGE,
        "variants": ["успевающий – неуспевающий", "лидер – пассивный", "равный – другому"],
    },
    {
        "code": "employer_pupil", "name": "работодатель – ученик",
        "mentor_categories": ["partner_employee"], "mentee_categories": ["pupil"], **PUPIL_AGE,
        "mentor_from_partner": True, "mentor_min_experience_years": 5,
        "variants": ["активный профессионал – равнодушный потребитель", "коллега – молодой коллега",
                     "работодатель – будущий сотрудник"],
    },
    {
        "code": "employer_student", "name": "работодатель – студент",
        "mentor_categories": ["partner_employee"], "mentee_categories": ["student"],
        "mentor_from_partner": True, "mentor_min_experience_years": 5,
        "variants": ["активный профессионал – равнодушный потребитель", "коллега – молодой коллега",
                     "работодатель – будущий сотрудник"],
    },
    {
        "code": "student_student", "name": "студент – студент",
        "mentor_categories": ["student"], "mentee_categories": ["student"],
        "mentor_grade_above_mentee": True,
        "variants": ["успевающий – неуспевающий", "лидер – пассивный", "равный – равному"],
    },
    {
        "code": "head_teacher", "name": "руководитель образовательной организации – педагог",
        "mentor_categories": ["teacher"], "mentee_categories": ["teacher"], "mentor_position": "head",
        "variants": ["опытный педагог – молодой специалист"],
    },
    {
        "code": "lecturer_teacher", "name": "педагог вуза/колледжа – молодой педагог",
        "mentor_categories": ["teacher", "partner_employee"], "mentee_categories": ["teacher"],
        "mentee_max_teaching_years": 3, "mentor_position": "higher_education",
        "variants": ["опытный педагог – молодой специалист", "коллега – молодой коллега"],
    },
]

# Labels users also type for the same form.
ALIASES = {"педагог – педагог": "teacher_teacher"}


def load_catalogue(apps) -> None:
    """Create or update the catalogue; `apps` is the data migration's app registry or the live one."""
    MentorshipForm = apps.get_model("programmes", "MentorshipForm")
    RoleModelVariant = apps.get_model("programmes", "RoleModelVariant")
    known = {f.name for f in MentorshipForm._meta.get_fields()}
    for order, spec in enumerate(FORMS):
        # A migration's model may predate a field of the catalogue: it is filled by the migration adding it.
        spec = {key: value for key, value in spec.items() if key in known or key in ("code", "variants")}
        variants = spec.pop("variants")
        form, _ = MentorshipForm.objects.update_or_create(code=spec.pop("code"), defaults={**spec, "sort_order": order})
        for name in variants:
            RoleModelVariant.objects.get_or_create(form=form, name=name)
