"""What the pairs' records of a school year make of the programme's stages 6 and 7: the feedback after meetings,
the mentors' monthly reports, the final reports and interviews stand for the documents once uploaded as files."""

from django.db.models import Count

from meetings.models import Feedback, Meeting, Report
from programmes import stages


def counts(programme) -> dict[str, int]:
    """Meetings, feedback and reports of the programme's organization in its school year, in three queries."""
    return counts_by_organization([programme.organization_id], programme.year)[programme.organization_id]


def counts_by_organization(organization_ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """Organization id → its meetings, feedback and reports of the school year `year`, three grouped queries.
    Numbers only."""
    first, last = stages.school_year_bounds(year)
    found = {pk: {"meetings": 0, "feedback": 0, **dict.fromkeys(Report.Kind.values, 0)} for pk in organization_ids}
    meetings = (Meeting.objects.filter(organization__in=organization_ids, starts_at__date__range=(first, last))
                .order_by().values_list("organization").annotate(n=Count("pk")))
    feedback = (Feedback.objects.filter(pair__organization__in=organization_ids,
                                        meeting__starts_at__date__range=(first, last))
                .order_by().values_list("pair__organization").annotate(n=Count("pk")))
    for key, rows in (("meetings", meetings), ("feedback", feedback)):
        for organization, n in rows:
            found[organization][key] = n
    reports = (Report.objects.filter(pair__organization__in=organization_ids, submitted_on__range=(first, last))
               .order_by().values_list("pair__organization", "kind").annotate(n=Count("pk")))
    for organization, kind, n in reports:
        found[organization][kind] = n
    return found


def produced(programme, counted: dict[str, int] | None = None) -> set[str]:
    """The recorded documents (stages.RECORDED) the records of the year amount to."""
    c = counted or counts(programme)
    found = {"meeting_feedback": c["feedback"] > 0, "monthly_reports": c[Report.Kind.MONTHLY] > 0,
             "participant_reports": c[Report.Kind.MENTOR_FINAL] > 0 and c[Report.Kind.MENTEE_FINAL] > 0,
             "final_questionnaires": c[Report.Kind.FINAL_INTERVIEW] > 0 and c[Report.Kind.MENTEE_FINAL] > 0}
    return {code for code, made in found.items() if made}


def lines(number: int, c: dict[str, int]) -> list[str]:
    """What the stage's card says of the records."""
    if number == 6:
        return [f"Встреч: {c['meetings']}", f"Форм обратной связи: {c['feedback']}",
                f"Ежемесячных отчётов наставников: {c[Report.Kind.MONTHLY]}"]
    if number == 7:
        return [f"Отчётов наставников о выполнении плана: {c[Report.Kind.MENTOR_FINAL]}",
                f"Отчётов наставляемых с оценкой наставника: {c[Report.Kind.MENTEE_FINAL]}",
                f"Итоговых собеседований: {c[Report.Kind.FINAL_INTERVIEW]}"]
    return []
