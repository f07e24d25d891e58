"""Blood counts and transfusions: units as labs print them, canonical storage, plausibility."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from companion.i18n import N_, _, format_decimal


class CountUnit(StrEnum):
    """Units labs print for cell counts. 500/mm³ = 500/µL = 0.5 × 10⁹/L = 0.5 × 10³/µL."""

    PER_L = "x10^9/L"
    PER_UL_THOUSANDS = "x10^3/uL"
    PER_UL = "/uL"
    PER_MM3 = "/mm3"

    @property
    def label(self) -> str:
        return {
            CountUnit.PER_L: "×10⁹/L",
            CountUnit.PER_UL_THOUSANDS: "×10³/µL",
            CountUnit.PER_UL: "/µL",
            CountUnit.PER_MM3: "/mm³",
        }[self]

    @property
    def factor(self) -> float:
        """Multiply a value in this unit by this to get × 10⁹/L."""
        return 1.0 if self in (CountUnit.PER_L, CountUnit.PER_UL_THOUSANDS) else 0.001

    def from_canonical(self, value: float) -> float:
        return value / self.factor


class HbUnit(StrEnum):
    G_DL = "g/dL"
    G_L = "g/L"

    @property
    def factor(self) -> float:
        """Multiply by this to get g/L (stored)."""
        return 10.0 if self is HbUnit.G_DL else 1.0


# Plausible ranges in canonical units; outside them a value is refused with a hint.
LIMITS = {"ANC": 100.0, "WBC": 500.0, "Platelets": 2000.0, "Lymphocytes": 500.0}
HB_MIN_G_L, HB_MAX_G_L = 20.0, 250.0
# Issue 21, immune counts: CD4 in cells/µL; IgG in g/L (1 g/L = 100 mg/dL).
CD4_MAX = 10000.0
IGG_MAX_G_L = 100.0


class IggUnit(StrEnum):
    """Units labs print for immunoglobulin G: g/L (stored) or mg/dL (1 g/L = 100 mg/dL)."""

    G_L = "g/L"
    MG_DL = "mg/dL"

    @property
    def factor(self) -> float:
        """Multiply by this to get g/L (stored)."""
        return 1.0 if self is IggUnit.G_L else 0.01


class Product(StrEnum):
    PLATELETS = "platelets"
    RED_CELLS = "red cells"


class LabError(ValueError):
    """A blood count cannot be saved as typed; the message names the likely unit mix-up."""


# The values' names as keys (``LIMITS``, ``what``) and as the user reads them.
_VALUE_NAMES = {
    "ANC": N_("ANC"),
    "WBC": N_("WBC"),
    "Platelets": N_("Platelets"),
    "Lymphocytes": N_("Lymphocytes"),
    "Neutrophils %": N_("Neutrophils %"),
    "Haemoglobin": N_("Haemoglobin"),
    "CD4": N_("CD4"),
    "IgG": N_("IgG"),
}


def value_name(what: str) -> str:
    """A blood value's name in the app's language ("ANC" / "RAN")."""
    return _(_VALUE_NAMES[what]) if what in _VALUE_NAMES else what


def decimal_sign() -> str:
    """The language's decimal sign: "." in English, "," in Spain's Spanish."""
    return format_decimal(0.5, 1)[1]


def fixed_text(value: float, digits: int = 1) -> str:
    """``value`` with ``digits`` decimals (Python's rounding, as the app always printed
    them) and the language's decimal sign: 38.5 / 38,5."""
    text = f"{value:.{digits}f}"
    return text.replace(".", decimal_sign()) if digits > 0 else text


def number_text(value: float) -> str:
    """A typed or stored number as short as it is (``:g``), with the language's decimal
    sign: 0.5 / 0,5."""
    text = f"{value:g}"
    return text.replace(".", decimal_sign()) if "." in text else text


def _number(text: str, what: str) -> float:
    name = value_name(what)
    try:
        value = float((text or "").strip().replace(",", "."))
    except ValueError:
        raise LabError(
            _("{what}: please type a number, as printed on your results.").format(what=name)
        ) from None
    if not math.isfinite(value) or value < 0:
        raise LabError(
            _("{what}: please type a number of 0 or more, as printed on your results.").format(
                what=name
            )
        )
    return value


