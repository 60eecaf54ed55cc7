"""Sphinx configuration for the boolnet documentation (MyST Markdown, furo theme).

Build:  python -m sphinx -W --keep-going -b html docs docs/_build/html
"""
from __future__ import annotations

import datetime
import os
import sys

# Document the checkout, not whatever boolnet happens to be installed.
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "_ext"))

import boolnet  # noqa: E402

project = "boolnet"
author = "the boolnet authors"
copyright = f"{datetime.date.today().year}, {author}"
version = release = boolnet.__version__

extensions = [
    "myst_nb",  # MyST Markdown pages (it includes myst_parser) and executed notebooks
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "sphinx_click",
    "boolnet_docs",
    "offline_math",
]

# Formulas are drawn at build time (docs/_ext/offline_math.py): the pages load nothing
# from a network, and no MathJax from a CDN.
html_math_renderer = "svgmath"

# Smart quotes would turn "--inputs" in the CLI reference into an en dash and 'a^b' into
# curly quotes, which break when copied into a shell.
smartquotes = False

source_suffix = {".md": "myst-nb", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "requirements.txt", "make_pictures.py"]

myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist", "attrs_inline"]
# docs/notebooks/*.md are MyST notebooks, run at every build: a cell that raises fails it.
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_timeout = 300
nb_execution_excludepatterns = ["_build/*"]
myst_heading_anchors = 3

# Optional extras must not break the API reference: the modules that use them import
# them lazily or are mocked here.
autodoc_mock_imports = ["onnx", "onnxruntime", "torch", "matplotlib", "pyeda", "pydot"]
# No "members": True here: a boolean default replaces every explicit ":members: a, b" list
# (Sphinx's option merging), and the boolnet-api directive lists, per submodule, only the
# names not documented already; with it, each re-exported object was documented twice
# (boolnet.nn.Network and boolnet.nn.network.Network) and unqualified references to it
# were ambiguous.
autodoc_default_options = {
    "undoc-members": False,
    "show-inheritance": True,
    "member-order": "bysource",
}
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True
autoclass_content = "both"
python_use_unqualified_type_names = True
napoleon_google_docstring = True
napoleon_numpy_docstring = True
add_module_names = False

html_theme = "furo"
html_title = f"boolnet {release}"
html_static_path = ["_static"]
html_theme_options = {
    "navigation_with_keys": True,
}

# Type hints name NumPy and internal types that have no page of their own here.
nitpicky = False
