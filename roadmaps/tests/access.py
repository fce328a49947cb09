"""Authorization matrix rows of the roadmap pages and API (format: testing/access_matrix.py)."""

import datetime

from django.core.files.base import ContentFile

from roadmaps import actions
from roadmaps.models import Item, Roadmap
from testing.access_matrix import (
    ORG_STAFF_A,
    ORG_STAFF_B,
    REGION_STAFF_A,
    REGION_STAFF_B,
    SEES_STAFF,
    TERRITORIAL,
    USERS,
    Check,
    school_name,
)

MANAGERS_A = frozenset({"head_a", "curator_a"})
MANAGERS_B = frozenset({"curator_b"})
WRITERS = frozenset({"operator", "municipal_a", "municipal_b"}) | MANAGERS_A | MANAGERS_B
TITLES = {"own": "Дорожная карта школы А", "other": "Дорожная карта школы Б"}
DRAFTS = {"own": "Черновик дорожной карты школы А", "other": "Черновик дорожной карты школы Б"}
START, END = datetime.date(2026, 9, 1), datetime.date(2027, 5, 31)


def _roadmap(test, side, sent: bool = True) -> Roadmap:
    """The side's school roadmap, sent to its municipality (or a draft), an item with a document attached."""
    title = TITLES[side] if sent else DRAFTS[side]
    found = Roadmap.objects.filter(title=title).first()
    if found:
        return found
    school, curator = (test.school_a, test.curator_a) if side == "own" else (test.school_b, test.curator_b)
    roadmap = actions.copy_template(organization=school, code="school_teachers", actor=curator, starts_on=START,
                                    ends_on=END)
    Roadmap.objects.filter(pk=roadmap.pk).update(title=title)
    roadmap.items.filter(attention=True).update(attention=False, due_on=END, due=[END.isoformat()])
    item = roadmap.items.first()
    item.evidence.save("evidence.pdf", ContentFile(b"%PDF-1.4 evidence"))
    if sent:
        actions.send(roadmap, actor=curator)
    return Roadmap.objects.get(pk=roadmap.pk)


def school(test, side):
    return {"organization": (test.school_a if side == "own" else test.school_b).pk}


def only_own(test, side):
    return {} if side == "own" else None


def roadmap(test, side):
    return {"pk": _roadmap(test, side).pk}


def draft(test, side):
    return {"pk": _roadmap(test, side, sent=False).pk}


def draft_item(test, side):
    return {"pk": _roadmap(test, side, sent=False).items.first().pk}


def item(test, side):
    return {"pk": _roadmap(test, side).items.first().pk}


def title(test, side):
    return TITLES[side]


def from_template(test, side):
    return {"organization": test.school_a.pk, "code": "school_teachers"}


def item_data(test, side):
    return {"number": "9.9.", "activity": "Новое мероприятие", "term": "декабрь 2026"}


def progress(test, side):
    return {"status": Item.Status.DONE}


def decision(test, side):
    return {"approve": "1", "comment": "Согласовано"}


def api_roadmap(test, side):
    return {"roadmap_id": _roadmap(test, side).pk}


def api_draft(test, side):
    return {"roadmap_id": _roadmap(test, side, sent=False).pk}


def api_item_id(test, side):
    return {"roadmap_item_id": _roadmap(test, side, sent=False).items.first().pk}


def _both(route, args, own, other, data):
    return [Check(route, args, own, other, secret=title),
            Check(route, args, own, other, method="POST", data=data, secret=title)]


def api_template(test, side):
    return {"organization": test.school_a.code, "template": "school_teachers"}


def api_term(test, side):
    return {"term": "до 10.09.2026", "starts_on": "2026-09-01", "ends_on": "2027-05-31"}


def api_item(test, side):
    return {"term": "декабрь 2026"}


def api_progress(test, side):
    return {"status": "done"}


def api_return(test, side):
    return {"comment": "Доработать"}


EVERYONE = frozenset(USERS) - {"anonymous"}
API = "/api/v1/roadmaps/"

CHECKS = [
    Check("roadmaps:list", only_own, REGION_STAFF_A | REGION_STAFF_B, secret=title, sees=SEES_STAFF),
    Check("roadmaps:create", only_own, WRITERS, secret=school_name, sees=SEES_STAFF),
    Check("roadmaps:create", only_own, WRITERS, method="POST", data=from_template),
    Check("roadmaps:import", only_own, WRITERS, secret=school_name, sees=SEES_STAFF),
    Check("roadmaps:import", only_own, WRITERS, method="POST", data=lambda test, side: {}),
    Check("roadmaps:detail", roadmap, REGION_STAFF_A, REGION_STAFF_B, secret=title),
    *_both("roadmaps:item_add", draft, MANAGERS_A, MANAGERS_B, item_data),
    Check("roadmaps:send", draft, MANAGERS_A, MANAGERS_B, method="POST", secret=title),
    Check("roadmaps:reopen", roadmap, MANAGERS_A, MANAGERS_B, method="POST", secret=title),
    *_both("roadmaps:decide", roadmap, frozenset({"municipal_a"}), frozenset({"municipal_b"}), decision),
    Check("roadmaps:compare", roadmap, REGION_STAFF_A, REGION_STAFF_B, secret=title),
    Check("roadmaps:control", roadmap, REGION_STAFF_A, REGION_STAFF_B, secret=title),
    # The level directly above chases: a municipality its schools, the region its municipalities.
    Check("roadmaps:standings", only_own, TERRITORIAL, secret=school_name,
          sees={"own": frozenset({"operator", "municipal_a"}), "other": frozenset({"operator", "municipal_b"})}),
    Check("roadmaps:remind", school, frozenset({"municipal_a"}), frozenset({"municipal_b"}), method="POST",
          secret=school_name),
    *_both("roadmaps:item_edit", draft_item, MANAGERS_A, MANAGERS_B, item_data),
    Check("roadmaps:item_remove", draft_item, MANAGERS_A, MANAGERS_B, method="POST", secret=title),
    Check("roadmaps:item_progress", item, MANAGERS_A, MANAGERS_B, method="POST", data=progress, secret=title),
    Check("roadmaps:item_evidence", item, ORG_STAFF_A, ORG_STAFF_B, secret=title),
    Check(API, only_own, REGION_STAFF_A | REGION_STAFF_B, secret=title, sees=SEES_STAFF),
    Check(API, only_own, MANAGERS_A, method="POST", data=api_template),
    Check(API + "terms", only_own, EVERYONE, method="POST", data=api_term),
    Check(API + "{roadmap_id}", api_roadmap, REGION_STAFF_A, REGION_STAFF_B, secret=title),
    Check(API + "{roadmap_id}/send", api_draft, MANAGERS_A, MANAGERS_B, method="POST", secret=title),
    Check(API + "{roadmap_id}/approve", api_roadmap, frozenset({"municipal_a"}), frozenset({"municipal_b"}),
          method="POST", data=lambda test, side: {}, secret=title),
    Check(API + "{roadmap_id}/return", api_roadmap, frozenset({"municipal_a"}), frozenset({"municipal_b"}),
          method="POST", data=api_return, secret=title),
    Check(API + "{roadmap_id}/control", api_roadmap, REGION_STAFF_A, REGION_STAFF_B, secret=title),
    Check(API + "items/{roadmap_item_id}", api_item_id, MANAGERS_A, MANAGERS_B, method="PATCH", data=api_item,
          secret=title),
    Check(API + "items/{roadmap_item_id}/progress", api_item_id, MANAGERS_A, MANAGERS_B, method="POST",
          data=api_progress, secret=title),
]
