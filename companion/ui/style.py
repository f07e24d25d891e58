"""The platform's style with clear edges on fields and tick boxes (applied just after the
window first appears: the style's classes are slow to load, and nothing in the first frame
needs them)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

from companion.ui.theme import control_edge


class AccessibleStyle(QProxyStyle):
    """The platform's style, with a clear edge on text fields, combos, spin boxes and tick
    boxes (3:1 against the window and the field: Fusion's own edge is about 2:1)."""

    def drawPrimitive(self, element, option: QStyleOption, painter: QPainter, widget=None):
        super().drawPrimitive(element, option, painter, widget)
        PE = QStyle.PrimitiveElement
        if element in (PE.PE_PanelLineEdit, PE.PE_IndicatorCheckBox, PE.PE_IndicatorRadioButton):
            if element == PE.PE_PanelLineEdit and (
                widget is None or widget.parentWidget() is None or _inside_control(widget)
            ):
                return  # the line edit inside a combo or spin box: its parent has the edge
            self._edge(option, painter, round_=element == PE.PE_IndicatorRadioButton)

    def pixelMetric(self, metric, option=None, widget=None) -> int:
        value = super().pixelMetric(metric, option, widget)
        if metric == QStyle.PixelMetric.PM_TabBarScrollButtonWidth:
            # The arrows that scroll a row of tabs on a small screen: a target a line wide,
            # not 16 pixels, whatever the text size.
            from companion.ui import typography

            return max(value, typography.line())
        return value

    def drawComplexControl(self, control, option, painter: QPainter, widget=None):
        super().drawComplexControl(control, option, painter, widget)
        CC = QStyle.ComplexControl
        if control in (CC.CC_ComboBox, CC.CC_SpinBox):
            self._edge(option, painter)

    @staticmethod
    def _edge(option: QStyleOption, painter: QPainter, round_: bool = False) -> None:
        if not option.state & QStyle.StateFlag.State_Enabled:
            return  # disabled controls are exempt, and look it
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, round_)
        painter.setPen(QPen(control_edge(option.palette), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = QRect(option.rect).adjusted(0, 0, -1, -1)
        if round_:
            painter.drawEllipse(rect)
        else:
            painter.drawRect(rect)
        painter.restore()


def _inside_control(widget: QWidget) -> bool:
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox

    return isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox))
