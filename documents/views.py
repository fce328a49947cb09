"""Document pages: the organization's orders (draft, register, download), its DOCX templates, the consent
forms, and the XLSX of the registry of mentors and of the pairs. Every change goes through documents.actions."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST

from accounts.scoping import may, may_anywhere, organizations_where
from documents import actions, defaults, exporting, rendering, rules
from documents.forms import (
    OrderFilter,
    OrderForm,
    OrderStepForm,
    ParticipantSearchForm,
    RegisterForm,
    TemplateUploadForm,
    managed_organizations,
    order_initial,
)
from documents.models import DOCUMENT_KINDS, ConsentFormKind, DocumentTemplate, Order
from pairs.filters import PairFilter
from pairs.models import Pair
from people.models import Participant
from people.names import normalize
from utilities.forms import run_action
from utilities.paging import PAGE_SIZE, paginate

FORM_METHODS = require_http_methods(["GET", "POST"])


def _visible_orders(user):
    return Order.objects.visible_to(user).select_related("organization", "signer")


def _order(user, pk: int, manage: bool = False) -> Order:
    """The order if the user sees it (404 otherwise); with `manage`, 403 unless they may issue orders there."""
    order = get_object_or_404(_visible_orders(user), pk=pk)
    if manage and not may(user, "manage_pairs", order.organization):
        raise PermissionDenied
    return order


def _require_staff(user, capability: str = "view_organization") -> None:
    if not may_anywhere(user, capability):
        raise PermissionDenied


def _document(request: HttpRequest, fill, filename: str, back: str) -> HttpResponse:
    """The DOCX `fill` makes; a template refused when filled (kept before it was checked) is named on `back`."""
    try:
        return _attachment(fill(), filename)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
        return redirect(back)


def _attachment(content: bytes, filename: str, content_type: str = defaults.CONTENT_TYPE) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# Orders

@login_required
def order_list(request: HttpRequest) -> HttpResponse:
    orders = _visible_orders(request.user)
    _require_staff(request.user)
    filterset = OrderFilter(request.GET, orders, user=request.user)
    return render(request, "documents/order_list.html", {
        "filter": filterset, **paginate(request, filterset.qs), "can_manage": may_anywhere(request.user, "manage_pairs")})


@login_required
@FORM_METHODS
def order_create(request: HttpRequest) -> HttpResponse:
    """A new order: the organization and the kind, then what it names, its text and signer."""
    _require_staff(request.user, "manage_pairs")
    step = OrderStepForm(request.GET or request.POST or None, user=request.user)
    form = None
    if step.is_valid():
        place = {"kind": step.cleaned_data["kind"], "organization": step.cleaned_data["organization"]}
        form = OrderForm(request.POST if request.method == "POST" else None, user=request.user, **place)
        draft = partial(actions.draft_order, actor=request.user, **place)
        if request.method == "POST" and (order := run_action(form, draft)):
            messages.success(request, "Проект приказа сохранён. Зарегистрируйте его, когда приказ подписан.")
            return redirect("documents:detail", pk=order.pk)
    return render(request, "documents/order_form.html", {"step": step, "form": form})


@login_required
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order = _order(request.user, pk)
    can_manage = order.is_draft and may(request.user, "manage_pairs", order.organization)
    named = rules.names_shown_to(request.user, order)
    columns = defaults.TABLES.get(order.kind, []) if named else []
    rows = [[(title, row[key]) for title, key, _ in columns] for row in rendering.order_rows(order)] if named else []
    return render(request, "documents/order_detail.html", {
        "order": order, "rows": rows, "columns": columns,
        "named_count": None if named else getattr(order, rules.NAMES[order.kind]).count(),
        "paragraphs": rendering.paragraphs(order.text), "can_manage": can_manage,
        "register_form": RegisterForm(initial={"date": timezone.localdate()}) if can_manage else None})


@login_required
@FORM_METHODS
def order_update(request: HttpRequest, pk: int) -> HttpResponse:
    order = _order(request.user, pk, manage=True)
    if not order.is_draft:
        messages.error(request, f"Приказ {order.heading} зарегистрирован; изменить его нельзя.")
        return redirect("documents:detail", pk=order.pk)
    form = OrderForm(request.POST if request.method == "POST" else None, initial=order_initial(order),
                     user=request.user, kind=order.kind, organization=order.organization)
    if request.method == "POST" and run_action(form, partial(actions.update_order, order, actor=request.user)):
        messages.success(request, "Проект приказа изменён.")
        return redirect("documents:detail", pk=order.pk)
    return render(request, "documents/order_form.html", {"order": order, "form": form})


@login_required
@FORM_METHODS
def order_register(request: HttpRequest, pk: int) -> HttpResponse:
    """Number and date of the signed order; registering moves the pairs it names to their new state."""
    order = _order(request.user, pk, manage=True)
    form = RegisterForm(request.POST if request.method == "POST" else None, initial={"date": timezone.localdate()})
    if request.method == "POST" and run_action(form, partial(actions.register_order, order, actor=request.user)):
        messages.success(request, f"Приказ зарегистрирован. {rules.REGISTERED[order.kind]}".strip())
        return redirect("documents:detail", pk=order.pk)
    return render(request, "documents/order_register.html", {"order": order, "form": form})


@login_required
def order_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The registered order as it was kept on registration; a project filled with today's data."""
    order = _order(request.user, pk)
    if not rules.names_shown_to(request.user, order):
        raise Http404
    return _document(request, partial(rendering.order_document, order), rendering.order_filename(order),
                     reverse("documents:detail", args=[order.pk]))


