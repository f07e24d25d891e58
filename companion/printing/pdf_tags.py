"""What Qt's PDF writer cannot say: the document's language (``/Lang``), its subject, and
a bookmark per section (``/Outlines``), added as an incremental update.

QPdfWriter (Qt 6.11) writes a title, an author and a creator, but no language and no
outline. Rather than a PDF library in the bundle, this appends one small update section
to the finished file (PDF 1.7, ISO 32000-1, 7.5.6 "Incremental updates"): a new catalog
with ``/Lang``, ``/Outlines`` and ``/PageMode``, a new document-information dictionary
with ``/Subject``, the outline items, and a cross-reference section pointing back to
Qt's (``/Prev``). Qt's own bytes stay as they are. Pure Python: it reads only the
trailer, the catalog, the information dictionary and the page tree, all of which Qt
writes uncompressed with a classic cross-reference table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# The PDF's /Lang for each language the app speaks (BCP 47): its English words are British;
# its Spanish is neutral (no territory), unless the user chose one (es_MX → es-MX).
_PDF_LANGUAGES = {"en": "en-GB", "es": "es", "qps": "qps-ploc"}


def document_language() -> str:
    """The app's language as a PDF's ``/Lang`` (BCP 47): "en-GB", "es", "es-MX"…"""
    from companion import i18n

    tag = i18n.locale_tag()
    if "_" in tag and i18n.language() != i18n.PSEUDO:
        return tag.replace("_", "-")
    return _PDF_LANGUAGES.get(i18n.language(), i18n.language())


class PdfTagError(ValueError):
    """The file is not laid out the way Qt writes PDFs; nothing was added."""


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A section heading: its title, its page (0-based) and how far down the page it is,
    in points from the top."""

    title: str
    page: int
    top_pt: float


def _text(value: str) -> bytes:
    """A PDF text string: UTF-16BE with its byte-order mark, as hex (no escaping)."""
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode() + b">"


def _xref(data: bytes, start: int) -> dict[int, int]:
    """Object number → byte offset, from the classic table at ``start`` (and its /Prev)."""
    offsets: dict[int, int] = {}
    seen = set()
    while start not in seen:
        seen.add(start)
        if data[start : start + 4] != b"xref":
            raise PdfTagError("no classic cross-reference table")
        pos = start + 4
        while True:
            head = re.compile(rb"\s*(\d+) (\d+)\s*").match(data, pos)
            if head is None:
                break
            first, count = int(head.group(1)), int(head.group(2))
            pos = head.end()
            for index in range(count):
                entry = data[pos : pos + 20]
                if entry[17:18] == b"n":
                    offsets.setdefault(first + index, int(entry[:10]))
                pos += 20
        trailer = data[pos : data.find(b"startxref", pos)]
        found = re.search(rb"/Prev\s+(\d+)", trailer)
        if found is None:
            break
        start = int(found.group(1))
    return offsets


def _object(data: bytes, offsets: dict[int, int], number: int) -> bytes:
    """The dictionary text of object ``number`` (without ``obj``/``endobj``)."""
    start = offsets.get(number)
    if start is None:
        raise PdfTagError(f"object {number} is missing")
    head = re.compile(rb"\s*%d 0 obj\s*" % number).match(data, start)
    if head is None:
        raise PdfTagError(f"object {number} is not where the table says")
    end = data.find(b"endobj", head.end())
    return data[head.end() : end].strip()


def _dict_body(obj: bytes) -> bytes:
    if not (obj.startswith(b"<<") and obj.endswith(b">>")):
        raise PdfTagError("expected a dictionary")
    return obj[2:-2]


def _ref(body: bytes, key: bytes) -> int | None:
    found = re.search(rb"/" + key + rb"\s+(\d+)\s+0\s+R", body)
    return int(found.group(1)) if found else None


def _without(body: bytes, *keys: bytes) -> bytes:
    """``body`` without the entries ``keys`` (values: a reference, a name, a string)."""
    for key in keys:
        body = re.sub(
            rb"/" + key + rb"\s*(\d+\s+0\s+R|/[^\s/<>\[\]()]+|\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]*>)",
            b"",
            body,
            flags=re.S,
        )
    return body


