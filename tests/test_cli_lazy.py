"""The CLI loads each command only when it runs; the registry must agree with the commands."""
from __future__ import annotations

import subprocess
import sys

import click
from click.testing import CliRunner
import pytest

import boolnet
from boolnet.cli import COMMANDS, load_command, main


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_registered_command_loads_with_its_own_summary(name):
    command = load_command(name)
    assert isinstance(command, click.Command)
    # The listing shows COMMANDS' summary without importing; it must be the command's own.
    assert COMMANDS[name][1] == command.get_short_help_str(limit=1000)


def test_top_level_help_lists_every_command():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert f"  {name} " in result.output


def _modules_after(argv: list[str]) -> set[str]:
    code = ("import sys; from boolnet.cli import main\n"
            f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
            "print('\\n'.join(sys.modules), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    return set(done.stderr.split())


def test_help_imports_no_command_and_no_heavy_library():
    loaded = _modules_after(["--help"])
    assert not {m for m in loaded if m.startswith("boolnet.cli.") and m != "boolnet.cli"}
    assert not {"numpy", "numba", "scipy", "sympy", "networkx", "matplotlib"} & loaded


def test_info_on_an_expression_skips_the_heavy_libraries():
    loaded = _modules_after(["info", "--expr", "a^b"])
    assert "boolnet.cli.info" in loaded
    assert not {"numba", "scipy", "sympy", "networkx", "matplotlib"} & loaded


def test_minimize_of_a_9_input_function_skips_scipy_and_numba():
    # Its covering matrix (256 ON rows x 126 primes) is dense and all essential: importing
    # scipy.sparse alone would cost more than the whole minimisation.
    loaded = _modules_after(["minimize", "--family", "majority:9"])
    assert "boolnet.twolevel.exact_cover" in loaded
    assert not {"numba", "scipy", "sympy", "networkx", "matplotlib"} & loaded


def test_version_matches_the_package():
    result = CliRunner().invoke(main, ["--version"])
    assert boolnet.__version__ in result.output


def test_public_names_all_resolve():
    for name in boolnet.__all__:
        assert getattr(boolnet, name) is not None
    assert set(boolnet.__all__) <= set(dir(boolnet))
    with pytest.raises(AttributeError):
        boolnet.no_such_name  # noqa: B018
