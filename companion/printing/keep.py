"""Keep-together rules a printed HTML document carries for the page printer (pure, no Qt).

A block marks itself with Qt's HTML property ``-qt-user-state`` (the block's user state):
the page printer (``companion.printing.paged``) moves a block that would split across two
pages to the next page, keeps a heading on the page of what follows it, and gives a
hanging indent (Qt's HTML import ignores a negative ``text-indent``).
"""

KEEP_TOGETHER = 1  # never split across pages
KEEP_WITH_NEXT = 2  # on the same page as the start of the next block
HANGING_INDENT = 4  # wrapped lines start under the text, not under a leading box


def keep(*flags: int) -> str:
    """The CSS to put in a block's ``style``: ``keep(KEEP_TOGETHER)``."""
    value = 0
    for flag in flags:
        value |= flag
    return f"-qt-user-state: {value};"
