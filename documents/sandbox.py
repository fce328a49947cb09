"""An organization's own DOCX template filled as data, never run as code.

Before anything parses the file, the zip's central directory is checked (number of parts, the size of each
and of all of them after unpacking, the compression ratio), and each part is read no further than it
declares and repacked uncompressed for python-docx. The Jinja source docxtpl renders (the text, headers,
footers, footnotes, document properties) is checked against the names the kind of document fills (`names`,
a sample of its context): only documented names and fields, no attribute beginning with «_», no calls but a
bounded `range()`, filters and tests from a short list, no `set`, `macro`, `include` and the like, loops
only over the document's lists or a short `range()` and never inside each other, arithmetic only on numbers.
Filling runs in Jinja's immutable sandbox holding only those filters and tests, with multiplication bounded
and a budget of characters and seconds, so even a template that slipped past the check cannot run code or
hang a worker. Every refusal is a fixed Russian message (TemplateRefused), never the text of an exception.
No Django here."""

import io
import re
import time
import zipfile
from dataclasses import dataclass

from docxtpl import DocxTemplate
from jinja2 import Template, TemplateSyntaxError, nodes
from jinja2.defaults import DEFAULT_FILTERS, DEFAULT_TESTS
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

MB = 1024 * 1024
MAX_FILE = 5 * MB  # the uploaded file
MAX_PARTS = 300  # a document from Word has 10–40 parts
MAX_PART = 5 * MB  # any one part after unpacking; libxml2 refuses a text node over 10 MB
MAX_UNPACKED = 25 * MB  # all parts after unpacking, pictures included
MAX_RATIO = 100  # Word's parts compress 5–40 times; a part bigger than RATIO_FROM may not compress more
RATIO_FROM = 256 * 1024
MAX_SOURCE = 500_000  # characters of markup of the parts docxtpl fills (a page from Word is about 20 thousand)
MAX_TAGS = 1000  # {{ … }} and {% … %}: a default template has 30, and Jinja spends about a millisecond on each
MAX_TOKENS = 20_000  # what Jinja reads in them and between them: a long tag costs as much as many short ones
MAX_RANGE = 100  # steps of a `range()` loop
MAX_CONSTANT = 1000  # characters of a string written in a tag (`join` repeats its separator for every item)
MAX_REPEAT = 10_000  # characters or items a multiplication may make
MAX_OUTPUT = 4_000_000  # characters of markup a filled document may have (a row of an order's table is 2–3 thousand)
MAX_SECONDS = 10  # filling one document

FILTERS = ("upper", "lower", "capitalize", "title", "trim", "default", "length", "first", "last", "join", "truncate")
TESTS = ("defined", "undefined", "none", "number", "string", "even", "odd", "divisibleby")
# Tags docxtpl itself writes (vMerge, gridSpan) compare and multiply numbers, so these stay.
COMPARISONS = ("eq", "ne", "lt", "lteq", "gt", "gteq", "in", "notin")
ARITHMETIC = {nodes.Add: "+", nodes.Sub: "-", nodes.Mul: "*", nodes.Div: "/", nodes.FloorDiv: "//", nodes.Mod: "%"}
TAGS = {nodes.Assign: "set", nodes.AssignBlock: "set", nodes.Macro: "macro", nodes.CallBlock: "call",
        nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from … import",
        nodes.Extends: "extends", nodes.Block: "block", nodes.With: "with", nodes.FilterBlock: "filter",
        nodes.Scope: "autoescape", nodes.ScopedEvalContextModifier: "autoescape"}
# Every string property of the document: a superset of those docxtpl fills.
PROPERTIES = ("author", "category", "comments", "content_status", "identifier", "keywords", "language",
              "last_modified_by", "subject", "title", "version")
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

