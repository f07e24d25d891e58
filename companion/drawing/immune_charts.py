"""Issue 21: the immune counts (lymphocytes, CD4, IgG) as chart rows on the same Day axis as
the blood counts, with IVIG infusions marked "I" on the IgG row. Shown only once a value is
entered. No reference line is drawn: the app never judges a value."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from companion.domain.labs import (
    CountUnit,
    IggUnit,
    LabResult,
    count_text,
    igg_text,
    number_text,
)
from companion.drawing.charts import Series, fractional_day
from companion.i18n import _, format_date, format_day_number


def immune_rows(
    day0: date,
    labs: Sequence[LabResult],
    ivig: Sequence[datetime],
    count_unit: CountUnit,
    igg_unit: IggUnit,
) -> list[Series]:
    """A row for each immune count that has a value (none when nothing is entered)."""
    origin = day0.toordinal()

    def label(day_float: float, text: str) -> str:
        day = int(day_float // 1)
        return _("{day} ({date}): {value}").format(
            day=format_day_number(day),
            date=format_date(date.fromordinal(origin + day), "d MMM"),
            value=text,
        )

    k = 1 / count_unit.factor
    g = 1 / igg_unit.factor
    cells = _("cells/µL")
    lymphocytes = Series(_("Lymphocytes"), count_unit.label, ceiling=2.0 * k)
    cd4 = Series(_("CD4 T cells"), cells, ceiling=500.0)
    igg = Series(_("IgG"), igg_unit.value, ceiling=10.0 * g)
    points: dict[str, list] = {"lymphocytes": [], "cd4": [], "igg": []}
    for lab in labs:
        x = fractional_day(lab.at, origin)
        if lab.lymphocytes is not None:
            points["lymphocytes"].append((x, lab.lymphocytes * k))
            lymphocytes.labels.append(
                label(
                    x,
                    _("lymphocytes {value}").format(value=count_text(lab.lymphocytes, count_unit)),
                )
            )
        if lab.cd4 is not None:
            points["cd4"].append((x, lab.cd4))
            words = _("CD4 {value} cells/µL").format(value=number_text(lab.cd4))
            cd4.labels.append(label(x, words))
        if lab.igg is not None:
            points["igg"].append((x, lab.igg * g))
            igg.labels.append(label(x, _("IgG {value}").format(value=igg_text(lab.igg, igg_unit))))
    for at in ivig:
        # Translators: the mark of an IVIG infusion on the IgG chart row, one letter.
        igg.marks.append((at.date().toordinal() - origin, _("I")))
    rows = []
    for series, key in ((lymphocytes, "lymphocytes"), (cd4, "cd4"), (igg, "igg")):
        series.set_points(points[key])
        if series.points:
            top = max(value for _day, value in series.points) * 1.15
            series.ceiling = max(series.ceiling, top)
        if series.points or (key == "igg" and series.marks):
            rows.append(series)
    return rows
