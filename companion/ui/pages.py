"""The window's pages, as data: the navigation list, the Go menu and Ctrl+1…9 come from
here. No Qt: the list is read before the window is built (and by tests without a window).
How each page is built is in ``companion/ui/page_builders.py`` (``BUILDERS``)."""

from __future__ import annotations

from dataclasses import dataclass

from companion.i18n import N_, _


@dataclass(frozen=True, slots=True)
class PageSpec:
    """A page: its key, its name in the navigation (English, marked for translation: see
    ``name``), and its shortcuts."""

    key: str
    title: str
    shortcuts: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The page's name in the app's language."""
        return _(self.title)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("today", N_("Today"), ("Ctrl+1",)),
    PageSpec("journey", N_("Journey and guides"), ("Ctrl+2",)),
    PageSpec("log", N_("Diary log"), ("Ctrl+3", "Ctrl+L")),
    PageSpec("counts", N_("Blood counts"), ("Ctrl+4", "Ctrl+B")),
    PageSpec("checklists", N_("Checklists"), ("Ctrl+5",)),
    PageSpec("appointments", N_("Appointments and questions"), ("Ctrl+6",)),
    PageSpec("medicines", N_("Medicines"), ("Ctrl+7",)),
    PageSpec("immunity", N_("Immune system and vaccines"), ("Ctrl+8",)),
    # Ctrl+1…9 follow the list, top to bottom: Settings is last (a tester pressed Ctrl+7
    # for the seventh page, Medicines, and got Settings).
    PageSpec("settings", N_("Settings"), ("Ctrl+9",)),
)


def spec(key: str) -> PageSpec:
    return next(page for page in PAGES if page.key == key)
