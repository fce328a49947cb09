"""Roadmap pages: the list with each organization's roadmap state, a roadmap with its items, versions and the
approval, an item's wording and progress, a new roadmap from a template or from a file (preview, confirm), the
versions side by side and the control points. Every page starts from `Roadmap.objects.visible_to`."""

import datetime
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.scoping import holds_at, may, may_anywhere, organizations_held, organizations_where
from documents.models import Order
from meetings.models import Meeting
from organizations.models import Organization
from people.models import PendingImport
from people.views import protected_download
from programmes import stages
from reports.models import Report
from roadmaps import actions, control, importing, rules
from roadmaps.forms import DecisionForm, ItemForm, ProgressForm, TemplateForm, UploadForm, confirmations
from roadmaps.models import Item, Roadmap, Version
from surveys.models import Campaign
from utilities.forms import run_action

FORM_METHODS = require_http_methods(["GET", "POST"])
POST_ONLY = require_http_methods(["POST"])
# The page of each kind of record that completes an item.
RECORD_PAGES = {Order: "documents:detail", Campaign: "surveys:detail", Report: "reports:detail",
                Meeting: "meetings:detail"}


def _roadmap(request: HttpRequest, pk: int) -> Roadmap:
    return get_object_or_404(Roadmap.objects.visible_to(request.user).select_related("organization__parent"), pk=pk)


def _item(request: HttpRequest, pk: int) -> Item:
    return get_object_or_404(Item.objects.visible_to(request.user).select_related("roadmap__organization"), pk=pk)


def _writers(user):
    return organizations_held(user, "manage_roadmaps")


