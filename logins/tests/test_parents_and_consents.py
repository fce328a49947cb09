"""Parents invited from the child's card see each of their children and only them; consents given and withdrawn
online have the effect, rules and audit of paper ones."""

import datetime
import io

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from accounts.models import Role
from audit.models import AuditEntry
from logins import actions, codes
from logins.models import Invitation, SelfEdit
from people.models import Consent, MentorProfile
from testing.fixtures import RegionTestCase, make_participant

PASSWORD = "Krepkiy-parol-2026"
PARENT = "Лебедева Ирина Олеговна"


def slips_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(cells + [p.text for p in document.paragraphs])


class ParentTests(RegionTestCase):
    def setUp(self):
        self.son = make_participant(self.school_a, "Лебедев", first_name="Олег", grade=5)
        self.daughter = make_participant(self.school_b, "Лебедева", first_name="Дарья", grade=8)
        self.parent = actions.redeem(self.invite_parent(self.son, self.curator_a), username="lebedeva",
                                     password=PASSWORD)
        actions.redeem(self.invite_parent(self.daughter, self.curator_b), signed_in=self.parent)
        self.client.force_login(self.parent)

    def invite_parent(self, child, curator):
        return actions.invite(child, actor=curator, kind=Invitation.Kind.REPRESENTATIVE, invitee_name=PARENT,
                              email="lebedeva@example.org")[1]

    def test_a_parent_of_children_in_two_schools_sees_each_child_on_one_login(self):
        self.assertEqual(sorted(self.parent.roles.values_list("role", "participant__last_name")),
                         [(Role.REPRESENTATIVE, "Лебедев"), (Role.REPRESENTATIVE, "Лебедева")])
        home = self.client.get(reverse("home")).content.decode()
        self.assertIn("Лебедев Олег", home)
        self.assertIn("Лебедева Дарья", home)
        for child in (self.son, self.daughter):
            self.assertEqual(self.client.get(reverse("people:detail", args=[child.pk])).status_code, 200)

    def test_a_parent_sees_no_other_child(self):
        for other in (self.pupil_a, self.pupil_b):
            self.assertEqual(self.client.get(reverse("people:detail", args=[other.pk])).status_code, 404)
        self.assertEqual(self.client.get(reverse("people:list")).status_code, 403)
        consents = self.client.get(reverse("logins:consents")).content.decode()
        self.assertNotIn(self.pupil_a.last_name, consents)

    def test_a_consent_given_online_is_recorded_and_journalled_as_a_paper_one_and_marked_online(self):
        self.son.consents.filter(kind=Consent.Kind.REPRESENTATIVE).update(withdrawn_on=datetime.date(2026, 10, 1))
        url = reverse("logins:consent_give", args=[self.son.pk, Consent.Kind.REPRESENTATIVE])
        self.assertEqual(self.client.post(url).status_code, 302)
        consent = self.son.consents.get(kind=Consent.Kind.REPRESENTATIVE, withdrawn_on__isnull=True)
        self.assertTrue(consent.given_online)
        self.assertEqual(consent.representative_name, PARENT)
        self.assertEqual(consent.recorded_by, self.parent)
        entry = AuditEntry.objects.get(object_type="consent", object_id=consent.pk)
        self.assertEqual((entry.actor, entry.action, entry.participant), (self.parent, "create", self.son))
        self.assertEqual(set(entry.changes), {"kind", "given_on", "given_online"})
        self.client.force_login(self.curator_a)
        card = self.client.get(reverse("people:detail", args=[self.son.pk])).content.decode()
        self.assertIn("онлайн", card)
        self.assertIn("на бумаге", card)

    def test_a_second_consent_of_the_same_kind_is_refused_online_as_on_paper(self):
        self.client.post(reverse("logins:consent_give", args=[self.son.pk, Consent.Kind.PERSONAL_DATA]))
        self.assertEqual(self.son.consents.filter(kind=Consent.Kind.PERSONAL_DATA).count(), 1)

    def test_withdrawing_the_personal_data_consent_online_anonymizes_the_child_and_ends_that_access(self):
        consent = self.son.consents.get(kind=Consent.Kind.PERSONAL_DATA)
        self.client.post(reverse("logins:consent_withdraw", args=[consent.pk]))
        self.son.refresh_from_db()
        self.assertIsNotNone(self.son.anonymized_at)
        self.assertEqual(self.son.last_name, "Обезличен")
        self.assertFalse(self.parent.roles.filter(participant=self.son).exists())
        self.assertEqual(self.client.get(reverse("people:detail", args=[self.daughter.pk])).status_code, 200)
        self.assertEqual(self.client.get(reverse("people:detail", args=[self.son.pk])).status_code, 404)

    def test_withdrawing_the_representatives_consent_closes_the_minors_own_login_and_keeps_the_parents(self):
        pupil = actions.redeem(actions.invite(self.son, actor=self.curator_a)[1], username="lebedev",
                               password=PASSWORD)
        consent = self.son.consents.get(kind=Consent.Kind.REPRESENTATIVE)
        self.client.post(reverse("logins:consent_withdraw", args=[consent.pk]))
        pupil.refresh_from_db()
        self.assertFalse(pupil.is_active)
        self.assertTrue(self.parent.roles.filter(participant=self.son).exists())
        with self.assertRaisesMessage(ValidationError, "несовершеннолетний"):
            actions.invite(self.son, actor=self.curator_a)

    def test_a_minor_consents_to_nothing_from_their_own_login(self):
        pupil = actions.redeem(actions.invite(self.son, actor=self.curator_a)[1], username="lebedev",
                               password=PASSWORD)
        self.client.force_login(pupil)
        url = reverse("logins:consent_give", args=[self.son.pk, Consent.Kind.PERSONAL_DATA])
        self.assertEqual(self.client.post(url).status_code, 403)