NOT_DOCX = "Файл не похож на документ DOCX."
TOO_MANY_PARTS = f"Файл шаблона состоит из слишком многих частей: больше {MAX_PARTS}."
PART_TOO_BIG = f"Шаблон слишком большой: одна из его частей после распаковки больше {MAX_PART // MB} МБ."
TOO_BIG = f"Шаблон слишком большой: после распаковки больше {MAX_UNPACKED // MB} МБ."
BOMB = f"Файл шаблона сжат подозрительно сильно (больше чем в {MAX_RATIO} раз): документы Word так не сжимаются."
TOO_LONG = f"Текст шаблона слишком большой: больше {MAX_SOURCE // 1000} тысяч знаков разметки."
TOO_MANY_TAGS = (f"В шаблоне слишком много тегов {{{{ … }}}} и {{% … %}}: больше {MAX_TAGS}, или они слишком длинные: "
                 f"больше {MAX_TOKENS} слов и знаков.")
SYNTAX = ("В шаблоне ошибка в тегах {{{{ … }}}} или {{% … %}} ({place}): проверьте, что каждый тег закрыт, "
          "а каждый {{% for %}} и {{% if %}} кончается своим {{% endfor %}} или {{% endif %}}.")
TOO_DEEP = "Шаблон слишком сложный: теги вложены друг в друга слишком глубоко."
NAME = "Шаблон обращается к недопустимому имени «{name}». Допустимые имена: {names}."
HIDDEN = "Шаблон обращается к скрытому атрибуту «{name}»."
FIELD = "Шаблон обращается к недопустимому полю «{name}»."
CALL = "Шаблон вызывает «{name}»: вызывать функции и методы в шаблоне нельзя."
RANGE = "range() допустим только в заголовке цикла: {% for i in range(3) %}."
FILTER = "Шаблон применяет недопустимый фильтр «{name}». Допустимые фильтры: " + ", ".join(FILTERS) + "."
TEST = "Шаблон применяет недопустимую проверку «is {name}». Допустимые проверки: " + ", ".join(TESTS) + "."
ARGUMENTS = "Параметры фильтра или проверки «{name}» должны быть записаны прямо в шаблоне: строка или число."
TAG = "Шаблон использует недопустимый тег {{% {name} %}}."
LOOP = ("Цикл в шаблоне может идти только по списку документа ({lists}) или по range() не больше чем на "
        f"{MAX_RANGE} шагов.")
LOOP_NAME = "Цикл в шаблоне должен называть один элемент: {% for row in rows %}."
NESTED = "В шаблоне цикл внутри цикла: так документ может вырасти без меры."
OPERATOR = "Шаблон использует действие «{name}» не с числами."
POWER = "Шаблон возводит в степень: так нельзя."
INDEX = "В квадратных скобках шаблона допустимы только номер или имя поля, записанные прямо в шаблоне."
EXPRESSION = "Шаблон содержит недопустимую запись в теге."
CONSTANT = f"Строка в теге шаблона слишком длинная: больше {MAX_CONSTANT} знаков."
OUTPUT = f"Документ по шаблону получается слишком большим: больше {MAX_OUTPUT // 1_000_000} млн знаков разметки."
SLOW = f"Документ по шаблону заполняется дольше {MAX_SECONDS} секунд."
FAILED = "Шаблон не удалось заполнить: проверьте теги {{ … }} и {% … %} и поля, к которым они обращаются."


class TemplateRefused(Exception):
    """A template that may not be filled; the message is fixed Russian text for the user."""


def render(template: bytes, context: dict, names: dict) -> bytes:
    """The DOCX of `template` filled with `context`, if it uses only `names` (a sample of the context)."""
    document = _open(template)
    document.check(names)
    budget = _Budget()
    try:
        document.render(context, jinja_env=_Sandbox(budget), autoescape=True)
        budget.check()
        stream = io.BytesIO()
        document.save(stream)
    except TemplateRefused:
        raise
    except Exception as error:  # a hostile template can fail anywhere in docxtpl, lxml or python-docx
        raise TemplateRefused(FAILED) from error
    return stream.getvalue()


# The package

