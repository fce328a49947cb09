"""The demo's reports, through reports.actions: the home school's yearly report with the curator's texts and one
more school of Абакан sent up, Абакан's summary of its schools as a draft the municipal specialist can finish."""

import datetime

from demo.region import HOME_SCHOOL
from reports import actions

SUMMARY = ("Программа наставничества выполнена: пары сформированы приказом, встречи проходили не реже раза в две "
           "недели, итоговые анкеты собраны.")
BEST_CASES = ("Проект «Читаем вместе»: старшеклассники-наставники провели с пятиклассниками цикл встреч "
              "в библиотеке школы.\nПрофессиональные пробы на предприятии-партнёре для учеников 9–11 классов.")
PLANS = "Расширить форму «студент – ученик» вместе с колледжем, провести школу наставников в сентябре."


def make_reports(organizations: dict, *, year_start: datetime.date, today: datetime.date, users: dict) -> None:
    year, curator = year_start.year, users["curator"]
    home = actions.create_report(organization=organizations[HOME_SCHOOL], year=year, actor=curator, today=today)
    actions.edit_texts(home, actor=curator, summary=SUMMARY, best_cases=BEST_CASES, plans=PLANS)
    actions.send(home, actor=curator)
    other = actions.create_report(organization=organizations["19-01-002"], year=year, actor=None, today=today)
    actions.send(other, actor=None)
    actions.create_report(organization=organizations["19-01"], year=year, actor=users["municipal"], today=today)
