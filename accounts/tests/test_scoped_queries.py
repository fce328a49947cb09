"""One scoping mechanism: every model holding personal data has `visible_to(user)`, and no module that answers
a request queries such a model without it."""

import ast
import datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.test import SimpleTestCase

from accounts.models import RoleAssignment, User
from documents.models import Order, OrderKind
from matching.models import MatchingRun
from organizations.models import Organization, at_or_above
from pairs.models import Pair, PairMentee
from people.models import Consent, Participant
from testing.fixtures import RegionTestCase

# Personal data that no relation to a participant shows: the names in a run's suggestions, the staff's names.
PERSONAL_WITHOUT_A_PARTICIPANT = (MatchingRun, User)
# The modules that answer requests (pages, API, exports, their forms and filters).
REQUEST_FACING = ("views.py", "*_views.py", "api.py", "exporting.py", "filters.py", "forms.py", "lookups.py",
                  "context_processors.py")
# Managers' methods that reach no row, so need no scope: a form's empty placeholder choices.
UNSCOPED_SAFE = {"visible_to", "counted_by", "in_mentor_base_of", "none"}
# Calls whose querysets only narrow rows another, checked queryset already reached: a prefetch follows the
# relation from the rows of its outer queryset.
WITHIN_A_SCOPED_QUERY = {"Prefetch"}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}


def personal_models() -> set[type]:
    """Participant, every model with a relation (forward, at any depth) to one, and the models above."""
    found = {Participant}
    ours = [m for m in apps.get_models() if Path(apps.get_app_config(m._meta.app_label).path).parent
            == Path(settings.BASE_DIR)]
    grown = True
    while grown:
        grown = False
        for model in ours:
            if model not in found and any(f.related_model in found for f in model._meta.get_fields()
                                          if f.is_relation and f.concrete):
                found.add(model)
                grown = True
    return found | set(PERSONAL_WITHOUT_A_PARTICIPANT)


def unscoped_queries(source: str, model_names: set[str]) -> list[str]:
    """«line: code» of every query of a model named in `model_names` that does not start with `visible_to`."""
    tree = ast.parse(source)
    names = set(model_names)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names |= {alias.asname for alias in node.names if alias.name in model_names and alias.asname}
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def within_scoped_query(node) -> bool:
        while node in parents:
            node = parents[node]
            if isinstance(node, ast.Call) and _called(node) in WITHIN_A_SCOPED_QUERY:
                return True
        return False

    found = []
    for node in sorted(ast.walk(tree), key=lambda n: (getattr(n, "lineno", 0), getattr(n, "col_offset", 0))):
        unscoped = (
            isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in names
            and (node.attr in ("_default_manager", "_base_manager") or node.attr == "objects" and not (
                isinstance(parents.get(node), ast.Attribute) and parents[node].attr in UNSCOPED_SAFE))
        ) or (
            isinstance(node, ast.Call) and _called(node) in SHORTCUTS and node.args
            and isinstance(node.args[0], ast.Name) and node.args[0].id in names
        )
        if unscoped and not within_scoped_query(node):
            found.append(f"{node.lineno}: {ast.get_source_segment(source, node)}")
    return found


def _called(call: ast.Call) -> str:
    function = call.func
    return function.id if isinstance(function, ast.Name) else function.attr if isinstance(function, ast.Attribute) else ""


def request_facing_modules() -> list[Path]:
    root = Path(settings.BASE_DIR)
    return sorted({path for app in apps.get_app_configs() if Path(app.path).parent == root
                   for pattern in REQUEST_FACING for path in Path(app.path).glob(pattern)})


