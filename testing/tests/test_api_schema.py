"""schemathesis over the whole /api/v1 schema as each role and anonymously: generated requests to every
operation, each answered without a server error and as the schema says (status, content type, body).

The requests go to the WSGI application in this thread, inside the test's transaction; each example is
rolled back, so every example starts from the same region. Path parameters are generated or, as often,
taken from what exists (the region's organizations and participants, a pair with its plan, an order, a run),
so that the generated bodies reach the actions and not only the 404s."""

import datetime
import zlib
from unittest import mock

import schemathesis
from django.core.exceptions import PermissionDenied
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import SimpleTestCase
from django.utils import timezone
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from ninja.openapi.schema import OpenAPISchema
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.models import ApiToken, User
from documents import actions as document_actions
from documents.models import OrderKind
from matching import actions as matching_actions
from matching import tasks as matching_tasks
from meetings import actions as meeting_actions
from nastavnik.api import api
from pairs import actions as pair_actions
from people import actions as people_actions
from roadmaps import actions as roadmap_actions
from testing.fixtures import RegionTestCase

ROLES = ("operator", "municipal_a", "municipal_b", "head_a", "curator_a", "curator_b", "psychologist_a",
         "mentor_a", "mentee_a", "parent_a", "stranger")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Examples per operation and caller, few enough for the whole schema to take a few minutes; each operation
# and caller has a seed of its own, so the callers get different requests and every run the same ones.
EXAMPLES = 2
ANONYMOUS_EXAMPLES = 1  # every answer is the same 401
START, END = datetime.date(2026, 12, 1), datetime.date(2027, 5, 31)
APPLICATION = get_wsgi_application()
CONFIG = schemathesis.Config.from_dict({"generation": {"with-security-parameters": False}})


def explore(operation, strategy, caller: str, headers: dict, examples: int) -> None:
    @seed(zlib.crc32(f"{operation.label} {caller}".encode()))
    @settings(max_examples=examples, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def call(case):
        with transaction.atomic():
            case.call_and_validate(app=APPLICATION, headers=headers, checks=CHECKS)
            transaction.set_rollback(True)

    call()


class ApiSchemaTests(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        people_actions.save_mentor_profile(cls.pupil_mentor_a, actor=None, source="pupils", competences="шахматы",
                                           hours_per_month=4)
        pair = pair_actions.propose_pair(organization=cls.school_a, form=cls.pupil_pupil, mentor=cls.pupil_mentor_a,
                                         mentees=[cls.pupil_a], start_date=START, planned_end_date=END,
                                         actor=cls.curator_a)
        pair_actions.approve_pairs([pair], actor=cls.head_a, order_number="15-н", order_date=START)
        pair_actions.start_pair(pair, actor=cls.curator_a)
        plan = pair_actions.create_plan(pair, actor=cls.curator_a)
        item = pair_actions.add_item(plan, actor=cls.curator_a, section="Учёба", title="Олимпиада", deadline=END,
                                     responsible="")
        pair_actions.request_extension(pair, actor=cls.curator_a, reason="illness", new_end_date=datetime.date(
            2027, 8, 31))
        order = document_actions.draft_order(organization=cls.school_a, kind=OrderKind.REGULATION,
                                             actor=cls.curator_a)
        meeting = meeting_actions.plan_meeting(actor=cls.curator_a, pairs=[pair], kind="introduction", topic="Знакомство",
                                               starts_at=timezone.make_aware(datetime.datetime(2026, 12, 2, 15)))
        run = matching_actions.start_run(scope=cls.school_a, form=None, start_date=START, actor=cls.curator_a)
        matching_tasks.compute(run)
        # What path parameters may name, one set per object.
        cls.known = [{"code": code} for code in (cls.region.code, cls.school_a.code, cls.school_b.code,
                                                 cls.partner.code)]
        cls.known += [{"participant_id": participant.pk, "consent_id": participant.consents.first().pk}
                      for participant in (cls.pupil_a, cls.pupil_mentor_a, cls.pupil_b)]
        roadmap = roadmap_actions.copy_template(organization=cls.school_a, code="school_teachers", actor=cls.curator_a)
        cls.known += [{"pair_id": pair.pk, "item_id": item.pk}, {"order_id": order.pk}, {"run_id": run.pk},
                      {"meeting_id": meeting.pk}, {"roadmap_id": roadmap.pk, "roadmap_item_id": roadmap.items.first().pk}]
        cls.headers = {role: {"Authorization": f"Bearer {ApiToken.issue(getattr(cls, role), 'schemathesis')[1]}"}
                       for role in ROLES}

    def setUp(self):
        # As Django's test client does: a request's start and end must not close the test's connection.
        for signal in (request_started, request_finished):
            signal.disconnect(close_old_connections)
            self.addCleanup(signal.connect, close_old_connections)

    def strategy(self, operation):
        """Generated requests, valid and invalid, and valid ones on the objects that exist."""
        names = {parameter.name for parameter in operation.path_parameters}
        existing = [{name: known[name] for name in names} for known in self.known if names and names <= known.keys()]
        strategies = [operation.as_strategy(), operation.as_strategy(GenerationMode.NEGATIVE)]
        if existing:  # first, so that the simplest example, which every caller gets, names what exists
            strategies.insert(0, st.sampled_from(existing).flatmap(
                lambda values: operation.as_strategy(path_parameters=values)))
        return st.one_of(strategies)

    def operations(self):
        schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"), config=CONFIG)
        return [result.ok() for result in schema.get_all_operations()]

    def test_a_server_error_or_an_undeclared_status_fails_the_run(self):
        me = next(operation for operation in self.operations() if operation.label == "GET /api/v1/me")
        for error in (RuntimeError, PermissionDenied):  # a 500; a 403, which «me» does not declare
            with mock.patch.object(User, "get_full_name", side_effect=error), self.assertRaises(FailureGroup):
                explore(me, self.strategy(me), "curator_a", self.headers["curator_a"], 1)

    def test_every_operation_answers_every_role_without_a_server_error_and_as_the_schema_says(self):
        for operation in self.operations():
            strategy = self.strategy(operation)
            with self.subTest(operation.label, caller="anonymous"):
                explore(operation, strategy, "anonymous", {}, ANONYMOUS_EXAMPLES)
            for role in ROLES:
                with self.subTest(operation.label, caller=role):
                    explore(operation, strategy, role, self.headers[role], EXAMPLES)


class ComponentNameTests(SimpleTestCase):
    def test_no_two_definitions_share_a_name_in_the_schemas_components(self):
        # ninja keys the components by class name and keeps the last one: a second «Kind» replaced the first.
        seen, shared = {}, set()
        add = OpenAPISchema.add_schema_definitions

        def record(schema, definitions):
            shared.update(name for name, definition in definitions.items()
                          if seen.setdefault(name, definition) != definition)
            add(schema, definitions)

        with mock.patch.object(OpenAPISchema, "add_schema_definitions", record):
            api.get_openapi_schema(path_prefix="/api/v1/")
        self.assertEqual(shared, set())
