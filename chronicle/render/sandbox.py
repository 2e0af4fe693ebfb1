"""The Jinja sandbox every template runs in: a content folder's own templates, an office's Word template.

A template from someone else is code. Jinja's ``ImmutableSandboxedEnvironment`` already refuses names
that start with ``_`` (``''.__class__``, ``cycler.__init__.__globals__``) and changing the lists and dicts
templates are given. On top of it, a template may read attributes only of plain values — text, numbers,
dates, lists, dicts, chronicle's own data records (dataclasses), the interface words ``t`` — and call only
their methods, the functions chronicle hands it and Jinja's own helpers. So a file path (which has
``write_text``), a module, a class or a function's insides are out of reach, whatever route leads to them.
Anything else stops the build with ``TemplateAccess``: which template, which line, what it tried to reach.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
import types
from typing import Any

import jinja2
import jinja2.runtime
import jinja2.sandbox
import jinja2.utils
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError, modifies_known_mutable
from markupsafe import Markup

MAX_TEXT = 5_000_000      # characters (or items) a `*` in a template may make
MAX_POWER = 10_000        # the largest number a `**` in a template may make has this many digits

_PLAIN = (str, int, float, complex, bool, type(None), list, tuple, dict, set, frozenset, bytes,
          dt.date, dt.time, dt.timedelta, Markup)
_JINJA = (jinja2.runtime.LoopContext, jinja2.runtime.Macro, jinja2.runtime.TemplateReference,
          jinja2.runtime.BlockReference, jinja2.runtime.Undefined, jinja2.utils.Cycler, jinja2.utils.Joiner,
          jinja2.utils.Namespace, jinja2.environment.TemplateModule)
_CALLABLE_TYPES = {dict, jinja2.utils.Cycler, jinja2.utils.Joiner, jinja2.utils.Namespace}
_FUNCTION_HOMES = ("chronicle.render.", "jinja2.")
_MUTATORS = frozenset().union(*(names for _, names in jinja2.sandbox._mutable_spec))  # what Jinja checks


class TemplateAccess(SecurityError):
    """A template reached for something templates may not use; ``what`` names it for the writer."""

    def __init__(self, what: str):
        super().__init__(f"template tried to reach {what}, which templates may not use")
        self.what = what


def readable(obj: Any) -> bool:
    """Whether a template may read this object's attributes (decided once per type: templates ask often)."""
    cls = type(obj)
    known = _READABLE.get(cls)
    if known is None:
        known = _READABLE[cls] = _readable_type(cls)
    return known


_READABLE: dict[type, bool] = {}


def _readable_type(cls: type) -> bool:
    """Plain values, Jinja's helpers, chronicle's own data records (the graph, a report's items) and its
    interface words; not the content as read (``Chronicle``, which holds the content folder's path: the
    graph has what pages may show)."""
    if issubclass(cls, _PLAIN + _JINJA):
        return True
    if not (getattr(cls, "__module__", "") or "").startswith("chronicle."):
        return False
    from chronicle.model import Chronicle, Text
    from chronicle.render.i18n import Messages
    if issubclass(cls, Chronicle):
        return False
    return dataclasses.is_dataclass(cls) or issubclass(cls, (Text, Messages))


def _callable_ok(obj: Any) -> bool:
    if isinstance(obj, type):
        return obj in _CALLABLE_TYPES
    if isinstance(obj, (jinja2.runtime.Macro, jinja2.runtime.BlockReference)):
        return True
    if isinstance(obj, types.FunctionType):
        wrapped = getattr(obj, "__wrapped__", None)  # the sandbox's own str.format (wrap_str_format)
        if wrapped is not None and isinstance(getattr(wrapped, "__self__", None), str):
            return getattr(wrapped, "__name__", "") in ("format", "format_map")
        return (obj.__module__ or "").startswith(_FUNCTION_HOMES)
    if isinstance(obj, (types.MethodType, types.BuiltinMethodType, types.MethodWrapperType)):
        owner = getattr(obj, "__self__", None)
        return owner is not None and not isinstance(owner, (type, types.ModuleType)) and readable(owner)
    return readable(obj) and callable(obj)  # the interface words, t('nav_home')


def _describe(obj: Any, attribute: str | None = None) -> str:
    kind = type(obj).__name__
    if isinstance(obj, type):
        kind = f"class {obj.__name__}"
    elif isinstance(obj, types.ModuleType):
        kind = f"module {obj.__name__}"
    elif isinstance(obj, (types.FunctionType, types.BuiltinFunctionType, types.MethodType)):
        kind = f"function {getattr(obj, '__name__', '?')}"
    elif hasattr(obj, "__fspath__"):
        kind = "a file path"
    else:
        kind = f"a {kind} value"
    return f"'{attribute}' of {kind}" if attribute is not None else kind


