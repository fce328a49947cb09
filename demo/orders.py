"""The demo's orders, drafted and registered through documents.actions: registering an order moves
the pairs or changes it names, exactly as when a curator registers it on the orders page."""

import datetime

from accounts.models import Role, RoleAssignment
from documents import actions
from documents.models import Order


class OrderBook:
    """Numbers orders «1-од», «2-од» … in each organization and calendar year (issue them in date
    order); the head signs where there is one."""

    def __init__(self, actor):
        self.actor = actor
        self.issued: dict[tuple[int, int], int] = {}  # (organization id, year) → orders registered
        self.heads = {a.organization_id: a.user for a in RoleAssignment.objects.filter(role=Role.HEAD)
                      .select_related("user")}

    def issue(self, organization, kind: str, items, on: datetime.date) -> Order:
        order = actions.draft_order(organization=organization, kind=kind, actor=self.actor, items=list(items),
                                    signer=self.heads.get(organization.pk))
        key = organization.pk, on.year
        self.issued[key] = number = self.issued.get(key, 0) + 1
        return actions.register_order(order, actor=self.actor, number=f"{number}-од", date=on)
