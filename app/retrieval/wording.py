"""The corpus's words for what people write informally: "math" is "mathematics", "undergrad" is "undergraduate";
and for what they misspell: "worht" is "worth", "requirments" "requirements".

The embedding model scores "Do I need to be good at math for this?" at 0.26 against the guide's sentences, below the
off-topic line, and "... at mathematics ..." at 0.30, above it, with the sentence on applied mathematics first. The
guide and the records are written formally and forum questions are not; a question is read in the corpus's words
before it is retrieved, scored and judged. Whole words only, and only forms that say the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

ENGLISH_ZIPF = 3.0  # wordfreq's Zipf scale: 3 is about once per million words; "rigor" is 3.3, "worht" 0
MIN_TYPO_LENGTH = 5  # shorter words have too many neighbours one slip away
_LOWER_WORD = re.compile(rf"(?<![\w'’-])[a-z]{{{MIN_TYPO_LENGTH},}}(?![\w'’-])")  # "Tanay", "GRE": names, as written

# informal form -> the corpus's word (case-insensitive unless the form is an upper-case abbreviation)
FORMAL: dict[str, str] = {
    "math": "mathematics", "maths": "mathematics", "stats": "statistics", "calc": "calculus",
    "lin alg": "linear algebra", "linalg": "linear algebra", "prob and stats": "probability and statistics",
    "undergrad": "undergraduate", "undergrads": "undergraduates", "grad school": "graduate school",
    "grad student": "graduate student", "grad students": "graduate students", "prereq": "prerequisite",
    "prereqs": "prerequisites", "comp sci": "computer science", "compsci": "computer science",
    "uni": "university", "DL": "deep learning", "NLP": "natural language processing",
}  # fmt: skip
_PATTERN = re.compile(
    "|".join(rf"(?<![\w'’-]){re.escape(k)}(?![\w'’-])" if k.isupper() or k[:-1].isupper()
             else rf"(?i:(?<![\w'’-]){re.escape(k)}(?![\w'’-]))" for k in sorted(FORMAL, key=len, reverse=True)))  # fmt: skip
_LOOKUP = {k.lower(): v for k, v in FORMAL.items()}


def formal(text: str) -> str:
    """The text with informal forms replaced by the corpus's words."""
    return _PATTERN.sub(lambda m: _LOOKUP[m.group(0).lower()], text)


@dataclass
class Speller:
    """Reads a misspelt word as the corpus word it is one slip from (a letter wrong, missing, extra, or two swapped):
    "is omscs worht it?" was refused, "worht" matching nothing. Only lower-case words of 5+ letters that the corpus
    never uses and that are not English (wordfreq), and only to the one corpus word with the same first letter one
    slip away: a rare word of the person's own ("rigor", a name) stays as written. Program names have their own
    reader (`ProgramMatcher`), which also knows their abbreviations."""

    vocabulary: frozenset[str]  # the corpus's lower-case words
    _words: list[str] = field(init=False, default_factory=list)
    _read: dict[str, str] = field(init=False, default_factory=dict)  # a word -> how it is read (cached across turns)

    def __post_init__(self) -> None:
        self._words = sorted(w for w in self.vocabulary if len(w) >= MIN_TYPO_LENGTH - 1)

    def correct(self, text: str) -> str:
        """The text with each misspelt word read as the corpus's word."""
        return _LOWER_WORD.sub(lambda m: self.word(m.group(0)), text)

    def word(self, word: str) -> str:
        if word in self.vocabulary:
            return word
        if word not in self._read:
            self._read[word] = self._nearest(word)
        return self._read[word]

    def _nearest(self, word: str) -> str:
        # Imported here: it costs ~90 ms, and most questions have no unknown word (cold start matters).
        from wordfreq import zipf_frequency

        if zipf_frequency(word, "en") >= ENGLISH_ZIPF:
            return word
        near = [w for w, _, _ in process.extract(word, self._words, scorer=OSA.distance, score_cutoff=1, limit=3)
                if w[0] == word[0]]  # fmt: skip
        return near[0] if len(near) == 1 else word  # two candidates: which one was meant is a guess


def corpus_words(texts: Iterable[str]) -> frozenset[str]:
    """The lower-case words a corpus uses: what a misspelt word may be read as."""
    return frozenset(w for text in texts for w in re.findall(r"(?<![\w'’-])[a-z]+(?![\w'’-])", text))