class ScopedQueriesTests(SimpleTestCase):
    maxDiff = None

    def test_every_model_holding_personal_data_has_visible_to(self):
        missing = sorted(m.__name__ for m in personal_models() if not hasattr(m._default_manager, "visible_to"))
        self.assertEqual(missing, [])

    def test_no_page_api_or_export_queries_personal_data_without_visible_to(self):
        names = {model.__name__ for model in personal_models()}
        root = Path(settings.BASE_DIR)
        found = [f"{path.relative_to(root)}:{line}" for path in request_facing_modules()
                 for line in unscoped_queries(path.read_text(), names)]
        self.assertEqual(found, [], "Запросите через Model.objects.visible_to(user)")

    def test_the_check_reads_the_modules_that_answer_requests(self):
        read = {str(path.relative_to(settings.BASE_DIR)) for path in request_facing_modules()}
        self.assertLessEqual({"pairs/views.py", "people/api.py", "documents/exporting.py", "people/import_views.py",
                              "audit/filters.py", "accounts/views.py"}, read)

    def test_a_list_of_all_pairs_is_caught(self):
        source = "def pair_list(request):\n    pairs = Pair.objects.all()\n"
        self.assertEqual(unscoped_queries(source, {"Pair"}), ["2: Pair.objects"])

    def test_every_way_around_the_scope_is_caught(self):
        source = "\n".join([
            "from pairs.models import Pair as P",
            "a = Pair.objects.filter(organization=o).visible_to(user)",
            "b = P.objects.get(pk=1)",
            "c = get_object_or_404(Pair, pk=1)",
            "d = Pair._default_manager.all()",
        ])
        self.assertEqual([line.split(":")[0] for line in unscoped_queries(source, {"Pair"})], ["2", "3", "4", "5"])

    def test_a_scoped_query_a_placeholder_and_a_prefetch_pass(self):
        source = "\n".join([
            "a = Pair.objects.visible_to(user).filter(status='active')",
            "b = forms.ModelChoiceField(queryset=Pair.objects.none())",
            "c = visible.prefetch_related(Prefetch('mentees', queryset=PairMentee.objects.select_related('m')))",
            "d = Organization.objects.all()",
        ])
        self.assertEqual(unscoped_queries(source, {"Pair", "PairMentee"}), [])


class VisibleToTests(RegionTestCase):
    def test_the_hierarchy_is_walked_the_same_way_down_and_up(self):
        organizations = list(Organization.objects.select_related("parent__parent"))
        for top in organizations:
            below = set(Organization.objects.at_or_below(top))
            above_each = {o: set(Organization.objects.filter(at_or_above(Organization.objects.filter(pk=o.pk))))
                          for o in organizations}
            self.assertEqual(below, {o for o in organizations if top in o.lineage()}, top)
            self.assertEqual(below, {o for o in organizations if top in above_each[o]}, top)

    def test_a_curator_sees_the_own_schools_rows_of_every_kind_and_none_of_the_other(self):
        pair = Pair.objects.create(organization=self.school_b, form=self.pupil_pupil, mentor=self.pupil_mentor_a,
                                   start_date=datetime.date(2026, 10, 1), planned_end_date=datetime.date(2027, 5, 31))
        own = Pair.objects.create(organization=self.school_a, form=self.pupil_pupil, mentor=self.pupil_mentor_a,
                                  start_date=datetime.date(2026, 10, 1), planned_end_date=datetime.date(2027, 5, 31))
        PairMentee.objects.create(pair=own, mentee=self.pupil_a)
        orders = [Order.objects.create(organization=school, kind=OrderKind.REGULATION, text="Текст")
                  for school in (self.school_a, self.school_b)]
        self.assertEqual(set(Consent.objects.visible_to(self.curator_b).values_list("participant", flat=True)),
                         {self.pupil_b.pk})
        # The other school's pair has school A's mentor: it is school A's to see, not school B's.
        self.assertEqual(set(Pair.objects.visible_to(self.curator_b)), set())
        self.assertEqual(set(PairMentee.objects.visible_to(self.mentee_a)), set(own.mentees.all()))
        self.assertEqual(list(Order.objects.visible_to(self.curator_a)), orders[:1])
        self.assertIn(pair, Pair.objects.visible_to(self.curator_a))
        # Staff see themselves and those holding roles where they work, not those above.
        self.assertEqual(list(User.objects.visible_to(self.curator_b)), [self.curator_b])
        self.assertEqual(set(User.objects.visible_to(self.head_a)),
                         {self.head_a, self.curator_a, self.psychologist_a, self.mentor_a, self.mentee_a, self.parent_a})
        self.assertEqual(list(RoleAssignment.objects.visible_to(self.stranger)), [])