# Templates

@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    organizations = managed_organizations(request.user)
    _require_staff(request.user, "manage_pairs")
    organization = organizations.filter(pk=request.GET.get("organization") or 0).first() or organizations.first()
    own = {t.kind: t for t in DocumentTemplate.objects.filter(organization=organization)} if organization else {}
    kinds = [(kind, label, own.get(kind)) for kind, label in DOCUMENT_KINDS]
    return render(request, "documents/template_list.html", {
        "organizations": organizations, "organization": organization, "kinds": kinds,
        "form": TemplateUploadForm(user=request.user)})


@login_required
@require_POST
def template_upload(request: HttpRequest) -> HttpResponse:
    form = TemplateUploadForm(request.POST, request.FILES, user=request.user)
    _require_staff(request.user, "manage_pairs")
    if run_action(form, partial(actions.upload_template, actor=request.user)):
        messages.success(request, "Шаблон загружен: документы этого вида теперь заполняются по нему.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return _templates(form.cleaned_data.get("organization"))


def _templates(organization) -> HttpResponse:
    return redirect(f"{reverse('documents:templates')}?organization={organization.pk if organization else ''}")


@login_required
@require_POST
def template_reset(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(DocumentTemplate, pk=pk, organization__in=managed_organizations(request.user))
    actions.reset_template(template, actor=request.user)
    messages.success(request, "Снова действует шаблон по умолчанию.")
    return _templates(template.organization)


@login_required
def template_file(request: HttpRequest, organization_pk: int, kind: str) -> HttpResponse:
    """The template in force (own or default), to edit it and upload it back."""
    organization = get_object_or_404(managed_organizations(request.user), pk=organization_pk)
    labels = dict(DOCUMENT_KINDS)
    if kind not in labels:
        raise Http404
    return _attachment(rendering.template_bytes(organization, kind), f"Шаблон — {labels[kind]}.docx")


# Consent forms

@login_required
def consent_list(request: HttpRequest) -> HttpResponse:
    """Finding a participant to print their consent forms."""
    _require_staff(request.user, "manage_people")
    form = ParticipantSearchForm(request.GET)
    found = Participant.objects.none()
    if form.is_valid() and (words := normalize(form.cleaned_data["q"]).split()):
        found = _consent_people(request.user)
        for word in words:
            found = found.filter(fio_key__contains=word)
    return render(request, "documents/consent_list.html", {"form": form, "found": found.select_related(
        "organization")[:PAGE_SIZE], "kinds": ConsentFormKind.choices})


def _consent_people(user):
    organizations = organizations_where(user, "manage_people")
    return Participant.objects.visible_to(user).active().filter(organization__in=organizations)


@login_required
def consent_docx(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    participant = get_object_or_404(_consent_people(request.user).select_related("organization"), pk=pk)
    if kind not in ConsentFormKind.values:
        raise Http404
    filename = f"{ConsentFormKind(kind).label} — {participant.full_name}.docx"
    return _document(request, partial(rendering.render_consent, participant, kind), filename,
                     reverse("documents:consents"))


# Exports

@login_required
def registry_xlsx(request: HttpRequest) -> HttpResponse:
    """Реестр наставников of the user's organizations (above the organization: the base of mentors instead)."""
    mentors = Participant.objects.visible_to(request.user)
    _require_staff(request.user, "view_people")
    return _attachment(exporting.mentor_registry(mentors), f"Реестр наставников {_today()}.xlsx", exporting.CONTENT_TYPE)


@login_required
def pairs_xlsx(request: HttpRequest) -> HttpResponse:
    """The pairs of the user's scope, narrowed by the filters of the pair list."""
    pairs = Pair.objects.visible_to(request.user)
    _require_staff(request.user, "view_people")
    filterset = PairFilter(request.GET, pairs, request=request)
    return _attachment(exporting.pair_list(filterset.qs), f"Наставнические пары {_today()}.xlsx", exporting.CONTENT_TYPE)


def _today() -> str:
    return f"{timezone.localdate():%d.%m.%Y}"

