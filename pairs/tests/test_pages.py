import datetime

from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from pairs import actions
from pairs.models import Pair, PairChange, PairMentee, PairStatus
from people import actions as people_actions
from programmes.models import MentorshipForm
from testing.fixtures import RegionTestCase, make_participant

LIST = reverse("pairs:list")
CREATE = reverse("pairs:create")


def make_pair(mentor, *mentees, form, status=PairStatus.PROPOSED) -> Pair:
    pair = Pair.objects.create(organization=mentor.organization, form=form, mentor=mentor, status=status,
                               start_date=datetime.date(2026, 10, 1), planned_end_date=datetime.date(2027, 5, 31))
    for mentee in mentees:
        PairMentee.objects.create(pair=pair, mentee=mentee)
    return pair


class PairListTests(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pair_a = make_pair(cls.pupil_mentor_a, cls.pupil_a, form=cls.pupil_pupil)
        mentor_b = make_participant(cls.school_b, "Васильев", is_mentor=True, is_mentee=False, grade=11)
        cls.pair_b = make_pair(mentor_b, cls.pupil_b, form=cls.pupil_pupil, status=PairStatus.ACTIVE)

    def page(self, query: str = "", user=None) -> str:
        self.login(user or self.curator_a)
        return self.client.get(LIST + query).content.decode()

    def test_the_list_shows_only_the_pairs_the_user_may_see(self):
        page = self.page()
        self.assertIn("Кузнецова", page)
        self.assertNotIn("Попов", page)

    def test_a_mentor_sees_their_own_pair_and_no_other(self):
        page = self.page(user=self.mentor_a)
        self.assertIn("Кузнецова", page)
        self.assertNotIn("Попов", page)

    def test_a_user_without_a_role_is_refused(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(LIST).status_code, 403)

    def test_search_finds_the_mentor_or_a_mentee_by_a_part_of_the_fio(self):
        self.assertIn("Кузнецова", self.page("?q=КУЗНЕЦ"))
        self.assertIn("Кузнецова", self.page("?q=смирнов"))
        self.assertNotIn("Кузнецова", self.page("?q=попов"))

    def test_filters_by_status_and_form(self):
        teachers = MentorshipForm.objects.get(code="teacher_teacher")
        self.assertIn("Кузнецова", self.page("?status=proposed"))
        self.assertNotIn("Кузнецова", self.page("?status=active"))
        self.assertIn("Кузнецова", self.page(f"?form={self.pupil_pupil.pk}"))
        self.assertNotIn("Кузнецова", self.page(f"?form={teachers.pk}"))

    def test_htmx_gets_only_the_results_with_the_export_link_of_the_filters(self):
        self.login(self.curator_a)
        response = self.client.get(LIST + "?q=кузнец", headers={"HX-Request": "true"})
        self.assertContains(response, 'id="pair-results"')
        self.assertNotContains(response, "<html")
        self.assertContains(response, reverse("documents:pairs_xlsx") + "?q=")

    def test_the_list_costs_the_same_queries_for_thirty_groups(self):
        for number in range(30):
            mentor = make_participant(self.school_a, f"Наставник{number}", is_mentor=True, is_mentee=False, grade=11)
            mentees = [make_participant(self.school_a, f"Ученик{number}-{i}", grade=5, consents=False)
                       for i in range(2)]
            make_pair(mentor, *mentees, form=self.pupil_pupil)
        self.login(self.curator_a)
        with self.assertNumQueries(10):
            response = self.client.get(LIST + f"?form={self.pupil_pupil.pk}&status=proposed")
        self.assertContains(response, "Ученик29-1")


class PairCardTests(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pair = make_pair(cls.pupil_mentor_a, cls.pupil_a, form=cls.pupil_pupil)

    def test_the_card_shows_the_mentor_the_mentees_the_form_and_the_term(self):
        self.login(self.mentee_a)
        response = self.client.get(reverse("pairs:detail", args=[self.pair.pk]))
        self.assertContains(response, "Смирнов Иван")
        self.assertContains(response, "Кузнецова Мария")
        self.assertContains(response, "ученик – ученик")
        self.assertContains(response, "01.10.2026 – 31.05.2027")

    def test_the_names_link_the_cards_the_user_may_open(self):
        mentor_card = reverse("people:detail", args=[self.pupil_mentor_a.pk])
        mentee_card = reverse("people:detail", args=[self.pupil_a.pk])
        self.login(self.curator_a)
        response = self.client.get(reverse("pairs:detail", args=[self.pair.pk]))
        self.assertContains(response, f'href="{mentor_card}"')
        self.assertContains(response, f'href="{mentee_card}"')
        self.login(self.mentee_a)
        response = self.client.get(reverse("pairs:detail", args=[self.pair.pk]))
        self.assertNotContains(response, f'href="{mentor_card}"')
        self.assertContains(response, f'href="{mentee_card}"')

    def test_a_curator_of_another_school_gets_404(self):
        self.login(self.curator_b)
        self.assertEqual(self.client.get(reverse("pairs:detail", args=[self.pair.pk])).status_code, 404)


class NewPairTests(RegionTestCase):
    def step(self, **values) -> dict:
        return {"organization": self.school_a.pk, "form": self.pupil_pupil.pk, "start_date": "2026-12-01",
                "planned_end_date": "2027-05-31", "kind": "traditional", **values}

    def open(self, **values):
        self.login(self.curator_a)
        return self.client.get(CREATE, self.step(**values))

    def test_the_page_lists_the_eligible_mentors_with_their_free_places(self):
        response = self.open()
        self.assertContains(response, "Смирнов Иван")
        self.assertContains(response, "свободно мест: 3 из 3")
        self.assertNotContains(response, "Попов")

    def test_a_full_mentor_is_shown_disabled_with_the_reason(self):
        pupils = [make_participant(self.school_a, f"Ученик{i}", grade=5) for i in range(3)]
        make_pair(self.pupil_mentor_a, *pupils, form=self.pupil_pupil)
        self.assertContains(self.open(), "уже 3 наставляемых из 3 возможных")

    def test_after_the_mentor_the_mentees_come_with_the_reasons_of_the_unfit_ones(self):
        make_participant(self.school_a, "Одноклассник", grade=10)
        make_participant(self.school_a, "Безсогласия", grade=5, consents=False)
        response = self.open(mentor=str(self.pupil_mentor_a.pk))
        allowed, unfit = response.context["mentees"].allowed, response.context["mentees"].unfit
        self.assertEqual([c.participant for c in allowed], [self.pupil_a])
        reasons = {c.participant.last_name: c.reason for c in unfit}
        self.assertIn("более старшем классе", reasons["Одноклассник"])
        self.assertIn("согласий", reasons["Безсогласия"])
        self.assertContains(response, f'value="{unfit[0].participant.pk}" disabled')

    def test_a_mentee_already_in_a_pair_of_the_form_is_unfit(self):
        other = make_participant(self.school_a, "Другой", is_mentor=True, is_mentee=False, grade=11)
        make_pair(other, self.pupil_a, form=self.pupil_pupil)
        response = self.open(mentor=str(self.pupil_mentor_a.pk))
        self.assertEqual(response.context["mentees"].unfit[0].reason, "уже в паре этой формы")

    def test_the_curator_proposes_a_pair_through_the_action(self):
        self.login(self.curator_a)
        response = self.client.post(CREATE, self.step(mentor=self.pupil_mentor_a.pk, mentees=[self.pupil_a.pk]))
        pair = Pair.objects.get()
        self.assertRedirects(response, reverse("pairs:detail", args=[pair.pk]))
        self.assertEqual((pair.status, pair.created_by), (PairStatus.PROPOSED, self.curator_a))
        self.assertTrue(AuditEntry.objects.filter(object_type="pair", object_id=pair.pk).exists())

    def test_a_crafted_ineligible_pair_is_refused_with_the_reason(self):
        same_grade = make_participant(self.school_a, "Одноклассник", grade=10)
        self.login(self.curator_a)
        response = self.client.post(CREATE, self.step(mentor=self.pupil_mentor_a.pk, mentees=[same_grade.pk]))
        self.assertContains(response, "более старшем классе")
        self.assertFalse(Pair.objects.exists())

    def test_a_pupil_of_another_school_cannot_be_chosen(self):
        self.login(self.curator_a)
        response = self.client.post(CREATE, self.step(mentor=self.pupil_mentor_a.pk, mentees=[self.pupil_b.pk]))
        self.assertContains(response, "нет среди допустимых значений")
        self.assertFalse(Pair.objects.exists())

    def test_the_form_names_the_latest_end_of_the_term(self):
        self.login(self.curator_a)
        response = self.client.get(CREATE, self.step(mentor=str(self.pupil_mentor_a.pk)))
        self.assertContains(response, "Пусто — по 31.05.2027 (конец учебного года 2026/2027).")

    def test_the_end_must_follow_the_start(self):
        response = self.open(planned_end_date="2026-11-01")
        self.assertContains(response, "Окончание должно быть позже начала.")
        self.assertIsNone(response.context.get("mentors"))

    def test_a_psychologist_may_not_form_pairs(self):
        self.login(self.psychologist_a)
        self.assertEqual(self.client.get(CREATE).status_code, 403)

    def test_the_candidates_cost_the_same_queries_for_twenty_mentors_and_forty_mentees(self):
        for number in range(20):
            mentor = make_participant(self.school_a, f"Наставник{number}", is_mentor=True, is_mentee=False, grade=11)
            people_actions.save_mentor_profile(mentor, actor=None, source="pupils", forms=[self.pupil_pupil])
            make_participant(self.school_a, f"Ученик{number}", grade=5)
            make_participant(self.school_a, f"Ученица{number}", grade=11)
        self.login(self.curator_a)
        with self.assertNumQueries(30):  # one of them: the end of the organization's programme of the year
            response = self.client.get(CREATE, self.step(mentor=str(self.pupil_mentor_a.pk)))
        self.assertEqual(len(response.context["mentors"].allowed), 21)
        self.assertEqual(len(response.context["mentees"].allowed), 21)


class PairTransitionTests(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pair = make_pair(cls.pupil_mentor_a, cls.pupil_a, form=cls.pupil_pupil, status=PairStatus.APPROVED)

    def post(self, name: str, data=None, user=None):
        self.login(user or self.curator_a)
        return self.client.post(reverse(f"pairs:{name}", args=[self.pair.pk]), data or {})

    def test_the_card_offers_the_curator_the_transitions_of_the_state(self):
        self.login(self.curator_a)
        response = self.client.get(reverse("pairs:detail", args=[self.pair.pk]))
        self.assertContains(response, "Начать работу пары")
        self.assertContains(response, "Прекратить досрочно")
        self.assertNotContains(response, "Завершить наставничество")

    def test_a_mentee_is_offered_no_transition(self):
        self.login(self.mentee_a)
        self.assertNotContains(self.client.get(reverse("pairs:detail", args=[self.pair.pk])), "Начать работу")

    def test_the_curator_starts_then_completes_the_pair(self):
        self.assertRedirects(self.post("start"), reverse("pairs:detail", args=[self.pair.pk]))
        self.post("complete", {"on": "2027-05-20"})
        self.pair.refresh_from_db()
        self.assertEqual((self.pair.status, self.pair.ended_on), (PairStatus.COMPLETED, datetime.date(2027, 5, 20)))
        self.assertEqual(AuditEntry.objects.filter(object_type="pair", action="transition").count(), 2)

    def test_a_transition_the_state_does_not_allow_is_refused_by_the_action(self):
        response = self.post("complete", {"on": "2027-05-20"})
        self.assertContains(response, "действие недоступно")
        self.pair.refresh_from_db()
        self.assertEqual(self.pair.status, PairStatus.APPROVED)

    def test_early_termination_needs_a_reason(self):
        self.assertContains(self.post("terminate", {"on": "2027-01-15", "reason": ""}), "Обязательное поле")
        self.post("terminate", {"on": "2027-01-15", "reason": "Наставляемый не выполняет обязанности."})
        self.pair.refresh_from_db()
        self.assertEqual(self.pair.status, PairStatus.TERMINATED)

    def test_the_dated_forms_default_to_a_day_their_actions_accept(self):
        ahead = timezone.localdate() + datetime.timedelta(days=10)
        Pair.objects.filter(pk=self.pair.pk).update(start_date=ahead)
        self.login(self.curator_a)
        complete = self.client.get(reverse("pairs:complete", args=[self.pair.pk]))
        self.assertEqual(complete.context["form"].initial["on"], ahead)
        replace = self.client.get(reverse("pairs:replace_mentor", args=[self.pair.pk]))
        self.assertEqual(replace.context["form"].initial["on"], ahead + datetime.timedelta(days=1))
        self.assertContains(self.post("start"), "не раньше даты начала")

    def test_a_psychologist_may_see_but_not_change_the_pair(self):
        self.assertEqual(self.post("start", user=self.psychologist_a).status_code, 403)

    def test_another_schools_curator_does_not_find_the_pair(self):
        self.assertEqual(self.post("start", user=self.curator_b).status_code, 404)


class PairChangeTests(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pair = make_pair(cls.pupil_mentor_a, cls.pupil_a, form=cls.pupil_pupil, status=PairStatus.ACTIVE)
        cls.successor = make_participant(cls.school_a, "Егоров", is_mentor=True, is_mentee=False, grade=11)
        cls.junior = make_participant(cls.school_a, "Младшеклассников", is_mentor=True, is_mentee=False, grade=5)

    def setUp(self):
        self.login(self.curator_a)

    def replacement(self, mentor, **values) -> dict:
        return {"reason": "transfer", "on": "2026-12-01", "new_mentor": mentor.pk, **values}

    def test_the_curator_requests_an_extension_that_waits_for_the_order(self):
        response = self.client.post(reverse("pairs:extend", args=[self.pair.pk]),
                                    {"reason": "illness", "new_end_date": "2027-06-30"})
        self.assertRedirects(response, reverse("pairs:detail", args=[self.pair.pk]))
        card = self.client.get(reverse("pairs:detail", args=[self.pair.pk]))
        self.assertContains(card, "окончание 30.06.2027")
        self.assertContains(card, "ожидает приказа")

    def test_an_extension_for_a_reason_outside_the_seed_is_refused(self):
        response = self.client.post(reverse("pairs:extend", args=[self.pair.pk]),
                                    {"reason": "transfer", "new_end_date": "2027-06-30"})
        self.assertContains(response, "Выберите корректный вариант")
        self.assertFalse(PairChange.objects.exists())

    def test_the_replacement_page_offers_eligible_mentors_and_shows_why_others_do_not_fit(self):
        response = self.client.get(reverse("pairs:replace_mentor", args=[self.pair.pk]))
        mentors = response.context["mentors"]
        self.assertEqual([c.participant for c in mentors.allowed], [self.successor])
        self.assertIn("более старшем классе", mentors.unfit[0].reason)
        self.assertNotIn(self.pupil_mentor_a, [c.participant for c in mentors])

    def test_the_curator_requests_a_replacement_and_the_order_applies_it_into_the_history(self):
        self.client.post(reverse("pairs:replace_mentor", args=[self.pair.pk]), self.replacement(self.successor))
        change = PairChange.objects.get()
        actions.apply_changes([change], actor=self.curator_a, order_number="12-н", order_date=datetime.date(2026, 11, 30))
        card = self.client.get(reverse("pairs:detail", args=[self.pair.pk]))
        self.assertContains(card, "по 30.11.2026")
        self.assertContains(card, "Егоров Иван")
        self.assertContains(card, "приказ № 12-н от 30.11.2026")

    def test_a_crafted_unfit_new_mentor_is_refused_with_the_rule(self):
        response = self.client.post(reverse("pairs:replace_mentor", args=[self.pair.pk]),
                                    self.replacement(self.junior))
        self.assertContains(response, "более старшем классе")
        self.assertFalse(PairChange.objects.exists())

    def test_a_pending_change_can_be_cancelled(self):
        change = actions.request_extension(self.pair, actor=self.curator_a, reason="illness",
                                           new_end_date=datetime.date(2027, 6, 30))
        self.client.post(reverse("pairs:change_cancel", args=[change.pk]))
        change.refresh_from_db()
        self.assertEqual(change.status, PairChange.Status.CANCELLED)


class PlanPageTests(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pair = actions.propose_pair(organization=cls.school_a, form=cls.pupil_pupil, mentor=cls.pupil_mentor_a,
                                        mentees=[cls.pupil_a], start_date=datetime.date(2026, 12, 1),
                                        planned_end_date=datetime.date(2027, 5, 31), actor=cls.curator_a)

    def url(self, name: str) -> str:
        return reverse(f"pairs:{name}", args=[self.pair.pk])

    def plan(self):
        return actions.create_plan(self.pair, actor=self.mentor_a)

    def test_the_mentor_drafts_the_plan_from_the_forms_template(self):
        self.login(self.mentor_a)
        self.assertContains(self.client.get(self.url("plan")), "Составить план по шаблону формы")
        self.assertRedirects(self.client.post(self.url("plan_create")), self.url("plan"))
        page = self.client.get(self.url("plan"))
        self.assertContains(page, "Определение целей развития и ожидаемых результатов")
        self.assertContains(page, "Добавить пункт")

    def test_an_overdue_item_is_highlighted(self):
        plan = self.plan()
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        item = actions.add_item(plan, actor=self.mentor_a, section="Цели развития", title="Подготовить доклад",
                                deadline=yesterday, responsible="наставляемый")
        self.login(self.curator_a)
        self.assertContains(self.client.get(self.url("plan")), f'<tr id="item-{item.pk}" class="overdue">')

    def test_the_mentor_adds_an_item_and_marks_it_done_through_htmx(self):
        plan = self.plan()
        self.login(self.mentor_a)
        self.client.post(reverse("pairs:plan_item_add", args=[self.pair.pk]), {
            "section": "Цели развития", "title": "Олимпиада по математике", "deadline": "2027-02-01",
            "responsible": "наставляемый"})
        item = plan.items.get(title="Олимпиада по математике")
        response = self.client.post(reverse("pairs:plan_item_done", args=[item.pk]),
                                    {f"item-{item.pk}-on": "2027-02-01", f"item-{item.pk}-result": "Призёр"},
                                    headers={"HX-Request": "true"})
        self.assertContains(response, "выполнено 01.02.2027")
        self.assertNotContains(response, "<html")
        item.refresh_from_db()
        self.assertEqual((item.done, item.result), (True, "Призёр"))

    def test_the_mentee_acknowledges_and_the_curator_approves(self):
        self.plan()
        self.login(self.mentee_a)
        self.assertContains(self.client.get(self.url("plan")), "С планом ознакомлен(а)")
        self.client.post(self.url("plan_acknowledge"))
        self.login(self.curator_a)
        self.assertContains(self.client.get(self.url("plan")), "Утвердить план")
        self.client.post(self.url("plan_approve"))
        page = self.client.get(self.url("plan"))
        self.assertContains(page, "утверждён")
        self.assertNotContains(page, "Добавить пункт")

    def test_a_parent_sees_the_plan_but_may_not_acknowledge_it(self):
        self.plan()
        self.login(self.parent_a)
        page = self.client.get(self.url("plan"))
        self.assertContains(page, "Определение целей развития")
        self.assertNotContains(page, "ознакомлен(а)")
        self.assertEqual(self.client.post(self.url("plan_acknowledge")).status_code, 403)

    def test_a_psychologist_may_not_approve(self):
        plan = self.plan()
        actions.acknowledge_plan(plan, actor=self.mentee_a, on=datetime.date(2026, 12, 2))
        self.login(self.psychologist_a)
        self.assertNotContains(self.client.get(self.url("plan")), "Утвердить план")
        self.assertEqual(self.client.post(self.url("plan_approve")).status_code, 403)

    def test_an_approved_plan_refuses_new_items_with_the_reason(self):
        plan = self.plan()
        actions.acknowledge_plan(plan, actor=self.mentee_a, on=datetime.date(2026, 12, 2))
        actions.approve_plan(plan, actor=self.head_a, on=datetime.date(2026, 12, 3))
        self.login(self.mentor_a)
        response = self.client.post(reverse("pairs:plan_item_add", args=[self.pair.pk]), {
            "section": "Цели развития", "title": "Ещё пункт", "deadline": "2027-02-01", "responsible": "наставник"})
        self.assertContains(response, "пункты добавляются только в черновик")
