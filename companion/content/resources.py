"""The one way to read a file from resources/, refusing paths that climb out of it."""

from __future__ import annotations

from importlib import resources
from pathlib import PurePosixPath, PureWindowsPath

_PACKAGE = "resources"


class ResourceError(ValueError):
    """A resource path is not allowed, or the resource does not exist."""


def _checked_parts(relative: str) -> tuple[str, ...]:
    if not relative or PurePosixPath(relative).is_absolute() or PureWindowsPath(relative).drive:
        raise ResourceError(f"resource paths must be relative: {relative!r}")
    parts = PurePosixPath(relative.replace("\\", "/")).parts
    if any(part in ("..", "") for part in parts) or parts[0] == "/":
        raise ResourceError(f"resource paths may not contain '..': {relative!r}")
    return parts


def read_text(relative: str) -> str:
    """Read ``resources/<relative>`` as UTF-8 text.

    Raises:
        ResourceError: the path is absolute, climbs with ``..``, or names no file.
    """
    node = resources.files(_PACKAGE)
    for part in _checked_parts(relative):
        node = node.joinpath(part)
    if not node.is_file():
        raise ResourceError(f"no such resource: {relative}")
    return node.read_text(encoding="utf-8")
