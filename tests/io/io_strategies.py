"""Hypothesis strategies for the io tests: functions with random names, expression trees."""
from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from boolnet import BooleanFunction
from strategies import functions

# Names sympy predefines must be plain variables for us.
SYMPY_NAMES = ["E", "I", "S", "N", "O", "Q", "pi", "beta", "gamma", "Symbol", "exp"]
identifiers = st.one_of(
    st.sampled_from(SYMPY_NAMES),
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,6}", fullmatch=True),
).filter(lambda s: s.lower() not in {"and", "or", "xor", "not", "true", "false"})
# PLA/CSV names: anything without white space, including the bracketed names of
# the benchmark files; no leading '>' or '#' (CSV header marks), no '"' or ','.
wide_names = st.from_regex(r"[A-Za-z0-9_<>\[\].$:+*/-]{1,8}", fullmatch=True).filter(
    lambda s: s[0] not in ">#" and s not in ("0", "1"))


def distinct(strategy, k):
    return st.lists(strategy, min_size=k, max_size=k, unique=True)


@st.composite
def named_functions(draw, names=identifiers, dc=True, max_n=6, max_m=3, min_n=0):
    """Random functions (with don't-cares when ``dc``) carrying random names."""
    f = draw(functions(min_n=min_n, max_n=max_n, max_m=max_m, dc=dc))
    return f.with_names(draw(distinct(names, f.n)), draw(distinct(names, f.m)))


# ---------------------------------------------------------------- expression trees
# A tree is ('var', name) | ('const', bool) | (op, [children]).
_VARS = ["a", "b", "c", "E", "I", "S", "pi", "x_1"]


def trees(max_leaves=12):
    leaf = st.one_of(st.tuples(st.just("var"), st.sampled_from(_VARS)),
                     st.tuples(st.just("const"), st.booleans()))

    def extend(children):
        many = st.lists(children, min_size=2, max_size=4)
        return st.one_of(
            st.tuples(st.just("not"), st.lists(children, min_size=1, max_size=1)),
            st.tuples(st.sampled_from(["and", "or", "xor"]), many),
            st.tuples(st.sampled_from(["nand", "nor", "xnor"]), many),
            st.tuples(st.just("implies"), st.lists(children, min_size=2, max_size=2)),
            st.tuples(st.just("ite"), st.lists(children, min_size=3, max_size=3)),
        )
    return st.recursive(leaf, extend, max_leaves=max_leaves)


def tree_names(tree) -> list[str]:
    """Variables in order of first appearance (left to right)."""
    out: list[str] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if node[0] == "var":
            if node[1] not in out:
                out.append(node[1])
        elif node[0] != "const":
            stack.extend(reversed(node[1]))
    return out


def evaluate(tree, cols: dict[str, np.ndarray], rows: int) -> np.ndarray:
    kind = tree[0]
    if kind == "var":
        return cols[tree[1]]
    if kind == "const":
        return np.full(rows, tree[1])
    vals = [evaluate(c, cols, rows) for c in tree[1]]
    if kind == "not":
        return ~vals[0]
    if kind in ("and", "nand"):
        v = np.logical_and.reduce(vals)
    elif kind in ("or", "nor"):
        v = np.logical_or.reduce(vals)
    elif kind in ("xor", "xnor"):
        v = np.logical_xor.reduce(vals)
    elif kind == "implies":
        return ~vals[0] | vals[1]
    else:  # ite
        return np.where(vals[0], vals[1], vals[2])
    return ~v if kind.startswith("n") or kind == "xnor" else v


def table_of(tree) -> BooleanFunction:
    from boolnet.bits import input_column
    names = tree_names(tree)
    n = len(names)
    cols = {s: input_column(n, i) for i, s in enumerate(names)}
    v = evaluate(tree, cols, 1 << n)
    return BooleanFunction.from_array(v.astype(int), names)


_SPELL = {"and": ["&", "&&", "and", "AND", "And"], "or": ["|", "||", "or", "OR"],
          "xor": ["^", "xor", "Xor"], "not": ["~", "!", "not ", "NOT "]}
_FUNC = {"and": "And", "or": "Or", "xor": "Xor", "not": "Not", "nand": "Nand", "nor": "Nor",
         "xnor": "Xnor", "implies": "Implies", "ite": "ITE"}
_PREC = {"or": 1, "xor": 2, "and": 3, "not": 4}


def render(tree, draw, minimal: bool) -> str:
    """Text for a tree: random spellings and spacing; minimal=True leans on precedence."""
    kind = tree[0]
    if kind == "var":
        return tree[1]
    if kind == "const":
        return draw(st.sampled_from(["1", "True", "true"] if tree[1] else ["0", "False", "FALSE"]))
    kids = tree[1]
    if kind in ("and", "or", "xor", "not") and draw(st.booleans()):
        if kind == "not":
            inner = render(kids[0], draw, minimal)
            needs = not minimal or _prec(kids[0]) < _PREC["not"]
            return draw(st.sampled_from(_SPELL["not"])) + (f"({inner})" if needs else inner)
        parts = []
        for child in kids:
            text = render(child, draw, minimal)
            needs = not minimal or _prec(child) <= _PREC[kind] and child[0] != kind
            parts.append(f"({text})" if needs else text)
        out = parts[0]
        for p in parts[1:]:
            op = draw(st.sampled_from(_SPELL[kind]))
            space = " " if op[0].isalpha() or draw(st.booleans()) else ""
            out += f"{space}{op}{space}{p}"
        return out
    sep = draw(st.sampled_from([",", ", ", " ,"]))
    return f"{_FUNC[kind]}({sep.join(render(c, draw, minimal) for c in kids)})"


def _prec(tree) -> int:
    return _PREC.get(tree[0], 10) if tree[0] in _PREC else 10
