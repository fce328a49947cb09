"""The indicators of a region of 1 000 000 participants on PostgreSQL: the regional dashboard (the region and
its municipalities) under 1 s, a municipal drill-down (the municipality and its schools) under 0.5 s, each against
one hand-written SQL query computing the same numbers (goal: at most 2×), and the time to load the data.

The region: 20 municipalities of 50 schools, 50 partners. 995 000 people of the schools come in blocks of ten
of one school: three mentors (pupils of 15–17, every third block's third a young teacher's mentor teacher) and
seven mentees (pupils of 10–17, one block in five with a young teacher), in three pairs; 5 000 employees of the
partners mentor the third pair of every twentieth block. Of the pairs 70 % are approved or active, 10 % proposed,
10 % completed in June, 10 % terminated (half of them before an order); 1 % of the people withdrew a consent.
Schools started in one of the four years before, so that the trend grows."""

import datetime
import time

from django.db import connection

DAY = datetime.date(2026, 12, 1)
MUNICIPALITIES, SCHOOLS_EACH, PARTNERS = 20, 50, 50
SCHOOL_PEOPLE, PARTNER_PEOPLE = 995_000, 5_000
GOAL_REGION, GOAL_MUNICIPALITY, GOAL_RATIO = 1.0, 0.5, 2.0
REPEATS = 5
KEEPS_ITS_DATA = True  # run alone, it starts from the database a previous run loaded (bench/__main__.py)


def run() -> None:
    if connection.vendor != "postgresql":
        print("пропущено: замер на PostgreSQL (BENCH_POSTGRES_URL)")
        return
    from monitoring import counting
    from organizations.models import Organization

    people = f"{SCHOOL_PEOPLE + PARTNER_PEOPLE:,}".replace(",", " ")
    if Organization.objects.filter(code="B").exists():
        print(f"загрузка: {people} участников взяты из базы, которую загрузил прошлый запуск")
    else:
        started = time.perf_counter()
        _load()
        print(f"загрузка: {people} участников, их пары, периоды наставников и согласия за "
              f"{time.perf_counter() - started:.1f} с (INSERT … SELECT generate_series, затем VACUUM ANALYZE, "
              "как сделал бы autovacuum)")
    region = Organization.objects.get(code="B")
    municipality = Organization.objects.get(code="B-01")

    rows = None
    for label, territory, goal in (("регион (регион и 20 муниципалитетов)", region, GOAL_REGION),
                                   ("муниципалитет (муниципалитет и 50 школ)", municipality, GOAL_MUNICIPALITY)):
        product, report = _best(lambda t=territory: counting.report(t, DAY))
        hand, rows = _best(lambda t=territory: _hand_written(t, DAY))
        _agree(report, rows)
        ratio = product / hand
        verdict = "достигнута" if product < goal and ratio <= GOAL_RATIO else "НЕ достигнута"
        print(f"{label}: продукт {product * 1000:.0f} мс (цель < {goal * 1000:.0f} мс), одна SQL-выборка вручную "
              f"{hand * 1000:.0f} мс, отношение {ratio:.2f}× (цель ≤ {GOAL_RATIO:.0f}×) — цель {verdict}")
        value = {v.code: v for v in report.values}["mentees_10_19"]
        print(f"  наставляемые 10–19 лет: {value.numerator} из {value.denominator} = {value.value} %")
    trend, _ = _best(lambda: counting.report(region, DAY, trend_years=5), repeats=1)
    by_form, _ = _best(lambda: counting.participants_by_form(region, DAY), repeats=1)
    print(f"после страницы региона (htmx): динамика за 5 лет {trend * 1000:.0f} мс, участники по формам "
          f"{by_form * 1000:.0f} мс")


def _best(call, repeats: int = REPEATS):
    """The best time of `repeats` calls (after one to warm the caches) and the last result."""
    result = call()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - started)
    return min(times), result


