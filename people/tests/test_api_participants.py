import datetime
import json

from accounts.models import ApiToken, User
from audit.models import AuditEntry
from people.models import MenteeProfile, Participant
from programmes.models import RoleModelVariant
from testing.fixtures import RegionTestCase, make_participant


class ParticipantApiTestCase(RegionTestCase):
    def call(self, user, method: str, path: str = "", payload=None):
        _, key = ApiToken.issue(user, "школьная система")
        return self.client.generic(method, f"/api/v1/participants/{path}", json.dumps(payload) if payload else "",
                                   content_type="application/json", headers={"Authorization": f"Bearer {key}"})

    def new_pupil(self, **values):
        return {"organization": self.school_a.code, "last_name": "Новикова", "first_name": "Алина",
                "birth_date": "2013-02-02", "category": "pupil", "grade": 7, "is_mentee": True, **values}

    def assertRefused(self, response, field, message):
        self.assertEqual(response.status_code, 422, response.content)
        self.assertIn({"field": field, "message": message}, response.json()["detail"])


class PushingPupilsTests(ParticipantApiTestCase):
    def test_a_school_system_pushes_a_pupil_with_a_token_and_it_is_logged(self):
        response = self.call(self.curator_a, "POST", "", self.new_pupil())
        self.assertEqual(response.status_code, 201, response.content)
        pupil = Participant.objects.get(pk=response.json()["id"])
        self.assertEqual((pupil.organization, pupil.grade, pupil.last_name), (self.school_a, 7, "Новикова"))
        self.assertTrue(AuditEntry.objects.filter(participant=pupil, actor=self.curator_a, action="create").exists())

    def test_a_duplicate_pushed_twice_is_refused_with_a_russian_message(self):
        self.call(self.curator_a, "POST", "", self.new_pupil())
        response = self.call(self.curator_a, "POST", "", self.new_pupil(last_name=" НОВИКОВА "))
        self.assertRefused(response, None, "Участник с такими ФИО и датой рождения уже есть в этой организации.")
        self.assertEqual(Participant.objects.filter(last_name="Новикова").count(), 1)

    def test_a_date_not_in_iso_form_is_422_naming_the_field_in_russian(self):
        response = self.call(self.curator_a, "POST", "", self.new_pupil(birth_date="02.02.2013"))
        self.assertRefused(response, "birth_date", "Нужна дата в виде ГГГГ-ММ-ДД.")

    def test_a_missing_field_and_an_unknown_category_are_named(self):
        payload = self.new_pupil(category="pupill")
        del payload["first_name"]
        response = self.call(self.curator_a, "POST", "", payload)
        self.assertRefused(response, "first_name", "Обязательное поле.")
        self.assertIn("category", {error["field"] for error in response.json()["detail"]})

    def test_the_pages_rules_apply_a_birth_date_in_the_future_is_refused(self):
        response = self.call(self.curator_a, "POST", "", self.new_pupil(birth_date="2099-01-01"))
        self.assertRefused(response, "birth_date", "Дата рождения не может быть в будущем.")

    def test_a_participant_without_a_role_is_refused(self):
        response = self.call(self.curator_a, "POST", "", self.new_pupil(is_mentee=False))
        self.assertRefused(response, None, "Отметьте роль: наставник, наставляемый или обе.")
        self.assertFalse(Participant.objects.filter(last_name="Новикова").exists())

    def test_a_curator_cannot_push_into_another_school_and_nothing_is_written(self):
        before = Participant.objects.count()
        response = self.call(self.curator_b, "POST", "", self.new_pupil())
        self.assertEqual(response.status_code, 404)
        self.assertEqual(Participant.objects.count(), before)

    def test_a_psychologist_sees_the_school_but_may_not_add_to_it(self):
        response = self.call(self.psychologist_a, "POST", "", self.new_pupil())
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json()["detail"], "Недостаточно прав.")


class ReadingTests(ParticipantApiTestCase):
    def test_the_list_holds_no_personal_data_of_another_organization(self):
        response = self.call(self.curator_b, "GET")
        self.assertEqual(response.status_code, 200)
        self.assertEqual([p["last_name"] for p in response.json()["items"]], ["Попов"])
        self.assertNotIn("Кузнецова", response.content.decode())

    def test_the_list_is_filtered_like_the_page(self):
        response = self.call(self.curator_a, "GET", "?role=mentor")
        self.assertEqual([p["last_name"] for p in response.json()["items"]], ["Смирнов"])

    def test_the_whole_region_filters_by_the_code_of_a_school(self):
        root = User.objects.create_superuser("root")
        response = self.call(root, "GET", "?organization=19-02-001")
        self.assertEqual([p["last_name"] for p in response.json()["items"]], ["Попов"])

    def test_above_the_organization_the_participants_are_not_listed_nor_read(self):
        for user in (self.operator, self.municipal_a):
            self.assertEqual(self.call(user, "GET").status_code, 403)
            self.assertEqual(self.call(user, "GET", f"{self.pupil_a.pk}").status_code, 404)

    def test_a_school_out_of_reach_is_not_a_filter_but_an_error(self):
        response = self.call(self.curator_b, "GET", "?organization=19-01-001")
        self.assertRefused(response, "organization", "Нет доступной вам организации с кодом «19-01-001».")

    def test_the_list_is_paginated(self):
        response = self.call(User.objects.create_superuser("root"), "GET", "?limit=1&offset=1").json()
        self.assertEqual((response["count"], len(response["items"])), (3, 1))

    def test_a_pupil_of_another_school_is_404(self):
        self.assertEqual(self.call(self.curator_b, "GET", f"{self.pupil_a.pk}").status_code, 404)

    def test_a_mentee_reads_their_own_record_and_consents(self):
        self.assertEqual(self.call(self.mentee_a, "GET", f"{self.pupil_a.pk}").json()["last_name"], "Кузнецова")
        kinds = {c["kind"] for c in self.call(self.mentee_a, "GET", f"{self.pupil_a.pk}/consents").json()}
        self.assertEqual(kinds, {"personal_data", "representative"})


