"""Meeting pages: the list, planning and recording a meeting, the feedback after it, pausing a pair. Every
change goes through meetings.actions; every query starts from `visible_to`."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.models import Role
from accounts.scoping import may, organizations_where, sees_people
from meetings import actions
from meetings.forms import FeedbackForm, MeetingForm, PauseForm, RecordForm, ResumeForm
from meetings.models import Feedback, Meeting
from pairs.models import Pair, PairMentee, PlanItem
from people.models import Participant
from utilities.forms import run_action
from utilities.paging import paginate

FORM_METHODS = require_http_methods(["GET", "POST"])


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
