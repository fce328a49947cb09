"""The refusals of the approval workflow in words, and two versions side by side. No Django here."""

from dataclasses import dataclass

NOT_EDITABLE = {
    "sent": "Дорожная карта на согласовании: её нельзя менять, пока уровень выше не решит.",
    "approved": "Дорожная карта согласована: чтобы изменить её, начните новую редакцию.",
}
NOBODY_ABOVE = "Выше этой организации нет уровня, который согласует дорожную карту."
DATES_MISSING = "Не у всех мероприятий есть срок: задайте даты мероприятиям, отмеченным «нужна дата»."
NOT_SENT = "Дорожная карта не на согласовании."
NOT_APPROVED = "Новую редакцию начинают у согласованной дорожной карты."
NOBODY_TO_REMIND = ("Напомнить некому: у тех, кто отвечает за организацию (кураторов; у муниципалитета — специалистов), "
                    "нет адреса электронной почты.")
REMINDED_TODAY = "Сегодня организации уже напомнили: следующее напоминание — завтра."

FIELDS = ("number", "activity", "term", "responsible", "result")


@dataclass(frozen=True)
class Pair:
    """An item in two versions: `old` or `new` is None where it was added or removed."""

    old: dict | None
    new: dict | None
    changed: tuple[str, ...]


def side_by_side(old: dict, new: dict) -> list[Pair]:
    """The items of two version snapshots in the order of the newer one, each beside its older self (by id);
    the removed ones follow."""
    before = {item["id"]: item for item in old["items"]}
    pairs = []
    for item in new["items"]:
        was = before.pop(item["id"], None)
        changed = tuple(f for f in FIELDS if was is None or was.get(f) != item.get(f))
        pairs.append(Pair(was, item, changed))
    pairs += [Pair(item, None, FIELDS) for item in before.values()]
    return pairs


@dataclass(frozen=True)
class Tally:
    """A roadmap at a control point: numbers, never names."""

    items: int
    due: int  # due on or before the day
    done: int  # of those, done by the day
    overdue: int  # of those, not done by the day (or by today, for a day still ahead)

    @property
    def completion(self) -> int | None:
        """Per cent of the items due that are done; None when nothing is due yet."""
        return round(100 * self.done / self.due) if self.due else None


def tally(items, day, today) -> Tally:
    """Items as (first due date or None, done on or None, closed without being done) counted at `day`."""
    seen = min(day, today)
    due = [(due_on, done_on) for due_on, done_on, cancelled in items
           if not cancelled and due_on is not None and due_on <= day]
    done = sum(1 for _, done_on in due if done_on is not None and done_on <= day)
    overdue = sum(1 for due_on, done_on in due if due_on < seen and (done_on is None or done_on > seen))
    return Tally(sum(1 for _, _, cancelled in items if not cancelled), len(due), done, overdue)
