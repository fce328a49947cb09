import datetime
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory, override_settings
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEntry
from pairs.models import Pair, PairMentee
from people import actions, stats
from people.filters import ParticipantFilter
from people.models import Category, Consent, MenteeProfile, MenteeRequest, MentorProfile, Participant
from programmes.models import MentorshipForm
from testing.fixtures import RegionTestCase, make_participant

LIST = reverse("people:list")


def personal_data(**values) -> dict:
    return {"last_name": "Орлов", "first_name": "Пётр", "birth_date": "2013-02-14", "category": "pupil",
            "grade": 5, "is_mentee": "on", **values}


class ParticipantListTests(RegionTestCase):
    def names(self, query: str = "", user=None) -> str:
        self.login(user or self.curator_a)
        return self.client.get(LIST + query).content.decode()

    def test_the_list_shows_only_the_participants_the_user_may_see(self):
        page = self.names()
        self.assertIn("Кузнецова", page)
        self.assertIn("Смирнов", page)
        self.assertNotIn("Попов", page)

    def test_search_finds_a_part_of_the_fio_ignoring_case_and_yo(self):
        make_participant(self.school_a, "Королёв", first_name="Семён")
        self.assertIn("Королёв", self.names("?q=КОРОЛЕВ сем"))
        self.assertNotIn("Кузнецова", self.names("?q=КОРОЛЕВ сем"))

    def test_filters_by_role_category_and_grade(self):
        make_participant(self.school_a, "Волкова", category=Category.TEACHER, is_mentor=True, is_mentee=False,
                         birth_date=datetime.date(1980, 1, 1))
        self.assertNotIn("Кузнецова", self.names("?role=mentor"))
        self.assertIn("Волкова", self.names("?category=teacher"))
        self.assertNotIn("Волкова", self.names("?grade=6"))
        self.assertIn("Кузнецова", self.names("?grade=6"))

    def test_filters_by_consent_state(self):
        make_participant(self.school_a, "Орлов", consents=False)
        minor = make_participant(self.school_a, "Зайцев", consents=False)
        actions.record_consent(minor, actor=self.curator_a, kind=Consent.Kind.PERSONAL_DATA,
                               given_on=datetime.date(2026, 9, 1))
        self.assertNotIn("Орлов", self.names("?consents=complete"))
        self.assertIn("Кузнецова", self.names("?consents=complete"))
        self.assertIn("Орлов", self.names("?consents=no_personal_data"))
        self.assertNotIn("Зайцев", self.names("?consents=no_personal_data"))
        self.assertIn("Зайцев", self.names("?consents=no_representative"))
        self.assertNotIn("Кузнецова", self.names("?consents=incomplete"))

    def test_an_adult_needs_no_representatives_consent_in_the_filter(self):
        teacher = make_participant(self.school_a, "Волкова", consents=False, category=Category.TEACHER,
                                   birth_date=datetime.date(1980, 1, 1))
        actions.record_consent(teacher, actor=self.curator_a, kind=Consent.Kind.PERSONAL_DATA,
                               given_on=datetime.date(2026, 9, 1))
        self.assertIn("Волкова", self.names("?consents=complete"))

    def test_filters_by_the_form_a_mentor_is_ready_for_or_a_mentee_asked_for(self):
        actions.save_mentor_profile(self.pupil_mentor_a, actor=self.curator_a, source="pupils",
                                    forms=[self.pupil_pupil])
        page = self.names(f"?form={self.pupil_pupil.pk}")
        self.assertIn("Смирнов", page)
        self.assertNotIn("Кузнецова", page)

    def test_choosing_a_municipality_selects_the_participants_of_its_schools(self):
        page = self.names(f"?organization={self.municipality_a.pk}", user=User.objects.create_superuser("root"))
        self.assertIn("Кузнецова", page)
        self.assertNotIn("Попов", page)

    def test_above_the_organization_there_is_no_list_of_participants(self):
        for user in (self.operator, self.municipal_a):
            self.login(user)
            self.assertEqual(self.client.get(LIST).status_code, 403)

    def test_an_organization_outside_the_scope_cannot_be_chosen(self):
        page = self.names(f"?organization={self.school_b.pk}")
        self.assertNotIn("Попов", page)

    def test_htmx_gets_only_the_results_block(self):
        self.login(self.curator_a)
        response = self.client.get(LIST + "?q=кузн", headers={"HX-Request": "true"})
        self.assertNotContains(response, "<html")
        self.assertContains(response, 'id="participant-results"')
        self.assertContains(response, "Кузнецова")

    def test_the_list_is_paginated(self):
        for n in range(55):
            make_participant(self.school_a, f"Ученик{n:02d}", consents=False)
        self.assertIn("Страница 1 из 2", self.names())
        self.assertIn("Ученик54", self.names("?page=2&q=ученик"))

    def test_the_list_costs_the_same_number_of_queries_for_many_participants(self):
        for n in range(30):
            mentor = make_participant(self.school_a, f"Наставник{n:02d}", is_mentor=True, is_mentee=False,
                                      birth_date=datetime.date(2008, 1, 1))
            actions.save_mentor_profile(mentor, actor=self.curator_a, source="pupils", forms=[self.pupil_pupil])
        self.login(self.curator_a)
        # session, user, view_people, the chosen form, count, manage_people, roles for the menu,
        # organizations and forms of the filter, the page
        with self.assertNumQueries(10):
            response = self.client.get(LIST + f"?consents=complete&form={self.pupil_pupil.pk}")
        self.assertContains(response, "Наставник29")

    def test_the_filter_works_without_the_page(self):
        request = RequestFactory().get("/")
        request.user = self.curator_a
        queryset = Participant.objects.visible_to(self.curator_a)
        found = ParticipantFilter({"q": "кузнецова", "role": "mentee"}, queryset, request=request).qs
        self.assertEqual(list(found), [self.pupil_a])

    def test_mentors_mentees_and_strangers_have_no_list(self):
        for user in (self.mentor_a, self.mentee_a, self.parent_a, self.stranger):
            self.login(user)
            self.assertEqual(self.client.get(LIST).status_code, 403)