def _agree(report, rows: dict) -> None:
    """The product's numbers are the hand-written query's: the territory and each row below it."""
    for organization, values in [(report.territory, report.values), *report.rows]:
        got = {v.code: v.numerator for v in values}
        want = rows.get(organization.pk, (0, 0, 0, 0, 0))
        assert [got[c] for c in ("mentees_10_19", "mentors_15_19", "young_teachers", "enterprises",
                                 "organizations_implementing")] == list(want), (organization.code, got, want)


def _hand_written(territory, day: datetime.date) -> dict[int, tuple]:
    """One SQL statement: the numerators of the territory and of each territory or organization just below it."""
    from monitoring import indicators

    m_from, m_to = indicators.born_between(day, *indicators.MENTEE_AGES)
    t_from, t_to = indicators.born_between(day, *indicators.MENTOR_AGES)
    sql = """
    WITH orgs AS (
        SELECT o.id, CASE WHEN o.id = %(root)s OR o.parent_id = %(root)s THEN o.id ELSE o.parent_id END AS child
        FROM organizations_organization o LEFT JOIN organizations_organization p ON p.id = o.parent_id
        WHERE o.id = %(root)s OR o.parent_id = %(root)s OR p.parent_id = %(root)s),
    live AS (SELECT id, start_date, organization_id FROM pairs_pair
             WHERE approved_on <= %(day)s AND (ended_on IS NULL OR ended_on >= %(day)s)),
    terms AS (SELECT t.mentor_id, live.organization_id FROM pairs_mentorterm t JOIN live ON live.id = t.pair_id
              WHERE (t.started_on <= %(day)s OR t.started_on = live.start_date)
                AND (t.ended_on IS NULL OR t.ended_on >= %(day)s)),
    people AS (
        SELECT p.*, orgs.child FROM people_participant p JOIN orgs ON orgs.id = p.organization_id
        WHERE NOT EXISTS (SELECT 1 FROM people_consent w WHERE w.participant_id = p.id
                          AND w.kind IN ('personal_data', 'representative') AND w.withdrawn_on <= %(day)s)),
    counted AS (
        SELECT child, organization_id, 1 AS mentee, birth_date, category, teaching_experience_years FROM people
        WHERE EXISTS (SELECT 1 FROM pairs_pairmentee pm JOIN live ON live.id = pm.pair_id
                      WHERE pm.mentee_id = people.id AND (pm.left_on IS NULL OR pm.left_on > %(day)s))
        UNION ALL
        SELECT child, organization_id, 0, birth_date, category, teaching_experience_years FROM people
        WHERE birth_date BETWEEN %(t_from)s AND %(t_to)s
          AND EXISTS (SELECT 1 FROM terms WHERE terms.mentor_id = people.id)),
    grouped AS (
        SELECT child,
               count(*) FILTER (WHERE mentee = 1 AND birth_date BETWEEN %(m_from)s AND %(m_to)s) AS mentees,
               count(*) FILTER (WHERE mentee = 0) AS mentors,
               count(*) FILTER (WHERE mentee = 1 AND category = 'teacher' AND teaching_experience_years <= 3) AS young,
               count(DISTINCT organization_id) FILTER (WHERE mentee = 1) AS implementing
        FROM counted GROUP BY GROUPING SETS ((child), ())),
    partners AS (
        SELECT orgs.child, count(DISTINCT mentor.organization_id) AS n
        FROM terms JOIN orgs ON orgs.id = terms.organization_id
        JOIN people_participant mentor ON mentor.id = terms.mentor_id
        JOIN organizations_organization po ON po.id = mentor.organization_id AND po.kind = 'partner'
        GROUP BY GROUPING SETS ((orgs.child), ()))
    SELECT coalesce(g.child, %(root)s), g.mentees, g.mentors, g.young, coalesce(pa.n, 0), g.implementing
    FROM grouped g LEFT JOIN partners pa ON pa.child IS NOT DISTINCT FROM g.child
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, {"root": territory.pk, "day": day, "m_from": m_from, "m_to": m_to, "t_from": t_from,
                             "t_to": t_to})
        return {row[0]: tuple(row[1:]) for row in cursor.fetchall()}


def _load() -> None:
    from programmes.models import MentorshipForm

    pupil_pupil = MentorshipForm.objects.get(code="pupil_pupil").pk
    teacher_teacher = MentorshipForm.objects.get(code="teacher_teacher").pk
    employer_pupil = MentorshipForm.objects.get(code="employer_pupil").pk
    schools = MUNICIPALITIES * SCHOOLS_EACH
    steps = [
        # The region (id 1 000 000), municipalities (1 000 001…), schools (1…1 000), partners (2 001…).
        """INSERT INTO organizations_organization (id, code, name, kind, parent_id, time_zone)
           VALUES (1000000, 'B', 'Регион', 'region', NULL, '')""",
        f"""INSERT INTO organizations_organization (id, code, name, kind, parent_id, time_zone)
            SELECT 1000000 + m, 'B-' || lpad(m::text, 2, '0'), 'Муниципалитет ' || m, 'municipality', 1000000, ''
            FROM generate_series(1, {MUNICIPALITIES}) m""",
        f"""INSERT INTO organizations_organization (id, code, name, kind, parent_id, time_zone)
            SELECT s, 'B-' || lpad((1 + (s - 1) / {SCHOOLS_EACH})::text, 2, '0') || '-' || s, 'Школа № ' || s,
                   'school', 1000000 + 1 + (s - 1) / {SCHOOLS_EACH}, ''
            FROM generate_series(1, {schools}) s""",
        f"""INSERT INTO organizations_organization (id, code, name, kind, parent_id, time_zone)
            SELECT 2000 + k, 'B-P-' || k, 'Предприятие ' || k, 'partner', 1000000, ''
            FROM generate_series(1, {PARTNERS}) k""",
        # People: block b = (i - 1) / 10 of school 1 + b % 1000; position (i - 1) % 10.
        f"""INSERT INTO people_participant (id, organization_id, last_name, first_name, middle_name, fio_key,
                birth_date, birth_year, sex, email, phone, category, grade, grade_letter, teaching_experience_years,
                professional_experience_years, is_mentor, is_mentee, interests, created_at, updated_at)
            SELECT i, 1 + ((i - 1) / 10) % {schools}, 'Участник', i::text, '', 'участник ' || i, born,
                   extract(year FROM born)::int, '', '', '', kind, NULL, '', years, NULL, pos < 3, pos >= 3, '',
                   now(), now()
            FROM generate_series(1, {SCHOOL_PEOPLE}) i,
                 LATERAL (SELECT (i - 1) % 10 AS pos, (i - 1) / 10 AS block) b,
                 LATERAL (SELECT CASE WHEN pos = 2 AND block % 3 = 0 THEN 'teacher'
                                      WHEN pos = 9 AND block % 5 = 0 THEN 'teacher' ELSE 'pupil' END AS kind,
                                 CASE WHEN pos = 2 AND block % 3 = 0 THEN 20
                                      WHEN pos = 9 AND block % 5 = 0 THEN block % 6 END AS years) k,
                 LATERAL (SELECT DATE '{DAY}' - (CASE WHEN kind = 'teacher' THEN 30
                                                     WHEN pos < 3 THEN 15 + i % 3 ELSE 10 + i % 8 END) * 365
                                 - (i * 37) % 360 AS born) d""",
        f"""INSERT INTO people_participant (id, organization_id, last_name, first_name, middle_name, fio_key,
                birth_date, birth_year, sex, email, phone, category, grade, grade_letter, teaching_experience_years,
                professional_experience_years, is_mentor, is_mentee, interests, created_at, updated_at)
            SELECT {SCHOOL_PEOPLE} + k, 2001 + k % {PARTNERS}, 'Сотрудник', k::text, '', 'сотрудник ' || k,
                   DATE '1980-01-01', 1980, '', '', '', 'partner_employee', NULL, '', NULL, 10, true, false, '',
                   now(), now()
            FROM generate_series(1, {PARTNER_PEOPLE}) k""",
        # Pairs: id = 3 × block + pair (0, 1, 2); their state by block % 10.
        f"""INSERT INTO pairs_pair (id, organization_id, form_id, kind, mentor_id, status, start_date,
                planned_end_date, ended_on, approved_on, created_at)
            SELECT 3 * block + n + 1, 1 + block % {schools},
                   CASE WHEN mentor > {SCHOOL_PEOPLE} THEN {employer_pupil}
                        WHEN n = 2 AND block % 3 = 0 THEN {teacher_teacher} ELSE {pupil_pupil} END,
                   'traditional', mentor, state,
                   DATE '2026-09-15' - 365 * (block % 4), DATE '2027-05-31',
                   CASE WHEN state IN ('completed', 'terminated') THEN DATE '2026-06-01' END,
                   CASE WHEN state <> 'proposed' AND NOT (state = 'terminated' AND block % 2 = 1)
                        THEN DATE '2026-09-10' - 365 * (block % 4) END,
                   now()
            FROM generate_series(0, {SCHOOL_PEOPLE // 10 - 1}) block, generate_series(0, 2) n,
                 LATERAL (SELECT CASE WHEN n = 2 AND block % 20 = 0 THEN {SCHOOL_PEOPLE} + 1 + (block / 20) % {PARTNER_PEOPLE}
                                      ELSE 10 * block + n + 1 END AS mentor,
                                 CASE (block / 1000) % 10 WHEN 7 THEN 'proposed' WHEN 8 THEN 'completed'
                                      WHEN 9 THEN 'terminated' WHEN 0 THEN 'approved' ELSE 'active' END AS state) s""",
        # Mentees: positions 3–5 in pair 0, 6–7 in pair 1, 8–9 in pair 2.
        f"""INSERT INTO pairs_pairmentee (pair_id, mentee_id, left_on)
            SELECT 3 * ((i - 1) / 10) + CASE WHEN (i - 1) % 10 < 6 THEN 0 WHEN (i - 1) % 10 < 8 THEN 1 ELSE 2 END + 1,
                   i, NULL
            FROM generate_series(1, {SCHOOL_PEOPLE}) i WHERE (i - 1) % 10 >= 3""",
        """INSERT INTO pairs_mentorterm (pair_id, mentor_id, started_on, ended_on, reason)
           SELECT id, mentor_id, start_date, ended_on, '' FROM pairs_pair""",
        f"""INSERT INTO people_consent (participant_id, kind, given_on, given_online, representative_name, scan,
                withdrawn_on)
            SELECT i, 'personal_data', DATE '2022-09-01', false, '', '', CASE WHEN i % 100 = 4 THEN DATE '2026-10-01' END
            FROM generate_series(1, {SCHOOL_PEOPLE}) i""",
        """INSERT INTO monitoring_denominator (territory_id, year, kind, value)
            SELECT id, 2026, 'children_10_19', 60000 FROM organizations_organization WHERE kind = 'municipality'
            UNION ALL SELECT 1000000, 2026, 'children_10_19', 1200000
            UNION ALL SELECT 1000000, 2026, 'enterprises', 400""",
        "SELECT setval(pg_get_serial_sequence('organizations_organization', 'id'), 1000100)",
        "SELECT setval(pg_get_serial_sequence('people_participant', 'id'), 1000001)",
        "SELECT setval(pg_get_serial_sequence('pairs_pair', 'id'), 400000)",
        "VACUUM ANALYZE",
    ]
    with connection.cursor() as cursor:
        for step in steps:
            cursor.execute(step)
