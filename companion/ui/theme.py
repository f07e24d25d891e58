"""Colours: the system palette, made to pass WCAG 2.2 contrast, and our few own colours for
light and dark, after the NHS digital service manual (care cards, buttons, focus).

The app follows the system palette (light, dark or high contrast). Where a system colour
fails WCAG 2.2 against its background — text 4.5:1, parts of controls 3:1 — only that colour
is moved (darker or lighter) until it passes: Fusion's selected-row blue (3.7:1 with white)
and its placeholder grey (4.0:1) are the usual ones. ``contrast_pairs()`` lists every pair
the window draws; tests hold each one to its minimum and ``benchmarks/contrast.py`` prints
the figures for the README.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from companion.domain.journey import Phase
from companion.ui.access import RING_DARK, RING_LIGHT

TEXT_MIN = 4.5  # WCAG 2.2 1.4.3, normal-size text
PART_MIN = 3.0  # WCAG 2.2 1.4.11, parts of controls and focus indicators


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def luminance(colour: QColor) -> float:
    """WCAG relative luminance of an opaque colour."""
    return (
        0.2126 * _linear(colour.redF())
        + 0.7152 * _linear(colour.greenF())
        + 0.0722 * _linear(colour.blueF())
    )


def over(colour: QColor, background: QColor) -> QColor:
    """``colour`` as it shows over ``background`` (a placeholder grey is half-transparent)."""
    alpha = colour.alphaF()
    if alpha >= 1:
        return QColor(colour.rgb())
    mixed = QColor()
    mixed.setRgbF(
        colour.redF() * alpha + background.redF() * (1 - alpha),
        colour.greenF() * alpha + background.greenF() * (1 - alpha),
        colour.blueF() * alpha + background.blueF() * (1 - alpha),
    )
    return mixed


def contrast(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio (1 to 21) of two colours (the first may be translucent over the
    second)."""
    a, b = luminance(over(first, second)), luminance(QColor(second.rgb()))
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def _toward(colour: QColor, target: QColor, step: float) -> QColor:
    mixed = QColor()
    mixed.setRgbF(
        colour.redF() + (target.redF() - colour.redF()) * step,
        colour.greenF() + (target.greenF() - colour.greenF()) * step,
        colour.blueF() + (target.blueF() - colour.blueF()) * step,
    )
    return mixed


def passing(colour: QColor, against: QColor, minimum: float) -> QColor:
    """``colour``, moved toward black or white (whichever gets there) until it has
    ``minimum`` contrast with ``against``; unchanged if it already has."""
    colour = over(colour, against)
    if contrast(colour, against) >= minimum:
        return colour
    black, white = QColor("#000000"), QColor("#ffffff")
    target = black if contrast(black, against) >= contrast(white, against) else white
    for step in range(1, 41):
        moved = _toward(colour, target, step / 40)
        if contrast(moved, against) >= minimum + 0.05:
            return moved
    return target


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


# The palette -------------------------------------------------------------------------------

R = QPalette.ColorRole
G = QPalette.ColorGroup
# (role to move, role it is read against, minimum). The text on a selected row is kept and
# the selection colour moved: white on a darker blue reads better than black on light blue.
_FIXES = (
    (R.WindowText, R.Window, TEXT_MIN),
    (R.Text, R.Base, TEXT_MIN),
    (R.ButtonText, R.Button, TEXT_MIN),
    (R.PlaceholderText, R.Base, TEXT_MIN),
    (R.Link, R.Base, TEXT_MIN),
    (R.LinkVisited, R.Base, TEXT_MIN),
    (R.ToolTipText, R.ToolTipBase, TEXT_MIN),
    (R.Text, R.AlternateBase, TEXT_MIN),
)


def accessible_palette(system: QPalette) -> QPalette:
    """The system palette with each failing colour moved until it passes (active and
    inactive groups; disabled controls are exempt in WCAG)."""
    palette = QPalette(system)
    for group in (G.Active, G.Inactive):
        for role, against, minimum in _FIXES:
            fixed = passing(palette.color(group, role), palette.color(group, against), minimum)
            palette.setColor(group, role, fixed)
        highlight = palette.color(group, R.Highlight)
        text = palette.color(group, R.HighlightedText)
        if contrast(text, highlight) < TEXT_MIN:
            palette.setColor(group, R.Highlight, passing(highlight, text, TEXT_MIN))
    return palette


