"""Meeting pages: the list, planning and recording a meeting, the feedback after it, pausing a pair. Every
change goes through meetings.actions; every query starts from `visible_to`."""

import datetime
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.models import Role
from accounts.scoping import may, may_anywhere, organizations_where, sees_people
from meetings import actions, deadlines, ical, overview, printing, questions
from meetings.filters import ControlFilter
from meetings.forms import (
    FeedbackForm,
    HolidayForm,
    MeetingForm,
    PauseForm,
    RecordForm,
    ResumeForm,
    ScheduleForm,
    month_of,
    report_form,
)
from meetings.models import CalendarToken, Feedback, Holiday, Meeting, Report, Schedule
from organizations.models import Organization
from pairs.models import Pair, PairMentee, PlanItem
from people.models import Participant
from utilities.forms import run_action
from utilities.paging import paginate

FORM_METHODS = require_http_methods(["GET", "POST"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The feed carries the meetings of the last months and every one ahead.
FEED_PAST_DAYS = 120


def visible_pairs(user):
    return Pair.objects.visible_to(user).select_related("organization", "form", "mentor").prefetch_related(
        Prefetch("mentees", queryset=PairMentee.objects.select_related("mentee").order_by("mentee__last_name")))


def visible_meetings(user):
    """Meetings the user sees, each with only the pairs the user sees (a group meeting shows no other pair)."""
    return Meeting.objects.visible_to(user).select_related("organization").prefetch_related(
        Prefetch("pairs", queryset=visible_pairs(user), to_attr="visible_pairs"))


def plannable_pairs(user):
    """Live pairs whose meetings the user plans: a manager's organization's, a mentor's own."""
    pairs = visible_pairs(user).filter(status__in=actions.MEETING_STATUSES)
    if not user.is_superuser:
        pairs = pairs.filter(Q(organization__in=organizations_where(user, "manage_pairs"))
                             | Q(mentor__in=user.roles.filter(role=Role.MENTOR).values("participant")))
    return pairs.order_by("mentor__last_name", "pk")


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = visible_meetings(request.user)
    if not sees_people(request.user):
        raise PermissionDenied
    now = timezone.now()
    context = {**paginate(request, meetings), "now": now, "can_plan": plannable_pairs(request.user).exists()}
    return render(request, "meetings/meeting_list.html", context)


@login_required
@FORM_METHODS
def meeting_create(request: HttpRequest) -> HttpResponse:
    pairs = plannable_pairs(request.user)
    if not pairs.exists():
        raise PermissionDenied
    initial = {"starts_at": timezone.localtime().replace(minute=0, second=0, microsecond=0)}
    if request.GET.get("pair"):
        initial["pairs"] = [request.GET["pair"]]
    form = MeetingForm(request.POST if request.method == "POST" else None, pairs=pairs, initial=initial)
    if request.method == "POST" and (meeting := run_action(form, partial(actions.plan_meeting, actor=request.user))):
        messages.success(request, "Встреча запланирована.")
        return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form})


def _sides(user, meeting: Meeting) -> list:
    return [side for pair in meeting.visible_pairs for side in actions.sides_of(user, pair)]


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(visible_meetings(request.user), pk=pk)
    feedback = Feedback.objects.visible_to(request.user).filter(meeting=meeting).select_related("author")
    given = {f.author_id for f in feedback}
    sides = _sides(request.user, meeting)
    context = {
        "meeting": meeting, "feedback": feedback, "past": meeting.starts_at <= timezone.now(),
        "can_record": all(actions.may_plan(request.user, pair) for pair in meeting.visible_pairs),
        "can_give_feedback": any(participant not in given for participant, _ in sides),
        "attendees": meeting.attendees.filter(pk__in=Participant.objects.visible_to(request.user)),
        "plan_items": PlanItem.objects.visible_to(request.user).filter(pk__in=meeting.plan_items.values("pk")),
    }
    return render(request, "meetings/meeting_detail.html", context)


@login_required
@FORM_METHODS
def meeting_record(request: HttpRequest, pk: int) -> HttpResponse:
    """What was done, who attended, which plan items it served: the mentor or the manager, after the meeting."""
    meeting = get_object_or_404(visible_meetings(request.user), pk=pk)
    if not all(actions.may_plan(request.user, pair) for pair in meeting.visible_pairs):
        raise PermissionDenied
    pairs = meeting.visible_pairs
    people = Participant.objects.visible_to(request.user).filter(
        pk__in=[p.mentor_id for p in pairs] + [m.mentee_id for p in pairs for m in p.mentees.all()])
    items = PlanItem.objects.visible_to(request.user).filter(plan__pair__in=pairs)
    initial = {"summary": meeting.summary, "attendees": meeting.attendees.all(), "plan_items": meeting.plan_items.all()}
    form = RecordForm(request.POST if request.method == "POST" else None, people=people, items=items, initial=initial)
    if request.method == "POST" and run_action(form, partial(actions.record_meeting, meeting, actor=request.user)):
        messages.success(request, "Итоги встречи записаны.")
        return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/record_form.html", {"meeting": meeting, "form": form})