def unpack(content: bytes) -> bytes:
    """The DOCX repacked uncompressed, after the checks of its central directory."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
    except Exception as error:  # zipfile reading a central directory nobody checked
        raise TemplateRefused(NOT_DOCX) from error
    names = [entry.filename for entry in entries]
    if "[Content_Types].xml" not in names or len(set(names)) != len(names):
        raise TemplateRefused(NOT_DOCX)
    if len(entries) > MAX_PARTS:
        raise TemplateRefused(TOO_MANY_PARTS)
    if any(entry.file_size > MAX_PART for entry in entries):
        raise TemplateRefused(PART_TOO_BIG)
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED:
        raise TemplateRefused(TOO_BIG)
    if any(entry.file_size > RATIO_FROM and entry.file_size > MAX_RATIO * entry.compress_size for entry in entries):
        raise TemplateRefused(BOMB)
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_STORED) as repacked:
        for entry in entries:
            repacked.writestr(entry.filename, _read(archive, entry))
    return stream.getvalue()


def _read(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    """The part read in small steps: zipfile stops at the declared size, but reading a part whole would
    first inflate everything it holds (a part may lie about its size)."""
    if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or entry.flag_bits & 0x1:
        raise TemplateRefused(NOT_DOCX)  # other methods inflate without a bound; 0x1: encrypted
    chunks = []
    try:
        with archive.open(entry) as part:
            while chunk := part.read(64 * 1024):
                chunks.append(chunk)
    except Exception as error:  # a broken or lying part
        raise TemplateRefused(NOT_DOCX) from error
    return b"".join(chunks)


def _open(template: bytes) -> "_Document":
    document = _Document(io.BytesIO(unpack(template)))
    try:
        document.init_docx()
    except Exception as error:  # python-docx reads parts and relations of a file nobody checked
        raise TemplateRefused(NOT_DOCX) from error
    return document


class _Document(DocxTemplate):
    """docxtpl's template with the Jinja source it fills exposed for the check."""

    def sources(self) -> list[tuple[str, str]]:
        """(where, Jinja source) of every part docxtpl fills, each as docxtpl preprocesses it."""
        try:
            parts = [("текст", self.get_xml())]
            for uri, place in ((self.HEADER_URI, "верхний колонтитул"), (self.FOOTER_URI, "нижний колонтитул")):
                parts += [(place, self.get_part_xml(part)) for _, part in self.get_headers_footers(uri)]
            parts += [("сноски", self.get_part_xml(part)) for part in self._footnotes()]
            properties = [("свойства документа", getattr(self.core_properties, name) or "") for name in PROPERTIES]
        except Exception as error:  # the parts of a file nobody checked
            raise TemplateRefused(NOT_DOCX) from error
        if sum(len(source) for _, source in parts + properties) > MAX_SOURCE:
            raise TemplateRefused(TOO_LONG)
        _check_tags(parts)
        return [(place, self.patch_xml(xml)) for place, xml in parts] + properties

    def check(self, names: dict) -> None:
        """Refuse a template that does more than print the documented `names`."""
        environment = _Sandbox(_Budget())
        scope = {name: _kind(value) for name, value in names.items()}
        checker = _Checker(scope)
        sources = self.sources()
        _check_tokens(environment, sources)
        for place, source in sources:
            try:
                tree = environment.parse(source)
            except TemplateSyntaxError as error:
                raise TemplateRefused(SYNTAX.format(place=place)) from error
            except RecursionError as error:
                raise TemplateRefused(TOO_DEEP) from error
            try:
                checker.statements(tree.body, scope, in_loop=False)
            except RecursionError as error:
                raise TemplateRefused(TOO_DEEP) from error

    def _footnotes(self) -> list:
        return [part for part in self.docx.part.package.parts if part.content_type == FOOTNOTES]

    def render_footnotes(self, context: dict, jinja_env=None) -> None:
        # docxtpl fills the footnotes once per section, each time from its previous output, so data that looks
        # like a tag would be filled as one; here they are filled once, from the source that was checked.
        for part in self._footnotes():
            xml = self.render_xml_part(self.patch_xml(self.get_part_xml(part)), part, context, jinja_env)
            part._blob = xml.encode("utf-8")

    def map_tree(self, tree) -> None:
        self.docx._element.body.clear()  # lxml frees a replaced body node by node in quadratic time
        super().map_tree(tree)


