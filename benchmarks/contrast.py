"""WCAG 2.2 contrast of every pair of colours the window shows, light and dark.

``python benchmarks/contrast.py`` prints a Markdown table for the README: the light column
is Qt's Fusion palette (what a Linux desktop without a theme gives) made accessible by the
app; the dark column is KDE's Breeze Dark palette, made accessible the same way; below them,
the system colours that failed and what the app moved them to. Text needs 4.5:1, parts of
controls and the focus ring 3:1 (WCAG 2.2, 1.4.3 and 1.4.11).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from companion.ui import theme

    systems = {"light": app.style().standardPalette(), "dark": theme.dark_palette()}
    fixed = {name: theme.accessible_palette(palette) for name, palette in systems.items()}
    pairs = {name: theme.contrast_pairs(palette) for name, palette in fixed.items()}
    print("| pair | needs | light | dark |")
    print("|---|---|---|---|")
    failures = 0
    for (name, fg, bg, minimum), (_, fg2, bg2, _) in zip(
        pairs["light"], pairs["dark"], strict=True
    ):
        light, dark = theme.contrast(fg, bg), theme.contrast(fg2, bg2)
        failures += (light < minimum) + (dark < minimum)
        print(
            f"| {name} | {minimum:g}:1 | {light:.2f} ({fg.name()} on {bg.name()}) "
            f"| {dark:.2f} ({fg2.name()} on {bg2.name()}) |"
        )
    print()
    print("| system colour that failed | scheme | before | after |")
    print("|---|---|---|---|")
    role = QPalette.ColorRole
    checks = (
        ("selected row (highlight behind its text)", role.Highlight, role.HighlightedText),
        ("placeholder text in a field", role.PlaceholderText, role.Base),
        ("link", role.Link, role.Base),
    )
    for label, moved, against in checks:
        for name, system in systems.items():
            before = theme.contrast(system.color(moved), system.color(against))
            after = theme.contrast(fixed[name].color(moved), fixed[name].color(against))
            if before < theme.TEXT_MIN:
                was = theme.over(system.color(moved), system.color(against)).name()
                now = fixed[name].color(moved).name()
                print(f"| {label} | {name} | {before:.2f} ({was}) | {after:.2f} ({now}) |")
    print()
    print("failures:", failures)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
