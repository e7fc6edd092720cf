"""Degree names said next to a school: "Oxford MSc in Machine Learning", "Georgia Tech OMSA", "the MS in Statistics
at Stanford".

A school's name alone names every program we hold there ("Is CMU worth it?": both). A degree named with it names
one program, which may not be one we hold: the matcher (app/retrieval/names.py `unheld_programs`) checks each name
read here against the school's programs, so an answer never swaps the program asked about for another one there.
Pure functions on the text; which words are a school's is the matcher's to say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "M.S." and "M.Sc." are "MS" and "MSc"; "Master of Science" is a master's, not a subject ("science").
_SPELLED = [(re.compile(r"\bM\.\s?S\.?\s?c?\.?(?=[\s,?!]|$)", re.I), "MS"), (re.compile(r"\bM\.\s?Eng\.?", re.I), "MEng"),
            (re.compile(r"\bmaster(?:['’]?s)?\s+of\s+science\b", re.I), "MS")]  # fmt: skip
# Words that open a degree's name: the kind of degree.
DEGREE = {"ms", "msc", "mse", "meng", "mba", "ma", "mphil", "mres", "phd", "mps", "mas", "master", "masters",
          "mcs", "mcit"}  # fmt: skip
# Words of a degree's name that tell no program from another: every master's has them.
LEVEL = {"ms", "msc", "master", "masters", "m", "degree", "program", "programme", "graduate", "postgraduate", "the",
         "a", "an", "in", "of", "on", "and", "s", "course"}  # fmt: skip
# Words that may come before a degree's kind in its name ("online masters", "part-time MSc").
_MODIFIER = {"online", "part-time", "full-time", "executive", "professional", "residential", "hybrid", "the", "a",
             "an", "new"}  # fmt: skip
# Where a degree's subject ends: the question goes on ("… worth it?", "… for me", "… vs …", "… cost").
_END = {"worth", "cost", "costs", "for", "vs", "versus", "or", "at", "from", "is", "are", "was", "be", "will", "would",
        "should", "could", "can", "if", "when", "with", "to", "compared", "good", "bad", "better", "tuition", "fees",
        "program", "programme", "degree", "course", "really", "still", "though", "but", "that", "which", "i", "me",
        "my", "you", "it", "this", "and", "there", "any", "okay", "ok", "too", "also", "instead", "as", "than",
        "online", "in-person", "cheaper", "over", "by", "like", "do", "does", "did", "take", "takes", "the", "a",
        "an", "person", "part-time", "full-time", "year", "years", "now", "next", "fall", "spring"}  # fmt: skip
_CONNECT = {"in", "of", "on"}
_ARTICLES = {"the", "a", "an"}
_MAX_SUBJECT = 5  # words: "Machine Learning and Data Science", the longest subject of a program we hold
_WORD = re.compile(r"[A-Za-z0-9][\w&'’/+-]*|[^\w\s]")


@dataclass(frozen=True)
class DegreeName:
    """A degree named next to a school: as written ("MSc in Machine Learning"), and its words for matching."""

    text: str
    words: tuple[str, ...]  # lower case, possessives dropped


def _words(text: str) -> list[str]:
    for pattern, short in _SPELLED:
        text = pattern.sub(short, text)
    return _WORD.findall(text)


def _name(words: list[str], norm: list[str], i: int, end: int) -> DegreeName:
    while norm[i] in _ARTICLES:  # "the MS in Statistics" is named "MS in Statistics"
        i += 1
    return DegreeName(" ".join(words[i:end]), tuple(norm[i:end]))


def _norm(word: str) -> str:
    return re.sub(r"['’]s$", "", word.lower())


# Capitals that are chat or money, not a program's short name ("Is Georgia Tech OK?").
_NOT_ACRONYMS = {"OK", "TBH", "IMO", "IMHO", "LOL", "IIRC", "TLDR", "AMA", "FAANG", "USD", "GBP", "EUR", "CAD", "INR",
                 "US", "USA", "UK", "EU", "PS", "FYI", "ASAP", "I"}  # fmt: skip


def _is_acronym(word: str) -> bool:
    """'OMSA', 'MSML', 'MSAI': a program's short name, written in capitals."""
    return word.isupper() and word.isalpha() and 2 <= len(word) <= 7 and word not in _NOT_ACRONYMS


def _degree_at(words: list[str], i: int, school: set[str]) -> int:
    """The end (exclusive) of a degree's name starting at words[i], or i when none starts there."""
    j = i
    while j < len(words) and _norm(words[j]) in _MODIFIER and j - i < 2:
        j += 1
    if j >= len(words):
        return i
    head = _norm(words[j])
    if head not in DEGREE and not _is_acronym(words[j]):
        return i
    j += 1
    if head not in DEGREE:  # an acronym is the whole name: "OMSA", "MSML"
        return j
    k = j + 1 if j < len(words) and _norm(words[j]) in _CONNECT else j
    subject = k
    while subject < len(words) and subject - k < _MAX_SUBJECT and words[subject][:1].isalnum():
        w = _norm(words[subject])
        # "Machine Learning and Data Science": "and" joins a subject's capitalised words; "… and it" ends it. Without
        # "in", only capitalised words are a subject: "MSc Machine Learning", never "MSc good value".
        if w in _END and not (w == "and" and subject + 1 < len(words) and words[subject + 1][:1].isupper()):
            break
        if w in school or w[0].isdigit():  # "… and Oxford's MBA": a school starts another name; "… in 2027" a date
            break
        if k == j and not words[subject][:1].isupper():
            break
        subject += 1
    if subject > k and _norm(words[subject - 1]) == "and":
        subject -= 1
    return subject if subject > k else j


def degree_names(text: str, is_school: set[str], school_extra: set[str]) -> list[DegreeName]:
    """Degree names said right after a school's name ("Oxford MSc in Machine Learning", "Georgia Tech's OMSA") or
    right before it ("the MS in Statistics at Stanford"). `is_school`: the school's words ('oxford', 'cmu');
    `school_extra`: words that may follow them inside its name ('tech', 'university')."""
    words = _words(text)
    norm = [_norm(w) for w in words]
    out: list[DegreeName] = []
    i = 0
    while i < len(words):
        if norm[i] not in is_school:
            i += 1
            continue
        j = i + 1
        while j < len(words) and (norm[j] in is_school or norm[j] in school_extra):
            j += 1
        end = _degree_at(words, j, is_school)
        if end > j:
            out.append(_name(words, norm, j, end))
        i = max(end, j)
    taken = 0  # "online MS in Statistics at Stanford" is one name, not also "MS in Statistics"
    for i in range(len(words)):  # "the MSc in Machine Learning at Oxford"
        if i < taken:
            continue
        end = _degree_at(words, i, is_school)
        after = end + (1 if end < len(words) and norm[end] in ("at", "from") else 0)
        while after < len(words) and norm[after] in ("the", "university", "of"):
            after += 1
        if end > i and after > end and after < len(words) and norm[after] in is_school:
            taken = end
            if (name := _name(words, norm, i, end)) not in out:
                out.append(name)
    return out


def initials(words: list[str]) -> set[str]:
    """Short names a run of name words may go by: 'computer science' → 'cs', 'machine learning' → 'ml'."""
    return {"".join(w[0] for w in words[a:b]) for a in range(len(words)) for b in range(a + 2, min(a + 4, len(words)) + 1)}
