"""Import of 10 000 plausible participants through the real import path: rows a second and memory."""

import datetime
import random
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from openpyxl import Workbook

from people import xlsx

ROWS = 10_000
GOAL_ROWS_PER_SECOND = 5_000
GOAL_MEGABYTES = 500

SURNAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков",
            "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов",
            "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв",
            "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов",
            "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв", "Ильин", "Максимов", "Поляков",
            "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев", "Антонов", "Тарасов", "Жуков", "Баранов"]
MALE = ["Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём", "Илья", "Кирилл", "Михаил",
        "Никита", "Матвей", "Роман", "Егор", "Арсений", "Иван", "Денис", "Евгений", "Тимофей", "Владимир"]
FEMALE = ["Анастасия", "Мария", "Анна", "Виктория", "Екатерина", "Наталья", "Марина", "Полина", "Елена",
          "Дарья", "Алина", "Ирина", "Ксения", "Татьяна", "Ольга", "Софья", "Юлия", "Валерия", "Вероника", "Алиса"]
FATHERS = ["Александров", "Дмитриев", "Сергеев", "Андреев", "Алексеев", "Михайлов", "Иванов", "Владимиров",
           "Николаев", "Петров", "Викторов", "Юрьев", "Олегов", "Игорев", "Евгеньев"]
INTERESTS = ["шахматы", "футбол", "робототехника", "рисование", "волонтёрство", "программирование", "театр",
             "чтение", "музыка", "биология", "история края", "плавание", "журналистика", "английский язык"]
REQUESTS = ["подготовка к ОГЭ по математике", "помощь с адаптацией в новом классе", "выбор профессии",
            "подготовка к олимпиаде по физике", "проект по биологии", "уверенность в публичных выступлениях"]
COMPETENCES = ["математика", "физика", "проектная деятельность", "программирование на Python",
               "подготовка к олимпиадам", "наставничество молодых педагогов", "профориентация"]
LETTERS = "АБВГ"


def plausible_row(rng: random.Random, today: datetime.date) -> list:
    """A pupil (most rows), a teacher, a student or a partner's employee, as a school would list them."""
    category = rng.choices(["обучающийся", "педагог", "студент", "сотрудник организации-партнёра"],
                           weights=[80, 12, 5, 3])[0]
    female = rng.random() < 0.5
    surname = rng.choice(SURNAMES) + ("а" if female else "")
    first = rng.choice(FEMALE if female else MALE)
    middle = rng.choice(FATHERS) + ("на" if female else "ич")
    if category == "обучающийся":
        grade = rng.randint(1, 11)
        birth = today.replace(year=today.year - grade - 7) - datetime.timedelta(days=rng.randint(0, 364))
        role = rng.choices(["наставляемый", "наставник", "наставник, наставляемый"], weights=[75, 15, 10])[0]
        grade_label, years = f"{grade}{rng.choice(LETTERS)}", None
    else:
        birth = today.replace(year=today.year - rng.randint(19, 60)) - datetime.timedelta(days=rng.randint(0, 364))
        role = "наставник" if category != "педагог" or rng.random() < 0.7 else "наставляемый"
        grade_label, years = "", rng.randint(0, 35) if category == "педагог" else None
    minor = (today - birth).days < 18 * 365
    mentor, mentee = "наставник" in role, role.endswith("наставляемый")
    form = {"обучающийся": "Ученик — ученик", "педагог": "учитель-учитель", "студент": "студент – ученик",
            "сотрудник организации-партнёра": "работодатель – ученик"}[category]
    return [
        surname, first, middle, birth, "ж" if female else "м", category, role, grade_label, years, form,
        ", ".join(rng.sample(INTERESTS, 2)), ", ".join(rng.sample(COMPETENCES, 2)) if mentor else None,
        rng.choice(REQUESTS) if mentee else None, f"user{rng.randint(1, 10**9)}@example.ru",
        f"+7 9{rng.randint(10, 99)} {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
        "да", "Да" if minor else "нет", f"{surname[:-1] if female else surname}а Ольга Петровна" if minor else None,
    ]


def write_file(path: Path, rows: int, seed: int = 2026) -> None:
    rng, today, seen = random.Random(seed), datetime.date.today(), set()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Участники")
    sheet.append(xlsx.COLUMNS)
    while len(seen) < rows:
        row = plausible_row(rng, today)
        if (row[0], row[1], row[2], row[3]) not in seen:
            seen.add((row[0], row[1], row[2], row[3]))
            sheet.append(row)
    workbook.save(path)


def run() -> None:
    from organizations.models import Organization
    from people.importing import import_participants
    from people.models import Participant

    region = Organization.objects.create(code="bench-19", name="Регион", kind="region")
    municipality = Organization.objects.create(code="bench-19-01", name="Город", kind="municipality", parent=region)

    def school(n: int) -> Organization:
        return Organization.objects.create(code=f"bench-school-{n}", name=f"Школа № {n}", kind="school",
                                           parent=municipality)

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "participants.xlsx"
        write_file(path, ROWS)
        print(f"файл: {ROWS} строк, {path.stat().st_size / 1e6:.1f} МБ")

        started = time.perf_counter()
        report = import_participants(path, organization=school(1), actor=None, dry_run=True)
        checked = time.perf_counter() - started
        assert not report.errors, report.errors[:5]
        print(f"проверка без записи (--dry-run): {checked:.2f} с, {_number(ROWS / checked)} строк/с")

        target = school(2)
        started = time.perf_counter()
        report = import_participants(path, organization=target, actor=None)
        elapsed = time.perf_counter() - started
        assert report.written and Participant.objects.filter(organization=target).count() == ROWS
        rate = ROWS / elapsed
        print(f"импорт: {elapsed:.2f} с, {_number(rate)} строк/с (цель ≥ {_number(GOAL_ROWS_PER_SECOND)})")
        print(f"  {report.summary()}")

        tracemalloc.start()
        import_participants(path, organization=school(3), actor=None)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        resident = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"память: пик выделений Python за импорт {peak / 2**20:.0f} МБ (tracemalloc), "
              f"пик процесса {resident:.0f} МБ (ru_maxrss); цель < {GOAL_MEGABYTES} МБ")
        verdict = "достигнута" if rate >= GOAL_ROWS_PER_SECOND and resident < GOAL_MEGABYTES else "НЕ достигнута"
        print(f"цель {verdict}")


def _number(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")
