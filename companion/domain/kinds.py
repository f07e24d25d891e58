"""The kinds of transplant and graft source, as the user picks them.

Their words are marked with ``N_`` (made at import, before the language is chosen) and
translated when read (``title``, ``short``).
"""

from __future__ import annotations

from enum import StrEnum

from companion.i18n import N_, _


class TransplantKind(StrEnum):
    """Whose stem cells: the patient's own, or a donor's."""

    AUTOLOGOUS = "autologous"
    ALLOGENEIC = "allogeneic"

    @property
    def title(self) -> str:
        return _(_KIND_TITLES[self])

    @property
    def short(self) -> str:
        return _(_KIND_SHORT[self])


_KIND_TITLES = {
    TransplantKind.AUTOLOGOUS: N_("From my own stem cells (autologous)"),
    TransplantKind.ALLOGENEIC: N_("From a donor (allogeneic)"),
}
_KIND_SHORT = {
    TransplantKind.AUTOLOGOUS: N_("own cells"),
    TransplantKind.ALLOGENEIC: N_("donor cells"),
}


class GraftSource(StrEnum):
    """Where the stem cells were collected from."""

    BLOOD = "blood"
    MARROW = "marrow"
    CORD_BLOOD = "cord"

    @property
    def title(self) -> str:
        return _(_SOURCE_TITLES[self])

    @property
    def short(self) -> str:
        return _(_SOURCE_SHORT[self])


_SOURCE_TITLES = {
    GraftSource.BLOOD: N_("Blood stem cells (collected from the bloodstream)"),
    GraftSource.MARROW: N_("Bone marrow"),
    GraftSource.CORD_BLOOD: N_("Umbilical cord blood"),
}
_SOURCE_SHORT = {
    GraftSource.BLOOD: N_("blood stem cells"),
    GraftSource.MARROW: N_("bone marrow"),
    GraftSource.CORD_BLOOD: N_("cord blood"),
}
