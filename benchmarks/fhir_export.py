"""The FHIR R4 export of a heavy diary: ``export --fhir`` against the CSV export of the
same diary, in one process.

Budget (issue 22): the FHIR export of a 20,000-entry diary in at most 2 s. Measured on
the two-year diary of ``benchmarks/generate.py`` (about 21,000 entries and 1,000 blood
counts), each export run several times, interleaved; the CSV export is the baseline.

Usage: ``python benchmarks/fhir_export.py [runs] [DIR]``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import generate
from companion.service.diary import DiaryService
from companion.service.exports import export_csv
from companion.service.fhir import export_fhir


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    today = date.today()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        folder = Path(sys.argv[2]) if len(sys.argv) > 2 else out
        path = folder / "companion.db" if len(sys.argv) > 2 else generate(out, today)
        now = datetime.combine(today, datetime.min.time()).astimezone() + timedelta(hours=22)
        service = DiaryService.open(path, lambda: now)
        entries = len(service.log.entries())
        resources = export_fhir(service, out / "warm.json")
        export_csv(service, out / "warm.csv")
        fhir_times, csv_times, fhir_cpu = [], [], []
        for run in range(runs):
            start = time.perf_counter()
            export_csv(service, out / f"diary-{run}.csv")
            csv_times.append(time.perf_counter() - start)
            start, cpu = time.perf_counter(), time.process_time()
            export_fhir(service, out / f"diary-{run}.json")
            fhir_times.append(time.perf_counter() - start)
            fhir_cpu.append(time.process_time() - cpu)
        service.close()
        size = (out / "warm.json").stat().st_size / 1e6
    f, c = statistics.median(fhir_times), statistics.median(csv_times)
    print(f"diary: {entries} entries; bundle of {resources} resources, {size:.1f} MB")
    print(f"  CSV export: median {c * 1000:.0f} ms")
    print(f"  FHIR export: median {f * 1000:.0f} ms (budget 2000 ms)")
    # On a shared, loaded machine the wall clock counts other programs' turns too; the
    # process's own CPU time is what it costs on an idle one.
    cpu = statistics.median(fhir_cpu)
    print(f"  FHIR export, CPU time of this process: median {cpu * 1000:.0f} ms")
    print(f"  ratio FHIR/CSV: {f / c:.2f}")


if __name__ == "__main__":
    main()