def _refused(request: HttpRequest, action) -> bool:
    """Run the action; a broken rule becomes a message on the page."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return True
    return False


@login_required
def roadmap_list(request: HttpRequest) -> HttpResponse:
    """The organizations the user sees with the state of their roadmaps, when each was last sent and how many
    items are overdue: the municipality sees which of its schools have an approved one and whom to chase."""
    organizations = organizations_where(request.user, "view_organization").exclude(kind=Organization.Kind.PARTNER)
    if not may_anywhere(request.user, "view_organization"):
        raise PermissionDenied
    today = timezone.localdate()
    roadmaps = (Roadmap.objects.visible_to(request.user).select_related("organization")
                .annotate(item_count=Count("items", distinct=True), last_sent=Max("versions__sent_at"),
                          overdue=Count("items", distinct=True,
                                        filter=Q(items__due_on__lt=today) & ~Q(items__status__in=Item.CLOSED))))
    by_organization = {}
    for roadmap in roadmaps:
        by_organization.setdefault(roadmap.organization_id, []).append(roadmap)
    rows = [(o, by_organization.get(o.pk, [])) for o in organizations.select_related("parent").order_by("kind", "name")]
    schools = [found for o, found in rows if o.kind in Organization.EDUCATIONAL_KINDS]
    approved = sum(any(r.status == Roadmap.Status.APPROVED for r in found) for found in schools)
    return render(request, "roadmaps/list.html", {"rows": rows, "approved": approved, "schools": len(schools),
                                                  "can_write": _writers(request.user).exists()})


@login_required
@FORM_METHODS
def roadmap_create(request: HttpRequest) -> HttpResponse:
    writers = _writers(request.user)
    if not writers.exists():
        raise PermissionDenied
    form = TemplateForm(request.POST or None, organizations=writers)
    roadmap = run_action(form, partial(actions.copy_template, actor=request.user))
    if roadmap is not None:
        messages.success(request, "Дорожная карта создана по образцу: поправьте её под свою организацию.")
        return redirect("roadmaps:detail", roadmap.pk)
    return render(request, "roadmaps/form.html", {"form": form, "title": "Дорожная карта по образцу"})


@login_required
@FORM_METHODS
def roadmap_import(request: HttpRequest) -> HttpResponse:
    """Upload → preview (the due dates read from each term, the rows needing a date) → confirm."""
    writers = _writers(request.user)
    if not writers.exists():
        raise PermissionDenied
    if "token" in request.POST:
        return _confirm(request, writers)
    form = UploadForm(request.POST or None, request.FILES or None, organizations=writers)
    if not form.is_valid():
        return render(request, "roadmaps/import.html", {"form": form})
    upload, data = form.cleaned_data["file"], form.cleaned_data
    content = b"".join(upload.chunks())
    try:
        shown = importing.preview(content, upload.name, starts_on=data["starts_on"], ends_on=data["ends_on"])
    except ValidationError as error:
        form.add_error(None, error.messages)
        return render(request, "roadmaps/import.html", {"form": form})
    pending = None
    if not shown.errors:
        pending = PendingImport.objects.keep(request.user, data["organization"], upload.name, content)
    return render(request, "roadmaps/import_preview.html", {"shown": shown, "pending": pending,
                                                            "organization": data["organization"]})


def _confirm(request: HttpRequest, writers) -> HttpResponse:
    pending = PendingImport.objects.waiting(request.user, request.POST["token"])
    if pending is None:
        messages.error(request, "Файл для загрузки не найден: загрузите его ещё раз.")
        return redirect("roadmaps:import")
    organization = get_object_or_404(writers, pk=pending.organization_id)
    try:
        period = {name: datetime.date.fromisoformat(request.POST[name]) for name in ("starts_on", "ends_on")}
        _, roadmap = importing.import_roadmap(pending.content, pending.name, organization=organization,
                                              actor=request.user, **period)
    except (KeyError, ValueError, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", ["Период не задан: загрузите файл ещё раз."])))
        return redirect("roadmaps:import")
    pending.delete()
    messages.success(request, f"Дорожная карта загружена: мероприятий — {roadmap.items.count()}.")
    return redirect("roadmaps:detail", roadmap.pk)


@login_required
def roadmap_detail(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = _roadmap(request, pk)
    versions = list(roadmap.versions.select_related("sent_by", "decided_by").prefetch_related("comments"))
    returned = next((v for v in reversed(versions) if v.decision == Version.Decision.RETURNED), None)
    remarks = {c.item_id: c.text for c in returned.comments.all()} if returned else {}
    today = timezone.localdate()
    items = list(roadmap.items.select_related("section", "order", "questionnaire", "campaign__questionnaire",
                                              "report__organization", "meeting"))
    sections = []
    for item in items:
        item.remark, item.is_overdue = remarks.get(item.pk), item.overdue_on(today)
        item.record_url = reverse(RECORD_PAGES[type(item.record)], args=[item.record.pk]) if item.record else None
        if not sections or sections[-1][0] != item.section:
            sections.append((item.section, []))
        sections[-1][1].append(item)
    context = {
        "roadmap": roadmap, "sections": sections, "versions": versions, "returned": returned,
        "can_write": holds_at(request.user, "manage_roadmaps", roadmap.organization),
        "can_open_evidence": may(request.user, "view_people", roadmap.organization),
        "can_decide": roadmap.status == Roadmap.Status.SENT
        and holds_at(request.user, "approve_roadmaps", roadmap.organization.parent),
        "attention": sum(item.attention for item in items), "overdue": sum(item.is_overdue for item in items),
        "done": sum(item.status == Item.Status.DONE for item in items),
        "has_control_points": any(item.control_point for item in items), "confirmations": confirmations(),
    }
    return render(request, "roadmaps/detail.html", context)


def _written_item(request: HttpRequest, pk: int) -> Item:
    item = _item(request, pk)
    if not holds_at(request.user, "manage_roadmaps", item.roadmap.organization):
        raise PermissionDenied
    return item


@login_required
@FORM_METHODS
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _written_item(request, pk)
    initial = {name: getattr(item, name) for name in actions.EDITABLE}
    form = ItemForm(request.POST or None, initial=initial)
    if run_action(form, partial(actions.update_item, item, actor=request.user)) is not None:
        return redirect(f"{_url(item.roadmap)}#item-{item.pk}")
    return render(request, "roadmaps/form.html", {"form": form, "title": f"Мероприятие {item.number}",
                                                  "roadmap": item.roadmap})


@login_required
@FORM_METHODS
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = _roadmap(request, pk)
    if not holds_at(request.user, "manage_roadmaps", roadmap.organization):
        raise PermissionDenied
    form = ItemForm(request.POST or None)
    item = run_action(form, partial(actions.add_item, roadmap, actor=request.user,
                                    section=roadmap.sections.last()))
    if item is not None:
        return redirect(f"{_url(roadmap)}#item-{item.pk}")
    return render(request, "roadmaps/form.html", {"form": form, "title": "Новое мероприятие", "roadmap": roadmap})


@login_required
@POST_ONLY
def item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = _written_item(request, pk)
    if not _refused(request, partial(actions.remove_item, item, actor=request.user)):
        messages.success(request, f"Мероприятие {item.number} удалено.")
    return redirect("roadmaps:detail", item.roadmap_id)


@login_required
@POST_ONLY
def item_progress(request: HttpRequest, pk: int) -> HttpResponse:
    item = _written_item(request, pk)
    form = ProgressForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        data = form.cleaned_data
        _refused(request, partial(actions.set_progress, item, actor=request.user, status=data["status"],
                                  confirmed_by=data["confirmed_by"], evidence=data["evidence"] or None))
    return redirect(f"{_url(item.roadmap)}#item-{item.pk}")


@login_required
def item_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """The document proving an item, to the organization's own staff: a scan may name people, and above the
    organization people see numbers."""
    item = _item(request, pk)
    if not item.evidence:
        raise Http404
    if not may(request.user, "view_people", item.roadmap.organization):
        raise PermissionDenied
    return protected_download(item.evidence, f"подтверждение-{item.number or item.pk}")


def _url(roadmap: Roadmap) -> str:
    return reverse("roadmaps:detail", args=[roadmap.pk])


@login_required
@POST_ONLY
def roadmap_send(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = _roadmap(request, pk)
    if not _refused(request, partial(actions.send, roadmap, actor=request.user)):
        messages.success(request, "Дорожная карта отправлена на согласование.")
    return redirect("roadmaps:detail", roadmap.pk)


@login_required
@POST_ONLY
def roadmap_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = _roadmap(request, pk)
    if not _refused(request, partial(actions.reopen, roadmap, actor=request.user)):
        messages.success(request, "Начата новая редакция: согласованная сохранена в истории.")
    return redirect("roadmaps:detail", roadmap.pk)


@login_required
@FORM_METHODS
def roadmap_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The level above: approve the version sent, or return it with comments per item."""
    roadmap = _roadmap(request, pk)
    if not holds_at(request.user, "approve_roadmaps", roadmap.organization.parent):
        raise PermissionDenied
    version = roadmap.versions.filter(decision=Version.Decision.PENDING).first()
    if version is None:
        messages.error(request, rules.NOT_SENT)
        return redirect("roadmaps:detail", roadmap.pk)
    form = DecisionForm(request.POST or None, items=version.content["items"])
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"]
        approve = "approve" in request.POST
        step = (partial(actions.approve, roadmap, comment=comment) if approve else
                partial(actions.return_for_changes, roadmap, comments=form.comments(), comment=comment))
        if not _refused(request, partial(step, actor=request.user)):
            messages.success(request, "Дорожная карта согласована." if approve else "Возвращена на доработку.")
            return redirect("roadmaps:detail", roadmap.pk)
    return render(request, "roadmaps/decide.html", {"roadmap": roadmap, "version": version, "form": form})


