"""Issue 25 item 5: an export or report killed half-way never leaves its temporary file
in the user's folder for good: the next start removes it."""

import subprocess
import sys
import textwrap

from companion.storage.backup import tidy_data_folder
from companion.storage.files import PENDING_OUTPUTS
from tests.storage.crafted import make_diary


def test_a_crash_while_writing_leaves_a_file_the_next_start_removes(tmp_path):
    data = tmp_path / "data"
    make_diary(data)
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / ".writing-notmine.pdf").write_bytes(b"the user's own")  # never listed
    script = textwrap.dedent(
        f"""
        import os
        from pathlib import Path
        from companion.storage.db import open_db
        from companion.storage.files import written_atomically
        db = open_db(Path({str(data / "companion.db")!r}))
        with written_atomically(Path({str(documents / "report.pdf")!r})) as temp:
            temp.write_bytes(b"%PDF-1.4 half")
            os._exit(139)  # killed, as the ten-year report was
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 139, result.stderr
    left = [p.name for p in documents.iterdir() if p.name.startswith(".writing-")]
    assert len(left) == 2  # the crash left its temporary beside the user's own file
    assert (data / PENDING_OUTPUTS).exists()
    removed = tidy_data_folder(data)
    assert [p.parent for p in removed] == [documents]
    assert sorted(p.name for p in documents.iterdir()) == [".writing-notmine.pdf"]
    assert not (documents / "report.pdf").exists()
    assert not (data / PENDING_OUTPUTS).exists()


def test_a_finished_write_is_not_listed(tmp_path):
    from companion.storage.db import open_db
    from companion.storage.files import written_atomically

    data = tmp_path / "data"
    make_diary(data)
    db = open_db(data / "companion.db")
    try:
        with written_atomically(tmp_path / "out.csv") as temp:
            temp.write_text("a,b\n")
            assert str(temp.resolve()) in (data / PENDING_OUTPUTS).read_text()
    finally:
        db.close()
    assert (tmp_path / "out.csv").read_text() == "a,b\n"
    assert not (data / PENDING_OUTPUTS).exists()
