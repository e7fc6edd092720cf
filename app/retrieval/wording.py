"""The corpus's words for what people write informally: "math" is "mathematics", "undergrad" is "undergraduate".

The embedding model scores "Do I need to be good at math for this?" at 0.26 against the guide's sentences, below the
off-topic line, and "... at mathematics ..." at 0.30, above it, with the sentence on applied mathematics first. The
guide and the records are written formally and forum questions are not; a question is read in the corpus's words
before it is retrieved, scored and judged. Whole words only, and only forms that say the same thing.
"""

from __future__ import annotations

import re

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
