"""The demo region's organizations, who works and studies in each, and the partner agreements.

Codes follow the test region's pattern: region «19», municipality «19-01», its organizations
«19-01-001» (schools), «19-01-101» (colleges), «19-01-201» (extra education), partners «19-P-001».
"""

from dataclasses import dataclass, field

REGION = ("19", "Республика Хакасия")

MUNICIPALITIES = [
    ("19-01", "г. Абакан"),
    ("19-02", "г. Черногорск"),
    ("19-03", "Усть-Абаканский район"),
    ("19-04", "г. Саяногорск"),
]

# Subjects of teachers of extra education: (nominative, genitive).
EXTRA_SUBJECTS = [
    ("робототехника", "робототехники"), ("хореография", "хореографии"), ("театр", "театрального мастерства"),
    ("шахматы", "шахмат"), ("изобразительное искусство", "изобразительного искусства"), ("вокал", "вокала"),
]


@dataclass(frozen=True)
class OrgSpec:
    code: str
    name: str
    kind: str
    parent: str
    pupils: int = 0
    students: int = 0
    teachers: int = 0
    graduates: int = 0
    employees: int = 0
    # Competences of a partner's employees.
    industry: tuple[str, ...] = field(default_factory=tuple)


# The curator, head and psychologist of the demo work at the first school, which has the most data.
HOME_SCHOOL = "19-01-001"

ORGANIZATIONS = [
    OrgSpec("19-01-001", "МБОУ «СОШ № 1» г. Абакана", "school", "19-01", pupils=120, teachers=24, graduates=4),
    OrgSpec("19-01-002", "МБОУ «СОШ № 20» г. Абакана", "school", "19-01", pupils=44, teachers=12),
    OrgSpec("19-01-003", "МБОУ «Гимназия» г. Абакана", "school", "19-01", pupils=44, teachers=12, graduates=2),
    OrgSpec("19-01-101", "ГБПОУ РХ «Хакасский политехнический колледж»", "college", "19-01",
            students=60, teachers=12),
    OrgSpec("19-01-201", "МБУДО «Центр детского творчества» г. Абакана", "extra", "19-01", pupils=20, teachers=6),
    OrgSpec("19-02-001", "МБОУ «СОШ № 7» г. Черногорска", "school", "19-02", pupils=40, teachers=10),
    OrgSpec("19-02-002", "МБОУ «СОШ № 16» г. Черногорска", "school", "19-02", pupils=34, teachers=10),
    OrgSpec("19-02-101", "ГБПОУ РХ «Черногорский механико-технологический техникум»", "college", "19-02",
            students=40, teachers=8),
    OrgSpec("19-03-001", "МБОУ «Усть-Абаканская СОШ»", "school", "19-03", pupils=34, teachers=9),
    OrgSpec("19-03-002", "МБОУ «Райковская СОШ»", "school", "19-03", pupils=22, teachers=6),
    OrgSpec("19-04-001", "МБОУ «СОШ № 1» г. Саяногорска", "school", "19-04", pupils=34, teachers=10),
    OrgSpec("19-04-201", "МБУ ДО «Дом детского творчества» г. Саяногорска", "extra", "19-04",
            pupils=12, teachers=5),
    OrgSpec("19-P-001", "АО «Абаканвагонмаш»", "partner", "19", employees=10,
            industry=("машиностроение", "сварочное производство", "инженерная графика", "охрана труда")),
    OrgSpec("19-P-002", "АО «СУЭК-Хакасия»", "partner", "19", employees=8,
            industry=("горное дело", "электротехника", "охрана труда", "экономика предприятия")),
    OrgSpec("19-P-003", "Филиал ПАО «РусГидро» — «Саяно-Шушенская ГЭС»", "partner", "19", employees=8,
            industry=("гидроэнергетика", "электротехника", "релейная защита", "охрана труда")),
]


@dataclass(frozen=True)
class AgreementSpec:
    """An agreement; dates are (years after the school year's start year, month, day)."""

    partner: str
    counterparty: str
    number: str
    signed: tuple[int, int, int]
    valid_from: tuple[int, int, int]
    valid_until: tuple[int, int, int] | None
    subject: str


AGREEMENTS = [
    AgreementSpec("19-P-001", "19-01", "12/НЦ", (0, 8, 25), (0, 9, 1), (2, 8, 31),
                  "Наставничество работников предприятия над обучающимися школ г. Абакана: профориентация, "
                  "профессиональные пробы."),
    AgreementSpec("19-P-001", "19-01-101", "3-П", (-1, 6, 15), (-1, 9, 1), None,
                  "Наставничество на производственной практике студентов колледжа."),
    AgreementSpec("19-P-002", "19-02", "СУЭК-47", (0, 8, 28), (0, 9, 1), (1, 8, 31),
                  "Наставничество работников разреза над обучающимися и студентами г. Черногорска."),
    # Expired: the ГЭС's mentors are not eligible for the employer forms until it is renewed.
    AgreementSpec("19-P-003", "19-04", "СШГЭС-2023/5", (-3, 9, 1), (-3, 9, 1), (0, 6, 30),
                  "Профориентационное наставничество для обучающихся г. Саяногорска."),
]


# The indicators' numbers the territories enter (monitoring): children aged 10–19 and 15–19, young-specialist
# teachers and enterprises of each municipality (the demo's small ones), the home school's own pupils as the
# alternative, and the region's targets of the year — so that Абакан is on track and the others are behind.
DENOMINATORS = {
    "19": {"children_10_19": 400, "children_15_19": 150, "young_teachers": 14, "enterprises": 10},
    "19-01": {"children_10_19": 200, "children_15_19": 80, "young_teachers": 5, "enterprises": 4},
    "19-02": {"children_10_19": 80, "children_15_19": 30, "young_teachers": 4, "enterprises": 3},
    "19-03": {"children_10_19": 60, "children_15_19": 20, "young_teachers": 2, "enterprises": 1},
    "19-04": {"children_10_19": 60, "children_15_19": 20, "young_teachers": 3, "enterprises": 2},
    HOME_SCHOOL: {"children_10_19": 110, "children_15_19": 40},
}
TARGETS = {"19": {"mentees_10_19": 8, "mentors_15_19": 6, "young_teachers": 40, "enterprises": 20,
                  "organizations_implementing": 60}}
