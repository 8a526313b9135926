"""What HACS's validator and Home Assistant's hassfest look at, as far as it can be checked here.

The real ones run in the GitHub workflow (.github/workflows/validate.yml); they need GitHub
and a container, neither of which CI has. These are the checks of theirs that fail most often.
"""

from __future__ import annotations

import ast
import json
import re
import struct
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).parents[1]
INTEGRATION = REPO / "custom_components" / "lektrico_local"
MANIFEST = json.loads((INTEGRATION / "manifest.json").read_text())
HACS = json.loads((REPO / "hacs.json").read_text())

# hacs.json's schema: these keys and no others (HACS: "extra keys not allowed").
HACS_KEYS = {
    "name": str,
    "content_in_root": bool,
    "zip_release": bool,
    "filename": str,
    "hide_default_branch": bool,
    "country": (str, list),
    "homeassistant": str,
    "hacs": str,
    "persistent_directory": str,
    "render_readme": bool,
}
QUALITY_STATUSES = {"done", "exempt", "todo"}


def test_manifest_keys_are_sorted_domain_name_then_alphabetical() -> None:
    """hassfest and HACS both refuse any other order."""
    keys = list(MANIFEST)
    assert keys[:2] == ["domain", "name"]
    assert keys[2:] == sorted(keys[2:])


def test_manifest_has_what_a_custom_integration_needs() -> None:
    """The domain is the folder's name; HACS needs a version, owners and both URLs."""
    assert MANIFEST["domain"] == INTEGRATION.name
    assert re.fullmatch(r"\d+\.\d+\.\d+", MANIFEST["version"])
    assert MANIFEST["codeowners"]
    assert all(owner.startswith("@") for owner in MANIFEST["codeowners"])
    for key in ("documentation", "issue_tracker"):
        assert MANIFEST[key].startswith("https://")
    assert MANIFEST["config_flow"] is True
    assert MANIFEST["iot_class"] == "local_polling"
    assert MANIFEST["integration_type"] == "device"
    assert MANIFEST["requirements"] == []  # the client ships inside the integration


def test_hacs_json_has_only_known_keys_of_the_right_types() -> None:
    """HACS's schema check fails on an extra key or a string where a boolean belongs."""
    assert set(HACS) <= set(HACS_KEYS), set(HACS) - set(HACS_KEYS)
    for key, value in HACS.items():
        assert isinstance(value, HACS_KEYS[key]), key
    assert HACS["name"] == MANIFEST["name"]


def test_one_integration_in_custom_components() -> None:
    """HACS installs the one folder it finds there."""
    folders = [path.name for path in (REPO / "custom_components").iterdir() if path.is_dir()]
    assert [name for name in folders if name != "__pycache__"] == [INTEGRATION.name]


def _png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.mark.parametrize(("name", "size"), [("icon.png", (256, 256)), ("icon@2x.png", (512, 512))])
def test_brand_icons_have_the_sizes_home_assistant_asks_for(
    name: str, size: tuple[int, int]
) -> None:
    """Home Assistant 2026.3+ and HACS read brand/ from the integration (HACS's brands check)."""
    assert _png_size(INTEGRATION / "brand" / name) == size


@pytest.mark.parametrize("name", ["logo.png", "logo@2x.png"])
def test_brand_logos_are_landscape_and_large_enough(name: str) -> None:
    """A logo's shortest side is at least 128 px (256 for @2x); it may be wider than high."""
    width, height = _png_size(INTEGRATION / "brand" / name)
    minimum = 256 if "@2x" in name else 128
    assert min(width, height) >= minimum
    assert width >= height


def test_async_setup_comes_with_a_config_schema() -> None:
    """hassfest's CONFIG_SCHEMA rule: an integration with async_setup declares its schema."""
    tree = ast.parse((INTEGRATION / "__init__.py").read_text())
    functions = {node.name for node in tree.body if isinstance(node, ast.AsyncFunctionDef)}
    assigned = {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    assert "async_setup" in functions
    assert "CONFIG_SCHEMA" in assigned


def test_quality_scale_rules_have_a_status_and_exemptions_say_why() -> None:
    """hassfest refuses an exemption without a comment, and unknown statuses."""
    rules = yaml.safe_load((INTEGRATION / "quality_scale.yaml").read_text())["rules"]
    for name, rule in rules.items():
        status = rule if isinstance(rule, str) else rule["status"]
        assert status in QUALITY_STATUSES, name
        if status == "exempt":
            assert isinstance(rule, dict), name
            assert rule.get("comment"), name
    if MANIFEST.get("quality_scale") == "platinum":
        assert all((r if isinstance(r, str) else r["status"]) != "todo" for r in rules.values())


def test_every_options_and_config_field_is_described() -> None:
    """hassfest's translation check wants a data_description for every data field."""
    strings = json.loads((INTEGRATION / "strings.json").read_text())
    for section in ("config", "options"):
        for step_id, step in strings[section]["step"].items():
            described = set(step.get("data_description", {}))
            assert set(step.get("data", {})) <= described, (section, step_id)


def test_readme_and_license_are_there() -> None:
    """HACS renders the README; the licence is Apache-2.0, as Home Assistant's."""
    assert "Apache License" in (REPO / "LICENSE").read_text()[:200]
    assert (REPO / "README.md").read_text().startswith("# Lektrico Local")
