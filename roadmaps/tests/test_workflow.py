"""A roadmap from a template, its approval by the level directly above, and items the product completes."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEntry
from documents import actions as document_actions
from documents.models import OrderKind
from roadmaps import actions
from roadmaps.catalogue import TEMPLATES
from roadmaps.models import Item, Roadmap, Version
from testing.fixtures import RegionTestCase

START, END = datetime.date(2026, 9, 1), datetime.date(2027, 5, 31)
REGULATION = f"order:{OrderKind.REGULATION}"  # the item is done when the regulation's order is registered


class RoadmapCase(RegionTestCase):
    def roadmap(self, organization=None, actor=None) -> Roadmap:
        roadmap = actions.copy_template(organization=organization or self.school_a, code="school_teachers",
                                        actor=actor or self.curator_a, starts_on=START, ends_on=END)
        roadmap.items.filter(attention=True).update(attention=False, due_on=END, due=[END.isoformat()])
        return roadmap


class TemplateTests(RoadmapCase):
    def test_every_seed_roadmap_is_a_template_for_its_level(self):
        self.assertEqual({code: t.level for code, t in TEMPLATES.items()}, {
            "school_2020": "school", "municipal_2020_2024": "municipality", "regional_seven_stages": "region",
            "school_teachers": "school", "regional_teachers": "region"})
        self.assertEqual(sum(not row.section for row in TEMPLATES["regional_seven_stages"].rows), 53)
        self.assertEqual(sum(row.section for row in TEMPLATES["regional_seven_stages"].rows), 7)

    def test_a_copied_template_is_the_organizations_own_with_its_terms_read(self):
        roadmap = actions.copy_template(organization=self.municipality_a, code="municipal_2020_2024",
                                        actor=self.municipal_a)
        self.assertEqual((roadmap.starts_on, roadmap.ends_on), (datetime.date(2020, 8, 1), datetime.date(2024, 12, 31)))
        control = roadmap.items.get(number="6.1.")
        self.assertTrue(control.control_point)
        self.assertEqual(control.due, [f"{year}-12-31" for year in range(2020, 2025)])
        self.assertEqual(set(roadmap.items.filter(attention=True).values_list("term", flat=True)),
                         {"Согласно графику ОО", "В соответствии со сроками реализации программ наставничества"})
        self.assertTrue(AuditEntry.objects.filter(object_type="roadmap", object_id=roadmap.pk).exists())

    def test_only_the_staff_of_the_organization_itself_writes_its_roadmap(self):
        for user in (self.operator, self.municipal_a, self.psychologist_a, self.mentor_a, self.curator_b):
            with self.subTest(user.username), self.assertRaises(PermissionDenied):
                actions.copy_template(organization=self.school_a, code="school_teachers", actor=user)
        self.assertFalse(Roadmap.objects.exists())

    def test_an_edited_term_is_read_again_and_an_unread_one_takes_a_date_by_hand(self):
        roadmap = self.roadmap()
        item = roadmap.items.first()
        actions.update_item(item, actor=self.curator_a, term="до 15.10.2026")
        item.refresh_from_db()
        self.assertEqual((item.kind, item.due_on), ("date", datetime.date(2026, 10, 15)))
        actions.update_item(item, actor=self.curator_a, term="согласно графику")
        item.refresh_from_db()
        self.assertTrue(item.attention)
        actions.update_item(item, actor=self.curator_a, due_on=datetime.date(2026, 11, 1))
        item.refresh_from_db()
        self.assertEqual((item.attention, item.due, item.due_set_by_hand), (False, ["2026-11-01"], True))
        with self.assertRaises(ValidationError):
            actions.update_item(item, actor=self.curator_a, due_on=datetime.date(2028, 1, 1))


    def test_an_item_removed_from_a_draft_stays_in_the_versions_sent(self):
        roadmap = self.roadmap()
        item = roadmap.items.first()
        actions.send(roadmap, actor=self.curator_a)
        with self.assertRaises(ValidationError):
            actions.remove_item(item, actor=self.curator_a)
        actions.return_for_changes(roadmap, actor=self.municipal_a, comments={item.pk: "лишнее"})
        with self.assertRaises(PermissionDenied):
            actions.remove_item(item, actor=self.municipal_a)
        actions.remove_item(item, actor=self.curator_a)
        self.assertFalse(Item.objects.filter(pk=item.pk).exists())
        self.assertEqual(Version.objects.get().content["items"][0]["id"], item.pk)


class ApprovalTests(RoadmapCase):
    def test_each_step_of_the_approval_is_refused_to_the_wrong_role(self):
        roadmap = self.roadmap()
        for user in (self.municipal_a, self.operator, self.psychologist_a, self.mentor_a, self.curator_b):
            with self.subTest(step="send", user=user.username), self.assertRaises(PermissionDenied):
                actions.send(roadmap, actor=user)
        actions.send(roadmap, actor=self.curator_a)
        # The level directly above decides: not the region over it, not the other municipality, not the school.
        for user in (self.municipal_b, self.operator, self.curator_a, self.head_a):
            for step in (actions.approve, lambda r, actor: actions.return_for_changes(r, actor=actor, comments={},
                                                                                     comment="нет")):
                with self.subTest(step="decide", user=user.username), self.assertRaises(PermissionDenied):
                    step(roadmap, actor=user)
        actions.approve(roadmap, actor=self.municipal_a)
        for user in (self.municipal_a, self.curator_b):
            with self.subTest(step="reopen", user=user.username), self.assertRaises(PermissionDenied):
                actions.reopen(roadmap, actor=user)
        roadmap.refresh_from_db()
        self.assertEqual(roadmap.status, Roadmap.Status.APPROVED)

    def test_a_sent_roadmap_is_frozen_and_decided_once(self):
        roadmap = self.roadmap()
        actions.send(roadmap, actor=self.curator_a)
        with self.assertRaisesMessage(ValidationError, "на согласовании"):
            actions.update_item(roadmap.items.first(), actor=self.curator_a, activity="другое")
        with self.assertRaises(ValidationError):
            actions.send(roadmap, actor=self.curator_a)
        actions.approve(roadmap, actor=self.municipal_a)
        with self.assertRaisesMessage(ValidationError, "не на согласовании"):
            actions.approve(roadmap, actor=self.municipal_a)

    def test_every_version_is_kept_with_the_comments_it_was_returned_with(self):
        roadmap = self.roadmap()
        first_item = roadmap.items.first()
        actions.send(roadmap, actor=self.curator_a)
        actions.return_for_changes(roadmap, actor=self.municipal_a, comments={first_item.pk: "Уточните срок"},
                                   comment="Доработать")
        actions.update_item(first_item, actor=self.curator_a, term="до 01.10.2026")
        actions.send(roadmap, actor=self.head_a)
        actions.approve(roadmap, actor=self.municipal_a)
        first, second = Version.objects.filter(roadmap=roadmap)
        self.assertEqual([(v.number, v.decision) for v in (first, second)],
                         [(1, Version.Decision.RETURNED), (2, Version.Decision.APPROVED)])
        self.assertEqual(list(first.comments.values_list("item_id", "text")), [(first_item.pk, "Уточните срок")])
        self.assertNotEqual(first.content["items"][0]["term"], "до 01.10.2026")
        self.assertEqual(second.content["items"][0]["term"], "до 01.10.2026")

    def test_a_return_says_what_to_fix(self):
        roadmap = self.roadmap()
        actions.send(roadmap, actor=self.curator_a)
        with self.assertRaisesMessage(ValidationError, "Напишите, что исправить"):
            actions.return_for_changes(roadmap, actor=self.municipal_a, comments={})
        with self.assertRaises(ValidationError):
            actions.return_for_changes(roadmap, actor=self.municipal_a, comments={10**9: "чужое"})

    def test_a_roadmap_with_dates_missing_is_not_sent(self):
        roadmap = actions.copy_template(organization=self.school_a, code="school_2020", actor=self.curator_a)
        with self.assertRaisesMessage(ValidationError, "нужна дата"):
            actions.send(roadmap, actor=self.curator_a)

    def test_a_region_has_nobody_above_to_approve(self):
        roadmap = actions.copy_template(organization=self.region, code="regional_teachers", actor=self.operator)
        with self.assertRaisesMessage(ValidationError, "Выше этой организации"):
            actions.send(roadmap, actor=self.operator)


class CompletedByRecordsTests(RoadmapCase):
    def test_an_item_awaiting_an_order_is_done_when_the_order_is_registered(self):
        roadmap = self.roadmap()
        item = roadmap.items.first()
        actions.set_progress(item, actor=self.curator_a, status=Item.Status.PLANNED, confirmed_by=REGULATION)
        order = document_actions.draft_order(organization=self.school_a, kind=OrderKind.REGULATION,
                                             actor=self.curator_a)
        document_actions.register_order(order, actor=self.curator_a, number="12", date=datetime.date(2026, 9, 15))
        item.refresh_from_db()
        self.assertEqual((item.status, item.done_on, item.order), (Item.Status.DONE, datetime.date(2026, 9, 15), order))

    def test_an_order_registered_before_is_found_when_the_item_is_linked(self):
        order = document_actions.draft_order(organization=self.school_a, kind=OrderKind.REGULATION,
                                             actor=self.curator_a)
        document_actions.register_order(order, actor=self.curator_a, number="3", date=datetime.date(2026, 9, 2))
        item = self.roadmap().items.first()
        actions.set_progress(item, actor=self.curator_a, status=Item.Status.PLANNED, confirmed_by=REGULATION)
        item.refresh_from_db()
        self.assertEqual((item.status, item.order), (Item.Status.DONE, order))

    def test_an_order_of_another_school_completes_nothing(self):
        item = self.roadmap().items.first()
        actions.set_progress(item, actor=self.curator_a, status=Item.Status.PLANNED, confirmed_by=REGULATION)
        order = document_actions.draft_order(organization=self.school_b, kind=OrderKind.REGULATION,
                                             actor=self.curator_b)
        document_actions.register_order(order, actor=self.curator_b, number="1", date=datetime.date(2026, 9, 15))
        item.refresh_from_db()
        self.assertEqual(item.status, Item.Status.PLANNED)

    def test_the_seed_items_naming_a_questionnaire_or_the_report_wait_for_it(self):
        roadmap = actions.copy_template(organization=self.region, code="regional_seven_stages", actor=self.operator)
        waiting = {item.number: item.confirmed_by for item in roadmap.items.select_related("questionnaire")
                   if item.confirmed_by}
        self.assertEqual(waiting["5.2."], "survey:pair_preference")
        self.assertEqual(waiting["7.1."], "survey:mentee_dynamics:final")
        self.assertEqual(waiting["7.2."], "report")
        self.assertEqual(waiting["5.1."], "meeting:group")
        self.assertEqual(len(waiting), 10)
