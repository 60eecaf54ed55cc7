"""DOT text read back by a real parser, pictures as valid PNG/SVG, cost plots, and the CLI."""
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from boolnet.errors import BoolnetError
from boolnet.export import export_network, format_for, write_network
from boolnet.export.dot import to_dot
from boolnet.export.graph import format_number, network_graph
from boolnet.nn import load, save
from nets import deep_parity, float_net, wide_parity, xor_net, xor_pm1

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


# -------------------------------------------------------------------------------- DOT
@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # pydot's use of pyparsing
@pytest.mark.parametrize("net", [xor_net(), xor_pm1(), deep_parity(5), float_net()])
def test_dot_parses_back_to_the_same_graph(net):
    pydot = pytest.importorskip("pydot")
    (parsed,) = pydot.graph_from_dot_data(to_dot(net))
    nodes = {}
    for sub in [parsed] + parsed.get_subgraphs():
        for node in sub.get_nodes():
            if node.get_name() not in ("node", "edge", "graph"):
                nodes[node.get_name()] = node.get_label().strip('"').replace("\\n", "\n")
    edges = {(e.get_source(), e.get_destination()): (e.get_label() or "").strip('"')
             for e in parsed.get_edges()}
    g = network_graph(net)
    assert nodes == {v: d["label"] for v, d in g.nodes(data=True)}
    assert edges == {(u, v): "" if w is None else format_number(w)
                     for u, v, w in g.edges(data="weight")}


def test_dot_renders_with_graphviz_if_present(tmp_path):
    if not shutil.which("dot"):
        pytest.skip("Graphviz (dot) is not installed")
    out = subprocess.run(["dot", "-Tsvg"], input=to_dot(deep_parity(5)), text=True,
                         capture_output=True, check=True).stdout
    assert ET.fromstring(out.encode()).tag.endswith("svg")


# --------------------------------------------------------------------------- drawings
@pytest.mark.parametrize("net,summary", [(xor_net(), False), (xor_pm1(), False),
                                         (deep_parity(5), False), (float_net(), False),
                                         (wide_parity(7), True), (deep_parity(33), True)])
def test_draw_png_and_svg(net, summary, tmp_path):
    pytest.importorskip("matplotlib")
    from boolnet.viz.network import MAX_UNITS, draw_network
    png = tmp_path / "net.png"
    draw_network(net, png)
    data = png.read_bytes()
    assert data[:8] == PNG_MAGIC and 5_000 < len(data) < 3_000_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert 200 <= width <= 8000 and 100 <= height <= 4000
    assert (sum(layer.n_out for layer in net.layers) > MAX_UNITS) <= summary
    svg = tmp_path / "net.svg"
    draw_network(net, svg, title="t")
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert not list(tmp_path.glob(".boolnet-*"))  # no temporary files left


def test_draw_rejects_unknown_extension(tmp_path):
    pytest.importorskip("matplotlib")
    from boolnet.viz.network import draw_network
    with pytest.raises(BoolnetError, match="extension"):
        draw_network(xor_net(), tmp_path / "net.bmp")


def test_missing_matplotlib_says_how_to_install(monkeypatch):
    from boolnet.viz.plotting import pyplot
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(BoolnetError, match=r"pip install 'boolnet\[plot\]'"):
        pyplot()


def test_cost_plot(tmp_path):
    pytest.importorskip("matplotlib")
    from boolnet.viz.plotting import cost_plot
    rows = [{"n": n, "arch": arch, "neurons": v, "weights": 3 * v}
            for n in range(2, 9) for arch, v in (("wide", 2 ** (n - 1) + 1), ("deep", 3 * (n - 1)))]
    path = cost_plot(rows, tmp_path / "cost.png", by="arch")
    assert open(path, "rb").read(8) == PNG_MAGIC
    cols = {"n": [1, 2, 3], "neurons": [1, 0, 4]}  # a 0 cannot go on a log axis: left out
    cost_plot(cols, tmp_path / "cost.svg", title="t")
    assert ET.parse(tmp_path / "cost.svg").getroot().tag.endswith("svg")
    with pytest.raises(BoolnetError, match="no column"):
        cost_plot(rows, tmp_path / "c.png", x="size")