class ChronicleSandbox(ImmutableSandboxedEnvironment):
    """The sandbox with chronicle's rules; see the module's docstring."""

    intercepted_binops = frozenset(["*", "**"])

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """For Jinja's own uses (the ``attr`` filter); templates' ``a.b`` and ``a[b]`` go through getattr."""
        return (super().is_safe_attribute(obj, attr, value) and readable(obj)
                and (readable(value) or _callable_ok(value)))

    def is_safe_callable(self, obj: Any) -> bool:
        return super().is_safe_callable(obj) and _callable_ok(obj)

    def unsafe_undefined(self, obj: Any, attribute: str):
        raise TemplateAccess(_describe(obj, attribute))

    # ``a.b`` and ``a[b]``: Jinja's sandbox rules (no ``_`` names, no changing lists and dicts) and
    # chronicle's, checked in one go: templates do this hundreds of thousands of times in a big build.
    def getitem(self, obj: Any, argument: Any):
        if not readable(obj):  # before Python runs any of its code (a property, __getitem__)
            raise TemplateAccess(_describe(obj, str(argument)))
        try:
            value = obj[argument]
        except (TypeError, LookupError):
            if isinstance(argument, str):
                return self._attribute(obj, argument, items=False)
            return self.undefined(obj=obj, name=argument)
        return self._given(obj, argument, value)

    def getattr(self, obj: Any, attribute: str):
        if not readable(obj):
            raise TemplateAccess(_describe(obj, attribute))
        return self._attribute(obj, attribute)

    def _attribute(self, obj: Any, attribute: str, items: bool = True):
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            if items:
                try:
                    return self._given(obj, attribute, obj[attribute])
                except (TypeError, LookupError):
                    pass
            return self.undefined(obj=obj, name=attribute)
        if attribute.startswith("_") or (attribute in _MUTATORS and modifies_known_mutable(obj, attribute)):
            raise TemplateAccess(_describe(obj, attribute))
        if attribute in ("format", "format_map"):
            wrapped = self.wrap_str_format(value)
            if wrapped is not None:
                return wrapped
        return self._given(obj, attribute, value)

    @staticmethod
    def _given(obj: Any, name: Any, value: Any):
        """What a template may be handed: plain values, chronicle's records, and what it may call."""
        if _READABLE.get(type(value)) or isinstance(value, jinja2.runtime.Undefined) or readable(value) \
                or _callable_ok(value):
            return value
        raise TemplateAccess(f"{_describe(obj, str(name))}, {_describe(value)}")

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        if not __self.is_safe_callable(__obj):
            raise TemplateAccess(f"{_describe(__obj)} (to call it)")
        return __context.call(__obj, *args, **kwargs)  # what the sandbox's own call does, once checked

    def call_binop(self, context, operator_: str, left: Any, right: Any):
        if operator_ == "**":
            if isinstance(left, (int, float)) and isinstance(right, (int, float)) and abs(right) > 1 and \
                    abs(right) * max(1.0, _digits(left)) > MAX_POWER:
                raise TemplateAccess(f"a number with more than {MAX_POWER:,} digits ({left} ** {right})")
            return operator.pow(left, right)
        if isinstance(left, int) and isinstance(right, (str, list, tuple)):
            left, right = right, left
        if isinstance(left, (str, list, tuple)) and isinstance(right, int) and len(left) * right > MAX_TEXT:
            raise TemplateAccess(f"a text or list of more than {MAX_TEXT:,} characters or items")
        return operator.mul(left, right)


def _digits(number) -> float:
    import math
    return math.log10(abs(number)) + 1 if number else 1.0


def make_sandbox(**options) -> ChronicleSandbox:
    return ChronicleSandbox(**options)


class ContainedLoader(jinja2.FileSystemLoader):
    """A folder of templates whose files must lie inside it once links are followed, and be plain files:
    a link in a content folder's templates/ to people.yaml, or to a file outside, would print that file,
    and reading a pipe would wait for ever."""

    def get_source(self, environment, template):
        import os

        from jinja2.loaders import split_template_path
        pieces = split_template_path(template)
        for folder in self.searchpath:
            filename = os.path.join(folder, *pieces)
            if not os.path.lexists(filename):
                continue
            real = os.path.realpath(filename)
            if not real.startswith(os.path.realpath(folder) + os.sep):
                raise TemplateAccess(f"the file {template}, a link to {real} outside its templates folder")
            if os.path.isdir(real):
                continue
            if not os.path.isfile(real):
                raise TemplateAccess(f"the file {template}, which is not a regular file")
            break
        return super().get_source(environment, template)
