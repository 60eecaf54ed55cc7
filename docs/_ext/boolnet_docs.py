"""Small Sphinx helpers for the boolnet docs.

``boolnet-api``: document a package's public names (its ``__all__``) and then, module by
module, whatever else each submodule declares public in its own ``__all__``. New
modules and names are picked up without editing the pages; a package that is not in
this checkout yet (work in progress) becomes a visible note instead of a broken build.

``boolnet-exports``: a table of ``import boolnet`` names, each linked to where it is
documented.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
import sys

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective


def _public(module, eager: bool = False) -> list[str]:
    """The module's ``__all__``; with ``eager`` only the names bound in its namespace.

    Names a package loads lazily (a module ``__getattr__``) are invisible to autodoc
    there, so they are documented in the submodule that defines them.
    """
    names = getattr(module, "__all__", None)
    names = [n for n in names if not n.startswith("_")] if names else []
    return [n for n in names if n in vars(module)] if eager else names


def _has_docs(module, n: str) -> bool:
    """Whether autodoc documents ``module.n``: it has a docstring of its own, or it is
    data with a ``#:`` comment (or docstring) in the module's source."""
    obj = getattr(module, n, None)
    if callable(obj) or isinstance(obj, type(module)):
        return True
    try:
        from sphinx.pycode import ModuleAnalyzer
        return ("", n) in ModuleAnalyzer.for_module(module.__name__).find_attr_docs()
    except Exception:  # no source to read: keep the name where it is declared
        return True


def _try_import(name: str):
    try:
        return importlib.import_module(name), None
    except ImportError as exc:  # optional extras or not written yet
        return None, exc


class BoolnetApi(SphinxDirective):
    """``.. boolnet-api:: boolnet.nn`` (options: ``:optional:``, ``:skip: a, b``)."""

    required_arguments = 1
    option_spec = {"optional": directives.flag, "skip": directives.unchanged,
                   "no-submodules": directives.flag}

    def run(self):
        name = self.arguments[0]
        if self.config.autodoc_default_options.get("members") is True:
            # Sphinx lets a boolean default replace the explicit member lists below.
            raise self.error('boolnet-api needs autodoc_default_options without "members"')
        module, exc = _try_import(name)
        if module is None:
            if "optional" not in self.options:
                raise self.error(f"cannot import {name}: {exc}")
            para = nodes.paragraph(text=f"{name} is not part of this build yet "
                                        f"(importing it failed: {exc}).")
            return [nodes.note("", para)]
        skip = {s.strip() for s in self.options.get("skip", "").split(",") if s.strip()}
        own = _public(module, eager=True)
        # A constant re-exported bare (its ``#:`` comment is in the submodule that defines
        # it) has no documentation here: autodoc would skip it, so the submodule shows it.
        own = [n for n in own if _has_docs(module, n)]
        # ids of objects already documented (by name too: small constants share ids)
        documented = {(n, id(getattr(module, n, None))) for n in own}
        seen_ids = {id(getattr(module, n, None)) for n in own
                    if callable(getattr(module, n, None))}
        lines = [f".. automodule:: {name}"]
        if own:
            lines += [f"   :members: {', '.join(own)}", "   :imported-members:"]
        lines.append("")
        if hasattr(module, "__path__") and "no-submodules" not in self.options:
            for info in sorted(pkgutil.iter_modules(module.__path__), key=lambda i: i.name):
                if info.name.startswith("_"):
                    continue
                full = f"{name}.{info.name}"
                if full in skip:
                    continue
                sub, _ = _try_import(full)
                if sub is None:
                    continue
                rest = []
                for n in _public(sub):
                    obj = getattr(sub, n, None)
                    if (n, id(obj)) in documented or (callable(obj) and id(obj) in seen_ids):
                        continue
                    rest.append(n)
                    documented.add((n, id(obj)))
                    if callable(obj):
                        seen_ids.add(id(obj))
                if not rest:
                    continue
                lines += [f".. automodule:: {full}", f"   :members: {', '.join(rest)}"]
                if info.name in own:  # e.g. boolnet.nn.harden is a function and a module
                    lines.append("   :no-index:")
                lines.append("")
        return _parse_rst(self, lines)