@login_required
@FORM_METHODS
def meeting_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(visible_meetings(request.user), pk=pk)
    if not _sides(request.user, meeting):
        raise PermissionDenied
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and run_action(form, partial(actions.give_feedback, meeting, actor=request.user)):
        messages.success(request, "Спасибо! Обратная связь сохранена.")
        return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/feedback_form.html", {"meeting": meeting, "form": form})


def _managed_pair(request: HttpRequest, pk: int) -> Pair:
    pair = get_object_or_404(visible_pairs(request.user), pk=pk)
    if not may(request.user, "manage_pairs", pair.organization):
        raise PermissionDenied
    return pair


@login_required
@FORM_METHODS
def pair_pause(request: HttpRequest, pk: int) -> HttpResponse:
    pair = _managed_pair(request, pk)
    paused = pair.pauses.filter(end__isnull=True).exists()
    form_class, action = (ResumeForm, actions.resume_pair) if paused else (PauseForm, actions.pause_pair)
    form = form_class(request.POST if request.method == "POST" else None,
                      initial={"start": timezone.localdate(), "on": timezone.localdate()})
    if request.method == "POST" and run_action(form, partial(action, pair, actor=request.user)):
        messages.success(request, "Работа пары возобновлена." if paused else "Пара приостановлена.")
        return redirect("pairs:detail", pk=pair.pk)
    return render(request, "meetings/pause_form.html", {"pair": pair, "form": form, "paused": paused})


# The pair's work: its meetings, deadlines and reports; completion leads here.
@login_required
def pair_work(request: HttpRequest, pk: int) -> HttpResponse:
    pair = get_object_or_404(visible_pairs(request.user), pk=pk)
    today = timezone.localdate()
    row = overview.pair_rows([pair], today)[0]
    writable = [d for d in row.pending if d.kind in Report.Kind.values and _may_write(request.user, pair, d)]
    context = {
        "pair": pair, "row": row, "deadlines": row.pending, "writable": writable, "today": today,
        "meetings": visible_meetings(request.user).filter(pk__in=pair.meetings.values("pk")),
        "reports": Report.objects.visible_to(request.user).filter(pair=pair).select_related("about"),
        "can_plan": actions.may_plan(request.user, pair) and pair.status in actions.MEETING_STATUSES,
    }
    return render(request, "meetings/pair_work.html", context)


def _may_write(user, pair: Pair, deadline) -> bool:
    try:
        actions.report_author(user, pair, deadline.kind, deadline.about)
    except PermissionDenied:
        return False
    return True