@login_required
def roadmap_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Two versions side by side (?a=1&b=2): by default the last version sent beside the one before it, or
    beside the current draft when the roadmap is being changed."""
    roadmap = _roadmap(request, pk)
    versions = {v.number: {"number": v.number, "content": v.content} for v in roadmap.versions.all()}
    current = {"number": "текущая", "content": actions.snapshot(roadmap)}
    numbers = sorted(versions)
    choices = [*(versions[n] for n in numbers), current] if roadmap.editable or not numbers else \
        [versions[n] for n in numbers]
    older, newer = (choices[-2], choices[-1]) if len(choices) > 1 else (choices[0], choices[0])

    def picked(key: str, default: dict) -> dict:
        value = request.GET.get(key, "")
        return versions.get(int(value), default) if value.isdigit() else default

    older, newer = picked("a", older), picked("b", newer)
    return render(request, "roadmaps/compare.html", {
        "roadmap": roadmap, "older": older, "newer": newer, "numbers": numbers,
        "pairs": rules.side_by_side(older["content"], newer["content"])})


@login_required
def roadmap_control(request: HttpRequest, pk: int) -> HttpResponse:
    """The control points of a territory's roadmap and how each roadmap below stands at each: numbers only."""
    roadmap = _roadmap(request, pk)
    points = control.at_control_points(roadmap, timezone.localdate())
    return render(request, "roadmaps/control.html", {"roadmap": roadmap, "points": points})


@login_required
def standings(request: HttpRequest) -> HttpResponse:
    """«Контроль организаций»: each organization directly below the user's territory in one row of numbers — the
    level that approves their roadmaps chases them (a region: its municipalities; a municipality: its schools)."""
    territories = list(organizations_held(request.user, "approve_roadmaps").filter(kind__in=Organization.TERRITORY_KINDS)
                       .order_by("kind", "name"))
    if not territories:
        raise PermissionDenied
    territory = next((t for t in territories if str(t.pk) == request.GET.get("territory")), territories[0])
    today = timezone.localdate()
    rows = control.standings(territory, today)
    only_lagging = request.GET.get("lagging") == "1"
    return render(request, "roadmaps/standings.html", {
        "territory": territory, "territories": territories, "only_lagging": only_lagging,
        "rows": [row for row in rows if row.lagging] if only_lagging else rows,
        "lagging": sum(row.lagging for row in rows), "total": len(rows),
        "year_label": stages.school_year_label(stages.school_year_of(today))})


@login_required
@POST_ONLY
def remind(request: HttpRequest, organization: int) -> HttpResponse:
    """«Напомнить» by the level directly above; from htmx the cell comes back «напомнено сегодня»."""
    organization = get_object_or_404(organizations_where(request.user, "view_organization")
                                     .select_related("parent"), pk=organization)
    if not holds_at(request.user, "approve_roadmaps", organization.parent):
        raise PermissionDenied
    today = timezone.localdate()
    try:
        actions.remind(organization, actor=request.user, day=today)
        error = ""
    except ValidationError as refusal:
        error = " ".join(refusal.messages)
    if request.htmx:
        reminded = organization.pk in control.reminded([organization], today)
        return render(request, "roadmaps/_remind.html", {"organization": organization, "reminded": reminded,
                                                         "error": error})
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"Напоминание отправлено: {organization.name}.")
    return redirect(f"{reverse('roadmaps:standings')}?territory={organization.parent_id}")