class SheetAndQuestionnaireTests(RegionTestCase):
    def test_the_sheet_of_a_class_has_a_unique_code_for_everyone_without_a_login_and_says_who_got_none(self):
        for n in range(12):
            make_participant(self.school_a, f"Ученик{n}", grade=9, grade_letter="В")
        make_participant(self.school_a, "Безсогласия", grade=9, grade_letter="В", consents=False)
        self.client.force_login(self.curator_a)
        response = self.client.post(reverse("logins:sheet"),
                                    {"organization": self.school_a.pk, "grade": 9, "grade_letter": "в"})
        self.assertEqual(response.status_code, 200)
        text = slips_text(response.content)
        printed = [line for line in text.splitlines() if len(line) == 11 and line[5] == "-"]
        self.assertEqual(len(printed), 12)
        self.assertEqual(len(set(printed)), 12)
        self.assertIn("Ученик0 Иван", text)
        self.assertIn("Безсогласия Иван — «Безсогласия Иван» — несовершеннолетний", text)
        hashes = set(Invitation.objects.values_list("secret_hash", flat=True))
        self.assertEqual(hashes, {codes.digest(codes.normalize(code)) for code in printed})

    def test_a_name_with_control_characters_pasted_from_word_still_prints_its_slip(self):
        make_participant(self.school_a, "Ли\x0bВан\x01", grade=9, grade_letter="Г")
        make_participant(self.school_a, "Ким\x0c", grade=9, grade_letter="Г", consents=False)
        self.client.force_login(self.curator_a)
        response = self.client.post(reverse("logins:sheet"),
                                    {"organization": self.school_a.pk, "grade": 9, "grade_letter": "Г"})
        self.assertEqual(response.status_code, 200)
        text = slips_text(response.content)
        self.assertIn("Ли\nВан Иван", text)  # a vertical tab is a line break, other control characters go
        self.assertIn("Ким\n Иван", text)

    def test_the_participants_lists_selection_gets_codes_for_those_found_in_the_own_school_only(self):
        self.client.force_login(self.curator_a)
        response = self.client.post(reverse("logins:selection_sheet") + "?q=Кузнецова")
        text = slips_text(response.content)
        self.assertIn(self.pupil_a.full_name, text)
        self.assertNotIn(self.pupil_mentor_a.last_name, text)
        self.assertEqual(list(Invitation.objects.values_list("participant", flat=True)), [self.pupil_a.pk])

    def test_a_pairs_card_prints_codes_for_its_mentor_and_mentees_without_a_login(self):
        from pairs.actions import propose_pair

        pair = propose_pair(organization=self.school_a, form=self.pupil_pupil, mentor=self.pupil_mentor_a,
                            mentees=[self.pupil_a], start_date=datetime.date(2026, 12, 1),
                            planned_end_date=datetime.date(2027, 5, 31), actor=self.curator_a)
        self.client.force_login(self.curator_a)
        text = slips_text(self.client.post(reverse("logins:pair_sheet", args=[pair.pk])).content)
        self.assertIn(self.pupil_mentor_a.full_name, text)
        self.assertIn(self.pupil_a.full_name, text)
        self.assertEqual(Invitation.objects.count(), 2)

    def test_a_mentor_fills_the_questionnaire_and_the_curator_sees_what_changed(self):
        self.client.force_login(self.mentor_a)
        response = self.client.post(reverse("logins:questionnaire", args=[self.pupil_mentor_a.pk]), {
            "interests": "шахматы, робототехника", "useful_for": "Помогу с математикой", "competences": "алгебра",
            "max_mentees": 2})
        self.assertEqual(response.status_code, 302)
        profile = MentorProfile.objects.get(participant=self.pupil_mentor_a)
        self.assertEqual((profile.useful_for, profile.max_mentees, profile.source), ("Помогу с математикой", 2,
                                                                                     "pupils"))
        self.assertEqual(SelfEdit.objects.get().fields,
                         ["интересы", "чем могу быть полезен", "компетенции", "сколько наставляемых"])
        self.client.force_login(self.curator_a)
        listing = self.client.get(reverse("logins:list")).content.decode()
        self.assertIn("чем могу быть полезен", listing)
        self.client.force_login(self.curator_b)
        self.assertNotIn("чем могу быть полезен", self.client.get(reverse("logins:list")).content.decode())

    def test_a_mentor_cannot_set_a_limit_below_the_mentees_they_already_have(self):
        from pairs.actions import propose_pair

        propose_pair(organization=self.school_a, form=self.pupil_pupil, mentor=self.pupil_mentor_a,
                     mentees=[self.pupil_a, make_participant(self.school_a, "Второва", grade=6)],
                     start_date=datetime.date(2026, 12, 1), planned_end_date=datetime.date(2027, 5, 31),
                     actor=self.curator_a)
        self.client.force_login(self.mentor_a)
        response = self.client.post(reverse("logins:questionnaire", args=[self.pupil_mentor_a.pk]),
                                    {"interests": "", "max_mentees": 1})
        self.assertContains(response, "У наставника уже 2 наставляемых в парах")
        self.assertFalse(MentorProfile.objects.filter(participant=self.pupil_mentor_a).exists())

    def test_a_mentee_states_a_request_that_matching_reads(self):
        self.client.force_login(self.mentee_a)
        self.client.post(reverse("logins:questionnaire", args=[self.pupil_a.pk]),
                         {"interests": "", "request_text": "Подготовиться к олимпиаде", "request_area": "olympiad"})
        request = self.pupil_a.requests.get()
        self.assertEqual((request.text, request.stated_by, request.area), ("Подготовиться к олимпиаде", "self",
                                                                           "olympiad"))