class BoolnetExports(SphinxDirective):
    """A table of the names ``import boolnet`` gives, each linked to its documentation."""

    def run(self):
        import boolnet
        rows = []
        for n in boolnet.__all__:
            if n.startswith("__"):
                continue
            try:
                obj = getattr(boolnet, n)
            except (ImportError, AttributeError) as exc:
                rows.append((f"``{n}``", f"not available in this build ({exc})"))
                continue
            if isinstance(obj, type(boolnet)):
                rows.append((f":py:mod:`{n} <{obj.__name__}>`", _first_line(obj)))
                continue
            where = getattr(obj, "__module__", None)
            target = self._target(obj, n, where)
            rows.append((f":py:obj:`{n} <{target}>`", _first_line(obj)))
        lines = [".. list-table::", "   :header-rows: 1", "   :widths: 25 75", "",
                 "   * - name", "     - what it is"]
        for a, b in rows:
            lines += [f"   * - {a}", f"     - {b}"]
        return _parse_rst(self, lines)

    @staticmethod
    def _target(obj, n, where):
        # Prefer the public package that re-exports the object (boolnet.nn, boolnet.compile,
        # boolnet.io), which is where boolnet-api documents it.
        if where:
            parts = where.split(".")
            for k in range(2, len(parts) + 1):
                pkg = importlib.import_module(".".join(parts[:k]))
                if n in _public(pkg, eager=True) and getattr(pkg, n, None) is obj:
                    return f"{pkg.__name__}.{n}"
            return f"{where}.{getattr(obj, '__name__', n)}"
        # A constant has no __module__: find the module that declares it public.
        homes = sorted((m for name, m in list(sys.modules.items())
                        if name.startswith("boolnet.") and m is not None
                        and n in _public(m, eager=True) and getattr(m, n, None) is obj),
                       key=lambda m: len(m.__name__))
        return f"{homes[0].__name__}.{n}" if homes else f"boolnet.{n}"


class BoolnetBenchmark(SphinxDirective):
    """``boolnet-benchmark:: NAME``: the recorded quick-mode table of benchmarks/NAME.py.

    Shows docs/_static/benchmarks/NAME.txt (written by docs/make_benchmarks.py). When the
    benchmark does not exist, or has not been recorded, the page says so plainly.
    """

    required_arguments = 1

    def run(self):
        from pathlib import Path
        name = self.arguments[0]
        docs = Path(self.env.srcdir)
        script = docs.parent / "benchmarks" / f"{name}.py"
        table = docs / "_static" / "benchmarks" / f"{name}.txt"
        if table.is_file():
            self.env.note_dependency(str(table))
            text = table.read_text(encoding="utf-8")
            block = nodes.literal_block(text, text)
            block["language"] = "text"
            return [block]
        if not script.is_file():
            msg = (f"benchmarks/{name}.py is not in the repository yet, so there are no "
                   f"figures for it here. No numbers are shown rather than invented ones.")
        else:
            msg = (f"benchmarks/{name}.py exists but its results have not been recorded for "
                   f"these docs yet: run python docs/make_benchmarks.py {name}.")
        return [nodes.warning("", nodes.paragraph(text=msg))]


def _parse_rst(directive: SphinxDirective, lines: list[str]):
    """Parse reStructuredText lines, also from inside a MyST (Markdown) page."""
    text = "\n".join(lines)
    if str(directive.env.doc2path(directive.env.docname)).endswith(".md"):
        text = "````{eval-rst}\n" + text + "\n````"
    return directive.parse_text_to_nodes(text)


def _first_line(obj) -> str:
    doc = (getattr(obj, "__doc__", None) or "").strip()
    if isinstance(obj, (int, float, str)) or not doc:
        return ""
    line = doc.splitlines()[0].strip()
    return line.replace("*", r"\*").replace("`", "")


_LITERAL = re.compile(r"(``.*?``)")


def escape_bars(app, what, name, obj, options, lines):
    """Docstrings write absolute values as |w|; in reStructuredText that is a substitution.

    boolnet's docstrings never mean a substitution, so a bar outside inline literals,
    doctest blocks and literal blocks is escaped (shown as written). The docstrings
    stay plain text for ``help()``.
    """
    in_doctest = in_literal = False
    literal_indent = 0
    for k, line in enumerate(lines):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if not stripped:
            in_doctest = False
            continue
        if in_literal and indent <= literal_indent:
            in_literal = False
        if stripped.startswith(">>>"):
            in_doctest = True
        if in_doctest or in_literal:
            continue
        if stripped.endswith("::"):
            in_literal, literal_indent = True, indent
        if "|" in line:
            parts = _LITERAL.split(line)
            lines[k] = "".join(p if p.startswith("``") else p.replace("|", r"\|")
                               for p in parts)