@login_required
@FORM_METHODS
def report_create(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    pair = get_object_or_404(visible_pairs(request.user), pk=pk)
    if kind not in Report.Kind.values:
        raise Http404
    mentees = _report_mentees(request.user, pair, kind)
    actions.report_author(request.user, pair, kind, mentees[0][0] if mentees else None)
    form = report_form(kind, mentees)(request.POST if request.method == "POST" else None,
                                      initial={"about": request.GET.get("about")})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        values = {"month": month_of(data.pop("month", None)), "about": data.pop("about", None)}
        report = run_action(form, lambda **_: actions.submit_report(pair, actor=request.user, kind=kind, answers=data,
                                                                     on=timezone.localdate(), **values))
        if report:
            messages.success(request, "Отчёт сдан.")
            return redirect("meetings:report", pk=report.pk)
    return render(request, "meetings/report_form.html", {"pair": pair, "form": form,
                                                         "title": Report.Kind(kind).label.capitalize()})


def _report_mentees(user, pair: Pair, kind: str) -> list[tuple[int, str]] | None:
    """The mentees the user's report of `kind` may be about; None for a report about no one mentee."""
    if kind == Report.Kind.FINAL_INTERVIEW:
        return [(m.mentee_id, m.mentee.full_name) for m in pair.mentees.all()]
    if kind == Report.Kind.MENTEE_FINAL:
        own = {participant for participant, side in actions.sides_of(user, pair) if side == "mentee"}
        return [(m.mentee_id, m.mentee.full_name) for m in pair.mentees.all() if m.mentee_id in own]
    return None


def _visible_report(request: HttpRequest, pk: int) -> Report:
    return get_object_or_404(Report.objects.visible_to(request.user).select_related(
        "pair__organization", "pair__mentor", "about", "approved_by"), pk=pk)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    answers = [(q, report.answers.get(q.code, "")) for q in questions.QUESTIONS[report.kind]]
    can_approve = report.status == Report.Status.SUBMITTED and may(request.user, "approve_reports",
                                                                  report.pair.organization)
    return render(request, "meetings/report_detail.html", {"report": report, "answers": answers,
                                                           "can_approve": can_approve})


@login_required
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    response = HttpResponse(printing.report_docx(report), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="report-{report.pk}.docx"'
    return response


@login_required
@require_http_methods(["POST"])
def report_approve(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    try:
        actions.approve_report(report, actor=request.user, on=timezone.localdate())
        messages.success(request, "Отчёт утверждён.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("meetings:report", pk=report.pk)


# The curator's control page, its export and the week of meetings.
def _require_organization_staff(user) -> None:
    if not may_anywhere(user, "view_people"):
        raise PermissionDenied


def _control_rows(request: HttpRequest):
    _require_organization_staff(request.user)
    pairs = visible_pairs(request.user).filter(organization__in=organizations_where(request.user, "view_people"))
    filterset = ControlFilter(request.GET, pairs.order_by("mentor__last_name", "pk"), request=request)
    rows = overview.pair_rows(filterset.qs, timezone.localdate(), Feedback.objects.visible_to(request.user))
    return filterset, rows


@login_required
def control(request: HttpRequest) -> HttpResponse:
    filterset, rows = _control_rows(request)
    shows_trend = may_anywhere(request.user, "view_feedback")
    return render(request, "meetings/control.html", {"filter": filterset, "rows": rows, "shows_trend": shows_trend,
                                                     "today": timezone.localdate()})


@login_required
def control_xlsx(request: HttpRequest) -> HttpResponse:
    _, rows = _control_rows(request)
    response = HttpResponse(printing.control_xlsx(rows), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="control.xlsx"'
    return response


@login_required
def week(request: HttpRequest) -> HttpResponse:
    """The organization's meetings by week, Monday to Sunday."""
    _require_organization_staff(request.user)
    try:
        day = datetime.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = timezone.localdate()
    monday = day - datetime.timedelta(days=day.weekday())
    days = [monday + datetime.timedelta(days=n) for n in range(7)]
    meetings = visible_meetings(request.user).filter(
        organization__in=organizations_where(request.user, "view_people"),
        starts_at__date__gte=monday, starts_at__date__lte=days[-1]).order_by("starts_at")
    by_day = {d: [] for d in days}
    for meeting in meetings:
        by_day[timezone.localtime(meeting.starts_at).date()].append(meeting)
    return render(request, "meetings/week.html", {
        "days": list(by_day.items()), "previous": monday - datetime.timedelta(days=7),
        "next": monday + datetime.timedelta(days=7), "monday": monday, "sunday": days[-1]})


# The iCalendar feed behind its secret address.
@login_required
@FORM_METHODS
def calendar(request: HttpRequest) -> HttpResponse:
    if not sees_people(request.user):
        raise PermissionDenied
    key = actions.renew_calendar(request.user) if request.method == "POST" else None
    feed = request.build_absolute_uri(reverse("meetings:feed", args=[key])) if key else None
    has_token = CalendarToken.objects.filter(user=request.user).exists()
    return render(request, "meetings/calendar.html", {"feed": feed, "has_token": has_token})


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The meetings of the token's owner as they may see them; an unknown or retired token is a 404."""
    owner = get_object_or_404(CalendarToken.objects.select_related("user").filter(user__is_active=True),
                              key_hash=CalendarToken.hash(token)).user
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    meetings = visible_meetings(owner).filter(starts_at__gte=since).order_by("starts_at")
    response = HttpResponse(ical.feed(meetings, request.build_absolute_uri("/")), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="nastavnik.ics"'
    return response


@login_required
@FORM_METHODS
def schedule(request: HttpRequest) -> HttpResponse:
    """The organization's period of regular meetings and its holidays, which stop the meeting clock."""
    organization = organizations_where(request.user, "manage_programme").filter(
        kind__in=Organization.EDUCATIONAL_KINDS).order_by("name").first()
    if organization is None:
        raise PermissionDenied
    current = Schedule.objects.filter(organization=organization).first()
    period = ScheduleForm(request.POST if "period_days" in request.POST else None,
                          initial={"period_days": current.period_days if current else deadlines.DEFAULT_PERIOD_DAYS})
    holiday = HolidayForm(request.POST if "start" in request.POST else None)
    if request.method == "POST":
        form, action = (period, actions.set_schedule) if "period_days" in request.POST else (holiday, actions.add_holiday)
        if run_action(form, partial(action, organization, actor=request.user)):
            messages.success(request, "Сохранено.")
            return redirect("meetings:schedule")
    holidays = Holiday.objects.visible_to(request.user).filter(organization=organization)
    return render(request, "meetings/schedule.html", {"organization": organization, "period": period,
                                                      "holiday": holiday, "holidays": holidays})