# ------------------------------------------------------------------------ the package
def test_export_network_and_write_network(tmp_path):
    net = xor_net()
    for fmt in ("json", "verilog", "blif", "dot"):
        assert isinstance(export_network(net, fmt), str)
    js = json.loads(export_network(net, "json", names=(["p", "q"], ["r"])))
    assert js["meta"]["input_names"] == ["p", "q"]
    write_network(net, tmp_path / "x.blif")
    assert (tmp_path / "x.blif").read_text().startswith("# boolnet")
    write_network(net, tmp_path / "x.json")
    assert load(tmp_path / "x.json").meta == net.meta
    assert format_for("a.gv") == "dot"
    with pytest.raises(BoolnetError, match="extension"):
        write_network(net, tmp_path / "x.txt")
    with pytest.raises(BoolnetError, match="harden"):
        write_network(float_net(), tmp_path / "x.v")
    assert not (tmp_path / "x.v").exists()


# ---------------------------------------------------------------------------- the CLI
@pytest.fixture
def cli():
    from boolnet.cli import _Group, main
    if "export" in main.commands and "draw" in main.commands:
        return main
    from boolnet.cli.export import draw, export
    group = _Group()  # the lead registers the commands; until then, the same error handling
    group.add_command(draw)
    group.add_command(export)
    return group


@pytest.fixture
def net_file(tmp_path):
    path = tmp_path / "xor.json"
    save(xor_net(), path)
    return path


def test_cli_export_text_to_stdout_and_files(cli, net_file, tmp_path):
    runner = CliRunner()
    res = runner.invoke(cli, ["export", str(net_file), "--format", "blif"])
    assert res.exit_code == 0, res.output
    assert ".outputs xor" in res.output
    res = runner.invoke(cli, ["export", str(net_file), "-o", str(tmp_path / "x.v"),
                              "--input-names", "p,q"])
    assert res.exit_code == 0 and "input wire p" in (tmp_path / "x.v").read_text()
    res = runner.invoke(cli, ["export", str(net_file), "-o", str(tmp_path / "x.dot")])
    assert res.exit_code == 0 and (tmp_path / "x.dot").read_text().startswith("digraph")
    res = runner.invoke(cli, ["export", str(net_file), "-o", str(tmp_path / "x.txt")])
    assert res.exit_code == 2 and "extension" in res.output


def test_cli_export_onnx(cli, net_file, tmp_path):
    pytest.importorskip("onnx")
    res = CliRunner().invoke(cli, ["export", str(net_file), "-o", str(tmp_path / "x.onnx")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "x.onnx").stat().st_size > 100


def test_cli_errors_exit_2(cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "nope"}')
    res = CliRunner().invoke(cli, ["export", str(bad), "--format", "dot"])
    assert res.exit_code == 2 and "bad.json" in res.output and "schema" in res.output
    soft = tmp_path / "soft.json"
    save(float_net(), soft)
    res = CliRunner().invoke(cli, ["export", str(soft), "--format", "verilog"])
    assert res.exit_code == 2 and "harden" in res.output


def test_cli_draw(cli, net_file, tmp_path):
    pytest.importorskip("matplotlib")
    res = CliRunner().invoke(cli, ["draw", str(net_file), "-o", str(tmp_path / "n.png")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "n.png").read_bytes()[:8] == PNG_MAGIC
    res = CliRunner().invoke(cli, ["draw", str(net_file), "-o", str(tmp_path / "n.svg"), "--summary"])
    assert res.exit_code == 0 and ET.parse(tmp_path / "n.svg").getroot().tag.endswith("svg")


def test_cli_draw_without_matplotlib(cli, net_file, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    res = CliRunner().invoke(cli, ["draw", str(net_file), "-o", str(tmp_path / "n.png")])
    assert res.exit_code == 2 and "pip install 'boolnet[plot]'" in res.output


@pytest.mark.parametrize("summary", [False, True])
def test_names_with_dollar_signs_are_drawn_as_text(tmp_path, summary):
    # matplotlib reads "$x^$" as a TeX formula, and a broken one raised a ValueError.
    pytest.importorskip("matplotlib")
    from boolnet.nn import Layer, Network
    from boolnet.viz.network import draw_network
    net = Network(2, [Layer([[1, 1]], [-2])], meta={"input_names": ["$x^$", "$}{$"]})
    out = draw_network(net, tmp_path / "n.png", summary=summary, title="$y_")
    assert open(out, "rb").read(8) == PNG_MAGIC
