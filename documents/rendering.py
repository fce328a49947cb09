"""Orders and consent forms rendered into DOCX with docxtpl, from the organization's own template or the
default one, in the sandbox of documents.sandbox: a template may use only the names its kind fills (SAMPLES);
every text goes through the «ёлочки» typography."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Prefetch

from documents import defaults, sandbox, typography
from documents.models import ConsentFormKind, DocumentTemplate, Order, OrderKind
from documents.rules import CHANGES, MENTORS, NAMES, PAIRS, REWARDED_PAIR_STATUSES
from pairs.models import Pair, PairChange, PairMentee
from people.models import Consent, Participant
from utilities.text import printable

BLANK_NUMBER = "______"
BLANK_DATE = "«____» ____________ 20____ г."
BLANK_NAME = "________________________________________"
ROLES = {True: "наставника", False: "наставляемого"}


def template_bytes(organization, kind: str) -> bytes:
    """The organization's own template of `kind`, or the default one."""
    own = DocumentTemplate.objects.filter(organization=organization, kind=kind).first()
    if own is None:
        return defaults.default_template(kind)
    with own.file.open("rb") as stream:
        return stream.read()


def render(template: bytes, kind: str, context: dict) -> bytes:
    """The DOCX of `template` of `kind` filled with `context`; strings get «ёлочки», XML special characters are
    escaped. A template doing more than its kind's names allow (one kept before the check) is refused here too."""
    try:
        return sandbox.render(template, _typeset(context), SAMPLES[kind])
    except sandbox.TemplateRefused as refusal:
        raise ValidationError(str(refusal)) from None


def check_template(template: bytes, kind: str) -> None:
    """Refuse a file that is not a DOCX or whose tags do more than print the names of its kind, checking it and
    filling it once with sample data."""
    try:
        render(template, kind, SAMPLES[kind])
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None


