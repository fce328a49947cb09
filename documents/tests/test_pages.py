"""The document pages: drafting an order among eligible pairs, registering it, downloading it; templates,
consent forms; the list with a constant number of queries."""

import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents import defaults
from documents.models import DocumentTemplate, Order, OrderKind
from documents.tests.base import DocumentsTestCase
from pairs.models import PairStatus


class OrderPageTests(DocumentsTestCase):
    def setUp(self):
        self.login(self.curator_a)

    def test_the_new_order_offers_only_the_proposed_pairs_of_the_organization(self):
        proposed = self.propose(self.pupil("Орлова"))
        self.approved(self.pupil_a, mentor=self.mentor("Лебедев"))
        self.propose(self.pupil_b, mentor=self.mentor("Васильев", self.school_b), school=self.school_b)
        response = self.client.get(reverse("documents:create"),
                                   {"organization": self.school_a.pk, "kind": OrderKind.PAIRS})
        self.assertContains(response, f'value="{proposed.pk}"')
        self.assertContains(response, "Орлова Иван")
        self.assertNotContains(response, "Лебедев")
        self.assertNotContains(response, "Васильев")

    def test_a_curator_drafts_registers_and_downloads_the_order_on_pairs(self):
        pair = self.propose(self.pupil_a)
        url = reverse("documents:create") + f"?organization={self.school_a.pk}&kind=pairs"
        response = self.client.post(url, {"items": [pair.pk], "signer": self.head_a.pk, "signer_position": "Директор"})
        order = Order.objects.get()
        self.assertRedirects(response, reverse("documents:detail", args=[order.pk]))
        self.assertContains(self.client.get(response.url), "Кузнецова Мария")

        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("documents:register", args=[order.pk]),
                                        {"number": "15", "date": "2026-11-20"})
        self.assertRedirects(response, reverse("documents:detail", args=[order.pk]))
        pair.refresh_from_db()
        self.assertEqual(pair.status, PairStatus.APPROVED)

        response = self.client.get(reverse("documents:docx", args=[order.pk]))
        self.assertEqual(response["Content-Type"], defaults.CONTENT_TYPE)
        self.assertIn("attachment", response["Content-Disposition"])
        document = docx.Document(io.BytesIO(response.content))
        self.assertEqual([c.text for c in document.tables[0].rows[1].cells][1:3], ["Смирнов Иван", "Кузнецова Мария"])
        self.assertIn("№ 15", "\n".join(p.text for p in document.paragraphs))

    def test_above_the_organization_an_order_shows_how_many_it_names_and_not_whom(self):
        order = self.draft(OrderKind.PAIRS, self.propose(self.pupil_a))
        for user in (self.municipal_a, self.operator):
            self.login(user)
            page = self.client.get(reverse("documents:detail", args=[order.pk]))
            self.assertContains(page, "Приказ называет: 1")
            self.assertNotContains(page, "Кузнецова")
            self.assertEqual(self.client.get(reverse("documents:docx", args=[order.pk])).status_code, 404)
        self.login(self.curator_a)
        self.assertContains(self.client.get(reverse("documents:detail", args=[order.pk])), "Кузнецова")

    def test_an_empty_order_on_pairs_is_refused_on_the_form(self):
        url = reverse("documents:create") + f"?organization={self.school_a.pk}&kind=pairs"
        response = self.client.post(url, {"signer_position": "Директор"})
        self.assertContains(response, "Отметьте хотя бы одну предложенную пару")
        self.assertFalse(Order.objects.exists())

    def test_a_duplicate_number_is_refused_on_the_registration_form(self):
        self.register(self.draft(OrderKind.REGULATION), number="8")
        second = self.draft(OrderKind.REGULATION)
        response = self.client.post(reverse("documents:register", args=[second.pk]),
                                    {"number": "8", "date": "2026-11-20"})
        self.assertContains(response, "Приказ № 8 уже зарегистрирован в 2026 году.")

    def test_a_registered_order_is_neither_registered_again_nor_edited(self):
        order = self.register(self.draft(OrderKind.REGULATION))
        page = self.client.get(reverse("documents:detail", args=[order.pk]))
        self.assertNotContains(page, "Зарегистрировать")
        self.assertNotContains(page, "Изменить проект")
        response = self.client.post(reverse("documents:register", args=[order.pk]), {"number": "99", "date": "2026-11-20"})
        self.assertContains(response, "уже зарегистрирован; изменить его нельзя")
        response = self.client.post(reverse("documents:update", args=[order.pk]), {"text": "Другой"})
        self.assertRedirects(response, reverse("documents:detail", args=[order.pk]))
        order.refresh_from_db()
        self.assertEqual(order.number, "12-о")

    def test_editing_a_project_changes_what_it_names(self):
        first, second = self.propose(self.pupil_a), self.propose(self.pupil("Орлова"))
        order = self.draft(OrderKind.PAIRS, first)
        response = self.client.post(reverse("documents:update", args=[order.pk]),
                                    {"items": [second.pk], "text": "", "signer_position": "Директор"})
        self.assertRedirects(response, reverse("documents:detail", args=[order.pk]))
        self.assertEqual(list(order.pairs.all()), [second])

    def test_the_list_shows_the_organizations_orders_in_a_constant_number_of_queries(self):
        self.draft(OrderKind.REGULATION)
        with self.assertNumQueries(8):
            first = self.client.get(reverse("documents:list"))
        for _ in range(5):
            self.register(self.draft(OrderKind.REGULATION), number=str(_))
        with self.assertNumQueries(8):
            self.client.get(reverse("documents:list"))
        self.assertContains(first, "Об утверждении положения о наставничестве")