def parse_count(text: str, unit: CountUnit, what: str) -> float:
    """A cell count in × 10⁹/L from what the user typed in ``unit``. ``what``: "ANC",
    "WBC" or "Platelets". Refuses impossible values, naming the likely unit mix-up."""
    value = _number(text, what)
    canonical = value * unit.factor
    limit = LIMITS[what]
    values = {
        "what": value_name(what),
        "value": number_text(value),
        "unit": unit.label,
        "thousandth": number_text(value / 1000),
    }
    if canonical > limit:
        if unit.factor == 1.0 and value * 0.001 <= limit:
            raise LabError(
                _(
                    "An {what} of {value} {unit} is not possible. Did you mean {value} /µL "
                    "(= {thousandth} ×10⁹/L)? Choose /µL or /mm³ as the unit. Nothing was "
                    "saved."
                ).format(**values)
            )
        raise LabError(
            _("{what} {value} {unit} is too high to be right. Nothing was saved.").format(**values)
        )
    if unit.factor != 1.0 and 0 < value < 20 and value != int(value):
        raise LabError(
            _(
                "{what} {value} {unit} looks like a value in ×10⁹/L (or ×10³/µL). Please check "
                "the unit on your results. Nothing was saved."
            ).format(**values)
        )
    return round(canonical, 4)


def parse_percent(text: str) -> float:
    value = _number(text, "Neutrophils %")
    if value > 100:
        raise LabError(
            _("{what}: a percentage goes up to 100. Nothing was saved.").format(
                what=value_name("Neutrophils %")
            )
        )
    return value


def parse_hb(text: str, unit: HbUnit) -> float:
    """Haemoglobin in g/L from what the user typed in ``unit``."""
    value = _number(text, "Haemoglobin")
    grams = value * unit.factor
    if HB_MIN_G_L <= grams <= HB_MAX_G_L:
        return round(grams, 1)
    other = HbUnit.G_L if unit is HbUnit.G_DL else HbUnit.G_DL
    if HB_MIN_G_L <= value * other.factor <= HB_MAX_G_L:
        raise LabError(
            _(
                "Haemoglobin {value} {unit} is not possible. Did you mean {value} {other}? "
                "Nothing was saved."
            ).format(value=number_text(value), unit=unit.value, other=other.value)
        )
    raise LabError(
        _("Haemoglobin {value} {unit} does not look right. Nothing was saved.").format(
            value=number_text(value), unit=unit.value
        )
    )


def parse_cd4(text: str) -> float:
    """A CD4 count in cells/µL (as labs print it). A value under 5 with a decimal point
    looks like ×10⁹/L and is refused with the conversion."""
    value = _number(text, "CD4")
    if value > CD4_MAX:
        raise LabError(
            _("CD4 {value} cells/µL is too high to be right. Nothing was saved.").format(
                value=number_text(value)
            )
        )
    if 0 < value < 5 and value != int(value):
        raise LabError(
            _(
                "CD4 {value} looks like a value in ×10⁹/L: the app takes CD4 in cells/µL "
                "({value} ×10⁹/L = {cells} cells/µL). Nothing was saved."
            ).format(value=number_text(value), cells=number_text(value * 1000))
        )
    return round(value, 1)


def parse_igg(text: str, unit: IggUnit) -> float:
    """IgG in g/L from what the user typed in ``unit``; a value that only fits the other
    unit is refused, naming it."""
    value = _number(text, "IgG")
    grams = value * unit.factor
    if unit is IggUnit.MG_DL and 0 < value < 20 and value != int(value):
        raise LabError(
            _(
                "IgG {value} mg/dL looks like a value in g/L ({value} g/L = {mg} mg/dL). Please "
                "check the unit on your results. Nothing was saved."
            ).format(value=number_text(value), mg=number_text(value * 100))
        )
    if grams <= IGG_MAX_G_L:
        return round(grams, 2)
    other = IggUnit.MG_DL if unit is IggUnit.G_L else IggUnit.G_L
    if value * other.factor <= IGG_MAX_G_L:
        raise LabError(
            _(
                "IgG {value} {unit} is not possible. Did you mean {value} {other}? Nothing was "
                "saved."
            ).format(value=number_text(value), unit=unit.value, other=other.value)
        )
    raise LabError(
        _("IgG {value} {unit} is too high to be right. Nothing was saved.").format(
            value=number_text(value), unit=unit.value
        )
    )


def igg_text(grams_per_litre: float, unit: IggUnit) -> str:
    """ "7.2 g/L" or "720 mg/dL"."""
    shown = grams_per_litre / unit.factor
    number = number_text(shown) if unit is IggUnit.G_L else fixed_text(shown, 0)
    return f"{number} {unit.value}"


