"""Matching on generated data in the bench's throwaway database:
- a region of 2 000 schools with 200 000 mentees and 70 000 mentors («ученик – ученик», about 30
  eligible mentors a mentee): end to end (read from the database, check the rules, score, solve,
  return the suggestions with the points of their scores, the first page's in words) against the engine's own solve of the same graph, one
  min-cost flow per connected component (goal ≤ 2×: like for like), and against one flow over the whole
  graph (for reference), and the peak memory of the process (goal < 2 GB);
- one organization with 2 000 mentees and 800 mentors, every pair allowed (goal < 5 s);
- the greedy, by-hand assignment's matched count and score as a % of the optimum, for both.
The data are written with executemany in big batches, not one model object per row.
"""

import datetime
import random
import time
from pathlib import Path

import numpy as np

SCHOOLS, MENTEES_A_SCHOOL, MENTORS_A_SCHOOL = 2_000, 100, 35
BIG_MENTEES, BIG_MENTORS = 2_000, 800
START = datetime.date(2026, 9, 1)
GOAL_RATIO, GOAL_GB, GOAL_ORGANIZATION_SECONDS = 2.0, 2.0, 5.0
# The region is matched this many times on the same data and the run of the median ratio reported: on this kind of
# machine one run's figures vary by a quarter from the next one's. The first run (the morphology dictionary loaded,
# every text read for the first time, as in a worker that has just started) is printed as well.
RUNS = 3
BATCH = 20_000

INTERESTS = ["шахматы", "футбол", "робототехника", "рисование", "волонтёрство", "программирование", "театр",
             "чтение", "музыка", "биология", "история края", "плавание", "журналистика", "английский язык",
             "баскетбол", "фотография", "астрономия", "туризм", "танцы", "кулинария", "лыжные гонки", "хоккей",
             "химия", "экология", "вокал", "дизайн", "блогинг", "настольные игры", "моделирование", "краеведение"]
REQUESTS = ["подготовка к ОГЭ по математике", "помощь с адаптацией в новом классе", "выбор профессии",
            "подготовка к олимпиаде по физике", "проект по биологии", "уверенность в публичных выступлениях",
            "помощь с английским языком", "подготовка к олимпиаде по информатике", "научиться программировать",
            "проект по робототехнике", "подтянуть русский язык", "помощь с химией", "найти друзей в школе",
            "подготовка к соревнованиям по лыжным гонкам", "школьный театр", "участие в волонтёрском отряде"]
COMPETENCES = ["олимпиадная математика", "физика", "проектная деятельность", "программирование на Python",
               "английский язык", "химия", "русский язык", "биология", "робототехника", "публичные выступления",
               "лыжные гонки", "театральная студия", "волонтёрство", "информатика", "адаптация новичков"]
USEFUL = ["помогу с домашними заданиями", "расскажу о выборе профессии", "научу выступать перед классом",
          "позанимаюсь разговорным английским", "покажу, как готовиться к олимпиадам", "помогу освоиться в школе"]
TAGS = ["#лидер", "#отличник", "#спортсмен", "#активист", "#волонтёр", "#успевающий", "#равный"]
SURNAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков",
            "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов"]
FIRST = ["Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём", "Илья", "Кирилл", "Михаил"]
MIDDLE = ["Александрович", "Дмитриевич", "Сергеевич", "Андреевич", "Алексеевич", "Михайлович", "Иванович"]


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    """executemany in batches of BATCH rows: no model object per row."""
    from django.db import connection

    table = model._meta.db_table
    names = [model._meta.get_field(c).column for c in columns]
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(['%s'] * len(names))})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start:start + BATCH])