class InvitationListTests(RegionTestCase):
    def test_the_list_takes_as_many_queries_for_many_invitations_as_for_one(self):
        self.client.force_login(self.curator_a)
        actions.invite(self.pupil_a, actor=self.curator_a)
        with CaptureQueriesContext(connection) as one:
            self.client.get(reverse("logins:list"))
        for n in range(5):
            child = make_participant(self.school_a, f"Списков{n}", grade=6)
            actions.redeem(actions.invite(child, actor=self.curator_a)[1], username=f"spiskov{n}", password=PASSWORD)
        with CaptureQueriesContext(connection) as many:
            self.assertContains(self.client.get(reverse("logins:list")), "Списков4")
        self.assertEqual(len(many), len(one))

    def test_the_list_filters_by_state(self):
        self.client.force_login(self.curator_a)
        invitation, _ = actions.invite(self.pupil_a, actor=self.curator_a)
        actions.revoke(invitation, actor=self.curator_a)
        self.assertContains(self.client.get(reverse("logins:list"), {"state": "revoked"}), "Кузнецова")
        self.assertNotContains(self.client.get(reverse("logins:list"), {"state": "invited"}), "Кузнецова Мария")
        self.assertNotContains(self.client.get(reverse("logins:list"), {"participant": self.pupil_b.pk}),
                               "Кузнецова Мария")
