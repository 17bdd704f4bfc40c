"""Jinja for templates nobody here wrote: the sandbox, bounds on one render, a look at the tags.

A kabupaten's template is code. It runs in Jinja's ImmutableSandboxedEnvironment (no Python internals,
nothing mutated), may read only plain data (an allowlist by type: text, numbers, lists, the program's
own dataclasses), and every render spends from a ``Budget``: loop steps, characters built or written,
and a wall clock. The compiled code itself pays: the code generator below makes each ``{% for %}``
tick the budget per item, each output statement pay for what it writes (also inside macros and
``{% set %}`` blocks, which buffer instead of yielding), and ``~`` check what it joins. Operators,
filters and methods that can build large values are checked *before* they allocate.

``scan`` is the static half for `keputusan periksa-templat`: forbidden attributes, unknown filters and
tests, tags that would load other files, each with its line, without running anything.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string
import time
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields, is_dataclass
from enum import Enum
from typing import Any

import jinja2
from jinja2 import meta, nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.exceptions import SecurityError, TemplateAssertionError
from jinja2.runtime import LoopContext, Namespace, markup_join, str_join
from jinja2.sandbox import (
    UNSAFE_ASYNC_GENERATOR_ATTRIBUTES,
    UNSAFE_COROUTINE_ATTRIBUTES,
    UNSAFE_FUNCTION_ATTRIBUTES,
    UNSAFE_GENERATOR_ATTRIBUTES,
    UNSAFE_METHOD_ATTRIBUTES,
    ImmutableSandboxedEnvironment,
)
from jinja2.utils import Cycler, Joiner


@dataclass(frozen=True)
class Bounds:
    """What one render of one decree may cost. The program's own template, filled from a 3,000-process
    workbook, writes 2.2 million characters in about 30,000 steps; these leave a wide margin."""

    seconds: float = 8.0  # wall clock of the Jinja part of one render
    output: int = 16_000_000  # characters written or built in one render
    steps: int = 2_000_000  # loop items, calls, filters and operators in one render
    value: int = 4_000_000  # characters (or items) of any one value an expression builds
    argument: int = 100_000  # any number handed to a filter or method (widths, counts)
    range: int = 100_000  # items of one range()
    integer_bits: int = 10_000  # about 3,000 digits


class LimitExceeded(SecurityError):
    """A bound of ``Bounds`` was reached; the message is Indonesian and names the bound."""


class ForbiddenConstruct(TemplateAssertionError):
    """Refused when compiling: a forbidden attribute or a tag that would load another file."""


# ---------------------------------------------------------------------------- what may be read

_UNSAFE_NAMES = frozenset(
    {"mro", "f_globals", "f_locals", "f_builtins", "f_code", "tb_frame", "func_globals", "func_code"}
    | UNSAFE_FUNCTION_ATTRIBUTES
    | UNSAFE_METHOD_ATTRIBUTES
    | UNSAFE_GENERATOR_ATTRIBUTES
    | UNSAFE_COROUTINE_ATTRIBUTES
    | UNSAFE_ASYNC_GENERATOR_ATTRIBUTES
)

_STR_METHODS = frozenset(
    "capitalize casefold center count endswith find format format_map index isalnum isalpha "
    "isdecimal isdigit islower isnumeric isspace istitle isupper join ljust lower lstrip partition "
    "removeprefix removesuffix replace rfind rindex rjust rpartition rsplit rstrip split splitlines "
    "startswith strip swapcase title upper zfill striptags unescape".split()
)
_READABLE: tuple[tuple[type | tuple[type, ...], frozenset[str]], ...] = (
    (str, _STR_METHODS),
    (dict, frozenset({"items", "keys", "values", "get"})),
    ((list, tuple), frozenset({"index", "count"})),
    ((int, float), frozenset({"real", "imag", "is_integer"})),
    (dt.date, frozenset("year month day hour minute second weekday isoweekday isoformat".split())),
)
_JINJA_OBJECTS = (LoopContext, Cycler, Namespace)
_SEQUENCES = (str, list, tuple)
_GROWING_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "replace", "join"})


def forbidden_name(attr: str) -> bool:
    """An attribute no template may name: private, dunder, or a handle on frames and code."""
    return attr.startswith("_") or attr in _UNSAFE_NAMES


def _own_dataclass(obj: object) -> bool:
    return is_dataclass(obj) and not isinstance(obj, type) and type(obj).__module__.startswith("generator.")


def readable(obj: object, attr: str) -> bool:
    """True when a template may read ``obj.attr``: plain data only, never a handle on files or the
    document being built (a picture object, for one, reaches the whole docxtpl template)."""
    if forbidden_name(attr):
        return False
    if isinstance(obj, Enum) and attr in ("name", "value"):
        return True
    for kinds, names in _READABLE:
        if isinstance(obj, kinds):
            return attr in names
    if isinstance(obj, _JINJA_OBJECTS):
        return True
    if _own_dataclass(obj):
        return attr in {f.name for f in fields(obj)} or isinstance(getattr(type(obj), attr, None), property)
    return False


# ---------------------------------------------------------------------------- the budget


class Budget:
    """What one render has spent; every check raises LimitExceeded with an Indonesian sentence."""

    __slots__ = ("bounds", "deadline", "spent", "steps")

    def __init__(self, bounds: Bounds) -> None:
        self.bounds = bounds
        self.deadline = time.monotonic() + bounds.seconds
        self.spent = 0
        self.steps = 0

    def step(self) -> None:
        self.steps += 1
        if self.steps > self.bounds.steps:
            raise LimitExceeded(
                f"terlalu banyak langkah pengulangan atau pemanggilan (lebih dari {_n(self.bounds.steps)})"
            )
        if time.monotonic() > self.deadline:
            raise LimitExceeded(f"pengisian terlalu lama (lebih dari {self.bounds.seconds:g} detik)")

    def spend(self, amount: int) -> None:
        self.spent += amount
        if self.spent > self.bounds.output:
            raise LimitExceeded(f"hasil terlalu besar (lebih dari {_n(self.bounds.output)} karakter)")
        if time.monotonic() > self.deadline:
            raise LimitExceeded(f"pengisian terlalu lama (lebih dari {self.bounds.seconds:g} detik)")

    def value(self, size: int) -> None:
        """One value of ``size`` characters or items is about to exist."""
        if size > self.bounds.value:
            raise LimitExceeded(
                f"nilai yang dibangun terlalu besar ({_n(size)} karakter atau unsur, batas "
                f"{_n(self.bounds.value)})"
            )

    def argument(self, number: int) -> None:
        if abs(number) > self.bounds.argument:
            raise LimitExceeded(
                f"bilangan {number} terlalu besar sebagai argumen (batas {_n(self.bounds.argument)})"
            )

    def bits(self, bits: int) -> None:
        if bits > self.bounds.integer_bits:
            raise LimitExceeded(f"bilangan terlalu besar (lebih dari {_n(self.bounds.integer_bits)} bit)")


def _n(number: int) -> str:
    """A count as Indonesian writes it: 100.000."""
    return f"{number:,}".replace(",", ".")


def measure(value: object, budget: Budget) -> int:
    """Characters (or items) ``value`` turns into when printed, counted without printing it: a list
    nested in itself a few dozen times would print gigabytes from a few hundred bytes."""
    if isinstance(value, str):
        return len(value)
    if not isinstance(value, list | tuple | dict | set | frozenset):
        return 8
    cap, total, stack = budget.bounds.value, 0, [value]
    while stack:
        item = stack.pop()
        total += len(item) + 2 if isinstance(item, str) else 2
        if total > cap:
            budget.value(total)
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
    return total


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_percent_format(text: str, budget: Budget) -> None:
    """Widths in a ``'%10s' % x`` format, before Python pads anything."""
    for match in _PERCENT_SPEC.finditer(text):
        for width in match.groups():
            if width == "*":
                raise LimitExceeded("lebar format '*' (diambil dari data) tidak diizinkan")
            if width:
                budget.argument(int(width))


def _check_brace_format(text: str, budget: Budget) -> None:
    """Widths in a ``'{:>10}'.format(x)`` format, before Python pads anything."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError:
        return  # str.format itself will refuse it
    for _, _, spec, _ in parts:
        if spec and "{" in spec:
            raise LimitExceeded("lebar format yang diambil dari data tidak diizinkan")
        for width in re.findall(r"\d+", spec or ""):
            budget.argument(int(width))