def add_tags(
    path: Path,
    *,
    language: str,
    subject: str = "",
    bookmarks: list[Bookmark] | tuple[Bookmark, ...] = (),
) -> None:
    """Append the language, the subject and ``bookmarks`` to the PDF at ``path``.

    Raises PdfTagError (and leaves the file as it was) when the file is not a PDF as Qt
    writes it."""
    data = path.read_bytes()
    tail = data[-1024:]
    found = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", tail)
    if found is None:
        raise PdfTagError("no startxref at the end")
    previous = int(found.group(1))
    trailer_at = data.rfind(b"trailer")
    trailer = data[trailer_at : data.rfind(b"startxref")]
    root, info = _ref(trailer, b"Root"), _ref(trailer, b"Info")
    size_found = re.search(rb"/Size\s+(\d+)", trailer)
    if root is None or size_found is None:
        raise PdfTagError("the trailer has no /Root or /Size")
    size = int(size_found.group(1))
    offsets = _xref(data, previous)
    catalog = _dict_body(_object(data, offsets, root))
    pages_ref = _ref(catalog, b"Pages")
    if pages_ref is None:
        raise PdfTagError("the catalog has no /Pages")
    pages = _dict_body(_object(data, offsets, pages_ref))
    kids_found = re.search(rb"/Kids\s*\[([^\]]*)\]", pages)
    if kids_found is None:
        raise PdfTagError("the page tree has no /Kids")
    kids = [int(n) for n in re.findall(rb"(\d+)\s+0\s+R", kids_found.group(1))]
    heights = []
    for kid in kids:
        page = _object(data, offsets, kid)
        box = re.search(rb"/MediaBox\s*\[\s*([-\d.\s]+)\]", page)
        numbers = [float(n) for n in box.group(1).split()] if box else [0, 0, 595, 842]
        heights.append(numbers[3])

    objects: dict[int, bytes] = {}
    next_number = size
    marks = [b for b in bookmarks if 0 <= b.page < len(kids)]
    outline_ref = None
    if marks:
        outline_ref = next_number
        item_refs = list(range(next_number + 1, next_number + 1 + len(marks)))
        next_number += 1 + len(marks)
        objects[outline_ref] = b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>" % (
            item_refs[0],
            item_refs[-1],
            len(marks),
        )
        for index, (mark, ref) in enumerate(zip(marks, item_refs, strict=True)):
            y = max(0.0, heights[mark.page] - mark.top_pt)
            entry = (
                b"<< /Title "
                + _text(mark.title)
                + b" /Parent %d 0 R" % outline_ref
                + b" /Dest [%d 0 R /XYZ 0 %.2f null]" % (kids[mark.page], y)
            )
            if index > 0:
                entry += b" /Prev %d 0 R" % item_refs[index - 1]
            if index < len(marks) - 1:
                entry += b" /Next %d 0 R" % item_refs[index + 1]
            objects[ref] = entry + b" >>"
    new_catalog = _without(catalog, b"Lang", b"Outlines", b"PageMode").rstrip()
    new_catalog += b"\n/Lang " + _text(language)
    if outline_ref is not None:
        new_catalog += b"\n/Outlines %d 0 R\n/PageMode /UseOutlines" % outline_ref
    objects[root] = b"<<" + new_catalog + b"\n>>"
    if info is not None and subject:
        old_info = _dict_body(_object(data, offsets, info))
        objects[info] = (
            b"<<"
            + _without(old_info, b"Subject").rstrip()
            + b"\n/Subject "
            + _text(subject)
            + b"\n>>"
        )

    out = bytearray(data)
    if not out.endswith(b"\n"):
        out += b"\n"
    written: dict[int, int] = {}
    for number in sorted(objects):
        written[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n"  # the free list's head, as every table has
    for number in sorted(written):  # one subsection per object: simple and valid
        out += b"%d 1\n%010d 00000 n \n" % (number, written[number])
    out += b"trailer\n<< /Size %d /Root %d 0 R" % (max(next_number, size), root)
    if info is not None:
        out += b" /Info %d 0 R" % info
    id_found = re.search(rb"/ID\s*\[[^\]]*\]", trailer)
    if id_found:
        out += b" " + id_found.group(0)
    out += b" /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (previous, xref_at)
    path.write_bytes(bytes(out))
