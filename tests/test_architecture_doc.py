"""docs/architecture.md stays true: its layers are the import contract's, every package of
companion/ is in it, and every file it names exists."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def contract_layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (layers,) = [c["layers"] for c in contracts if c["type"] == "layers"]
    return layers


def doc_layers() -> list[str]:
    """The packages of the layers table, top to bottom."""
    table = DOC.split("## The layers", 1)[1].split("\n\n", 2)[2].split("\n\n", 1)[0]
    found = []
    for row in table.splitlines()[2:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        names = re.findall(r"`companion/(\w+)(?:\.py)?`", cells[1])
        found.append(" | ".join(f"companion.{n}" for n in names))
    return found


def test_the_layers_are_the_import_contracts():
    assert doc_layers() == contract_layers()


def test_every_package_is_described():
    packages = {p.name for p in (ROOT / "companion").iterdir() if (p / "__init__.py").exists()}
    for package in packages:
        assert f"`companion/{package}`" in DOC, package


def test_every_file_named_exists():
    named = set(re.findall(r"`((?:companion|tests|benchmarks)/[\w/]+\.py)`", DOC))
    assert len(named) > 15
    missing = [path for path in named if not (ROOT / path).exists()]
    assert missing == []


def test_the_core_never_imports_qt_is_still_a_contract():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    forbidden = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "forbidden"]
    assert any("PySide6" in c["forbidden_modules"] for c in forbidden)
    assert "nothing below `ui`/`cli` imports Qt" in DOC
