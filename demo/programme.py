"""The home school's programme of the current school year, through programmes.actions: stages 1–4
done with their documents and orders, stage 5 forming the pairs; after the pairs are fixed, stage 5
done and stage 6 under way — so the curator's programme page has something to show at every stage."""

import datetime

from demo.orders import OrderBook
from documents.models import OrderKind
from people.models import Participant
from people.rules import missing_consents
from programmes import actions
from programmes.models import MentorshipForm

FORMS = ["pupil_pupil", "teacher_teacher", "student_pupil", "employer_pupil"]
GOAL = ("Раскрытие личностного и профессионального потенциала обучающихся и педагогов школы, "
        "успешная адаптация молодых специалистов и ранняя профориентация старшеклассников.")
TASKS = ("Сформировать базы наставников и наставляемых; обучить наставников; закрепить пары и группы; "
         "организовать их работу по индивидуальным планам; подвести итоги и распространить лучшие практики.")
RESULTS = ("Не менее 60 % обучающихся 5–11 классов и все молодые специалисты вовлечены в наставничество; "
           "удовлетворённость участников не ниже 85 %.")
# (stage, event, day of the school year it is due — (month, day) — responsible, result)
CALENDAR = [
    (1, "Приказ о внедрении целевой модели, положение о наставничестве и дорожная карта", (9, 1), "директор",
     "приказ, положение, дорожная карта"),
    (2, "Сбор согласий и запросов наставляемых, анкетирование", (9, 20), "куратор, классные руководители",
     "база наставляемых с перечнем запросов"),
    (3, "Анкетирование «Чем я могу быть полезен в качестве наставника?»", (9, 22), "куратор",
     "база наставников по #тегам"),
    (4, "Школа наставников (36 часов), приказ об утверждении реестра наставников", (9, 24), "куратор",
     "реестр наставников"),
    (5, "Групповая встреча, анкеты предпочтений, приказ о закреплении пар", (9, 25), "куратор, педагог-психолог",
     "приказ о закреплении наставнических пар (групп)"),
    (6, "Встречи пар не реже раза в две недели, отчёты наставников куратору", None, "наставники, куратор",
     "индивидуальные планы, формы обратной связи"),
    (7, "Итоговые анкеты, отчёты, фестиваль наставнических практик", (5, 25), "куратор",
     "отчёт о реализации программы, приказ о поощрении наставников"),
]


class ProgrammeStory:
    def __init__(self, *, organization, year_start: datetime.date, today: datetime.date, actor, curator,
                 orders: OrderBook):
        self.organization, self.year_start, self.today = organization, year_start, today
        self.actor, self.orders = actor, orders
        forms = list(MentorshipForm.objects.filter(code__in=FORMS))
        self.programme = actions.create_programme(
            organization=organization, year=year_start.year, forms=forms, goal=GOAL, tasks=TASKS,
            expected_results=RESULTS, curator=curator, actor=actor)
        actions.set_calendar_plan(self.programme, [self._row(*row) for row in CALENDAR], actor=actor)

    def day(self, month: int, day: int) -> datetime.date:
        """A day of the school year, never after today."""
        year = self.year_start.year + (month < 9)
        return min(datetime.date(year, month, day), self.today)

    def _row(self, stage, event, due, responsible, result) -> dict:
        return {"stage": stage, "event": event, "due_date": due and datetime.date(
            self.year_start.year + (due[0] < 9), *due), "due_text": "" if due else "в течение года",
            "responsible": responsible, "result": result}

    def stage(self, number: int):
        return self.programme.stages.get(number=number)

    def record(self, kind: str, on: datetime.date, number: str = "") -> None:
        actions.record_stage_document(self.programme, kind=kind, actor=self.actor, number=number, dated=on)

    def before_pairs(self) -> None:
        """Stages 1–4 done with their documents and orders; stage 5 under way."""
        start = self.day(9, 1)
        actions.start_stage(self.stage(1), actor=self.actor, on=start)
        regulation = self.orders.issue(self.organization, OrderKind.REGULATION, (), start)
        for kind in ("model_order", "regulation", "roadmap", "curator_order"):
            self.record(kind, start, regulation.number)
        self.record("web_page", self.day(9, 5))
        actions.complete_stage(self.stage(1), actor=self.actor, on=self.day(9, 5))
        for number in (2, 3):
            actions.start_stage(self.stage(number), actor=self.actor, on=self.day(9, 2))
        for kind, on in (("consents", self.day(9, 20)), ("mentee_base", self.day(9, 20)),
                         ("mentor_questionnaires", self.day(9, 15)), ("mentor_base", self.day(9, 22))):
            self.record(kind, on)
        actions.complete_stage(self.stage(2), actor=self.actor, on=self.day(9, 20))
        actions.complete_stage(self.stage(3), actor=self.actor, on=self.day(9, 22))
        actions.start_stage(self.stage(4), actor=self.actor, on=self.day(9, 10))
        self.record("training_programme", self.day(9, 10))
        registry = self.orders.issue(self.organization, OrderKind.REGISTRY, self._registry(self.day(9, 24)),
                                     self.day(9, 24))
        self.record("mentor_registry_order", registry.date, registry.number)
        actions.complete_stage(self.stage(4), actor=self.actor, on=self.day(9, 24))
        actions.start_stage(self.stage(5), actor=self.actor, on=self.day(9, 24))

    def _registry(self, on: datetime.date) -> list[Participant]:
        mentors = Participant.objects.active().filter(organization=self.organization, is_mentor=True)
        return [m for m in mentors.prefetch_related("consents") if not missing_consents(m, on)]

    def after_pairs(self) -> None:
        """The order fixing the pairs is in stage 5 (registered with the pairs): it is done; stage 6 goes on."""
        start = self.day(10, 1)
        actions.complete_stage(self.stage(5), actor=self.actor, on=start)
        actions.start_stage(self.stage(6), actor=self.actor, on=start)
        self.record("individual_plans", self.day(10, 10))