class ParticipantCardTests(RegionTestCase):
    def card(self, participant, user=None):
        self.login(user or self.curator_a)
        return self.client.get(reverse("people:detail", args=[participant.pk]))

    def test_the_card_shows_profile_requests_consents_and_pairs(self):
        actions.save_mentee_profile(self.pupil_a, actor=self.curator_a, desired_form=self.pupil_pupil)
        actions.add_request(self.pupil_a, actor=self.curator_a, text="Подтянуть математику",
                            area=MenteeRequest.Area.STUDY, stated_by=MenteeRequest.StatedBy.CLASS_TEACHER)
        pair = Pair.objects.create(organization=self.school_a, form=self.pupil_pupil, mentor=self.pupil_mentor_a,
                                   start_date=datetime.date(2026, 10, 1), planned_end_date=datetime.date(2027, 5, 31))
        PairMentee.objects.create(pair=pair, mentee=self.pupil_a)
        response = self.card(self.pupil_a)
        for text in ("Подтянуть математику", "классный руководитель", "ученик – ученик", "Петрова Анна Сергеевна",
                     "01.09.2026", "наставник: Смирнов Иван", "все согласия есть"):
            self.assertContains(response, text)
        self.assertContains(self.card(self.pupil_mentor_a), "наставник для: Кузнецова Мария")
        pair_card = f'href="{reverse("pairs:detail", args=[pair.pk])}"'
        self.assertContains(self.card(self.pupil_a, self.parent_a), pair_card)  # every side links the pair's card
        self.assertContains(self.card(self.pupil_mentor_a, self.mentor_a), pair_card)

    def test_the_card_names_the_missing_consents(self):
        pupil = make_participant(self.school_a, "Орлов", consents=False)
        self.assertContains(self.card(pupil), "нет: согласие на обработку персональных данных")

    def test_only_head_and_above_get_the_link_to_the_persons_audit(self):
        audit_link = f'{reverse("audit:list")}?participant={self.pupil_a.pk}'
        self.assertContains(self.card(self.pupil_a, self.head_a), audit_link)
        self.assertNotContains(self.card(self.pupil_a, self.curator_a), audit_link)

    def test_a_psychologist_sees_the_card_without_change_links(self):
        response = self.card(self.pupil_a, self.psychologist_a)
        self.assertContains(response, "Кузнецова")
        self.assertNotContains(response, reverse("people:edit", args=[self.pupil_a.pk]))

    def test_a_parent_sees_the_childs_card_and_nobody_elses(self):
        self.assertEqual(self.card(self.pupil_a, self.parent_a).status_code, 200)
        self.assertEqual(self.card(self.pupil_mentor_a, self.parent_a).status_code, 404)


