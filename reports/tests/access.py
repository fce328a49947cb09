"""Authorization matrix rows of the report pages (format: testing/access_matrix.py)."""

from reports import actions
from reports.models import Report
from testing.access_matrix import REGION_STAFF_A, REGION_STAFF_B, SEES_STAFF, Check, school_name

YEAR = 2025
MANAGERS_A = frozenset({"head_a", "curator_a"})
MANAGERS_B = frozenset({"curator_b"})
WRITERS = frozenset({"operator", "municipal_a", "municipal_b"}) | MANAGERS_A | MANAGERS_B
ORG_STAFF_A = frozenset({"head_a", "curator_a", "psychologist_a"})
SUMMARY_A = frozenset({"operator", "municipal_a"})
SUMMARY_B = frozenset({"operator", "municipal_b"})


def _organization(test, side, summary: bool):
    if summary:
        return (test.municipality_a, test.municipal_a) if side == "own" else (test.municipality_b, test.municipal_b)
    return (test.school_a, test.curator_a) if side == "own" else (test.school_b, test.curator_b)


def _report(test, side, *, sent: bool = True, summary: bool = False) -> Report:
    """The side's school report (or its municipality's summary) of YEAR, sent up; a draft of the year after."""
    organization, writer = _organization(test, side, summary)
    year = YEAR if sent else YEAR - 1
    found = Report.objects.filter(organization=organization, year=year).first()
    if found:
        return found
    report = actions.create_report(organization=organization, year=year, actor=writer)
    actions.edit_texts(report, actor=writer, summary=text(test, side))
    return actions.send(report, actor=writer) if sent else report


def text(test, side) -> str:
    return {"own": "Итоги года школы А", "other": "Итоги года школы Б"}[side]


def title(test, side) -> str:
    """What the API tells of a report: the code of its organization, with its title."""
    return (test.school_a if side == "own" else test.school_b).code


def listed(test, side):
    for each in ("own", "other"):
        _report(test, each)
    return {} if side == "own" else None


def only_own(test, side):
    return {} if side == "own" else None


def sent(test, side):
    return {"pk": _report(test, side).pk}


def draft(test, side):
    return {"pk": _report(test, side, sent=False).pk}


def summary(test, side):
    return {"pk": _report(test, side, summary=True).pk}


def new_report(test, side):
    return {"organization": test.school_a.pk, "year": YEAR - 2}


def texts(test, side):
    return {"summary": "Новые итоги", "best_cases": "", "plans": ""}


CHECKS = [
    Check("reports:list", listed, REGION_STAFF_A | REGION_STAFF_B, secret=school_name, sees=SEES_STAFF),
    Check("reports:create", only_own, WRITERS, secret=school_name, sees=SEES_STAFF),
    Check("reports:create", only_own, WRITERS, method="POST", data=new_report),
    Check("reports:detail", sent, REGION_STAFF_A, REGION_STAFF_B, secret=text),
    Check("reports:detail", draft, ORG_STAFF_A, MANAGERS_B, secret=text),
    Check("reports:detail", summary, SUMMARY_A, SUMMARY_B, secret=text),
    Check("reports:texts", draft, MANAGERS_A, MANAGERS_B, secret=text),
    Check("reports:texts", draft, MANAGERS_A, MANAGERS_B, method="POST", data=texts, secret=text),
    Check("reports:refresh", draft, MANAGERS_A, MANAGERS_B, method="POST", secret=text),
    Check("reports:send", draft, MANAGERS_A, MANAGERS_B, method="POST", secret=text),
    Check("reports:docx", sent, REGION_STAFF_A, REGION_STAFF_B),
    Check("reports:docx", draft, ORG_STAFF_A, MANAGERS_B),
    Check("reports:xlsx", sent, REGION_STAFF_A, REGION_STAFF_B, secret=school_name),
    Check("reports:xlsx", summary, SUMMARY_A, SUMMARY_B, secret=school_name),
    Check("/api/v1/reports/", listed, REGION_STAFF_A | REGION_STAFF_B, secret=title, sees=SEES_STAFF),
]