class People:
    """Generated participants with explicit ids, written with their profiles, requests and consents."""

    def __init__(self, seed: int):
        from people.models import Participant

        self.rng = random.Random(seed)
        self.next_id = (Participant.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        self.participants, self.mentors, self.mentees, self.requests, self.consents = [], [], [], [], []
        self.seen: set[tuple] = set()  # (organization, ФИО, birth date) are unique

    def add(self, organization_id: int, grade: int, *, mentor: bool) -> None:
        from people.names import fio_key

        rng, pid = self.rng, self.next_id
        self.next_id += 1
        while True:
            last, first, middle = rng.choice(SURNAMES), rng.choice(FIRST), rng.choice(MIDDLE)
            birth = datetime.date(START.year - grade - 7, rng.randint(1, 12), rng.randint(1, 28))
            if (organization_id, last, first, middle, birth) not in self.seen:
                self.seen.add((organization_id, last, first, middle, birth))
                break
        self.participants.append((pid, organization_id, last, first, middle, fio_key(last, first, middle),
                                  birth.isoformat(), birth.year, "", "", "", "pupil", grade, "", mentor, not mentor,
                                  ", ".join(rng.sample(INTERESTS, 3)), "2026-08-01 00:00:00", "2026-08-01 00:00:00"))
        if mentor:
            self.mentors.append((pid, "pupils", ", ".join(rng.sample(COMPETENCES, 2)), ", ".join(rng.sample(TAGS, 2)),
                                 rng.choice(USEFUL), 10 + rng.randint(0, 2), 14 + rng.randint(0, 2),
                                 rng.randint(1, 8), rng.randint(1, 3)))
        else:
            self.mentees.append((pid, None, None, False, ""))
            self.requests.append((pid, rng.choice(REQUESTS), "study", "self", "2026-08-15 00:00:00"))
        self.consents.append((pid, "personal_data", "2026-08-20", "", "", False))
        self.consents.append((pid, "representative", "2026-08-20", "Законный представитель", "", False))

    def write(self) -> None:
        from people.models import Consent, MenteeProfile, MenteeRequest, MentorProfile, Participant

        _insert(Participant, ["id", "organization", "last_name", "first_name", "middle_name", "fio_key",
                              "birth_date", "birth_year", "sex", "email", "phone", "category", "grade",
                              "grade_letter", "is_mentor", "is_mentee", "interests", "created_at", "updated_at"],
                self.participants)
        _insert(MentorProfile, ["participant", "source", "competences", "tags", "useful_for", "preferred_age_min",
                                "preferred_age_max", "hours_per_month", "max_mentees"], self.mentors)
        _insert(MenteeProfile, ["participant", "desired_form", "desired_variant", "new_to_organization",
                                "support_reason"], self.mentees)
        _insert(MenteeRequest, ["participant", "text", "area", "stated_by", "created_at"], self.requests)
        _insert(Consent, ["participant", "kind", "given_on", "representative_name", "scan", "given_online"],
                self.consents)


def _organizations(region_code: str, schools: int):
    from organizations.models import Organization

    region = Organization.objects.create(code=region_code, name=f"Регион {region_code}", kind="region")
    municipalities = Organization.objects.bulk_create(
        Organization(code=f"{region_code}-{m:02d}", name=f"Район {m}", kind="municipality", parent=region)
        for m in range(max(1, schools // 50)))
    created = Organization.objects.bulk_create(
        Organization(code=f"{region_code}-s{n}", name=f"Школа № {n}", kind="school",
                     parent=municipalities[n % len(municipalities)]) for n in range(schools))
    return region, [o.pk for o in created]


def generate_region():
    """2 000 schools; mentees in grades 5–9, mentors in grades 8–11: ≈ 85 % of a school's mentors are in a
    higher grade, ≈ 30 eligible mentors a mentee."""
    from django.db import transaction

    with transaction.atomic():
        region, schools = _organizations("bench-region", SCHOOLS)
        people = People(seed=2026)
        for school in schools:
            for _ in range(MENTEES_A_SCHOOL):
                people.add(school, people.rng.randint(5, 9), mentor=False)
            for _ in range(MENTORS_A_SCHOOL):
                people.add(school, people.rng.randint(8, 11), mentor=True)
        people.write()
    return region


def generate_organization():
    """One school in a region of its own: mentees in grades 5–7, mentors in 9–11, every pair allowed."""
    from django.db import transaction

    from organizations.models import Organization

    with transaction.atomic():
        _, [school] = _organizations("bench-big", 1)
        people = People(seed=7)
        for _ in range(BIG_MENTEES):
            people.add(school, people.rng.randint(5, 7), mentor=False)
        for _ in range(BIG_MENTORS):
            people.add(school, people.rng.randint(9, 11), mentor=True)
        people.write()
    return Organization.objects.get(pk=school)


class PeakMemory:
    """The process's peak resident memory (VmHWM) from a reset until `gigabytes` is read."""

    def __enter__(self):
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM
        return self

    def __exit__(self, *exc):
        status = Path("/proc/self/status").read_text()
        self.gigabytes = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))) / 2**20


def end_to_end(scope, form):
    """Read, check, score, solve, keep the suggestions with the points of their scores (what a run stores) and
    put the first page's into words (what the curator then reads), timed."""
    from matching import engine
    from matching.views import MENTORS_A_PAGE

    started = time.perf_counter()
    result = engine.match(scope, [form], day=START)
    explained = time.perf_counter()
    kept = {"suggestions": result.stored()}
    first = engine.suggestions(kept, kept["suggestions"]["mentors"]["id"][:MENTORS_A_PAGE])
    page = engine.explained(first, START)
    assert all(m["reasons"] or not m["points"] for p in page for m in p["mentees"])
    result.timings["explain"] = time.perf_counter() - explained
    return result, kept, time.perf_counter() - started


def bare_solve(problem: dict) -> float:
    """OR-Tools alone on the same graph: adding the arcs, the supplies, solving."""
    from matching.solver import network

    net = network(problem["capacity"], problem["cand_mentee"], problem["cand_mentor"], problem["score"],
                  np.arange(len(problem["score"])))
    started = time.perf_counter()
    flow = net.solver()
    assert flow.solve() == flow.OPTIMAL
    return time.perf_counter() - started


def greedy_share(result) -> str:
    from matching.solver import greedy

    hand = greedy(**result.problem)
    return (f"жадный подбор (лучшие оценки первыми): {100 * hand.matched / max(result.matched, 1):.1f} % пар, "
            f"{100 * hand.total_score / max(result.total_score, 1):.1f} % суммы оценок")


def _n(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


def _report(name: str, result, kept, seconds: float) -> None:
    steps = ", ".join(f"{k} {v:.1f} с" for k, v in result.timings.items())
    mentees = len(result.scope.mentees)
    print(f"{name}: наставляемых {_n(mentees)}, наставников {_n(len(result.scope.mentors))}, допустимых пар "
          f"{_n(result.candidates)} ({result.candidates / max(mentees, 1):.1f} на наставляемого)")
    print(f"  от базы до предложений с причинами: {seconds:.1f} с ({steps}); подобрано {_n(result.matched)}, "
          f"без наставника {_n(len(result.unmatched_mentees))}, сумма оценок {_n(result.total_score)}, "
          f"наставников в предложениях {_n(len(kept['suggestions']['mentors']['id']))}")


def run() -> None:
    from programmes.models import MentorshipForm

    form = MentorshipForm.objects.get(code="pupil_pupil")
    started = time.perf_counter()
    region = generate_region()
    print(f"регион записан в базу за {time.perf_counter() - started:.1f} с")
    timed = []   # (end to end, the steps' timings) of each run; the figures of the suggestions are the same
    with PeakMemory() as memory:
        for _ in range(RUNS):
            result = kept = None  # the previous run's suggestions freed first: the peak is one run's
            result, kept, seconds = end_to_end(region, form)
            timed.append((seconds, result.timings))
    ratios = [seconds / timings["solve"] for seconds, timings in timed]
    seconds, result.timings = timed[sorted(range(RUNS), key=ratios.__getitem__)[RUNS // 2]]
    _report("регион", result, kept, seconds)
    solo = bare_solve(result.problem)
    ratio = seconds / result.timings["solve"]
    print(f"  сквозное / собственное решение движка (по компонентам, {result.timings['solve']:.1f} с) = {ratio:.2f} "
          f"(цель ≤ {GOAL_RATIO}; медиана {RUNS} прогонов: {', '.join(f'{r:.2f}' for r in ratios)}, первый — "
          f"в только что запущенном процессе)")
    print(f"  одно решение OR-Tools всего графа: {solo:.1f} с; сквозное / оно = {seconds / solo:.2f}")
    print(f"  пиковая память процесса: {memory.gigabytes:.2f} ГБ (цель < {GOAL_GB} ГБ)")
    print(f"  {greedy_share(result)}")
    organization = generate_organization()
    result, kept, big = end_to_end(organization, form)
    _report("организация, все пары допустимы", result, kept, big)
    print(f"  цель < {GOAL_ORGANIZATION_SECONDS:.0f} с; {greedy_share(result)}")
    met = ratio <= GOAL_RATIO and memory.gigabytes < GOAL_GB and big < GOAL_ORGANIZATION_SECONDS
    print(f"цели {'достигнуты' if met else 'НЕ достигнуты'}")
