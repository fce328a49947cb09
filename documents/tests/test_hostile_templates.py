"""Hostile DOCX templates, each built here as a real file: refused at upload within seconds with a fixed
Russian message, nothing in them run; the good ones (every default template, a realistic custom one) still
pass and fill."""

import datetime
import io
import os
import struct
import tempfile
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docxtpl import DocxTemplate

from documents import actions, defaults, rendering, sandbox
from documents.models import ConsentFormKind, DocumentTemplate, OrderKind
from documents.tests.base import DocumentsTestCase
from documents.tests.test_docx import read, table, text
from pairs import actions as pair_actions
from pairs.models import Pair, PairChange, PairStatus
from people.models import MentorProfile

SECRET = "s3cret-value-never-shown"
SECRET_VARIABLE = "NASTAVNIK_TEST_TEMPLATE_SECRET"
# What an exception's text or a traceback would show; a refusal is a fixed Russian sentence.
EXCEPTION_WORDS = ("Traceback", "Error", "Exception", "object", "attribute", "jinja", "File ", "line ", "<", SECRET)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# Building the files

def _saved(document) -> bytes:
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def tags(*paragraphs: str, header: tuple[str, ...] = (), title: str = "") -> bytes:
    """A DOCX from Word's point of view: paragraphs of text, a header, the document's title."""
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    for paragraph in header:
        document.sections[0].header.add_paragraph(paragraph)
    document.core_properties.title = title
    return _saved(document)


def rezip(content: bytes, parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The DOCX with `parts` replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(content))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", method) as archive:
        for name in source.namelist():
            archive.writestr(name, parts.get(name, source.read(name)))
        for name in parts.keys() - set(source.namelist()):
            archive.writestr(name, parts[name])
    return stream.getvalue()