def _check_tags(parts: list[tuple[str, str]]) -> None:
    """Refuse too many tags, or a line whose tag is opened after its last closing, before docxtpl's regular
    expressions run: they cost about a millisecond a tag, and scan the rest of the line from each unclosed one
    (a file of unclosed «{{» takes hours); Jinja would refuse an unclosed tag anyway. Markup between the braces
    does not count, as docxtpl removes it."""
    tags = 0
    for place, xml in parts:
        for line in re.sub(r"<[^>]*>", "", xml).split("\n"):
            tags += len(re.findall(r"\{[{%]", line))
            if tags > MAX_TAGS:
                raise TemplateRefused(TOO_MANY_TAGS)
            closed = max(line.rfind("}}"), line.rfind("%}"))
            if re.search(r"\{[{%]", line[closed + 1:]):
                raise TemplateRefused(SYNTAX.format(place=place))


def _check_tokens(environment, sources: list[tuple[str, str]]) -> None:
    """Refuse tags longer than the limit, reading no further than it."""
    tokens = 0
    for place, source in sources:
        try:
            for _ in environment.lex(source):
                tokens += 1
                if tokens > MAX_TOKENS:
                    raise TemplateRefused(TOO_MANY_TAGS)
        except TemplateSyntaxError as error:
            raise TemplateRefused(SYNTAX.format(place=place)) from error


# What a name holds, from its sample value

TEXT, NUMBER, FLAG = "text", "number", "flag"


@dataclass(frozen=True)
class _Items:
    item: object


@dataclass(frozen=True)
class _Record:
    fields: dict


@dataclass(frozen=True)
class _Loop:
    item: object


LOOP_FIELDS = {"index": NUMBER, "index0": NUMBER, "revindex": NUMBER, "revindex0": NUMBER, "length": NUMBER,
               "first": FLAG, "last": FLAG}


def _kind(value):
    if isinstance(value, bool) or value is None:
        return FLAG
    if isinstance(value, int | float):
        return NUMBER
    if isinstance(value, list):
        return _Items(_kind(value[0]) if value else TEXT)
    if isinstance(value, dict):
        return _Record({key: _kind(item) for key, item in value.items()})
    return TEXT