def count_text(value: float, unit: CountUnit) -> str:
    """A count in the user's unit: "0.50 ×10⁹/L" or "500 /µL"."""
    shown = unit.from_canonical(value)
    number = fixed_text(shown, 2) if unit.factor == 1.0 and shown < 10 else number_text(shown)
    return f"{number} {unit.label}"


def hb_text(grams_per_litre: float, unit: HbUnit) -> str:
    shown = grams_per_litre / unit.factor
    number = fixed_text(shown, 1) if unit is HbUnit.G_DL else number_text(shown)
    return f"{number} {unit.value}"


@dataclass(frozen=True, slots=True)
class LabResult:
    """One set of results. Counts in × 10⁹/L, haemoglobin in g/L; None when not given.

    ``anc_computed`` marks an ANC worked out from WBC × neutrophil %, shown with its inputs.
    """

    at: datetime
    anc: float | None = None
    wbc: float | None = None
    neutrophil_percent: float | None = None
    platelets: float | None = None
    hb: float | None = None
    anc_computed: bool = False
    id: int | None = None
    # Issue 21, immune counts: lymphocytes × 10⁹/L, CD4 cells/µL, IgG g/L.
    lymphocytes: float | None = None
    cd4: float | None = None
    igg: float | None = None

    @property
    def has_immune_counts(self) -> bool:
        return any(v is not None for v in (self.lymphocytes, self.cd4, self.igg))

    @property
    def day(self) -> date:
        return self.at.date()

    def anc_text(self, unit: CountUnit = CountUnit.PER_L) -> str:
        if self.anc is None:
            return ""
        text = count_text(self.anc, unit)
        if self.anc_computed and self.wbc is not None and self.neutrophil_percent is not None:
            text += " " + _("(worked out: WBC {wbc} × {percent} % neutrophils)").format(
                wbc=number_text(self.wbc), percent=number_text(self.neutrophil_percent)
            )
        return text


def lab_result(
    at: datetime,
    anc: float | None = None,
    wbc: float | None = None,
    neutrophil_percent: float | None = None,
    platelets: float | None = None,
    hb: float | None = None,
) -> LabResult:
    """A result from parsed values: with no ANC but a WBC and a neutrophil %, the ANC is
    worked out (WBC × %) and marked so. Raises LabError when only one of the two is given."""
    from companion.domain.engraftment import compute_anc

    computed = False
    if anc is None and wbc is not None and neutrophil_percent is not None:
        anc, computed = compute_anc(wbc, neutrophil_percent), True
    elif anc is None and (wbc is None) != (neutrophil_percent is None):
        raise LabError(_("To work out the ANC, give both the WBC and the neutrophil %."))
    return LabResult(at, anc, wbc, neutrophil_percent, platelets, hb, computed)


def check_lab(result: LabResult) -> LabResult:
    """Refuse a result holding a value no lab prints (infinite, not a number, negative, or
    past the plausible limits) whatever built it — a form, the command line or an import.

    Raises:
        LabError: naming the value; nothing is saved then.
    """
    limits = {
        "ANC": (result.anc, 0.0, LIMITS["ANC"]),
        "WBC": (result.wbc, 0.0, LIMITS["WBC"]),
        "Platelets": (result.platelets, 0.0, LIMITS["Platelets"]),
        "Neutrophils %": (result.neutrophil_percent, 0.0, 100.0),
        "Haemoglobin": (result.hb, HB_MIN_G_L, HB_MAX_G_L),
        "Lymphocytes": (result.lymphocytes, 0.0, LIMITS["Lymphocytes"]),
        "CD4": (result.cd4, 0.0, CD4_MAX),
        "IgG": (result.igg, 0.0, IGG_MAX_G_L),
    }
    for what, (value, low, high) in limits.items():
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise LabError(
                _("{what}: please type a number, as printed on your results.").format(
                    what=value_name(what)
                )
            )
        if not math.isfinite(value) or not low <= value <= high:
            raise LabError(
                _(
                    "{what}: {value} is not a value a lab would print (it takes {low} to "
                    "{high}). Please check it. Nothing was saved."
                ).format(
                    what=value_name(what),
                    value=number_text(value),
                    low=number_text(low),
                    high=number_text(high),
                )
            )
    return result


@dataclass(frozen=True, slots=True)
class Transfusion:
    on: date
    product: Product
    id: int | None = None
