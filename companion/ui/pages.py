"""The window's pages, as data: the navigation list, the Go menu and Ctrl+1…9 come from
here. No Qt: the list is read before the window is built."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PageSpec:
    """A page: its key, its name in the navigation, the MainWindow method that builds it
    (on first use; None: not in this build), and its shortcuts."""

    key: str
    title: str
    build: str | None
    shortcuts: tuple[str, ...] = ()


PAGES: tuple[PageSpec, ...] = (
    PageSpec("today", "Today", "_build_today_page", ("Ctrl+1",)),
    PageSpec("journey", "Journey and guides", "_build_journey_page", ("Ctrl+2",)),
    PageSpec("log", "Diary log", "_build_log_page", ("Ctrl+3", "Ctrl+L")),
    PageSpec("counts", "Blood counts", "_build_counts_page", ("Ctrl+4", "Ctrl+B")),
    PageSpec("checklists", "Checklists", "_build_checklists_page", ("Ctrl+5",)),
    PageSpec(
        "appointments",
        "Appointments and questions",
        "_build_appointments_page",
        ("Ctrl+6",),
    ),
    PageSpec("medicines", "Medicines", "_build_medicines_page", ("Ctrl+7",)),
    PageSpec("immunity", "Immune system and vaccines", "_build_immunity_page", ("Ctrl+8",)),
    # Ctrl+1…9 follow the list, top to bottom: Settings is last (a tester pressed Ctrl+7
    # for the seventh page, Medicines, and got Settings).
    PageSpec("settings", "Settings", "_build_settings_page", ("Ctrl+9",)),
)
