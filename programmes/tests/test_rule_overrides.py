"""A region or an organization changes a number of a form's rule or switches a rule off; the
organization's change wins, every change is logged (programmes.rules, programmes.actions)."""

from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from organizations.models import Organization
from people.models import MentorProfile
from programmes.actions import clear_rule_override, set_rule_override
from programmes.models import MentorshipForm
from programmes.rules import form_rules, mentee_limit_of
from testing.fixtures import RegionTestCase, make_participant


class RuleOverrideTests(RegionTestCase):
    def override(self, organization, rule, value, actor=None, form=None):
        return set_rule_override(organization=organization, form=form or self.pupil_pupil, rule=rule, value=value,
                                 actor=actor or self.operator)

    def test_without_overrides_the_seeds_numbers_are_in_force(self):
        rules = form_rules(self.pupil_pupil, self.school_a)
        self.assertEqual((rules.mentee_age_min, rules.mentee_age_max, rules.mentor_grade_above_mentee), (10, 19, True))
        self.assertEqual(rules.mentor_categories, ("pupil",))

    def test_a_region_changes_a_number_for_every_organization_below_it(self):
        self.override(self.region, "mentee_age_max", 18)
        self.assertEqual(form_rules(self.pupil_pupil, self.school_a).mentee_age_max, 18)
        self.assertEqual(form_rules(self.pupil_pupil, self.school_b).mentee_age_max, 18)

    def test_an_organizations_change_wins_over_the_regions_and_stays_in_the_organization(self):
        self.override(self.region, "mentee_age_min", 12)
        self.override(self.school_a, "mentee_age_min", 11, actor=self.head_a)
        self.assertEqual(form_rules(self.pupil_pupil, self.school_a).mentee_age_min, 11)
        self.assertEqual(form_rules(self.pupil_pupil, self.school_b).mentee_age_min, 12)

    def test_a_municipalitys_change_lies_between_the_region_and_the_organization(self):
        self.override(self.region, "mentee_age_min", 12)
        self.override(self.municipality_a, "mentee_age_min", 13)
        self.assertEqual(form_rules(self.pupil_pupil, self.school_a).mentee_age_min, 13)
        self.override(self.school_a, "mentee_age_min", 14)
        self.assertEqual(form_rules(self.pupil_pupil, self.school_a).mentee_age_min, 14)

    def test_a_numeric_rule_is_switched_off_with_none_and_a_yes_no_rule_with_false(self):
        employer = MentorshipForm.objects.get(code="employer_pupil")
        self.override(self.region, "mentor_min_experience_years", None, form=employer)
        self.override(self.school_a, "mentor_from_partner", False, form=employer)
        rules = form_rules(employer, self.school_a)
        self.assertEqual((rules.mentor_min_experience_years, rules.mentor_from_partner), (None, False))
        self.assertTrue(form_rules(employer, self.school_b).mentor_from_partner)

    def test_a_change_of_one_form_leaves_the_other_forms_alone(self):
        self.override(self.region, "mentee_age_max", 17)
        self.assertEqual(form_rules(MentorshipForm.objects.get(code="student_pupil"), self.school_a).mentee_age_max, 19)

    def test_every_change_is_logged_with_the_old_and_the_new_value(self):
        self.override(self.school_a, "mentee_age_min", 11, actor=self.head_a)
        self.override(self.school_a, "mentee_age_min", None, actor=self.head_a)
        changes = list(AuditEntry.objects.filter(object_type="formruleoverride", actor=self.head_a,
                                                 organization=self.school_a).order_by("id").values_list("changes", flat=True))
        self.assertEqual(changes, [{"pupil_pupil.mentee_age_min": [None, 11]},
                                   {"pupil_pupil.mentee_age_min": [11, None]}])

    def test_clearing_a_change_returns_to_the_level_above_and_is_logged(self):
        self.override(self.region, "mentee_age_min", 12)
        override = self.override(self.school_a, "mentee_age_min", 11, actor=self.head_a)
        clear_rule_override(override, actor=self.head_a)
        self.assertEqual(form_rules(self.pupil_pupil, self.school_a).mentee_age_min, 12)
        self.assertTrue(AuditEntry.objects.filter(object_type="formruleoverride", action="delete").exists())

    def test_a_value_of_the_wrong_kind_is_refused_and_nothing_is_written(self):
        for rule, value in (("mentee_age_min", "десять"), ("mentee_age_min", -1), ("mentee_age_min", True),
                            ("mentor_from_partner", 1), ("no_such_rule", 1)):
            with self.assertRaises(ValidationError, msg=(rule, value)):
                self.override(self.region, rule, value)
        self.assertFalse(AuditEntry.objects.filter(object_type="formruleoverride").exists())


class MentorLimitTests(RegionTestCase):
    def test_a_mentor_has_at_most_three_mentees(self):
        self.assertEqual(mentee_limit_of(self.pupil_mentor_a), 3)

    def test_the_organization_may_set_a_lower_limit(self):
        Organization.objects.filter(pk=self.school_a.pk).update(max_mentees_per_mentor=2)
        self.assertEqual(mentee_limit_of(make_participant(Organization.objects.get(pk=self.school_a.pk), "Лебедев",
                                                       is_mentor=True)), 2)

    def test_the_mentors_profile_may_set_a_lower_limit_still(self):
        MentorProfile.objects.create(participant=self.pupil_mentor_a, source="pupils", max_mentees=1)
        self.pupil_mentor_a.refresh_from_db()
        self.assertEqual(mentee_limit_of(self.pupil_mentor_a), 1)
