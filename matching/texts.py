"""Russian text as terms that carry meaning: what a request asks for and what a mentor offers. No Django here.

A word becomes its lemma (pymorphy3: «химии» → «химия», «физикой» → «физика»), then a root shared by a subject
and its adjective («математика», «математический» → «математ»; «химия», «химический» → «хим»), so a request for
help with chemistry meets a mentor strong in chemistry whatever the word forms.

Words every request and offer uses («помощь», «подготовка», «олимпиада», «проект», «ОГЭ», «язык», «методика») are
generic: they name the kind of help, not its subject. They count only in a phrase that names no subject
(«подготовка к олимпиаде»), so «олимпиада по математике» never meets «олимпиада по химии» and «хакасский язык»
never meets «английский язык».
"""

import functools
import re

import pymorphy3

WORD = re.compile(r"[0-9a-zа-яё+#]+")
# Parts of speech that carry no subject: prepositions, conjunctions, particles, pronouns, interjections.
NO_MEANING = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "PRED", "ADVB", "COMP"})
# Lemmas of the kind of help rather than its subject, and of wishes («хочу», «нужно»).
GENERIC_LEMMAS = frozenset("""
помощь помогать помочь подготовка подготовить подготавливать готовиться подготовиться готовить
соревнование конкурс олимпиада олимпиадный проект проектный огэ егэ впр гиа экзамен экзаменационный зачёт
методика методический преподавание преподавать изучение изучать язык языковой предмет предметный урок занятие
развитие развивать развиваться навык умение уметь работа работать опыт знание знать основа основной основы
углублённый углубленный школьный учебный учёба учеба класс уровень повышение повысить повышать улучшение улучшить
успеваемость вопрос тема задача решение решать решить курс научиться учиться научить учить обучение обучать
обучаться деятельность сфера область направление новый хороший хотеть мочь нужный сделать делать свой весь
быть стать получить понимание понять разобраться разбор разобрать объяснить рассказать показать поделиться
поддержка сопровождение консультация совет помогу хотеться самый начальный дополнительный практика практический
ученик ученица школьник ребёнок ребенок дети учащийся студент человек грамотность
""".split())
ROOT_SUFFIXES = sorted("""ирование ировать ование овать ание ать ение ить еть ический ческий альный ивный ский
ный ной ий ый ой ство ика ик ия а я о е ь ы и""".split(), key=len, reverse=True)
ROOT_MIN = 3


@functools.cache
def _morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def _root(lemma: str) -> str:
    """The lemma without a suffix of derivation or inflection, never shorter than ROOT_MIN letters."""
    for suffix in ROOT_SUFFIXES:
        if lemma.endswith(suffix) and len(lemma) - len(suffix) >= ROOT_MIN:
            return lemma[: -len(suffix)]
    return lemma


@functools.lru_cache(maxsize=200_000)
def term_of(word: str) -> tuple[str, bool] | None:
    """(root, generic?) of one word, or None for a word that carries no meaning."""
    word = word.lower().replace("ё", "е").strip("#-")
    if len(word) < 2:
        return None
    parse = _morph().parse(word)[0]
    if parse.tag.POS in NO_MEANING:
        return None
    lemma = parse.normal_form.replace("ё", "е")
    generic = lemma in GENERIC_LEMMAS or parse.normal_form in GENERIC_LEMMAS
    return _root(lemma) if parse.tag.POS else lemma, generic


@functools.lru_cache(maxsize=200_000)
def phrase_terms(phrase: str) -> tuple[frozenset[str], frozenset[str]]:
    """(subject terms, generic terms) of one phrase."""
    subject, generic = set(), set()
    for word in WORD.findall((phrase or "").lower()):
        found = term_of(word)
        if found:
            (generic if found[1] else subject).add(found[0])
    return frozenset(subject), frozenset(generic - subject)


@functools.lru_cache(maxsize=200_000)
def _phrase_all(phrase: str) -> frozenset[str]:
    subject, generic = phrase_terms(phrase)
    return subject | generic


SEPARATORS = re.compile(r"[;,\n]")


@functools.lru_cache(maxsize=100_000)
def phrases(text: str) -> tuple[str, ...]:
    """Comma-, semicolon- or line-separated items as people wrote them, without the # of tags."""
    return tuple(filter(None, [p.strip().lstrip("#").strip() for p in SEPARATORS.split(text or "")]))


@functools.lru_cache(maxsize=200_000)
def terms(text: str) -> frozenset[str]:
    """Every term of a text, subject and generic: what one side offers. A text of several lines is the union of
    its lines, each looked up once: a mentor's «interests\n#tags» shares its lines with many others."""
    if text and "\n" in text:
        return frozenset().union(*map(terms, text.split("\n")))
    return frozenset().union(*map(_phrase_all, phrases(text)))


@functools.lru_cache(maxsize=200_000)
def needs(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """What a text asks for: (its subjects, the generic words of its phrases that name no subject)."""
    parts = [phrase_terms(p) for p in phrases(text)]
    subjects = frozenset().union(*(s for s, _ in parts))
    return subjects, frozenset().union(*(g for s, g in parts if not s)) - subjects


def request_meets(request: str, offer: str) -> bool:
    """Whether a mentor's offer (a competence, «чем могу быть полезен») answers a mentee's request."""
    subjects, fallback = needs(request)
    return bool((subjects | fallback) & terms(offer))