class TemplatePageTests(DocumentsTestCase):
    def setUp(self):
        self.login(self.curator_a)

    def upload(self, content: bytes, name: str = "мой.docx"):
        return self.client.post(reverse("documents:template_upload"), {
            "organization": self.school_a.pk, "kind": OrderKind.PAIRS, "file": SimpleUploadedFile(name, content)},
            follow=True)

    def test_a_curator_uploads_a_template_and_the_page_shows_it_in_force(self):
        response = self.upload(defaults.default_template(OrderKind.PAIRS))
        self.assertContains(response, "Шаблон загружен")
        self.assertContains(response, "Вернуть шаблон по умолчанию")
        self.assertEqual(DocumentTemplate.objects.get().kind, OrderKind.PAIRS)

    def test_a_broken_template_is_refused_with_a_message(self):
        response = self.upload(b"plain text", name="broken.docx")
        self.assertContains(response, "не похож на документ DOCX")
        self.assertFalse(DocumentTemplate.objects.exists())

    def test_the_template_in_force_downloads_for_editing(self):
        response = self.client.get(reverse("documents:template_file", args=[self.school_a.pk, OrderKind.PAIRS]))
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
        self.assertIn("{%p for paragraph in paragraphs %}", text)
        self.assertIn("attachment", response["Content-Disposition"])


class ConsentPageTests(DocumentsTestCase):
    def test_the_search_finds_only_participants_of_the_users_organizations(self):
        self.login(self.curator_a)
        response = self.client.get(reverse("documents:consents"), {"q": "кузнецова"})
        self.assertContains(response, reverse("documents:consent_docx", args=[self.pupil_a.pk,
                                                                             "consent_representative"]))
        self.assertNotContains(self.client.get(reverse("documents:consents"), {"q": "попов"}), "Попов")

    def test_the_consent_form_downloads_filled_in(self):
        self.login(self.curator_a)
        response = self.client.get(reverse("documents:consent_docx", args=[self.pupil_a.pk, "consent_participant"]))
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
        self.assertIn("Я, Кузнецова Мария", text)
