"""The ready questionnaires the documents name (regional roadmap, stages 1–7), as plain data.

An item is (kind, text, options); kinds: scale (1–10), single, multiple, text. An item whose text starts with
SATISFACTION marks the score the satisfaction indicators read."""

SCALE, SINGLE, MULTIPLE, TEXT = "scale", "single", "multiple", "text"
SATISFACTION = "Насколько вы удовлетворены"

_YES_NO = ("да", "нет", "затрудняюсь ответить")

# code → (title, stage, who answers, items)
QUESTIONNAIRES: dict[str, tuple[str, int, str, tuple[tuple[str, str, tuple[str, ...]], ...]]] = {
    "mentee_needs": ("Анкета наставляемого: запрос и потребности", 2, "mentee", (
        (MULTIPLE, "В чём вам нужна помощь наставника?", ("учёба", "профессиональное самоопределение",
                                                         "проектная деятельность", "адаптация в коллективе",
                                                         "личностное развитие")),
        (SINGLE, "Хотели бы вы участвовать в программе наставничества?", _YES_NO),
        (TEXT, "Каким вы видите своего наставника?", ()),
    )),
    "mentor_usefulness": ("Анкета–опросник «Чем я могу быть полезен в качестве наставника?»", 3, "mentor", (
        (MULTIPLE, "Чем вы можете быть полезны наставляемому?", ("предметные знания", "профессиональный опыт",
                                                                "проекты", "адаптация", "досуг и интересы")),
        (SCALE, "Оцените свою готовность стать наставником", ()),
        (TEXT, "Ваш опыт и мотивация участвовать в программе", ()),
    )),
    "mentor_training": ("Анкета потребности наставника в обучении", 4, "mentor", (
        (MULTIPLE, "Какие темы обучения вам нужны?", ("психология возраста", "постановка целей",
                                                     "обратная связь", "проектная деятельность")),
        (SCALE, "Оцените свою подготовленность к работе наставником", ()),
    )),
    "pair_preference": ("Анкета предпочтений после групповой встречи", 5, "all", (
        (TEXT, "С кем из участников встречи вы хотели бы работать в паре?", ()),
        (SCALE, "Насколько полезной была групповая встреча?", ()),
    )),
    "pair_compatibility": ("Анкета обратной связи о психологической совместимости пары", 5, "all", (
        (SCALE, "Оцените комфорт общения в паре", ()),
        (SINGLE, "Хотели бы вы продолжить работу в этой паре?", _YES_NO),
        (TEXT, "Что мешает совместной работе?", ()),
    )),
    "mentee_dynamics": ("Анкета наставляемого: динамика (входная, промежуточная, итоговая)", 6, "mentee", (
        (SCALE, "Оцените свою уверенность в своих силах", ()),
        (SCALE, "Оцените свою мотивацию к учёбе или работе", ()),
        (SCALE, f"{SATISFACTION} работой с наставником?", ()),
        (TEXT, "Что изменилось за время наставничества?", ()),
    )),
    "mentor_dynamics": ("Анкета наставника: динамика (входная, промежуточная, итоговая)", 6, "mentor", (
        (SCALE, "Оцените прогресс наставляемого", ()),
        (SCALE, f"{SATISFACTION} участием в программе?", ()),
        (TEXT, "Что помогло и что помешало работе?", ()),
    )),
    "curator": ("Анкета куратора", 7, "curator", (
        (SCALE, "Оцените реализацию программы наставничества в организации", ()),
        (SINGLE, "Выполнены ли задачи дорожной карты за период?", ("полностью", "частично", "нет")),
        (TEXT, "Предложения по улучшению программы", ()),
    )),
    "swot": ("SWOT-анализ реализуемой программы наставничества", 7, "curator", (
        (TEXT, "Сильные стороны", ()),
        (TEXT, "Слабые стороны", ()),
        (TEXT, "Возможности", ()),
        (TEXT, "Угрозы", ()),
    )),
}


def install(apps) -> None:
    """Put the ready questionnaires missing into the database; `apps`: a data migration's app registry or the live
    one (a test that flushes the tables puts them back, testing.fixtures.ReloadsCatalogue)."""
    Questionnaire, Item = apps.get_model("surveys", "Questionnaire"), apps.get_model("surveys", "Item")
    for code, (title, stage, audience, items) in QUESTIONNAIRES.items():
        questionnaire, made = Questionnaire.objects.get_or_create(
            code=code, defaults={"title": title, "stage": stage, "audience": audience})
        if made:
            Item.objects.bulk_create(Item(questionnaire=questionnaire, position=n, kind=kind, text=text,
                                          options=list(options)) for n, (kind, text, options) in enumerate(items, 1))
