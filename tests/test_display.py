"""Rich display in notebooks: every picture is well-formed and shows exactly the object's facts."""
from __future__ import annotations

import html
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nets import deep_parity, float_net, random_threshold_net, wide_parity
from strategies import functions

import boolnet
from boolnet import BooleanFunction
from boolnet.display import MAX_SVG_UNITS, _DC, _ON, network_svg

SVG = "{http://www.w3.org/2000/svg}"


def _xml(text: str) -> ET.Element:
    return ET.fromstring(text)  # raises on anything not well-formed (a bad escape, say)


@settings(max_examples=30, deadline=None)
@given(functions(max_n=7))
def test_function_html_shows_every_on_and_dont_care_cell(f):
    page = f._repr_html_()
    _xml(page)
    on, dc = int(f.on_count().sum()), int(f.dc_count().sum())
    if f.n > 6:  # 128 rows: a summary instead of the table
        assert "not shown" in page and "<td" not in page
        return
    shown = 2 if 2 <= f.n <= 4 else 1  # the K-maps repeat every cell of the table
    assert page.count(_ON) == shown * on
    assert page.count(_DC) == shown * dc
    assert page.count("K-map of") == (f.m if shown == 2 else 0)
    assert page.count("<tr>") >= f.rows  # a row per table row (plus headers)


def test_function_html_escapes_names():
    f = BooleanFunction.from_expr("a & b").with_names(output_names=["<f&g>"])
    page = f._repr_html_()
    _xml(page)
    assert html.escape("<f&g>") in page and "<f&g>" not in page


@settings(max_examples=20, deadline=None)
@given(functions(max_n=5, dc=False))
def test_cover_html_lists_each_output_expression(f):
    cover, _ = boolnet.minimize(f)
    page = cover._repr_html_()
    _xml(page)
    for j in range(cover.m):
        assert html.escape(cover.to_expr(j)) in page
    assert f"{cover.num_terms} term" in page


def _units_and_edges(net) -> tuple[int, int]:
    return (sum(layer.n_out for layer in net.layers),
            sum(int(np.count_nonzero(layer.W)) for layer in net.layers))


@pytest.mark.parametrize("net", [deep_parity(5), wide_parity(3), float_net(),
                                 random_threshold_net(3)], ids=["deep", "wide", "float", "random"])
def test_network_svg_draws_one_circle_per_unit_and_one_line_per_weight(net):
    svg = _xml(net._repr_svg_())
    units, edges = _units_and_edges(net)
    assert len(svg.findall(f"{SVG}circle")) == units
    assert len(svg.findall(f"{SVG}line")) == edges
    assert len(svg.findall(f"{SVG}rect")) == net.n_inputs


def test_a_large_network_is_drawn_as_boxes_of_bounded_size():
    net = wide_parity(8)  # 128 hidden units
    assert sum(layer.n_out for layer in net.layers) > MAX_SVG_UNITS
    svg = _xml(network_svg(net))
    assert svg.findall(f"{SVG}circle") == []
    assert len(svg.findall(f"{SVG}rect")) == len(net.layers) + 1
    assert int(svg.get("width")) < 1000


def test_reports_render_as_tables_of_their_fields():
    f = BooleanFunction.from_expr("a ^ b ^ c")
    _, minimized = boolnet.minimize(f)
    report = boolnet.compile_report(f)
    net = report.network
    for obj, keys in [(minimized, minimized.to_dict()), (report, report.as_dict()),
                      (boolnet.cost(net), boolnet.cost(net).as_dict()),
                      (boolnet.verify(net, f), boolnet.verify(net, f).as_dict())]:
        page = obj._repr_html_()
        _xml(page)
        assert type(obj).__name__ in page
        for key in keys:
            assert f">{html.escape(key)}<" in page


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30))
def test_report_html_escapes_any_text(text):
    from boolnet.display import report_html
    from boolnet.verification import VerifyReport
    page = report_html(VerifyReport(True, True, 4, 0.0, path=text))
    _xml(page)


def test_cover_of_many_outputs_is_capped():
    f = BooleanFunction.from_array(np.ones((2, 70), int))
    page = boolnet.minimize(f)[0]._repr_html_()
    _xml(page)
    assert "6 more outputs" in page


def test_proof_harden_census_and_tradeoff_reports_render():
    import dataclasses

    from boolnet.census import CensusResult
    from boolnet.nn.hardening import HardenResult
    from boolnet.prove.result import ProofResult
    from boolnet.pareto import Tradeoff
    for cls in (ProofResult, HardenResult, CensusResult, Tradeoff):
        assert dataclasses.is_dataclass(cls) and callable(cls._repr_html_)
    net = boolnet.compile(BooleanFunction.from_expr("a ^ b"), arch="deep")
    page = HardenResult(net, True, 1.0, 0, [])._repr_html_()
    _xml(page)
    assert "HardenResult" in page and ">matches<" in page