class ChangingTests(ParticipantApiTestCase):
    def test_a_patch_changes_only_the_fields_it_names(self):
        response = self.call(self.curator_a, "PATCH", f"{self.pupil_a.pk}", {"grade": 7, "phone": "+7 900 1"})
        self.assertEqual(response.status_code, 200, response.content)
        self.pupil_a.refresh_from_db()
        self.assertEqual((self.pupil_a.grade, self.pupil_a.phone, self.pupil_a.first_name), (7, "+7 900 1", "Мария"))
        self.assertTrue(AuditEntry.objects.filter(participant=self.pupil_a, action="update").exists())

    def test_a_curator_of_another_school_cannot_change_a_pupil_and_learns_nothing(self):
        response = self.call(self.curator_b, "PATCH", f"{self.pupil_a.pk}", {"last_name": "Иванова"})
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Кузнецова", response.content.decode())
        self.pupil_a.refresh_from_db()
        self.assertEqual(self.pupil_a.last_name, "Кузнецова")

    def test_a_patch_may_not_blank_a_required_field(self):
        response = self.call(self.curator_a, "PATCH", f"{self.pupil_a.pk}", {"last_name": None})
        self.assertRefused(response, "last_name", "Обязательное поле.")

    def test_a_mentor_profile_names_forms_by_code_and_reads_back(self):
        path = f"{self.pupil_mentor_a.pk}/mentor-profile"
        response = self.call(self.curator_a, "PUT", path, {"source": "pupils", "forms": ["pupil_pupil"],
                                                          "max_mentees": 2})
        self.assertEqual(response.status_code, 200, response.content)
        profile = self.call(self.mentor_a, "GET", path).json()
        self.assertEqual((profile["forms"], profile["max_mentees"]), (["pupil_pupil"], 2))

    def test_an_unknown_form_and_a_fourth_mentee_are_refused(self):
        path = f"{self.pupil_mentor_a.pk}/mentor-profile"
        unknown = self.call(self.curator_a, "PUT", path, {"source": "pupils", "forms": ["pupil_pupil", "nonsense"]})
        self.assertRefused(unknown, "forms", "Неизвестные формы наставничества: nonsense.")
        four = self.call(self.curator_a, "PUT", path, {"source": "pupils", "max_mentees": 4})
        self.assertEqual(four.status_code, 422)
        self.assertEqual(four.json()["detail"][0]["field"], "max_mentees")

    def test_a_mentee_profile_names_the_variant_of_its_form(self):
        variant = RoleModelVariant.objects.filter(form=self.pupil_pupil).first()
        response = self.call(self.curator_a, "PUT", f"{self.pupil_a.pk}/mentee-profile",
                             {"desired_form": "pupil_pupil", "desired_variant": variant.name})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(MenteeProfile.objects.get(participant=self.pupil_a).desired_variant, variant)
        wrong = self.call(self.curator_a, "PUT", f"{self.pupil_a.pk}/mentee-profile",
                          {"desired_form": "pupil_pupil", "desired_variant": "нет такой"})
        self.assertRefused(wrong, "desired_variant", "У желаемой формы нет вариации «нет такой».")

    def test_a_request_is_added_to_a_mentee(self):
        response = self.call(self.curator_a, "POST", f"{self.pupil_a.pk}/requests",
                             {"text": "Подготовка к ОГЭ", "area": "study", "stated_by": "class_teacher"})
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(self.pupil_a.requests.get().stated_by, "class_teacher")


class ConsentTests(ParticipantApiTestCase):
    def setUp(self):
        self.teacher = make_participant(self.school_a, "Белова", consents=False, category="teacher",
                                        birth_date=datetime.date(1985, 1, 1))

    def test_a_consent_is_recorded_with_who_recorded_it(self):
        response = self.call(self.curator_a, "POST", f"{self.teacher.pk}/consents",
                             {"kind": "personal_data", "given_on": "2026-10-01"})
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(self.teacher.consents.get().recorded_by, self.curator_a)

    def test_a_representatives_consent_names_the_representative(self):
        response = self.call(self.curator_a, "POST", f"{self.teacher.pk}/consents",
                             {"kind": "representative", "given_on": "2026-10-01"})
        self.assertRefused(response, "representative_name", "Укажите ФИО законного представителя.")
        self.assertFalse(self.teacher.consents.exists())

    def test_withdrawing_the_personal_data_consent_through_the_api_anonymizes(self):
        consent = self.pupil_a.consents.get(kind="personal_data")
        response = self.call(self.curator_a, "POST", f"{self.pupil_a.pk}/consents/{consent.pk}/withdraw",
                             {"withdrawn_on": "2026-11-01"})
        self.assertEqual(response.status_code, 200, response.content)
        card = self.call(self.curator_a, "GET", f"{self.pupil_a.pk}").json()
        self.assertTrue(card["anonymized"])
        self.assertNotIn("Кузнецова", json.dumps(card, ensure_ascii=False))

    def test_a_withdrawal_in_the_future_is_refused(self):
        consent = self.pupil_a.consents.get(kind="personal_data")
        response = self.call(self.curator_a, "POST", f"{self.pupil_a.pk}/consents/{consent.pk}/withdraw",
                             {"withdrawn_on": "2099-01-01"})
        self.assertRefused(response, "withdrawn_on", "Дата отзыва не может быть в будущем.")
        consent.refresh_from_db()
        self.assertIsNone(consent.withdrawn_on)
