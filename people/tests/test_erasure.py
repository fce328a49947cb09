"""After the personal-data consent is withdrawn, the person's name is nowhere — in no text or JSON column of any
table and in no file of the media folder — but in registered orders, which are kept as signed on purpose."""

import datetime
import json
import zipfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse

from documents import actions as documents
from documents.models import Order, OrderKind
from matching import actions as matching
from matching import tasks as matching_tasks
from matching.models import MatchingRun
from pairs import actions as pairs
from people import actions
from people.models import Category, Consent
from programmes.models import MentorshipForm
from testing.fixtures import RegionTestCase, make_participant

NAME = ("Зюзюкина", "Эвелина", "Ромуальдовна")
START = datetime.date(2026, 12, 1)
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def rows_naming(parts) -> list[str]:
    """«model.field #pk» of every text or JSON value of the database that holds a part of the name."""
    found = []
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
        for row in model._default_manager.values("pk", *(f.attname for f in fields)).iterator():
            for field in fields:
                value = row[field.attname]
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                if any(part in (text or "") for part in parts):
                    found.append(f"{model._meta.label}.{field.name} #{row['pk']}")
    return found


def files_naming(parts) -> set[str]:
    """Files under MEDIA_ROOT (a DOCX read inside) that hold a part of the name."""
    found = set()
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                data = b"".join(archive.read(name) for name in archive.namelist())
        if any(part.encode() in data for part in parts):
            found.add(str(path.relative_to(settings.MEDIA_ROOT)))
    return found


class WithdrawalErasesTheNameTests(RegionTestCase):
    def test_after_withdrawal_the_name_is_only_in_registered_orders(self):
        last, first, middle = NAME
        pupil = make_participant(self.school_a, last, first_name=first, middle_name=middle, grade=6,
                                 interests="шахматы", consents=False)
        scan = SimpleUploadedFile("скан.pdf", b"%PDF-1.7\n%%EOF\n")
        personal = actions.record_consent(pupil, actor=self.curator_a, kind=Consent.Kind.PERSONAL_DATA,
                                          given_on=datetime.date(2026, 9, 1), scan=scan)
        actions.record_consent(pupil, actor=self.curator_a, kind=Consent.Kind.REPRESENTATIVE,
                               given_on=datetime.date(2026, 9, 1), representative_name=f"{last}а Анна Сергеевна")
        actions.add_request(pupil, actor=self.curator_a, text=f"помощь с шахматами для {first}")
        form = MentorshipForm.objects.get(code="pupil_pupil")
        run = matching.start_run(scope=self.school_a, form=form, start_date=START, actor=self.curator_a)
        matching_tasks.compute(run)
        self.assertIn(last, json.dumps(MatchingRun.objects.get(pk=run.pk).result, ensure_ascii=False))
        registered_pair = pairs.propose_pair(organization=self.school_a, form=form, mentor=self.pupil_mentor_a,
                                             mentees=[pupil], start_date=START,
                                             planned_end_date=datetime.date(2027, 5, 31), actor=self.curator_a)
        registered = documents.draft_order(organization=self.school_a, kind=OrderKind.PAIRS, actor=self.curator_a,
                                           items=[registered_pair])
        documents.register_order(registered, actor=self.curator_a, number="5-о", date=START)
        teacher = make_participant(self.school_a, "Учителева", category=Category.TEACHER, is_mentor=True,
                                   is_mentee=False, birth_date=datetime.date(1980, 1, 1))
        draft = documents.draft_order(organization=self.school_a, kind=OrderKind.REGISTRY, actor=self.curator_a,
                                      items=[teacher], text=f"Утвердить реестр. Ответственная — {last} {first}.")
        self.client.force_login(self.curator_a)
        self.client.get(reverse("documents:docx", args=[draft.pk]))
        self.assertTrue(rows_naming(NAME))

        scan_path = Path(personal.scan.path)
        self.assertTrue(scan_path.exists())
        self.assertNotIn("скан", scan_path.name)  # stored under a random name
        with self.captureOnCommitCallbacks(execute=True):
            actions.withdraw_consent(personal, actor=self.curator_a, withdrawn_on=datetime.date(2026, 12, 2))

        kept = {f"documents.Order.text #{registered.pk}"}
        self.assertEqual(set(rows_naming(NAME)) - kept, set())
        registered.refresh_from_db()
        self.assertEqual(files_naming(NAME) - {registered.file.name}, set())
        self.assertFalse(Consent.objects.filter(participant=pupil).exclude(scan="").exists())
        self.assertFalse(scan_path.exists())
        self.assertFalse(Order.objects.get(pk=draft.pk).file)
