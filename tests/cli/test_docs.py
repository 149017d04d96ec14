"""The README documents every command, and README + docs/ every option of each command."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from typer.core import TyperOption

from kg.cli import app

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = README + "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md")))
COMMANDS = typer.main.get_command(app).commands


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_docs_readme_shows_every_command(name):
    assert re.search(rf"\bkg {name}\b", README), f"`kg {name}` is not in README.md"


@pytest.mark.parametrize(
    "name,option",
    sorted((name, opt) for name, cmd in COMMANDS.items() for p in cmd.params
           if isinstance(p, TyperOption) for opt in p.opts if opt.startswith("--") and opt != "--help"),
)
def test_docs_describe_every_option(name, option):
    assert option in DOCS, f"`kg {name} {option}` is in neither README.md nor docs/"


def test_docs_quick_start_has_exactly_two_commands():
    block = README.split("## Quick start", 1)[1].split("```", 2)[1]
    commands = [ln for ln in block.splitlines()[1:] if ln.strip() and not ln.startswith("#")]
    assert [c.split()[0:2] for c in commands] == [["./dev", "seeds"], ["./dev", "test"]]
    assert "./dev test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
