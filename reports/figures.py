"""The figures of a report, counted from the register by the modules that count them for the rest of the product
(monitoring.counting, pairs.stats, meetings.records, surveys.satisfaction), as plain JSON kept in the report.
Numbers only: the rows of a summary are organizations and municipalities, never people."""

import datetime
from collections import Counter, defaultdict

from django.utils import timezone

from meetings.models import Report as PairReport
from meetings.records import counts_by_organization
from monitoring import counting, exporting
from organizations.models import Organization
from pairs import stats
from pairs.models import Pair, PairStatus
from programmes import stages
from reports.selectors import sent_of_year
from surveys import satisfaction
from surveys.models import Campaign

MEETING_LABELS = {"meetings": "Встречи пар и групп", "feedback": "Формы обратной связи после встреч",
                  PairReport.Kind.MONTHLY: "Ежемесячные отчёты наставников",
                  PairReport.Kind.MENTOR_FINAL: "Отчёты наставников о выполнении плана",
                  PairReport.Kind.MENTEE_FINAL: "Отчёты наставляемых с оценкой наставника",
                  PairReport.Kind.FINAL_INTERVIEW: "Итоговые собеседования"}
SATISFACTION_GROUPS = {"satisfaction_mentees": "Наставляемые", "satisfaction_mentors": "Наставники"}
WAVE_LABELS = dict(Campaign.Wave.choices)


def day_of(year: int, today: datetime.date) -> datetime.date:
    """The figures' date: the end of the school year, or today while the year goes on."""
    return min(stages.school_year_bounds(year)[1], today)


def _indicator(v) -> dict:
    return {"code": v.code, "name": v.name, "numerator": v.numerator, "denominator": v.denominator,
            "value": v.value, "target": v.target, "status": v.status_label}


def gather(organization: Organization, year: int, day: datetime.date) -> dict:
    first, last = stages.school_year_bounds(year)
    tree = counting.Tree(organization)
    ids = list(tree.nodes)
    report = counting.report(organization, day)
    pairs = Pair.objects.filter(organization__in=ids, start_date__lte=last).exclude(ended_on__lt=first)
    by_state = stats.status_counts_by(pairs, "form__name")
    meetings = counts_by_organization(ids, year)
    dynamics = satisfaction.dynamics(ids, first, last)
    figures = {
        "year": year, "day": day.isoformat(),
        "indicators": [_indicator(v) for v in report.values],
        "by_form": exporting.form_table(counting.participants_by_form(organization, day)),
        "pairs": {"states": [s.label for s in PairStatus],
                  "rows": [{"form": form, "counts": counts, "total": total} for form, counts, total in by_state],
                  "totals": [sum(row[1][i] for row in by_state) for i in range(len(PairStatus))],
                  "total": sum(total for _, _, total in by_state)},
        "meetings": [{"name": label, "count": sum(m[key] for m in meetings.values())}
                     for key, label in MEETING_LABELS.items()],
        "satisfaction": [{"group": SATISFACTION_GROUPS[code],
                          "waves": [{"wave": WAVE_LABELS[wave], "mean": mean, "change": change}
                                    for wave, mean, change in dynamics[code]]} for code in SATISFACTION_GROUPS],
        "rows": [],
    }
    if organization.kind in Organization.TERRITORY_KINDS:
        figures["rows"] = _rows(organization, tree, report, pairs, meetings, year)
    return figures


def _rows(territory, tree, report, pairs, meetings, year: int) -> list[dict]:
    """One row per organization of a municipality (per municipality of a region): pairs, meetings, the indicators
    and whether it sent its report of the year."""
    child_of = {pk: chain[-2].organization.pk for pk in tree.nodes if len(chain := tree.chain(pk)) > 1}
    by_child: dict[int, Counter] = defaultdict(Counter)
    for organization, counts, total in stats.status_counts_by(pairs, "organization"):
        by_child[child_of[organization]].update(pairs=total,
                                                working=counts[list(PairStatus).index(PairStatus.ACTIVE)])
    for organization, counted in meetings.items():
        if organization in child_of:
            by_child[child_of[organization]]["meetings"] += counted["meetings"]
    sent = sent_of_year([o.pk for o, _ in report.rows], year)
    return [{"code": o.code, "name": o.name,
             **{key: by_child[o.pk][key] for key in ("pairs", "working", "meetings")},
             "indicators": {v.code: v.value for v in values},
             "sent_on": timezone.localdate(sent[o.pk].sent_at).isoformat() if o.pk in sent else None}
            for o, values in report.rows]
