"""What each kind of order names, and which pairs, changes or mentors an order of that kind may name."""

from django.db.models import Q, QuerySet

from accounts.scoping import may
from documents.models import OrderKind
from pairs.models import Pair, PairChange, PairStatus
from people.models import Participant

PAIRS, CHANGES, MENTORS = "pairs", "changes", "mentors"

# The field of Order each kind fills (None: the order names nothing, e.g. the regulation).
NAMES: dict[str, str | None] = {
    OrderKind.REGULATION: None,
    OrderKind.REGISTRY: MENTORS,
    OrderKind.PAIRS: PAIRS,
    OrderKind.REPLACEMENT: CHANGES,
    OrderKind.EXTENSION: CHANGES,
    OrderKind.REWARD: MENTORS,
}
CHANGE_KINDS = {OrderKind.REPLACEMENT: PairChange.Kind.REPLACEMENT, OrderKind.EXTENSION: PairChange.Kind.EXTENSION}
# Mentors rewarded are those who have worked with a pair.
REWARDED_PAIR_STATUSES = (PairStatus.ACTIVE, PairStatus.COMPLETED)



def names_shown_to(user, order) -> bool:
    """Whether the user may read whom the order names: inside the organization only. Above it the order is a
    document of the organization; its appendix (and so its DOCX) is not shown, only how many it names."""
    return NAMES[order.kind] is None or may(user, "view_people", order.organization)


REFUSED = {
    OrderKind.REGISTRY: "В реестр входят только наставники организации и наставники её пар",
    OrderKind.PAIRS: "Закрепить можно только предложенные пары (группы) организации",
    OrderKind.REPLACEMENT: "Приказ может назвать только замены наставников организации, ожидающие приказа",
    OrderKind.EXTENSION: "Приказ может назвать только продления сроков пар организации, ожидающие приказа",
    OrderKind.REWARD: "Поощрить можно наставников, работавших с парами (группами) организации",
}
# What registering an order of the kind has done, as the page says it.
REGISTERED = {
    OrderKind.REGULATION: "",
    OrderKind.REGISTRY: "",
    OrderKind.PAIRS: "Пары (группы) утверждены приказом.",
    OrderKind.REPLACEMENT: "Наставники заменены.",
    OrderKind.EXTENSION: "Сроки наставничества продлены.",
    OrderKind.REWARD: "",
}
EMPTY = {
    PAIRS: "Отметьте хотя бы одну предложенную пару (группу).",
    CHANGES: "Отметьте хотя бы одно изменение, ожидающее приказа.",
    MENTORS: "Отметьте хотя бы одного наставника.",
}


def eligible(kind: str, organization) -> QuerySet | None:
    """Everything an order of `kind` of `organization` may name now; None when the kind names nothing."""
    names = NAMES[kind]
    if names == PAIRS:
        return Pair.objects.filter(organization=organization, status=PairStatus.PROPOSED)
    if names == CHANGES:
        return PairChange.objects.filter(pair__organization=organization, kind=CHANGE_KINDS[kind],
                                         status=PairChange.Status.PENDING)
    if names == MENTORS:
        return _mentors(kind, organization)
    return None


def _mentors(kind: str, organization) -> QuerySet:
    """Mentors of the organization, and mentors from elsewhere (a partner) who mentor its pairs."""
    mentors = Participant.objects.active().filter(is_mentor=True)
    if kind == OrderKind.REWARD:
        return mentors.filter(mentored_pairs__organization=organization,
                              mentored_pairs__status__in=REWARDED_PAIR_STATUSES).distinct()
    return mentors.filter(Q(organization=organization) | Q(mentored_pairs__organization=organization)).distinct()
