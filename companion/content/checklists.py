"""Phase checklists from resources/checklists/<phase>.toml (standard-library tomllib)."""

from __future__ import annotations

from functools import cache

from companion.content.resources import content_language, read_text, read_translation
from companion.content.sources import source_words
from companion.content.translations import merge
from companion.domain.checklist import Checklist, ChecklistItem
from companion.domain.journey import Phase
from companion.domain.kinds import TransplantKind

_FIELDS = {"id", "text", "why", "source", "group", "kinds", "daily"}
# What a translation (resources/<lang>/checklists/<phase>.toml) may give for an item.
TRANSLATED_FIELDS = frozenset({"text", "why", "group"})


class ChecklistFileError(ValueError):
    """A checklist file is malformed; the message names the file and the item."""


@cache
def _all_items(phase: Phase, language: str = "en") -> tuple[ChecklistItem, ...]:
    import tomllib  # here, not at the top: parsing waits until a checklist is first shown

    name = f"checklists/{phase.value}.toml"
    try:
        data = tomllib.loads(read_text(name))
        translated_text = read_translation(name, language)
        translated = None if translated_text is None else tomllib.loads(translated_text)
    except tomllib.TOMLDecodeError as error:
        raise ChecklistFileError(f"{name} ({language}): {error}") from error
    raw_items = merge(
        data.get("items", []),
        None if translated is None else translated.get("items", []),
        TRANSLATED_FIELDS,
        f"{language}/{name}",
    )
    items: list[ChecklistItem] = []
    seen: set[str] = set()
    for number, raw in enumerate(raw_items, start=1):
        where = f"{name}, item {number}"
        unknown = set(raw) - _FIELDS
        if unknown:
            raise ChecklistFileError(f"{where}: unknown field(s) {sorted(unknown)}")
        key, text = str(raw.get("id", "")).strip(), str(raw.get("text", "")).strip()
        if not key or not text:
            raise ChecklistFileError(f"{where}: needs an id and a text")
        if key in seen or key.startswith("custom-"):
            raise ChecklistFileError(f"{where}: id {key!r} is used twice or reserved")
        seen.add(key)
        try:
            kinds = frozenset(TransplantKind(k) for k in raw.get("kinds", []))
        except ValueError as error:
            raise ChecklistFileError(f"{where}: {error}") from error
        daily = raw.get("daily", False)
        if not isinstance(daily, bool):
            raise ChecklistFileError(f"{where}: daily must be true or false")
        items.append(
            ChecklistItem(
                key=key,
                text=text,
                why=str(raw.get("why", "")).strip(),
                source=source_words(str(raw.get("source", "")).strip(), language),
                group=str(raw.get("group", "")).strip(),
                kinds=kinds,
                daily=daily,
            )
        )
    return tuple(items)


def load_checklist(
    phase: Phase, kind: TransplantKind | None, language: str | None = None
) -> Checklist:
    """The phase's items for this kind of transplant; every item when ``kind`` is None.

    ``language``: the items' words in that language where translated (None: the app's).
    """
    items = _all_items(phase, content_language(language))
    return Checklist(phase, kind, tuple(i for i in items if i.applies_to(kind)))