def _check_numbers(budget: Budget, args: Iterable[object]) -> None:
    for arg in args:
        if isinstance(arg, int) and not isinstance(arg, bool):
            budget.argument(arg)


def _result(budget: Budget, value: object) -> object:
    if isinstance(value, str | list | tuple | dict):
        size = len(value)
        budget.value(size)
        budget.spend(size)
    return value


def _replace_size(text: object, old: object, new: object, count: object = -1) -> int:
    if not isinstance(text, str):
        return 0
    old, new = str(old), str(new)
    hits = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * max(len(new) - len(old), 0)


# ---------------------------------------------------------------------------- filters


_FILTERS = (
    "abs attr batch capitalize center count d default dictsort e escape filesizeformat first float "
    "forceescape format groupby indent int items join last length list lower map max min reject "
    "rejectattr replace reverse round select selectattr slice sort string striptags sum title tojson "
    "trim truncate unique upper urlencode wordcount wordwrap"
).split()
"""Filters a template may use. Left out: ``safe`` (data would become XML), ``urlize`` and ``xmlattr``
(they write markup), ``random`` (a decree must be reproducible), ``pprint`` (prints object internals)."""


def _guarded_filter(env: SandboxEnvironment, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` with the budget checked before (numbers, estimated size) and after (result size)."""

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        budget = env.budget
        budget.step()
        named = kwargs.get("attribute"), args[2] if name == "attr" and len(args) > 2 else None
        for attribute in named:
            if isinstance(attribute, str) and any(forbidden_name(a) for a in attribute.split(".")):
                raise SecurityError(f"atribut terlarang '{attribute}'")
        values = [a for a in args if not isinstance(a, jinja2.Environment | nodes.EvalContext)]
        _check_numbers(budget, values[1:])  # the parameters (widths, counts), not the value filtered
        _check_numbers(budget, kwargs.values())
        if name == "replace" and len(values) >= 3:
            budget.value(_replace_size(*values[:4]))
        elif name == "format" and values and isinstance(values[0], str):
            _check_percent_format(values[0], budget)
        elif name == "indent" and values and isinstance(values[0], str):
            width = values[1] if len(values) > 1 else kwargs.get("width", 4)
            pad = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
            budget.value(len(values[0]) + (values[0].count("\n") + 1) * max(pad, 0))
        elif name == "sum":
            start = kwargs.get("start", values[2] if len(values) > 2 else 0)
            if not isinstance(start, int | float):
                raise LimitExceeded("sum hanya menjumlahkan bilangan")
        elif name in ("join", "string", "list") and values and not isinstance(values[0], Iterator):
            measure(values[0], budget)
        return _result(budget, func(*args, **kwargs))

    return guarded


# ---------------------------------------------------------------------------- code generation


class _TickingIterable:
    """Iterates like the wrapped value (and has its length when it has one), one budget step per item."""

    __slots__ = ("_items", "_budget")

    def __init__(self, items: Iterable[object], budget: Budget) -> None:
        self._items, self._budget = items, budget

    def __len__(self) -> int:
        return len(self._items)  # type: ignore[arg-type]  # TypeError for an iterator, as LoopContext expects

    def __iter__(self) -> Iterator[object]:
        step = self._budget.step
        for item in self._items:
            step()
            yield item


class BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with the budget paid inside the compiled template."""

    def visit_Output(self, node: nodes.Output, frame: Frame) -> None:
        weight = sum(_weight(child, frame) for child in node.nodes)
        self.writeline(f"environment.spend({weight})")
        super().visit_Output(node, frame)

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        """The loop runs over ``environment.ticking(items)`` (Jinja allows no node types of its own)."""
        if not _is_ticking(node.iter):
            ticking = nodes.EnvironmentAttribute("ticking", lineno=node.iter.lineno)
            node.iter = nodes.Call(ticking, [node.iter], [], None, None, lineno=node.iter.lineno)
        super().visit_For(node, frame)

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        escape = "context.eval_ctx.autoescape" if frame.eval_ctx.volatile else str(frame.eval_ctx.autoescape)
        self.write(f"environment.join_bounded({escape}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")

    def visit_Getattr(self, node: nodes.Getattr, frame: Frame) -> None:
        if forbidden_name(node.attr):
            self.forbid(f"atribut terlarang '{node.attr}'", node)
        super().visit_Getattr(node, frame)

    def visit_Getitem(self, node: nodes.Getitem, frame: Frame) -> None:
        if _forbidden_const(node.arg):
            self.forbid(f"atribut terlarang '{node.arg.value}'", node)
        super().visit_Getitem(node, frame)

    def _load_other_file(self, node: nodes.Node, frame: Frame) -> None:
        self.forbid(f"tag {_TAG_NAMES[type(node)]} (templat tidak boleh memuat berkas lain)", node)

    visit_Extends = visit_Include = visit_Import = visit_FromImport = _load_other_file

    def forbid(self, message: str, node: nodes.Node) -> None:
        raise ForbiddenConstruct(message, node.lineno, self.name, self.filename)


def _weight(node: nodes.Expr, frame: Frame) -> int:
    """What one piece of an output statement costs before it runs: its length when Jinja will have
    folded it into text, else 1 (its value pays for itself when written, through ``finalize``)."""
    if isinstance(node, nodes.TemplateData):
        return len(node.data)
    try:
        return len(str(node.as_const(frame.eval_ctx))) + 1
    except Exception:  # noqa: BLE001 - not constant (nodes.Impossible) or refused by a bound
        return 1


def _is_ticking(node: nodes.Node) -> bool:
    return (
        isinstance(node, nodes.Call)
        and isinstance(node.node, nodes.EnvironmentAttribute)
        and node.node.name == "ticking"
    )


_TAG_NAMES = {
    nodes.Extends: "{% extends %}",
    nodes.Include: "{% include %}",
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from ... import %}",
}


# ---------------------------------------------------------------------------- the environment


class SandboxEnvironment(ImmutableSandboxedEnvironment):
    """The only Jinja environment templates are rendered with: sandboxed, StrictUndefined, autoescape,
    bounded by ``Bounds``; each source is compiled once and kept (``compile_cache``)."""

    code_generator_class = BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, bounds: Bounds | None = None, compile_cache: bool = True) -> None:
        super().__init__(undefined=jinja2.StrictUndefined, autoescape=True, finalize=self._finalize)
        self.bounds = bounds or Bounds()
        self.budget = Budget(self.bounds)
        self.compile_cache = compile_cache
        self.compiled: dict[str, jinja2.Template] = {}
        self.compilations = 0
        self.sources: dict[str, str] = {}  # compiled file name -> source, to find an error's paragraph
        self._file_names: dict[str, str] = {}
        self.globals.clear()
        self.globals.update(range=self._range, dict=dict, namespace=Namespace, cycler=Cycler, joiner=Joiner)
        allowed = {name: self.filters[name] for name in _FILTERS if name in self.filters}
        self.filters.clear()
        self.filters.update({name: _guarded_filter(self, name, f) for name, f in allowed.items()})

    def start(self) -> Budget:
        """A fresh budget for the next render."""
        self.budget = Budget(self.bounds)
        return self.budget

    # ---- compile once

    def from_string(self, source, globals=None, template_class=None):  # type: ignore[override]
        """docxtpl compiles every part on every render; the same source is compiled only once here."""
        if not isinstance(source, str) or globals or template_class:
            return super().from_string(source, globals, template_class)
        template = self.compiled.get(source) if self.compile_cache else None
        if template is None:
            file_name = self._file_names.setdefault(source, f"<templat-{len(self._file_names)}>")
            self.sources[file_name] = source
            rendering, self.budget = self.budget, Budget(self.bounds)  # folding constants has its own
            try:
                code = self.compile(source, filename=file_name)
            finally:
                self.budget = rendering
            template = self.template_class.from_code(self, code, self.make_globals(None), None)
            self.compilations += 1
            if self.compile_cache:
                self.compiled[source] = template
        return template

    # ---- what the compiled code calls

    def spend(self, amount: int) -> None:
        self.budget.spend(amount)

    def ticking(self, items: Iterable[object]) -> _TickingIterable:
        return _TickingIterable(items, self.budget)

    def join_bounded(self, autoescape: bool, parts: tuple[object, ...]) -> str:
        """``a ~ b``: what the parts print as is counted before it is joined."""
        budget = self.budget
        budget.value(sum(measure(part, budget) for part in parts))
        joined = markup_join(parts) if autoescape else str_join(parts)
        budget.spend(len(joined))
        return joined

    def _finalize(self, value: object) -> object:
        """Every ``{{ value }}`` written pays for its length (pictures and rich text pay by statement)."""
        if not hasattr(value, "__html__"):
            size = measure(value, self.budget)
            self.budget.value(size)
            self.budget.spend(size)
        return value

    def _range(self, *args: int) -> range:
        numbers = range(*args)
        if len(numbers) > self.bounds.range:
            raise LimitExceeded(
                f"range() meminta {_n(len(numbers))} nilai, lebih dari batas {_n(self.bounds.range)}"
            )
        return numbers

    # ---- the sandbox's hooks

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return super().is_safe_attribute(obj, attr, value) and readable(obj, attr)

    def unsafe_undefined(self, obj: Any, attribute: str) -> jinja2.Undefined:
        if forbidden_name(attribute):
            hint = f"atribut terlarang '{attribute}'"
        else:
            hint = f"atribut '{attribute}' dari nilai jenis {type(obj).__name__} tidak boleh dibaca templat"
        return self.undefined(hint, name=attribute, obj=obj, exc=SecurityError)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapper = super().wrap_str_format(value)
        if wrapper is not None:
            self.budget.step()
            _check_brace_format(value.__self__, self.budget)
        return wrapper

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        budget = self.budget
        budget.step()
        if operator == "*":
            if isinstance(left, int) and isinstance(right, int):
                budget.bits(left.bit_length() + right.bit_length())
            for sequence, times in ((left, right), (right, left)):
                if isinstance(sequence, str | list | tuple) and isinstance(times, int):
                    budget.value(len(sequence) * max(times, 0))
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
            budget.bits(max(left.bit_length(), 1) * right)
        elif operator == "+" and isinstance(left, _SEQUENCES) and isinstance(right, _SEQUENCES):
            budget.value(len(left) + len(right))
        elif operator == "%" and isinstance(left, str):
            _check_percent_format(left, budget)
            for arg in right if isinstance(right, tuple) else (right,):
                measure(arg, budget)
        return _result(budget, super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # type: ignore[override]  # noqa: B902, N805
        budget = __self.budget
        budget.step()
        if isinstance(__obj, types.BuiltinMethodType):  # str.center(n) and the like allocate by n
            _check_numbers(budget, args)
            _check_numbers(budget, kwargs.values())
        if not __self.is_safe_callable(__obj):
            raise SecurityError(f"nilai jenis {type(__obj).__name__} tidak boleh dipanggil templat")
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str) and getattr(__obj, "__name__", "") in _GROWING_METHODS:
            name = __obj.__name__
            if name == "replace":
                budget.value(_replace_size(owner, *args))
            elif name == "join" and args:
                items = list(args[0])
                budget.value(sum(measure(i, budget) for i in items) + len(owner) * len(items))
                args = (items, *args[1:])
        return _result(budget, __context.call(__obj, *args, **kwargs))


# ---------------------------------------------------------------------------- static look


@dataclass(frozen=True)
class Finding:
    """Something a template may not do, found without running it; ``message`` has no location."""

    line: int
    message: str


def scan(env: SandboxEnvironment, source: str) -> tuple[list[Finding], set[str]]:
    """Every forbidden construct of one part, and the names it reads from the program.

    A syntax error stops the look at that part (Jinja cannot parse past it) and is the only finding.
    """
    try:
        tree = env.parse(source)
    except jinja2.TemplateSyntaxError as exc:
        return [Finding(exc.lineno or 0, "tag Jinja salah tulis (" + describe_syntax_error(exc) + ")")], set()
    findings: list[Finding] = []
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter, nodes.Test, *_TAG_NAMES)):
        if isinstance(node, nodes.Getattr) and forbidden_name(node.attr):
            findings.append(Finding(node.lineno, f"atribut terlarang '{node.attr}'"))
        elif isinstance(node, nodes.Getitem) and _forbidden_const(node.arg):
            findings.append(Finding(node.lineno, f"atribut terlarang '{node.arg.value}'"))
        elif isinstance(node, nodes.Filter):
            arguments = [*node.args, *(k.value for k in node.kwargs)]
            if node.name not in env.filters:
                message = f"filter '{node.name}' yang tidak dikenal atau tidak diizinkan"
                findings.append(Finding(node.lineno, message))
            elif node.name in ("attr", "map") and any(_forbidden_const(a) for a in arguments):
                findings.append(Finding(node.lineno, f"atribut terlarang lewat filter {node.name}"))
        elif isinstance(node, nodes.Test) and node.name not in env.tests:
            findings.append(Finding(node.lineno, f"uji '{node.name}' yang tidak dikenal"))
        elif type(node) in _TAG_NAMES:
            findings.append(
                Finding(node.lineno, f"tag {_TAG_NAMES[type(node)]} (templat tidak boleh memuat berkas lain)")
            )
    try:
        names = meta.find_undeclared_variables(tree) - env.globals.keys()
    except jinja2.TemplateSyntaxError:  # Jinja's own look stops at an unknown filter, found above
        stored = {n.name for n in tree.find_all(nodes.Name) if n.ctx != "load"}
        names = {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"} - stored - env.globals.keys()
    return sorted(findings, key=lambda f: f.line), names


def _forbidden_const(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Const) and isinstance(node.value, str) and forbidden_name(node.value)


# ---------------------------------------------------------------------------- Jinja's English, in Indonesian

_LOOKING = r"Jinja was looking for the following tags: (?P<b>.+?)\."
_SYNTAX = (
    (re.compile(r"^unexpected end of template, expected '(?P<a>[^']+)'"), "templat berakhir sebelum {a}"),
    (
        re.compile(r"^Unexpected end of template\. " + _LOOKING),
        "tag penutup tidak ditemukan (diharapkan {b})",
    ),
    (
        re.compile(r"^Encountered unknown tag '(?P<a>[^']+)'\. " + _LOOKING),
        "tag '{a}' tidak dikenal atau tidak pada tempatnya (diharapkan {b})",
    ),
    (re.compile(r"^Encountered unknown tag '(?P<a>[^']+)'"), "tag '{a}' tidak dikenal"),
    (re.compile(r"^expected token '(?P<a>[^']+)', got '(?P<b>[^']*)'"), "diharapkan {a}, ditemukan '{b}'"),
    (re.compile(r"^unexpected char (?P<a>'.*?') at \d+"), "karakter {a} tidak pada tempatnya"),
    (re.compile(r"^unexpected '(?P<a>[^']*)'"), "'{a}' tidak pada tempatnya"),
    (re.compile(r"^No filter named '(?P<a>[^']+)'"), "filter '{a}' tidak dikenal atau tidak diizinkan"),
    (re.compile(r"^No test named '(?P<a>[^']+)'"), "uji '{a}' tidak dikenal"),
    (re.compile(r"^Missing end of comment tag"), "komentar {{# tidak ditutup #}}"),
    (re.compile(r"^Missing end of raw directive"), "{{% raw %}} tidak ditutup"),
    (re.compile(r"^Block '(?P<a>[^']+)' defined twice"), "blok '{a}' didefinisikan dua kali"),
    (re.compile(r"^tag name expected"), "nama tag tidak ada"),
    (re.compile(r"^expected name or number"), "diharapkan nama atau bilangan"),
    (re.compile(r"^Can't assign to special loop variable"), "'loop' tidak boleh diisi"),
)
_TOKENS = {
    "end of print statement": "penutup }}",
    "end of statement block": "penutup %}",
    "end of template": "akhir templat",
    "name": "nama",
}


def describe_syntax_error(exc: jinja2.TemplateSyntaxError) -> str:
    """An Indonesian description of a Jinja syntax error (never Jinja's English sentence)."""
    message = exc.message or ""
    if isinstance(exc, ForbiddenConstruct):
        return message
    for pattern, text in _SYNTAX:
        if match := pattern.match(message):
            found = {k: _TOKENS.get(v, v) for k, v in match.groupdict().items()}
            return text.format(**found).replace("' or '", "' atau '")
    return "susunan tag tidak dapat dibaca"
