"""The kinds of transplant and graft source, as the user picks them."""

from __future__ import annotations

from enum import StrEnum


class TransplantKind(StrEnum):
    """Whose stem cells: the patient's own, or a donor's."""

    AUTOLOGOUS = "autologous"
    ALLOGENEIC = "allogeneic"

    @property
    def title(self) -> str:
        return {
            TransplantKind.AUTOLOGOUS: "From my own stem cells (autologous)",
            TransplantKind.ALLOGENEIC: "From a donor (allogeneic)",
        }[self]

    @property
    def short(self) -> str:
        return {TransplantKind.AUTOLOGOUS: "own cells", TransplantKind.ALLOGENEIC: "donor cells"}[
            self
        ]


class GraftSource(StrEnum):
    """Where the stem cells were collected from."""

    BLOOD = "blood"
    MARROW = "marrow"
    CORD_BLOOD = "cord"

    @property
    def title(self) -> str:
        return {
            GraftSource.BLOOD: "Blood stem cells (collected from the bloodstream)",
            GraftSource.MARROW: "Bone marrow",
            GraftSource.CORD_BLOOD: "Umbilical cord blood",
        }[self]

    @property
    def short(self) -> str:
        return {
            GraftSource.BLOOD: "blood stem cells",
            GraftSource.MARROW: "bone marrow",
            GraftSource.CORD_BLOOD: "cord blood",
        }[self]
