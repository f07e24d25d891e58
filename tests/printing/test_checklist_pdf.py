"""`checklist` on the command line with no display: PDFs read back with pdftotext."""

import os
import shutil
import subprocess
import unicodedata

import pytest

from companion.domain.journey import Phase
from tests.conftest import run_main

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def pdf_pages(path):
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # NFKC folds the typesetter's ligatures ("ﬃ" in "Office") back into plain letters.
    return unicodedata.normalize("NFKC", text).split("\f")[:-1]


@pytest.mark.parametrize("phase", [p.value for p in Phase])
def test_each_phase_prints_for_the_sample_journey_without_a_display(tmp_path, phase):
    out = tmp_path / f"{phase}.pdf"
    result = run_main("--demo", "checklist", "--phase", phase, "--output", str(out), headless=True)
    assert result.returncode == 0, result.stderr
    assert "Saved" in result.stdout
    pages = pdf_pages(out)
    text = "\n".join(pages)
    assert Phase(phase).title in pages[0]
    assert "020 7946 0123" in text and "020 7946 0999" in text
    assert "Call your transplant team now" in text
    assert "does not replace your" in pages[-1]
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_the_packet_gives_each_phase_its_own_pages(tmp_path):
    out = tmp_path / "packet.pdf"
    result = run_main(
        "--demo", "checklist", "--phase", "all", "--output", str(out), "--blank", headless=True
    )
    assert result.returncode == 0, result.stderr
    pages = pdf_pages(out)
    starts = [
        i
        for phase in Phase
        for i, page in enumerate(pages)
        if page.lstrip().startswith(phase.title)
    ]
    assert len(starts) == len(Phase)
    assert starts == sorted(starts) and len(set(starts)) == len(Phase)
    assert "☑" not in "".join(pages)  # blank boxes only
    assert "Fresh sheet" in pages[0]


def test_saved_ticks_are_printed(tmp_path):
    out = tmp_path / "prep.pdf"
    assert (
        run_main(
            "--demo", "checklist", "--phase", "preparation", "--output", str(out), headless=True
        ).returncode
        == 0
    )
    text = "\n".join(pdf_pages(out))
    assert "☑" in text and "☐" in text  # the sample left the dental check unticked


def test_without_a_diary_a_generic_sheet_is_printed(tmp_path):
    out = tmp_path / "generic.pdf"
    result = run_main(
        "--data-dir",
        str(tmp_path / "none"),
        "checklist",
        "--phase",
        "recovery",
        "--output",
        str(out),
        headless=True,
    )
    assert result.returncode == 0, result.stderr
    text = "\n".join(pdf_pages(out))
    assert "Office hours: ____" in text
    assert "donor transplants only" in text
    assert not (tmp_path / "none").exists()


def test_an_unknown_phase_is_one_line_naming_the_valid_ones(tmp_path):
    out = tmp_path / "x.pdf"
    result = run_main(
        "--demo", "checklist", "--phase", "engrafment", "--output", str(out), headless=True
    )
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert (
        "preparation, conditioning, infusion, engraftment, recovery, follow-up, all"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("where", ["missing-folder/x.pdf", "a-folder", "a-file.txt/x.pdf"])
def test_an_unwritable_path_is_refused_and_leaves_nothing(tmp_path, where):
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "a-file.txt").write_text("notes")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = run_main(
        "--demo",
        "checklist",
        "--phase",
        "recovery",
        "--output",
        str(tmp_path / where),
        headless=True,
    )
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_a_read_only_folder_is_refused(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    result = run_main(
        "--demo",
        "checklist",
        "--phase",
        "recovery",
        "--output",
        str(folder / "x.pdf"),
        headless=True,
    )
    assert result.returncode == 1
    assert "permission denied" in result.stderr
    assert list(folder.iterdir()) == []