def dark_palette() -> QPalette:
    """A dark system palette (KDE's Breeze Dark colours), for tests, screenshots and the
    contrast figures on machines whose own palette is light."""
    colours = {
        R.Window: "#202326",
        R.WindowText: "#fcfcfc",
        R.Base: "#141618",
        R.AlternateBase: "#1d1f22",
        R.Text: "#fcfcfc",
        R.Button: "#292c30",
        R.ButtonText: "#fcfcfc",
        R.Highlight: "#3daee9",
        R.HighlightedText: "#fcfcfc",
        R.ToolTipBase: "#292c30",
        R.ToolTipText: "#fcfcfc",
        R.PlaceholderText: "#80fcfcfc",
        R.Link: "#1d99f3",
        R.LinkVisited: "#9b59b6",
        R.Light: "#3c4148",
        R.Midlight: "#33373c",
        R.Mid: "#1f2225",
        R.Dark: "#101112",
        R.Shadow: "#000000",
        R.BrightText: "#ffffff",
    }
    palette = QPalette()
    for role, name in colours.items():
        colour = QColor(name) if len(name) == 7 else QColor.fromString(name)
        palette.setColor(G.Active, role, colour)
        palette.setColor(G.Inactive, role, colour)
        disabled = QColor(colour)
        if role in (R.WindowText, R.Text, R.ButtonText):
            disabled = QColor("#6e7175")
        palette.setColor(G.Disabled, role, disabled)
    return palette


def apply_palette(app: QApplication, system: QPalette | None = None) -> None:
    """Use the system palette (or ``system``), made accessible."""
    if system is None:
        app.setPalette(QPalette())  # back to the platform's own, to follow its changes
        system = app.palette()
    app.setPalette(accessible_palette(system))


# Our own colours ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scheme:
    """The few colours the app sets itself, for a light or a dark palette.

    Care cards after the NHS digital service manual: non-urgent blue, urgent red, and
    immediate red with a black body; white words on each coloured heading.
    """

    name: str
    non_urgent: QColor  # heading of a non-urgent card
    urgent: QColor  # heading of an urgent card ("call your transplant team now")
    immediate_body: QColor  # body of an immediate card ("call 999 now")
    on_card: QColor  # words on a card heading and on the immediate body
    card_edge: QColor  # a card's border, against the window
    primary: QColor  # the one main action on a page (NHS green)
    on_primary: QColor
    phase_fill: dict
    phase_ink: QColor
    today: QColor  # the Today line and alert marks on the timeline
    chart_line: QColor
    chart_threshold: QColor
    chart_grid: QColor
    mark_fill: QColor  # transfusion markers (with phase_ink on them)


LIGHT = Scheme(
    name="light",
    non_urgent=QColor("#005eb8"),
    urgent=QColor("#d5281b"),
    immediate_body=QColor("#212b32"),
    on_card=QColor("#ffffff"),
    card_edge=QColor("#d5281b"),
    primary=QColor("#007f3b"),
    on_primary=QColor("#ffffff"),
    phase_fill={
        Phase.PREPARATION: QColor("#dfe5ee"),
        Phase.CONDITIONING: QColor("#f7d5c4"),
        Phase.INFUSION: QColor("#f4c95d"),
        Phase.ENGRAFTMENT: QColor("#c9def5"),
        Phase.RECOVERY: QColor("#cfe8cf"),
        Phase.FOLLOW_UP: QColor("#e4d9f0"),
    },
    phase_ink=QColor("#1b1b1b"),
    today=QColor("#b00020"),
    chart_line=QColor("#1f5fa8"),
    chart_threshold=QColor("#b00020"),
    chart_grid=QColor("#c8c8c8"),
    mark_fill=QColor("#ffe08a"),
)
DARK = Scheme(
    name="dark",
    non_urgent=QColor("#005eb8"),
    urgent=QColor("#d5281b"),
    immediate_body=QColor("#0b0c0c"),
    on_card=QColor("#ffffff"),
    card_edge=QColor("#ff6b6b"),
    primary=QColor("#007f3b"),
    on_primary=QColor("#ffffff"),
    phase_fill={
        Phase.PREPARATION: QColor("#3a4456"),
        Phase.CONDITIONING: QColor("#5c3b2e"),
        Phase.INFUSION: QColor("#5e4b12"),
        Phase.ENGRAFTMENT: QColor("#234464"),
        Phase.RECOVERY: QColor("#2d4f30"),
        Phase.FOLLOW_UP: QColor("#4a3b5c"),
    },
    phase_ink=QColor("#f4f4f4"),
    today=QColor("#ff8a80"),
    chart_line=QColor("#7cb8ff"),
    chart_threshold=QColor("#ff8a80"),
    chart_grid=QColor("#4a4f55"),
    mark_fill=QColor("#ffe08a"),
)


def scheme(palette: QPalette | None = None) -> Scheme:
    return DARK if is_dark(palette) else LIGHT