_TYPE_FIELD = re.compile(r"^:type (\S+): (.*)$")
_TYPE_TAIL = re.compile(r",\s*(optional|default\b.*)$")


def _is_prose(text: str) -> bool:
    """Whether the "type" napoleon read after ``name :`` is really a description.

    Some docstrings write NumPy-style parameters as ``name : what it is`` (the type is in
    the signature). Napoleon takes that text for a type, and the Python domain then links
    every word of it ("inputs", "path"), ambiguously. Types read ``int``, ``sequence of
    str, optional`` or ``BooleanFunction, SymmetricSpec or sequence of int``; prose ends
    with a full stop, has a semicolon or inline markup, or runs to six words or more
    (not counting "or", "of", "and").
    """
    text = text.strip()
    core = _TYPE_TAIL.sub("", text)
    return (text.endswith(".") or ";" in text or "``" in text or "`" in core
            or len([w for w in core.split() if w not in ("or", "of", "and")]) >= 6)


def prose_types_to_descriptions(app, what, name, obj, options, lines):
    """Turn napoleon's ``:type x: <prose>`` back into the start of ``:param x:``.

    Runs after napoleon (a later priority); autodoc_typehints then adds the real type
    from the annotation, as for any parameter without a ``:type:`` field.
    """
    k = 0
    while k < len(lines):
        match = _TYPE_FIELD.match(lines[k])
        if not match or not _is_prose(match.group(2)):
            k += 1
            continue
        pname, text = match.groups()
        head = f":param {pname}:"
        p = next((j for j in range(k - 1, -1, -1) if lines[j].startswith(head)), None)
        if p is None:  # no description field: the text becomes one
            lines[k] = f"{head} {text}"
            k += 1
            continue
        rest = lines[p][len(head):].strip()
        lines[p] = f"{head} {text}" + (f" {rest}" if rest else "")
        del lines[k]


def _locate(dotted: str):
    """The object a dotted boolnet path names (modules imported as needed), or None."""
    parts = dotted.split(".")
    for k in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:k]))
        except Exception:  # not a module (or not importable): try a shorter prefix
            continue
        try:
            for attr in parts[k:]:
                obj = getattr(obj, attr)
        except Exception:
            return None
        return obj
    return None


def resolve_other_paths(app, env, node, contnode):
    """Resolve a reference to any import path of an object documented under another.

    boolnet-api documents each object once, under its public name
    (``boolnet.nn.evaluate_all``); docstrings and pages also name objects by the module
    that defines them (``boolnet.nn.exact.evaluate_all``) or by ``import boolnet``
    (``boolnet.BooleanFunction``). Those references are sent to the documented entry.
    """
    target = node.get("reftarget", "")
    if node.get("refdomain") != "py" or not target.startswith("boolnet."):
        return None
    obj = _locate(target)
    module, qualname = getattr(obj, "__module__", None), getattr(obj, "__qualname__", None)
    if obj is None or not module or not qualname or not module.startswith("boolnet"):
        return None
    domain = env.get_domain("py")
    parts = module.split(".")
    for k in range(len(parts), 0, -1):
        cand = ".".join(parts[:k]) + "." + qualname
        if cand != target and cand in domain.objects and _locate(cand) == obj:
            return domain.resolve_xref(env, node["refdoc"], app.builder, "obj", cand,
                                       node, contnode)
    return None


def drop_object_base(app, name, obj, options, bases):
    """No "Bases: object" line under every plain class."""
    bases[:] = [b for b in bases if b is not object]


def drop_empty_bases(app, doctree):
    """Remove the "Bases:" line left empty once ``object`` is dropped."""
    for para in list(doctree.findall(nodes.paragraph)):
        if para.astext().strip() == "Bases:":
            para.parent.remove(para)


def setup(app):
    app.connect("autodoc-process-docstring", escape_bars)
    app.setup_extension("sphinx.ext.napoleon")  # napoleon's hook (priority 500) runs first
    app.connect("autodoc-process-docstring", prose_types_to_descriptions, priority=600)
    app.connect("autodoc-process-bases", drop_object_base)
    app.connect("missing-reference", resolve_other_paths)
    app.connect("doctree-read", drop_empty_bases)
    app.add_directive("boolnet-api", BoolnetApi)
    app.add_directive("boolnet-exports", BoolnetExports)
    app.add_directive("boolnet-benchmark", BoolnetBenchmark)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