def body(xml: str, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A DOCX whose body starts with the markup `xml`."""
    content = tags()
    document = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    start = document.index("<w:body>") + len("<w:body>")
    return rezip(content, {"word/document.xml": (document[:start] + xml + document[start:]).encode()}, method)


def footnote(paragraph: str) -> bytes:
    """A DOCX with a footnotes part holding `paragraph`."""
    content = tags("Текст")
    source = zipfile.ZipFile(io.BytesIO(content))
    types = source.read("[Content_Types].xml").decode().replace("</Types>", (
        '<Override PartName="/word/footnotes.xml" ContentType="' + sandbox.FOOTNOTES + '"/></Types>'))
    relations = source.read("word/_rels/document.xml.rels").decode().replace("</Relationships>", (
        '<Relationship Id="rIdFootnotes" Target="footnotes.xml" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/footnotes"/></Relationships>'))
    notes = (f'<w:footnotes xmlns:w="{W}"><w:footnote w:id="1"><w:p><w:r><w:t>{paragraph}</w:t></w:r></w:p>'
             '</w:footnote></w:footnotes>')
    return rezip(content, {"[Content_Types].xml": types.encode(), "word/_rels/document.xml.rels": relations.encode(),
                           "word/footnotes.xml": notes.encode()})


def lying_part(inflated: int = 100 * 1024 * 1024, declared: int = 1000) -> bytes:
    """A DOCX with a part of `inflated` zeros whose central directory says it holds `declared` bytes (with the
    checksum of those), about 100 KB in all."""
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        source = zipfile.ZipFile(io.BytesIO(tags("Текст {{ organization }}")))
        for name in source.namelist():
            archive.writestr(name, source.read(name))
        with archive.open("word/media/filler.bin", "w") as part:
            for _ in range(inflated // (1024 * 1024)):
                part.write(bytes(1024 * 1024))
    data = bytearray(stream.getvalue())
    entry = data.index(b"PK\x01\x02")  # the central directory's first entry; the name starts at 46
    while not data[entry + 46:].startswith(b"word/media/filler.bin"):
        entry = data.index(b"PK\x01\x02", entry + 4)
    struct.pack_into("<I", data, entry + 16, zlib.crc32(bytes(declared)))
    struct.pack_into("<I", data, entry + 24, declared)
    return bytes(data)


def many_parts(count: int) -> bytes:
    return rezip(tags("Текст"), {f"word/media/image{index}.png": b"x" for index in range(count)})


def only_content_types() -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return stream.getvalue()


# The corpus: (the file, given the marker's path; what the refusal says)

def code(payload: str, method: int = zipfile.ZIP_DEFLATED):
    return lambda marker: rezip(tags(payload.format(marker=marker)), {}, method)


CODE = {
    "cycler_globals_popen": "{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}",
    "joiner_globals_open": "{{{{ joiner.__init__.__globals__.__builtins__.open('{marker}', 'w') }}}}",
    "namespace_globals_system": "{{{{ namespace.__init__.__globals__.os.system('touch {marker}') }}}}",
    "lipsum_globals_popen": "{{{{ lipsum.__globals__['os'].popen('touch {marker}').read() }}}}",
    "self_context_cycler": ("{{{{ self._TemplateReference__context.cycler.__init__.__globals__.os"
                            ".popen('touch {marker}').read() }}}}"),
    "mro_subclasses_walk": ("{{% for c in ''.__class__.__mro__[1].__subclasses__() %}}{{% if c.__name__ == "
                            "'catch_warnings' %}}{{{{ c()._module.__builtins__['open']('{marker}', 'w') }}}}"
                            "{{% endif %}}{{% endfor %}}"),
}
NAME = "Шаблон обращается к недопустимому имени «{}»"
HIDDEN = "Шаблон обращается к скрытому атрибуту «{}»"
FILTER = "Шаблон применяет недопустимый фильтр «{}»"
TAG = "Шаблон использует недопустимый тег {{% {} %}}"
LOOP = "Цикл в шаблоне может идти только по списку документа (paragraphs, rows) или по range() не больше чем на 100"
FAILED = "Шаблон не удалось заполнить"
SYNTAX = "В шаблоне ошибка в тегах"
SECRET_TAG = "cycler.__init__.__globals__.os.environ['" + SECRET_VARIABLE + "']"

HOSTILE = [
    *(pytest.param(code(payload), NAME.format(payload.split(".")[0].split()[-1]), id=case)
      for case, payload in CODE.items() if case != "mro_subclasses_walk"),
    pytest.param(code(CODE["mro_subclasses_walk"]), HIDDEN.format("__class__"), id="mro_subclasses_walk"),
    pytest.param(code("{{{{ ''.__class__.__mro__[1].__subclasses__()[104].__init__.__globals__['sys']"
                      ".modules['os'].popen('touch {marker}').read() }}}}"), HIDDEN.format("__class__"),
                 id="mro_walk_in_output"),
    pytest.param(code("{{{{ organization.__class__.__base__.__subclasses__() }}}}"), HIDDEN.format("__class__"),
                 id="class_of_a_documented_name"),
    pytest.param(code("{{% for row in rows %}}{{{{ row.__class__.__init__.__globals__ }}}}{{% endfor %}}"),
                 HIDDEN.format("__class__"), id="class_of_a_loop_variable"),
    pytest.param(code("{{{{ organization['__class__']['__base__'] }}}}"), HIDDEN.format("__class__"),
                 id="hidden_attribute_by_item"),
    pytest.param(code("{{{{ organization|attr('__class__')|attr('__base__') }}}}"), FILTER.format("attr"),
                 id="attr_filter"),
    pytest.param(code("{{{{ organization|attr('\\x5f\\x5fclass\\x5f\\x5f') }}}}"), FILTER.format("attr"),
                 id="attr_filter_escaped_underscores"),
    pytest.param(code("{{{{ rows|map(attribute='__class__')|list }}}}"), FILTER.format("map"),
                 id="map_attribute_filter"),
    pytest.param(code("{{{{ '%9999999999s'|format('a') }}}}"), FILTER.format("format"), id="format_filter"),
    pytest.param(code("{{{{ '{{0.__class__.__init__.__globals__}}'.format(cycler) }}}}"),
                 "Шаблон обращается к недопустимому полю «format»", id="format_method"),
    pytest.param(code("{{{{ '%9999999999s' % organization }}}}"), "Шаблон использует действие «%» не с числами",
                 id="string_formatting_operator"),
    pytest.param(code("{{% for i in range(10**12) %}}x{{% endfor %}}"), LOOP, id="range_bomb"),
    pytest.param(code("{{% for i in range(1000000000000) %}}{{% endfor %}}"), LOOP, id="range_bomb_literal"),
    pytest.param(code("{{{{ 'a' * 10**9 }}}}"), "Шаблон возводит в степень", id="string_bomb"),
    pytest.param(code("{{{{ 'a' * 1000000000 }}}}"), "Шаблон использует действие «*» не с числами",
                 id="string_bomb_literal"),
    pytest.param(code("{{{{ [organization] * 1000000000 }}}}"), "Шаблон использует действие «*» не с числами",
                 id="list_bomb"),
    pytest.param(code("{{{{ 9**9**9**9 }}}}"), "Шаблон возводит в степень", id="power_bomb"),
    pytest.param(code("{{{{ 99999999999999 * 99999999999999 * 99999999999999 * 99999999999999 }}}}"), FAILED,
                 id="number_product_bomb"),
    pytest.param(code("{{% for a in rows %}}{{% for b in rows %}}{{% for c in paragraphs %}}x{{% endfor %}}"
                      "{{% endfor %}}{{% endfor %}}"), "В шаблоне цикл внутри цикла", id="nested_loops"),
    pytest.param(code("{{% set a = 'xxxxxxxxxx' %}}" + "{{% set a = a ~ a %}}" * 40 + "{{{{ a }}}}"),
                 TAG.format("set"), id="set_doubling"),
    pytest.param(code("{{% macro f(n) %}}{{{{ f(n) }}}}{{{{ f(n) }}}}{{% endmacro %}}{{{{ f(1) }}}}"),
                 TAG.format("macro"), id="macro_recursion"),
    pytest.param(code("{{% for r in rows recursive %}}{{{{ loop(rows) }}}}{{% endfor %}}"), LOOP,
                 id="recursive_loop"),
    pytest.param(code("{{% for r in rows %}}{{{{ loop.cycle.__globals__ }}}}{{% endfor %}}"),
                 "Шаблон обращается к недопустимому полю «cycle»", id="loop_helpers"),
    pytest.param(code("{{% autoescape false %}}{{{{ organization }}}}{{% endautoescape %}}"),
                 TAG.format("autoescape"), id="autoescape_off"),
    pytest.param(code("{{% include " + SECRET_TAG + " %}}"), TAG.format("include"), id="error_channel_include"),
    pytest.param(code("{{% extends " + SECRET_TAG + " %}}"), TAG.format("extends"), id="error_channel_extends"),
    pytest.param(code("{{{{ rows[0].mentor ~ (1 / 0) }}}}"), FAILED, id="error_channel_division"),
    pytest.param(code("{{{{ rows[7].mentor }}}}"), FAILED, id="error_channel_undefined"),
    pytest.param(code("{{{{ organization }}}} {{% for row in rows %}}{{{{ row.mentor"), SYNTAX,
                 id="error_channel_syntax"),
    pytest.param(lambda marker: tags("Текст", header=(f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}')"
                                                      ".read() }}",)), NAME.format("cycler"), id="payload_in_header"),
    pytest.param(lambda marker: tags("Текст", title=f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}')"
                                                    ".read() }}"), NAME.format("cycler"), id="payload_in_properties"),
    pytest.param(lambda marker: footnote(f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}"),
                 NAME.format("cycler"), id="payload_in_footnotes"),
    pytest.param(code("{{{{ rows|join('" + "x" * 100_000 + "') }}}}", zipfile.ZIP_STORED),
                 "Строка в теге шаблона слишком длинная", id="long_separator_of_join"),
    pytest.param(code("{{{{ organization }}}}" * 2000), "В шаблоне слишком много тегов", id="too_many_tags"),
    pytest.param(code("{{{{ 1" + " + 1" * 30000 + " }}}}"), "В шаблоне слишком много тегов", id="one_endless_tag"),
    pytest.param(code("{{{{ " * 100000, zipfile.ZIP_STORED), "В шаблоне слишком много тегов",
                 id="unclosed_tags_in_bulk"),
    pytest.param(code("{{{{ organization }}}} {{{{ title"), SYNTAX, id="unclosed_tag"),
    pytest.param(code("{{{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}}}"), "Шаблон слишком сложный",
                 id="deep_nesting"),
    pytest.param(lambda marker: rezip(tags("Текст"), {"word/media/bomb.bin": bytes(4 * 1024 * 1024)}),
                 "Файл шаблона сжат подозрительно сильно", id="zip_bomb"),
    pytest.param(lambda marker: rezip(tags("Текст"), {"word/media/bomb.bin": bytes(1024 * 1024 * 1024 // 100)}),
                 "Шаблон слишком большой: одна из его частей после распаковки больше 5 МБ", id="zip_bomb_big_part"),
    pytest.param(lambda marker: rezip(tags("Текст"), {f"word/media/photo{i}.jpg": os.urandom(4_500_000)
                                                      for i in range(6)}, zipfile.ZIP_STORED),
                 "Шаблон слишком большой: после распаковки больше 25 МБ", id="unpacked_too_big"),
    pytest.param(lambda marker: body(f"<w:p><w:r><w:t>{os.urandom(5_600_000).hex()}</w:t></w:r></w:p>"),
                 "Шаблон слишком большой: одна из его частей после распаковки больше 5 МБ", id="huge_text_node"),
    pytest.param(lambda marker: body("".join(f'<w:p w:rsidR="{index:08X}"/>' for index in range(2 * 1024 * 1024 // 25))),
                 "Текст шаблона слишком большой", id="two_megabytes_of_empty_paragraphs"),
    pytest.param(lambda marker: many_parts(400), "Файл шаблона состоит из слишком многих частей", id="too_many_parts"),
    pytest.param(lambda marker: b"not a zip at all", "Файл не похож на документ DOCX", id="not_a_zip"),
    pytest.param(lambda marker: only_content_types(), "Файл не похож на документ DOCX", id="zip_without_a_document"),
    pytest.param(lambda marker: rezip(tags("Текст"), {}, zipfile.ZIP_BZIP2), "Файл не похож на документ DOCX",
                 id="parts_compressed_otherwise"),
]


@pytest.fixture
def marker(tmp_path: Path, monkeypatch) -> Path:
    """The file a payload would create; and a secret in the environment a payload would echo."""
    monkeypatch.setenv(SECRET_VARIABLE, SECRET)
    return tmp_path / "payload-ran"


def refusal(content: bytes, kind: str = OrderKind.PAIRS) -> tuple[str, float]:
    started = time.monotonic()
    with pytest.raises(ValidationError) as refused:
        rendering.check_template(content, kind)
    return " ".join(refused.value.messages), time.monotonic() - started


@pytest.mark.parametrize(("build", "expected"), HOSTILE)
def test_a_hostile_template_is_refused_at_upload_in_seconds_with_a_fixed_message_and_nothing_run(
        build, expected, marker):
    message, elapsed = refusal(build(marker))
    assert expected in message
    assert not any(word in message for word in EXCEPTION_WORDS), message
    assert elapsed < 5
    assert not marker.exists()


@pytest.mark.parametrize("payload", list(CODE.values()), ids=list(CODE))
def test_the_payloads_of_the_corpus_would_run_in_plain_docxtpl(payload, marker):
    """The corpus tests something: filled the way documents were filled before, each payload runs."""
    DocxTemplate(io.BytesIO(tags(payload.format(marker=marker)))).render({}, autoescape=True)
    assert marker.exists()


@pytest.mark.parametrize(("limit", "value", "expected"), [
    ("MAX_OUTPUT", 1000, "Документ по шаблону получается слишком большим"),
    ("MAX_SECONDS", -1, "Документ по шаблону заполняется дольше"),
], ids=["characters", "seconds"])
def test_filling_a_template_that_passed_stops_at_the_budget(limit, value, expected, monkeypatch):
    """At order time the data, not the template, may make a document huge or slow; the budget stops it."""
    monkeypatch.setattr(sandbox, limit, value)
    with pytest.raises(ValidationError, match=expected):
        rendering.render(defaults.default_template(OrderKind.PAIRS), OrderKind.PAIRS, rendering.SAMPLES[OrderKind.PAIRS])


def test_a_part_lying_about_its_size_is_read_no_further_than_it_declares():
    content = lying_part()
    tracemalloc.start()
    try:
        zipfile.ZipFile(io.BytesIO(content)).read("word/media/filler.bin")
        plain = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        rendering.check_template(content, OrderKind.REGULATION)
        checked = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert plain > 100 * 1024 * 1024  # reading the part whole inflates all of it first
    assert checked < 30 * 1024 * 1024


# Good templates

@pytest.mark.parametrize("kind", [*OrderKind.values, *ConsentFormKind.values])
def test_every_default_template_passes_and_fills_with_its_sample(kind):
    rendering.check_template(defaults.default_template(kind), kind)
    filled = text(read(rendering.render(defaults.default_template(kind), kind, rendering.SAMPLES[kind])))
    assert "МБОУ «СОШ № 1»" in filled
    assert "{{" not in filled and "{%" not in filled


def realistic_template() -> bytes:
    """What a school's clerk makes of the default template in Word: a header, a draft mark, a loop over the
    paragraphs, a table of rows with numbering and filters, a counted range of blank lines."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "{{ organization|upper }}"
    document.core_properties.title = "Приказ № {{ number }}"
    for line in ("{%p if draft %}", "ПРОЕКТ", "{%p endif %}", "{{ title }} от {{ date_long }} № {{ number }}",
                 "{%p for paragraph in paragraphs %}", "{{ loop.index }}) {{ paragraph }}", "{%p endfor %}",
                 "Пар в приказе: {{ rows|length }}; первым назван {{ (rows|first).mentor|default('—') }}."):
        document.add_paragraph(line)
    grid = document.add_table(rows=3, cols=3)
    grid.rows[0].cells[0].text = "{%tr for row in rows %}"
    cells = grid.rows[1].cells
    cells[0].text, cells[1].text = "{{ row.n }}.", "{{ row.mentor }}{% if not loop.last %};{% endif %}"
    cells[2].text = "{{ row.mentees|truncate(60) }} ({{ row.form }}, {{ row.term }})"
    grid.rows[2].cells[0].text = "{%tr endfor %}"
    document.add_paragraph("{% for i in range(3) %}_{% endfor %} {{ signer_position }} {{ signer or '—' }}")
    return _saved(document)


class TemplateUploadTests(DocumentsTestCase):
    def test_a_refused_upload_keeps_no_file_and_no_template(self):
        files = set(Path(settings.MEDIA_ROOT).rglob("*"))
        with self.assertRaisesMessage(ValidationError, NAME.format("cycler")):
            actions.upload_template(organization=self.school_a, kind=OrderKind.REGULATION, actor=self.curator_a,
                                    file=SimpleUploadedFile("t.docx", tags("{{ cycler.__init__ }}")))
        self.assertFalse(DocumentTemplate.objects.exists())
        self.assertEqual(set(Path(settings.MEDIA_ROOT).rglob("*")), files)

    def test_a_realistic_custom_template_using_documented_names_passes_and_fills(self):
        actions.upload_template(organization=self.school_a, kind=OrderKind.PAIRS, actor=self.curator_a,
                                file=SimpleUploadedFile("свой.docx", realistic_template()))
        order = self.draft(OrderKind.PAIRS, self.propose(self.pupil_a), self.propose(self.pupil("Орлова")),
                           text="Закрепить пары.\n\nКонтроль оставляю за собой.")
        filled = read(rendering.render_order(order))
        self.assertEqual(text(filled).split("\n"), [
            "ПРОЕКТ", "О закреплении наставнических пар (групп) от «____» ____________ 20____ г. № ______",
            "1) Закрепить пары.", "2) Контроль оставляю за собой.",
            "Пар в приказе: 2; первым назван Смирнов Иван.", "___ Директор —"])
        self.assertEqual(table(filled), [
            ["1.", "Смирнов Иван;", "Кузнецова Мария («ученик – ученик», с 01.12.2026 по 31.05.2027)"],
            ["2.", "Смирнов Иван", "Орлова Иван («ученик – ученик», с 01.12.2026 по 31.05.2027)"]])
        self.assertEqual(filled.sections[0].header.paragraphs[0].text, "МБОУ «СОШ № 1»")
        self.assertEqual(filled.core_properties.title, "Приказ № ______")

    def test_data_that_looks_like_a_tag_is_written_as_text(self):
        pair = self.propose(self.pupil("{{ 7 * 7 }}"))
        rows = table(read(rendering.render_order(self.draft(OrderKind.PAIRS, pair))))
        self.assertEqual(rows[1][2], "{{ 7 * 7 }} Иван")

    def test_the_names_a_template_may_use_are_filled_for_every_kind(self):
        MentorProfile.objects.create(participant=self.pupil_mentor_a, source="pupils").forms.set([self.pupil_pupil])
        pair = self.approved(self.pupil_a)
        Pair.objects.filter(pk=pair.pk).update(status=PairStatus.ACTIVE)  # a mentor is rewarded for a pair at work
        extension = pair_actions.request_extension(pair, actor=self.curator_a, reason=PairChange.Reason.BUSINESS_TRIP,
                                                   new_end_date=datetime.date(2027, 6, 30))
        items = {OrderKind.REGULATION: [], OrderKind.REGISTRY: [self.pupil_mentor_a],
                 OrderKind.PAIRS: [self.propose(self.pupil("Орлова"))], OrderKind.EXTENSION: [extension],
                 OrderKind.REWARD: [self.pupil_mentor_a]}
        for kind, named in items.items():
            context = rendering.order_context(self.draft(kind, *named))
            self.assertEqual(set(context), set(rendering.SAMPLES[kind]), kind)
            for row in context["rows"]:
                self.assertLessEqual(set(rendering.SAMPLES[kind]["rows"][0]), set(row), kind)
        for kind in ConsentFormKind.values:
            self.assertEqual(set(rendering.consent_context(self.pupil_a, kind)), set(rendering.SAMPLES[kind]))


class KeptTemplateTests(DocumentsTestCase):
    """A template kept before templates were checked is checked again whenever it is filled."""

    def keep(self, content: bytes, kind: str = OrderKind.REGULATION) -> None:
        template = DocumentTemplate(organization=self.school_a, kind=kind, uploaded_by=self.curator_a)
        template.file.save("kept.docx", ContentFile(content), save=True)

    def setUp(self):
        self.marker = Path(self.enterContext(tempfile.TemporaryDirectory())) / "payload-ran"
        self.keep(tags(CODE["cycler_globals_popen"].format(marker=self.marker)))

    def test_filling_the_order_refuses_it_and_runs_nothing(self):
        order = self.draft(OrderKind.REGULATION)
        with self.assertRaisesMessage(ValidationError, NAME.format("cycler")):
            rendering.render_order(order)
        with self.assertRaisesMessage(ValidationError, NAME.format("cycler")):
            self.register(order)
        order.refresh_from_db()
        self.assertTrue(order.is_draft)
        self.assertFalse(self.marker.exists())

    def test_downloading_the_order_names_the_refusal_on_the_orders_page(self):
        order = self.draft(OrderKind.REGULATION)
        self.login(self.curator_a)
        response = self.client.get(reverse("documents:docx", args=[order.pk]), follow=True)
        self.assertRedirects(response, reverse("documents:detail", args=[order.pk]))
        self.assertContains(response, NAME.format("cycler"))
        self.assertFalse(self.marker.exists())

    def test_downloading_a_consent_form_names_the_refusal_on_the_consents_page(self):
        self.keep(tags(CODE["joiner_globals_open"].format(marker=self.marker)), ConsentFormKind.PARTICIPANT)
        self.login(self.curator_a)
        response = self.client.get(reverse("documents:consent_docx", args=[self.pupil_a.pk,
                                                                           ConsentFormKind.PARTICIPANT]), follow=True)
        self.assertRedirects(response, reverse("documents:consents"))
        self.assertContains(response, NAME.format("joiner"))
        self.assertFalse(self.marker.exists())
