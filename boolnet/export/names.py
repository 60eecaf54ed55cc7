"""Input and output names for an exported network, and identifiers safe for netlist tools.

Every name an exporter writes passes ``resolve_names``, which refuses what
``boolnet.nn.serialize.name_problem`` refuses (white space, control characters),
whether it came from the network file, the ``names`` argument or the command line.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Sequence

from ..errors import BoolnetError, check_memory
from ..function import default_input_names, default_output_names
from ..nn.serialize import check_names

__all__ = ["resolve_names", "identifiers"]

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
# Verilog-2005 keywords a sanitised name must not collide with (the ones a name could plausibly hit).
_RESERVED = frozenset("""always and assign begin buf case default else end endcase endmodule for
function if initial inout input integer module nand nor not or output parameter reg signed
supply0 supply1 task tri wire xnor xor""".split())


def _pick(names: Any) -> tuple[Sequence[str] | None, Sequence[str] | None]:
    if names is None:
        return None, None
    if hasattr(names, "input_names") and hasattr(names, "output_names"):
        return names.input_names, names.output_names  # a BooleanFunction or Cover
    if isinstance(names, dict):
        return (names.get("input_names", names.get("inputs")),
                names.get("output_names", names.get("outputs")))
    if isinstance(names, (tuple, list)) and len(names) == 2:
        return names[0], names[1]
    raise BoolnetError("names must be a function, a dict with input_names/output_names, "
                       "or a pair (input names, output names)")


def _check(given: Sequence[str] | None, count: int, kind: str, default) -> list[str]:
    if given is None:
        check_memory(count * 64.0, f"default names for {count} {kind}s")  # str objects and the list
        return list(default(count))
    if isinstance(given, (list, tuple)) and all(isinstance(s, str) for s in given):
        return check_names(list(given), count, kind)
    if isinstance(given, str) or not hasattr(given, "__len__"):
        return check_names(given, count, kind)  # refused with the type it has
    return check_names([str(s) for s in given], count, kind)


def resolve_names(net, names: Any = None) -> tuple[list[str], list[str]]:
    """Input and output names: from ``names``, else ``net.meta``, else x1.. and f.. (-> (list, list)).

    >>> from boolnet.nn import Layer, Network
    >>> net = Network(2, [Layer([[1, 1]], [-2])])
    >>> resolve_names(net)
    (['x1', 'x2'], ['f'])
    >>> resolve_names(net, (["a", "b"], ["and"]))
    (['a', 'b'], ['and'])
    """
    ins, outs = _pick(names)
    if ins is None:
        ins = net.meta.get("input_names")
    if outs is None:
        outs = net.meta.get("output_names")
    return (_check(ins, net.n_inputs, "input", default_input_names),
            _check(outs, net.n_outputs, "output", default_output_names))


def identifiers(names: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """Distinct C/Verilog-style identifiers for ``names``, avoiding ``taken`` (-> list[str]).

    >>> identifiers(["a[0]", "a[1]", "2x", "wire", "a_0_"])
    ['a_0_', 'a_1_', '_2x', 'wire_', 'a_0__']
    """
    used = set(taken)
    out = []
    for name in names:
        s = re.sub(r"[^A-Za-z0-9_]", "_", str(name)) or "_"
        if not _IDENT.match(s):
            s = "_" + s
        if s.lower() in _RESERVED:
            s += "_"
        while s in used:
            s += "_"
        used.add(s)
        out.append(s)
    return out