def _typeset(value):
    if isinstance(value, str):
        return typography.quotes(printable(value))
    if isinstance(value, dict):
        return {key: _typeset(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_typeset(item) for item in value]
    return value


# Orders

def render_order(order: Order) -> bytes:
    return render(template_bytes(order.organization, order.kind), order.kind, order_context(order))


def order_context(order: Order) -> dict:
    signer = order.signer
    return {
        "organization": order.organization.name,
        "title": order.get_kind_display(),
        "number": order.number or BLANK_NUMBER,
        "date": typography.date_short(order.date) or BLANK_DATE,
        "date_long": typography.date_long(order.date) or BLANK_DATE,
        "paragraphs": paragraphs(order.text),
        "rows": order_rows(order),
        "signer": typography.initials(signer.last_name, signer.first_name, signer.middle_name) if signer else "",
        "signer_position": order.signer_position,
        "draft": order.is_draft,
    }


def paragraphs(text: str) -> list[str]:
    """Paragraphs of the order's text: blocks separated by an empty line, inner line breaks joined."""
    blocks = text.replace("\r\n", "\n").split("\n\n")
    return [" ".join(line.strip() for line in block.split("\n") if line.strip()) for block in blocks if block.strip()]


def order_rows(order: Order) -> list[dict]:
    names = NAMES[order.kind]
    if names == PAIRS:
        rows = [pair_row(pair) for pair in _pairs(order.pairs.all())]
    elif names == CHANGES:
        changes = order.changes.select_related("pair__mentor", "new_mentor").prefetch_related(
            Prefetch("pair__mentees", queryset=_mentees()), "pair__mentor_terms__mentor")
        rows = [change_row(change) for change in changes.order_by("pair__mentor__last_name", "pk")]
    elif names == MENTORS:
        worked = Pair.objects.filter(organization=order.organization, status__in=REWARDED_PAIR_STATUSES)
        mentors = order.mentors.select_related("organization", "mentor_profile").prefetch_related(
            "mentor_profile__forms", Prefetch("mentored_pairs", queryset=_pairs(worked)))
        rows = [mentor_row(mentor) for mentor in mentors]
    else:
        rows = []
    return [{"n": index, **row} for index, row in enumerate(rows, start=1)]


def _mentees():
    return PairMentee.objects.filter(left_on__isnull=True).select_related("mentee").order_by("mentee__last_name")


def _pairs(pairs):
    return pairs.select_related("mentor", "form").prefetch_related(Prefetch("mentees", queryset=_mentees())).order_by(
        "mentor__last_name", "mentor__first_name", "pk")


def _mentee_names(pair: Pair) -> str:
    return ", ".join(item.mentee.full_name for item in pair.mentees.all())


def pair_row(pair: Pair) -> dict:
    return {"mentor": pair.mentor.full_name, "mentees": _mentee_names(pair), "form": f"«{pair.form.name}»",
            "term": typography.term(pair.start_date, pair.planned_end_date)}


def _mentor_before(change: PairChange) -> Participant:
    """Who mentored the pair before the change: the mentor now, or, once a replacement is applied, the
    mentor of the term that ended the day before it."""
    if change.kind != PairChange.Kind.REPLACEMENT or change.status != PairChange.Status.APPLIED:
        return change.pair.mentor
    ended = change.effective_on - datetime.timedelta(days=1)
    return next((t.mentor for t in change.pair.mentor_terms.all() if t.ended_on == ended), change.pair.mentor)


def change_row(change: PairChange) -> dict:
    return {"mentor": _mentor_before(change).full_name, "mentees": _mentee_names(change.pair),
            "reason": change.get_reason_display(),
            "new_mentor": change.new_mentor.full_name if change.new_mentor else "",
            "effective_on": typography.date_short(change.effective_on),
            "new_end": typography.date_short(change.new_end_date)}


def mentor_row(mentor: Participant) -> dict:
    """A mentor with their place and forms, and the mentees of the pairs they worked with."""
    profile = getattr(mentor, "mentor_profile", None)
    place = mentor.organization.name + (f", {mentor.grade_label} класс" if mentor.grade_label else "")
    return {"mentor": mentor.full_name, "category": mentor.get_category_display(), "place": place,
            "forms": ", ".join(f"«{form.name}»" for form in profile.forms.all()) if profile else "",
            "mentees": "; ".join(_mentee_names(pair) for pair in mentor.mentored_pairs.all())}


def order_document(order: Order) -> bytes:
    """The registered order as kept on registration; a project (or a lost file) filled with today's data."""
    if order.file:
        with order.file.open("rb") as stream:
            return stream.read()
    return render_order(order)


def order_filename(order: Order) -> str:
    return f"Приказ {order.heading} {order.get_kind_display()}.docx".replace("/", "-")


# Consent forms

def render_consent(participant: Participant, kind: str) -> bytes:
    return render(template_bytes(participant.organization, kind), kind, consent_context(participant, kind))


def consent_context(participant: Participant, kind: str) -> dict:
    representative = ""
    if kind == ConsentFormKind.REPRESENTATIVE:
        consent = participant.consents.filter(kind=Consent.Kind.REPRESENTATIVE, withdrawn_on__isnull=True).first()
        representative = consent.representative_name if consent else ""
    signer = representative.split() if kind == ConsentFormKind.REPRESENTATIVE else [
        participant.last_name, participant.first_name, participant.middle_name]
    return {
        "organization": participant.organization.name,
        "person": participant.full_name,
        "birth_date": typography.date_short(participant.birth_date) or "________",
        "role": ROLES[participant.is_mentor],
        "representative": representative or BLANK_NAME,
        "signature": typography.initials(*signer) if signer else "________________",
    }


# The names each kind of document fills, with sample values: what a template may use (see documents.sandbox),
# and what an uploaded template is filled with once, to be checked.
_SAMPLE_ORDER = {"organization": "МБОУ «СОШ № 1»", "title": "Образец", "number": "1", "date": "01.09.2026",
                 "date_long": "1 сентября 2026 г.", "paragraphs": ["Текст приказа."], "signer": "И.И. Иванов",
                 "signer_position": "Директор", "draft": False}
SAMPLES = {
    **{kind: {**_SAMPLE_ORDER, "rows": [{"n": 1, **{key: "образец" for _, key, _ in defaults.TABLES.get(kind, [])}}]}
       for kind in OrderKind.values},
    **{kind: {"organization": "МБОУ «СОШ № 1»", "person": "Иванов Иван Иванович", "birth_date": "01.09.2012",
              "role": ROLES[False], "representative": "Иванова Анна Петровна", "signature": "А.П. Иванова"}
       for kind in ConsentFormKind.values},
}