def control_edge(palette: QPalette) -> QColor:
    """The edge of a text field, a combo, a spin box or a tick box: 3:1 against both the
    window and the field's own fill (WCAG 1.4.11)."""
    return QColor(
        _edge_rgb(
            palette.color(R.Window).rgb(), palette.color(R.Base).rgb(), palette.color(R.Text).rgb()
        )
    )


@lru_cache(maxsize=16)
def _edge_rgb(window_rgb: int, base_rgb: int, text_rgb: int) -> int:
    window, base, edge = QColor(window_rgb), QColor(base_rgb), QColor(text_rgb)
    # As light as still passes against both: calm, but clearly an edge.
    for step in range(40, 0, -1):
        candidate = _toward(edge, window, step / 40)
        if contrast(candidate, window) >= PART_MIN + 0.1 and contrast(candidate, base) >= (
            PART_MIN + 0.1
        ):
            return candidate.rgb()
    return edge.rgb()


def contrast_pairs(palette: QPalette) -> list[tuple[str, QColor, QColor, float]]:
    """Every pair of colours the window shows together: (what, colour, background, minimum)."""
    s = scheme(palette)
    c = palette.color

    def ring_part(background: QColor) -> QColor:
        dark, light = contrast(RING_DARK, background), contrast(RING_LIGHT, background)
        return RING_DARK if dark >= light else RING_LIGHT

    ring, ring_on_base = ring_part(c(R.Window)), ring_part(c(R.Base))
    pairs = [
        ("Body text on the window", c(R.WindowText), c(R.Window), TEXT_MIN),
        ("Text in a field", c(R.Text), c(R.Base), TEXT_MIN),
        ("Placeholder in a field", c(R.PlaceholderText), c(R.Base), TEXT_MIN),
        ("Button text", c(R.ButtonText), c(R.Button), TEXT_MIN),
        ("Selected row", c(R.HighlightedText), c(R.Highlight), TEXT_MIN),
        ("Alternate table row", c(R.Text), c(R.AlternateBase), TEXT_MIN),
        ("Link in a guide", c(R.Link), c(R.Base), TEXT_MIN),
        ("Tick in a box, dot of a chosen phase", c(R.Text), c(R.Base), PART_MIN),
        ("Edge of a field against the window", control_edge(palette), c(R.Window), PART_MIN),
        ("Edge of a field against its fill", control_edge(palette), c(R.Base), PART_MIN),
        ("Focus ring (its dark or yellow part) on the window", ring, c(R.Window), PART_MIN),
        ("Focus ring (its dark or yellow part) on a field", ring_on_base, c(R.Base), PART_MIN),
        ("Focus ring: its yellow part against its dark part", RING_LIGHT, RING_DARK, PART_MIN),
        ("Urgent card heading", s.on_card, s.urgent, TEXT_MIN),
        ("Immediate card body", s.on_card, s.immediate_body, TEXT_MIN),
        ("Non-urgent card heading", s.on_card, s.non_urgent, TEXT_MIN),
        ("Card border on the window", s.card_edge, c(R.Window), PART_MIN),
        ("Main action button", s.on_primary, s.primary, TEXT_MIN),
        ("Today line on the window", s.today, c(R.Window), PART_MIN),
        ("Today tag text", s.today, c(R.Window), TEXT_MIN),
        ("Chart line on the chart", s.chart_line, c(R.Base), PART_MIN),
        ("Chart limit line and label", s.chart_threshold, c(R.Base), TEXT_MIN),
        ("Chart text", c(R.Text), c(R.Base), TEXT_MIN),
        ("Transfusion letter", LIGHT.phase_ink, s.mark_fill, TEXT_MIN),
    ]
    pairs += [
        (f"Timeline band text: {phase.title}", s.phase_ink, fill, TEXT_MIN)
        for phase, fill in s.phase_fill.items()
    ]
    return pairs


# The one main action on a page -------------------------------------------------------------


def make_primary(button: QWidget) -> QWidget:
    """Mark ``button`` as its page's main action: NHS green with white words (5.1:1)."""
    button.setProperty("tcPrimary", True)
    _PRIMARY.add(button)
    _paint_primary(button)
    return button


def _paint_primary(button: QWidget) -> None:
    colours = scheme(QGuiApplication.palette())
    palette = QPalette(QGuiApplication.palette())
    for group in (G.Active, G.Inactive):
        palette.setColor(group, R.Button, colours.primary)
        palette.setColor(group, R.ButtonText, colours.on_primary)
    button.setPalette(palette)


_PRIMARY: weakref.WeakSet = weakref.WeakSet()


def refresh() -> None:
    """After the system palette changed (light to dark): repaint what we coloured."""
    import shiboken6

    for widget in list(_PRIMARY):
        if shiboken6.isValid(widget):
            _paint_primary(widget)
