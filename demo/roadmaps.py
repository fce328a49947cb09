"""The demo's roadmaps, through roadmaps.actions: the region's seven-stage one and Абакан's municipal one
copied from the seeds' templates and adapted to the demo's years, with a control point every December; the
schools of Абакан with roadmaps in every state — approved after a return with a comment (the home school,
whose item «приказ» completed itself when the order was registered, and one item overdue), sent and waiting,
returned with comments, a draft with a term nobody can read — and one organization without a roadmap."""

import datetime
import re

from demo.region import HOME_SCHOOL
from documents.models import OrderKind
from roadmaps import actions
from roadmaps.catalogue import Row
from roadmaps.models import Item

SEED_YEAR = 2020  # the first year the municipal template of seed 001 speaks of


def _rows(year: int) -> list[Row]:
    """A school roadmap for the school year starting in `year`, laid out as schools write them."""
    y, n = year, year + 1
    return [
        Row("1.", "Нормативное правовое регулирование внедрения целевой модели наставничества", section=True),
        Row("1.1.", "Приказ о внедрении целевой модели наставничества, положение и дорожная карта", f"до 10.09.{y}",
            "Директор", "Приказ ОО"),
        Row("1.2.", "Назначение куратора внедрения целевой модели наставничества", f"до 10.09.{y}", "Директор",
            "Приказ ОО"),
        Row("1.3.", "Согласование дорожной карты с отделом образования", f"сентябрь – октябрь {y} г.",
            "Заместитель директора", "Согласованная дорожная карта"),
        Row("2.", "Организационная и информационная поддержка", section=True),
        Row("2.1.", "Формирование баз наставников и наставляемых", f"до 30.10.{y}", "Куратор",
            "Базы наставников и наставляемых"),
        Row("2.2.", "Информирование родителей и обучающихся о программе наставничества", "ежеквартально",
            "Классные руководители", "Информация на сайте школы"),
        Row("2.3.", "Консультации наставников", "по мере необходимости", "Педагог-психолог", ""),
        Row("3.", "Мониторинг и оценка результатов", section=True),
        Row("3.1.", "Мониторинг реализации программы наставничества", "декабрь ежегодно", "Куратор",
            "Справка по итогам мониторинга"),
        Row("3.2.", "Итоговая конференция наставнических практик", f"май {n} г.", "Куратор",
            "Отчёт о реализации программы"),
    ]


def _shifted(term: str, years: int) -> str:
    """The template's years moved to the demo's: «Декабрь 2020, Декабрь 2021» → «Декабрь 2026, Декабрь 2027»."""
    return re.sub(r"(?<!\d)(20\d\d)(?!\d)", lambda m: str(int(m[1]) + years), term)


def _adapted(organization, code: str, start: datetime.date, end: datetime.date, template_start: int):
    roadmap = actions.copy_template(organization=organization, code=code, actor=None, starts_on=start, ends_on=end)
    years = start.year - template_start
    for item in roadmap.items.all():
        if re.search(r"20\d\d", item.term):
            actions.update_item(item, actor=None, term=_shifted(item.term, years))
    return roadmap


def make_roadmaps(organizations: dict, *, year_start: datetime.date, today: datetime.date, users: dict) -> None:
    y = year_start.year
    _adapted(organizations["19"], "regional_seven_stages", year_start, datetime.date(y + 4, 12, 31), SEED_YEAR)
    _adapted(organizations["19-01"], "municipal_2020_2024", datetime.date(y, 8, 1), datetime.date(y + 4, 12, 31),
             SEED_YEAR)
    period = {"starts_on": year_start, "ends_on": datetime.date(y + 1, 5, 31)}
    curator, municipal = users["curator"], users["municipal"]

    def school(code: str, actor=None, rows=None):
        return actions.create_roadmap(organization=organizations[code], actor=actor, rows=rows or _rows(y),
                                      title=f"Дорожная карта внедрения целевой модели наставничества на {y}/{y + 1} "
                                            "учебный год", **period)

    home = school(HOME_SCHOOL, curator)
    items = {item.number: item for item in home.items.all()}
    actions.set_progress(items["1.1."], actor=curator, status=Item.Status.PLANNED,
                         confirmed_by=f"order:{OrderKind.REGULATION}")
    actions.set_progress(items["1.2."], actor=curator, status=Item.Status.DONE, day=year_start.replace(day=5))
    actions.send(home, actor=curator)
    actions.return_for_changes(home, actor=municipal, comment="Уточните ответственных.",
                               comments={items["2.3."].pk: "Кто ведёт консультации: назовите ответственного."})
    actions.update_item(items["2.3."], actor=curator, responsible="Педагог-психолог, куратор")
    actions.send(home, actor=curator)
    actions.approve(home, actor=municipal, comment="Согласовано.")
    actions.set_progress(items["1.3."], actor=curator, status=Item.Status.DONE, day=min(today, datetime.date(y, 10, 20)))
    # 2.1 «до 30.10» stays open: overdue on the pages once the day has passed

    actions.send(school("19-01-002"), actor=None)
    returned = school("19-01-003")
    actions.send(returned, actor=None)
    first = returned.items.order_by("position").first()
    actions.return_for_changes(returned, actor=municipal, comments={first.pk: "Срок раньше приказа о внедрении."})
    college = _rows(y)
    college[5] = Row("2.1.", "Формирование баз наставников и наставляемых", "согласно графику колледжа", "Куратор",
                     "Базы наставников и наставляемых")
    school("19-01-101", rows=college)