class _Checker:
    """Walks a template's syntax tree; an expression's parts are checked before the expression itself, so the
    first name a payload reaches for is the one the refusal names."""

    def __init__(self, scope: dict):
        self.names = ", ".join(scope)
        self.lists = ", ".join(name for name, kind in scope.items() if isinstance(kind, _Items)) or "их здесь нет"

    def statements(self, body: list, scope: dict, in_loop: bool) -> None:
        for node in body:
            self.statement(node, scope, in_loop)

    def statement(self, node, scope: dict, in_loop: bool) -> None:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    self.expression(child, scope)
        elif isinstance(node, nodes.If):
            self.expression(node.test, scope)
            self.statements(node.body, scope, in_loop)
            self.statements(node.elif_, scope, in_loop)
            self.statements(node.else_, scope, in_loop)
        elif isinstance(node, nodes.For):
            self.loop(node, scope, in_loop)
        else:
            raise TemplateRefused(TAG.format(name=TAGS.get(type(node), type(node).__name__.lower())))

    def loop(self, node: nodes.For, scope: dict, in_loop: bool) -> None:
        if in_loop:
            raise TemplateRefused(NESTED)
        if not isinstance(node.target, nodes.Name):
            raise TemplateRefused(LOOP_NAME)
        if node.target.name.startswith("_"):
            raise TemplateRefused(HIDDEN.format(name=node.target.name))
        item = self.iterable(node.iter, scope)
        if node.recursive:
            raise TemplateRefused(LOOP.format(lists=self.lists))
        inner = {**scope, node.target.name: item, "loop": _Loop(item)}
        if node.test is not None:
            self.expression(node.test, inner)
        self.statements(node.body, inner, in_loop=True)
        self.statements(node.else_, scope, in_loop)

    def iterable(self, node, scope: dict):
        """What a loop's items hold: one of the document's lists, or the numbers of a short range()."""
        if isinstance(node, nodes.Name) and isinstance(scope.get(node.name), _Items):
            return scope[node.name].item
        if (isinstance(node, nodes.Call) and _is_range(node.node) and not (node.kwargs or node.dyn_args or node.dyn_kwargs)
                and all(isinstance(a, nodes.Const) and type(a.value) is int for a in node.args)):
            try:
                if len(range(*(a.value for a in node.args))) <= MAX_RANGE:
                    return NUMBER
            except (TypeError, ValueError, OverflowError):  # no arguments, a zero step, more steps than an int
                pass
        elif not _is_range(getattr(node, "node", None)):
            self.expression(node, scope)  # names what is wrong inside, if anything
        raise TemplateRefused(LOOP.format(lists=self.lists))

    def expression(self, node, scope: dict):  # noqa: C901 — one branch per kind of node, read top to bottom
        """What the expression holds, once its parts are allowed."""
        if isinstance(node, nodes.Const):
            if isinstance(node.value, str) and len(node.value) > MAX_CONSTANT:
                raise TemplateRefused(CONSTANT)
            return _kind(node.value)
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name.startswith("_"):
                raise TemplateRefused(HIDDEN.format(name=node.name))
            raise TemplateRefused(NAME.format(name=node.name, names=self.names))
        if isinstance(node, nodes.Getattr):
            return self.field(self.expression(node.node, scope), node.attr)
        if isinstance(node, nodes.Getitem):
            held = self.expression(node.node, scope)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self.field(held, node.arg.value)
            if isinstance(node.arg, nodes.Const) and type(node.arg.value) is int and isinstance(held, _Items):
                return held.item
            raise TemplateRefused(INDEX)
        if isinstance(node, nodes.Filter):
            return self.filter(node, scope)
        if isinstance(node, nodes.Test):
            self.expression(node.node, scope)
            self.arguments(node, TESTS, TEST)
            return FLAG
        if isinstance(node, nodes.Call):
            if _is_range(node.node):
                raise TemplateRefused(RANGE)
            self.expression(node.node, scope)
            raise TemplateRefused(CALL.format(name=_callee(node.node)))
        if isinstance(node, nodes.CondExpr):
            for part in (node.test, node.expr2):
                if part is not None:
                    self.expression(part, scope)
            return self.expression(node.expr1, scope)
        if isinstance(node, nodes.And | nodes.Or):
            self.expression(node.left, scope)
            self.expression(node.right, scope)
            return FLAG
        if isinstance(node, nodes.Not):
            self.expression(node.node, scope)
            return FLAG
        if isinstance(node, nodes.Compare):
            self.expression(node.expr, scope)
            for operand in node.ops:
                if operand.op not in COMPARISONS:
                    raise TemplateRefused(EXPRESSION)
                self.expression(operand.expr, scope)
            return FLAG
        if isinstance(node, nodes.Concat):
            for part in node.nodes:
                self.expression(part, scope)
            return TEXT
        if isinstance(node, nodes.Pow):
            raise TemplateRefused(POWER)
        if type(node) in ARITHMETIC:
            held = (self.expression(node.left, scope), self.expression(node.right, scope))
            if held != (NUMBER, NUMBER):
                raise TemplateRefused(OPERATOR.format(name=ARITHMETIC[type(node)]))
            return NUMBER
        if isinstance(node, nodes.Neg | nodes.Pos):
            if self.expression(node.node, scope) != NUMBER:
                raise TemplateRefused(OPERATOR.format(name=node.operator))
            return NUMBER
        if isinstance(node, nodes.List | nodes.Tuple):
            items = [self.expression(item, scope) for item in node.items]
            return _Items(items[0] if items else TEXT)
        raise TemplateRefused(EXPRESSION)

    def field(self, held, name: str):
        if name.startswith("_"):
            raise TemplateRefused(HIDDEN.format(name=name))
        if isinstance(held, _Record) and name in held.fields:
            return held.fields[name]
        if isinstance(held, _Loop) and name in LOOP_FIELDS:
            return LOOP_FIELDS[name]
        if isinstance(held, _Loop) and name in ("previtem", "nextitem"):
            return held.item
        raise TemplateRefused(FIELD.format(name=name))

    def filter(self, node: nodes.Filter, scope: dict):
        held = self.expression(node.node, scope)
        self.arguments(node, FILTERS, FILTER)
        if node.name == "length":
            return NUMBER
        if node.name in ("first", "last") and isinstance(held, _Items):
            return held.item
        return held if node.name == "default" else TEXT

    @staticmethod
    def arguments(node: nodes.Filter | nodes.Test, allowed: tuple, message: str) -> None:
        if node.name not in allowed:
            raise TemplateRefused(message.format(name=node.name))
        if node.kwargs or node.dyn_args or node.dyn_kwargs or not all(
                isinstance(a, nodes.Const) and isinstance(a.value, str | int) for a in node.args):
            raise TemplateRefused(ARGUMENTS.format(name=node.name))
        if any(isinstance(a.value, str) and len(a.value) > MAX_CONSTANT for a in node.args):
            raise TemplateRefused(CONSTANT)


