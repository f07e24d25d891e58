"""The pseudo-locale: English turned into "[Ŧŗåŋşļåţéð ţéxţ ·····]", about 40 % longer, with
every placeholder, tag and web address left exactly as it was. No Qt.

A screen or a command run under ``--lang qps`` shows at a glance any text that does not
come through the catalogue (it is still plain English) and any control that cuts text off
(the padding makes every message as long as Spanish or German may be).
"""

from __future__ import annotations

import re

# Letters that look like the English ones, so the pseudo text stays readable.
_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçðéƒĝĥîĵķļɱñöƥǫŗšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖƤǪŘŠŦÛṼŴẊÝŽ",
)
# Never changed: Python format fields ({value}, {value:.1f}, {{), printf fields (%s,
# %(name)d, %%), HTML or XML tags and entities, web addresses, and Qt's &-accelerators'
# letters stay letters (the & itself is kept).
_PROTECTED = re.compile(
    r"\{\{|\}\}|\{[^{}]*\}"
    r"|%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]"
    r"|<[^<>]+>|&[A-Za-z]+;|&#\d+;"
    r"|https?://\S+"
)
EXPANSION = 0.4
_PADDING = "·"


def _visible_length(text: str) -> int:
    return len(_PROTECTED.sub("", text))


def pseudo_text(text: str, *, brackets: bool = True) -> str:
    """``text`` accented and padded to about 140 % of its visible length.

    Args:
        text: an English message (placeholders and tags in it are kept as they are).
        brackets: wrap the result in ``[…]`` so a cut-off end shows (off for dates
            and numbers worded inside a sentence).
    """
    if not text:
        return text
    parts: list[str] = []
    position = 0
    for match in _PROTECTED.finditer(text):
        parts.append(text[position : match.start()].translate(_ACCENTED))
        parts.append(match.group(0))
        position = match.end()
    parts.append(text[position:].translate(_ACCENTED))
    body = "".join(parts)
    visible = _visible_length(text)
    padding = max(1, round(visible * EXPANSION)) - (2 if brackets else 0)
    # Padding goes before a trailing newline, so line structure is kept.
    stripped = body.rstrip("\n")
    tail = body[len(stripped) :]
    padded = stripped + (" " + _PADDING * (padding - 1) if padding > 1 else "")
    return (f"[{padded}]" if brackets else padded) + tail
