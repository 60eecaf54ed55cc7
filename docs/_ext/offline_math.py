"""Math rendered at build time, so the pages need no network: no MathJax from a CDN.

Every ``$...$`` and ``$$...$$`` formula is drawn by matplotlib's mathtext (a TeX subset,
Computer Modern glyphs) into an SVG that is embedded in the page as a data URI, with
its baseline kept by ``vertical-align``. The TeX source stays as the ``alt`` text, so
copying and screen readers see it. A few commands mathtext lacks are rewritten first
(``\\ge`` -> ``\\geq``, ``\\lor`` -> ``\\vee``, ``\\tfrac`` -> ``\\frac``, ...); a formula it
still cannot draw falls back to its source in ``<code>`` and a build warning, never a
broken page.

Enable with ``extensions += ["offline_math"]`` and ``html_math_renderer = "svgmath"``.
"""
from __future__ import annotations

import base64
import functools
import html
import io
import re

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: TeX commands mathtext does not know, and what it draws the same way.
SUBSTITUTIONS = [
    (r"\\ge(?![a-zA-Z])", r"\\geq"), (r"\\le(?![a-zA-Z])", r"\\leq"),
    (r"\\lor(?![a-zA-Z])", r"\\vee"), (r"\\land(?![a-zA-Z])", r"\\wedge"),
    (r"\\lnot(?![a-zA-Z])", r"\\neg"),
    (r"\\tfrac\s*(\d)\s*(\d)", r"\\frac{\1}{\2}"), (r"\\[td]frac", r"\\frac"),
    (r"\\(textstyle|displaystyle|scriptstyle)\s*", ""),
    (r"\\bmod(?![a-zA-Z])", r"\\ \\mathrm{mod}\\ "),
    (r"\\(bar|hat|tilde|vec)\s+([a-zA-Z])", r"\\\1{\2}"),
    (r"'", r"^{\\prime}"),  # mathtext sets a bare ' as an accent on what follows
    (r"\\sqrt\s*([a-zA-Z0-9])", r"\\sqrt{\1}"),  # TeX's \sqrt N takes one token
    (r"\\frac\s*(\d)\s*(\d)", r"\\frac{\1}{\2}"),
]
#: Point sizes of inline and display formulas.
INLINE_PT, DISPLAY_PT = 11.5, 13.0


def _tex(latex: str) -> str:
    text = " ".join(latex.split())  # mathtext reads one line
    for pattern, repl in SUBSTITUTIONS:
        text = re.sub(pattern, repl, text)
    return text


@functools.lru_cache(maxsize=None)
def render(latex: str, size: float) -> tuple[str, float, float, float]:
    """(SVG data URI, width, height, depth in pt) of one formula."""
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import rc_context
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.mathtext import MathTextParser
    text = f"${_tex(latex)}$"
    with rc_context({"mathtext.fontset": "cm", "svg.hashsalt": "boolnet", "svg.fonttype": "path"}):
        prop = FontProperties(size=size)
        box = MathTextParser("path").parse(text, dpi=72, prop=prop)
        # As matplotlib's math_to_image, but transparent and without a date (same bytes each build).
        fig = Figure(figsize=(box.width / 72, box.height / 72))
        fig.text(0, box.depth / box.height, text, fontproperties=prop)
        buf = io.BytesIO()
        fig.savefig(buf, format="svg", dpi=72, transparent=True, metadata={"Date": None})
    uri = "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
    return uri, box.width, box.height, box.depth


def _img(latex: str, size: float, cls: str) -> str:
    try:
        uri, w, h, d = render(latex, size)
    except Exception as exc:  # noqa: BLE001 - any mathtext failure falls back to the source
        logger.warning(f"offline_math: cannot draw ${latex}$ ({str(exc).splitlines()[0]}); "
                       f"shown as its TeX source")
        return f'<code class="{cls}">{html.escape(latex)}</code>'
    return (f'<img class="{cls}" src="{uri}" alt="{html.escape(latex, quote=True)}" '
            f'style="width:{w:.2f}pt;height:{h:.2f}pt;vertical-align:{-d:.2f}pt">')


def visit_math(self, node) -> None:
    """An inline formula."""
    self.body.append(_img(node.astext(), INLINE_PT, "math math-svg"))
    raise nodes.SkipNode


def visit_math_block(self, node) -> None:
    """A display formula, centred on its own line."""
    if node.get("label"):
        self.body.append(f'<span class="eqno">({node["number"]})</span>')
    self.body.append('<div class="math math-block">'
                     + _img(node.astext(), DISPLAY_PT, "math-svg") + "</div>")
    raise nodes.SkipNode


def setup(app):
    """Register the 'svgmath' HTML math renderer and its stylesheet."""
    app.add_html_math_renderer("svgmath", (visit_math, None), (visit_math_block, None))
    app.add_css_file("offline_math.css")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