def _is_range(node) -> bool:
    return isinstance(node, nodes.Name) and node.name == "range"


def _callee(node) -> str:
    if isinstance(node, nodes.Getattr):
        return node.attr
    return node.name if isinstance(node, nodes.Name) else "…"


# Filling

class _Budget:
    """Characters and seconds one document may take, spent as Jinja writes it."""

    def __init__(self):
        self.left = MAX_OUTPUT
        self.deadline = time.monotonic() + MAX_SECONDS

    def spend(self, chunks):
        for chunk in chunks:
            self.left -= len(chunk)
            if self.left < 0:
                raise TemplateRefused(OUTPUT)
            self.check()
            yield chunk

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateRefused(SLOW)


class _BudgetedTemplate(Template):
    def render(self, *args, **kwargs) -> str:
        chunks = self.root_render_func(self.new_context(dict(*args, **kwargs)))
        return self.environment.concat(self.environment.budget.spend(chunks))


def _range(*args: int) -> range:
    steps = range(*args)
    if len(steps) > MAX_RANGE:
        raise SecurityError("range")
    return steps


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox holding only the allowed filters and tests and a short range(); nothing else may be
    called, and multiplication, powers and string formatting cannot make huge values."""

    template_class = _BudgetedTemplate
    intercepted_binops = frozenset({"*", "**", "%"})  # also keeps Jinja from computing them while compiling

    def __init__(self, budget: _Budget):
        super().__init__()
        self.budget = budget
        self.globals = {"range": _range}
        self.filters = {name: DEFAULT_FILTERS[name] for name in FILTERS}
        self.tests = {name: DEFAULT_TESTS[name] for name in TESTS}

    def is_safe_callable(self, obj) -> bool:
        return obj is _range

    def call_binop(self, context, operator: str, left, right):
        if operator == "**" or (operator == "%" and isinstance(left, str)):
            raise SecurityError(operator)
        if operator == "*":
            for value, times in ((left, right), (right, left)):
                if isinstance(value, str | list | tuple) and isinstance(times, int) and len(value) * times > MAX_REPEAT:
                    raise SecurityError(operator)
            if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > 64:
                raise SecurityError(operator)
        return super().call_binop(context, operator, left, right)
