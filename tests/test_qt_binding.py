"""The pinned Qt binding must not corrupt Python's reference counts.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a method that
returns nothing (QPainter.translate, QTextCursor.mergeBlockFormat…). After a few
thousand calls None is "deallocated" and the whole app aborts, which a patient would meet
after a few minutes of scrolling. This test fails on such a binding.

It applies to Python 3.11 only, where pyproject.toml pins 6.11.3. From Python 3.12 None
is immortal (PEP 683): its reference count never changes and it is never deallocated, so
the lost references are harmless and this test could not see them (6.12 is allowed there).
"""

import sys

import pytest
from PySide6.QtGui import QImage, QPainter, QTextBlockFormat, QTextCursor, QTextDocument

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="Python 3.12+: None is immortal (PEP 683), so a binding that drops references "
    "to None cannot abort the app, and sys.getrefcount(None) cannot show it",
)


def test_void_methods_keep_none_alive(qapp):
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    doc = QTextDocument()
    doc.setPlainText("x")
    before = sys.getrefcount(None)
    for _ in range(2000):
        painter.translate(0, 0)
        painter.save()
        painter.restore()
        QTextCursor(doc.begin()).mergeBlockFormat(QTextBlockFormat())
    after = sys.getrefcount(None)
    painter.end()
    assert after >= before - 50, f"None lost {before - after} references"