class ParticipantFormTests(RegionTestCase):
    def post(self, name, data, *args, user=None):
        self.login(user or self.curator_a)
        return self.client.post(reverse(name, args=args), data)

    def test_creating_a_participant_opens_the_card_and_writes_the_audit(self):
        response = self.post("people:create", personal_data(organization=self.school_a.pk))
        orlov = Participant.objects.get(last_name="Орлов")
        self.assertRedirects(response, reverse("people:detail", args=[orlov.pk]))
        self.assertTrue(AuditEntry.objects.filter(participant=orlov, action="create", actor=self.curator_a).exists())

    def test_the_same_fio_and_birth_date_in_one_organization_is_refused_on_the_form(self):
        response = self.post("people:create", personal_data(
            organization=self.school_a.pk, last_name=" кузнецова ", first_name="МАРИЯ", birth_date="2012-05-01"))
        self.assertContains(response, actions.DUPLICATE_MESSAGE)
        self.assertEqual(Participant.objects.filter(fio_key__startswith="кузнецова|").count(), 1)

    def test_a_curator_cannot_add_a_participant_to_another_school(self):
        response = self.post("people:create", personal_data(organization=self.school_b.pk))
        self.assertContains(response, "Выберите корректный вариант")
        self.assertFalse(Participant.objects.filter(last_name="Орлов").exists())

    def test_a_participant_needs_a_role_and_a_past_birth_date(self):
        response = self.post("people:create", {**personal_data(organization=self.school_a.pk, birth_date="2099-01-01"),
                                               "is_mentee": ""})
        self.assertContains(response, "Отметьте роль")
        self.assertContains(response, "Дата рождения не может быть в будущем.")

    def test_editing_records_old_and_new_values(self):
        self.post("people:edit", personal_data(last_name="Кузнецова", first_name="Мария", birth_date="2012-05-01",
                                               grade=7, sex="f"), self.pupil_a.pk)
        entry = AuditEntry.objects.get(participant=self.pupil_a, action="update")
        self.assertEqual(entry.changes["grade"], [6, 7])

    def test_editing_into_a_duplicate_is_refused(self):
        make_participant(self.school_a, "Орлов", first_name="Пётр", birth_date=datetime.date(2013, 2, 14))
        response = self.post("people:edit", personal_data(), self.pupil_a.pk)
        self.assertContains(response, actions.DUPLICATE_MESSAGE)
        self.pupil_a.refresh_from_db()
        self.assertEqual(self.pupil_a.last_name, "Кузнецова")

    def test_the_mentor_profile_keeps_the_forms_and_a_limit_of_at_most_three(self):
        url_args = (self.pupil_mentor_a.pk,)
        response = self.post("people:mentor_profile", {"source": "pupils", "max_mentees": 4}, *url_args)
        self.assertContains(response, "Убедитесь, что это значение меньше либо равно 3.")
        self.post("people:mentor_profile", {"source": "pupils", "max_mentees": 2, "forms": [self.pupil_pupil.pk],
                                            "preferred_age_min": 11, "preferred_age_max": 13}, *url_args)
        profile = MentorProfile.objects.get(participant=self.pupil_mentor_a)
        self.assertEqual((profile.max_mentees, list(profile.forms.all())), (2, [self.pupil_pupil]))

    def test_a_mentors_own_limit_is_never_below_the_mentees_they_have(self):
        from pairs.actions import propose_pair

        propose_pair(organization=self.school_a, form=self.pupil_pupil, mentor=self.pupil_mentor_a,
                     mentees=[self.pupil_a, make_participant(self.school_a, "Второва", grade=6)],
                     start_date=datetime.date(2026, 12, 1), planned_end_date=datetime.date(2027, 5, 31),
                     actor=self.curator_a)
        response = self.post("people:mentor_profile", {"source": "pupils", "max_mentees": 1}, self.pupil_mentor_a.pk)
        self.assertContains(response, "У наставника уже 2 наставляемых в парах: нельзя указать меньше.")
        self.assertFalse(MentorProfile.objects.filter(participant=self.pupil_mentor_a).exists())

    def test_a_mentor_profile_is_only_for_mentors(self):
        response = self.post("people:mentor_profile", {"source": "pupils", "max_mentees": 2}, self.pupil_a.pk)
        self.assertEqual(response.status_code, 404)

    def test_mentee_profile_and_request(self):
        self.post("people:mentee_profile", {"desired_form": self.pupil_pupil.pk}, self.pupil_a.pk)
        self.post("people:request_create", {"text": "Олимпиада по физике", "area": "olympiad",
                                            "stated_by": "psychologist"}, self.pupil_a.pk)
        self.pupil_a.refresh_from_db()
        self.assertEqual(self.pupil_a.mentee_profile.desired_form, self.pupil_pupil)
        self.assertEqual(self.pupil_a.requests.get().stated_by, "psychologist")

    def test_the_variants_are_offered_under_their_form_and_the_chosen_one_is_on_the_card(self):
        self.login(self.curator_a)
        page = self.client.get(reverse("people:mentee_profile", args=[self.pupil_a.pk]))
        groups = dict(page.context["form"].fields["desired_variant"].choices[1:])
        self.assertEqual([name for _, name in groups["ученик – ученик"]],
                         list(self.pupil_pupil.variants.values_list("name", flat=True)))
        for variants in groups.values():
            self.assertEqual(len({name for _, name in variants}), len(variants))
        leader = self.pupil_pupil.variants.get(name="лидер – пассивный")
        self.post("people:mentee_profile", {"desired_variant": leader.pk}, self.pupil_a.pk)
        self.assertEqual(MenteeProfile.objects.get(participant=self.pupil_a).desired_form, self.pupil_pupil)
        self.assertContains(self.client.get(reverse("people:detail", args=[self.pupil_a.pk])), "лидер – пассивный")
        other = MentorshipForm.objects.get(code="student_pupil")
        response = self.post("people:mentee_profile", {"desired_form": other.pk, "desired_variant": leader.pk},
                             self.pupil_a.pk)
        self.assertContains(response, "формы «ученик – ученик», а не «студент – ученик»")

    def test_a_consent_is_recorded_with_its_scan(self):
        pupil = make_participant(self.school_a, "Орлов", consents=False)
        scan = SimpleUploadedFile("согласие.pdf", b"%PDF-1.4 test", content_type="application/pdf")
        with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
            response = self.post("people:consent_create", {"kind": "personal_data", "given_on": "2026-09-02",
                                                           "scan": scan}, pupil.pk)
            self.assertRedirects(response, reverse("people:detail", args=[pupil.pk]))
            consent = pupil.consents.get()
            self.assertTrue(consent.scan.name.endswith(".pdf"))
        self.assertEqual(consent.recorded_by, self.curator_a)

    def test_a_representatives_consent_without_the_name_is_refused_on_the_field(self):
        pupil = make_participant(self.school_a, "Орлов", consents=False)
        response = self.post("people:consent_create", {"kind": "representative", "given_on": "2026-09-02"}, pupil.pk)
        self.assertContains(response, "Укажите ФИО законного представителя.")
        self.assertFalse(pupil.consents.exists())

    def test_withdrawing_the_personal_data_consent_anonymizes_the_person(self):
        consent = self.pupil_a.consents.get(kind=Consent.Kind.PERSONAL_DATA)
        self.login(self.curator_a)
        self.assertContains(self.client.get(reverse("people:consent_withdraw", args=[consent.pk])), "обезличены")
        self.post("people:consent_withdraw", {"withdrawn_on": "2026-10-01"}, consent.pk)
        self.pupil_a.refresh_from_db()
        self.assertIsNotNone(self.pupil_a.anonymized_at)
        counts = stats.totals(Participant.objects.filter(organization=self.school_a), datetime.date(2026, 11, 1))
        self.assertEqual((counts["participants"], counts["mentees"], counts["without_consents"]), (2, 1, 0))

    def test_an_anonymized_person_can_no_longer_be_edited(self):
        actions.anonymize_participant(self.pupil_a, actor=self.curator_a)
        self.login(self.curator_a)
        self.assertEqual(self.client.get(reverse("people:edit", args=[self.pupil_a.pk])).status_code, 404)
