"""Coverage: does our corpus cover what a question asks about, all of it, part of it, or none of it?

Similarity alone cannot tell: "What are the parking rules at CMU?" matches a CMU record well on every word but the
one that matters. So a question is checked against the corpus itself:
1. precise rules name what is not covered: a subject we know our sources hold nothing on (`gaps.py`), a school
   named in full that we hold no program at (`ProgramMatcher.unheld_schools`), a part asking people about their own
   lives (`experience.py`), a figure no program record states asked of a program (what its graduates earn);
2. a word the corpus never uses, and that no corpus sentence is close to in meaning ("parking"; not "debt", which
   the loan sentences are close to), is *missing*; a missing word that carries the question (close in meaning to
   it, or the only content left) is its *subject*;
3. the answerability model (`answerability.py`, fitted on labelled questions) weighs the weak signals (how well
   the best passage and the best heading match, the share of missing words, a named program, how many of the
   question's words the cited sentences use, its length) into a probability.
The question is then "none" (weak support; every part uncovered by a precise rule; an unlikely question; or a
missing subject in a question the model is unsure of), "partial" (a part uncovered, another supported; or a missing
subject in a question the model finds likely) or "full".
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from app.answer.answerability import AnswerabilityModel, Level, after_model
from app.answer.experience import experience_parts
from app.answer.gaps import gap_in
from app.answer.scoring import Scorer
from app.corpus.load import Corpus
from app.corpus.text import sentences, word_stem
from app.corpus.units import Evidence
from app.retrieval.asked import Kind, asked_kind, states

# Function words and chat words: they never name what a question is about.
STOP = frozenset(["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "anyone", "anything", "are", "as", "ask", "asked", "asking", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "done", "don", "down", "during", "each", "else", "even", "ever", "every", "few", "for", "from", "further", "get", "gets", "getting", "go", "going", "gonna", "got", "guys", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "know", "let", "like", "look", "looking", "lot", "lots", "make", "many", "may", "me", "might", "mine", "more", "most", "much", "must", "my", "need", "needs", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "out", "over", "own", "people", "please", "pretty", "quite", "rather", "really", "right", "said", "same", "say", "see", "seem", "seems", "she", "should", "so", "some", "someone", "something", "still", "such", "sure", "take", "tell", "than", "thanks", "that", "the", "their", "them", "then", "there", "these", "they", "thing", "things", "think", "this", "those", "though", "through", "to", "too", "under", "until", "up", "us", "use", "very", "want", "wanted", "wants", "was", "way", "we", "well", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "why", "will", "wish", "with", "would", "yes", "yet", "you", "your", "yours", "yourself", "hey", "hi", "hello", "anybody", "currently", "curious", "guess", "feel", "felt", "mean", "means", "kind", "sort", "actually", "basically", "honestly", "maybe", "probably", "definitely", "generally", "usually", "already", "enough", "etc", "else", "lol", "idk", "imo", "tbh", "ok", "okay"])
# Capitalised words of the domain that name no school or program: roles, currencies, forum shorthand.
NOT_NAMES = frozenset({"MLE", "SWE", "SDE", "DS", "DE", "PM", "QA", "TC", "YOE", "CAD", "USD", "GBP", "EUR", "FAANG",
                       "MANGA", "AMA", "TLDR", "IMO", "IIRC", "EDIT", "UPDATE", "LPA", "CTC", "INR", "LAKH", "LAKHS",
                       "CRORE"})  # fmt: skip
VERB_LIKE = re.compile(r"[a-z](?:ing|ed|ly)$")  # "Quitting my job…": a capitalised first word that is no name
WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’+#-]*")
MISSING_BELOW = 0.55  # a word whose best corpus-sentence cosine is below this has no counterpart in the corpus
SUBJECT_FROM = 0.4  # a missing word at least this close to its question (sentence) is what it is about (tuned on the tune half)
PRECISE = ("experience", "known gap", "school we don't hold", "figure no record holds")  # they name what is missing
# Program records state amounts (tuition, fees), lengths and credit counts; never what graduates earn or a program's own
# rates (admission, graduation, placement). Asked of a program we hold, such a figure is not covered, though the guide
# may give one in general (a salary, a loan's rate).
RECORD_KINDS: frozenset[Kind] = frozenset({"money", "duration", "count"})
UNHELD_FIGURE: dict[Kind, str] = {"earnings": "what a program's own graduates earn",
                                  "rate": "a program's own rates or percentages"}  # fmt: skip


def _gap(part: str) -> list[str]:
    gap = gap_in(part)
    return [gap.label] if gap else []


def asks_only_people(text: str, first_turn: bool = True) -> bool:
    """True when every asking part of the text asks people about their own experience."""
    return all(experience_parts(text, parts(text), first_turn))


@dataclass(frozen=True)
class Coverage:
    level: Level
    missing: tuple[str, ...] = ()  # the question's subject words that our sources never mention
    # Which rules found something not covered: "low support", "experience", "known gap", "school we don't hold",
    # "missing subject word", "unlikely answerable" (the model); "no subject" (a first message such as "How much?",
    # asked about instead). `--json` carries them, and the evaluation counts them per split.
    reasons: tuple[str, ...] = ()

    @property
    def experience(self) -> bool:
        """A part asks people about their own experience, which our sources don't hold."""
        return "experience" in self.reasons


@dataclass(frozen=True)
class Match:
    """What retrieval and sentence selection found for a question: what the model weighs besides its words."""

    support: float = 0.0  # best cosine of the question to a retrieved sentence or passage
    evidence: tuple[Evidence, ...] = ()  # the sentences an answer would cite, best first
    names_program: bool = False  # the question names (or a follow-up refers to) a program we hold
    words: str = ""  # the person's own words this turn, without a follow-up's "(about: …)"; "" = the question


@dataclass(frozen=True)
class Assessment:
    """What a free-form question finds, before its coverage is judged (GroundedEngine.assess)."""

    chosen: list[Evidence]
    supported: bool  # support above the abstain threshold, and something to cite
    match: Match
    checklist: bool  # it asks for the guide's questions to ask yourself: the checklist answers it
    no_subject: bool = False  # a first message naming nothing ("How much?"): asked about, not answered


# The facts a program record states (app/corpus/units.program_units renders one line for each).
RECORD_FACTS = ("tuition", "fees", "duration", "credits", "modality", "pace", "GRE", "prerequisites")


def topic_words(corpus: Corpus) -> frozenset[str]:
    """Stems of the topics our sources are organised by: the guide's subsection headings ("Tuition", "Online",
    "Loan risk", "Programming") and the facts a record states."""
    heads = [c.section[-1] for c in corpus.chunks  # a heading that is a question ("Is it worth it?") names no topic
             if c.kind == "guide" and len(c.section) > 2 and c.role == "section" and not c.section[-1].endswith("?")]
    # Words in three or more of all the headings ("machine", "learning", "program") are the guide's domain, not
    # one of its topics.
    every = {h for c in corpus.chunks if c.kind == "guide" for h in c.section}
    counts: dict[str, int] = {}
    for h in every:
        for w in {word_stem(w) for w in content_words(h)}:
            counts[w] = counts.get(w, 0) + 1
    words = {word_stem(w) for text in (*heads, *RECORD_FACTS) for w in content_words(text)}
    return frozenset(w for w in words if counts.get(w, 0) < 3) - {"program"}  # what every question here is about


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """Stems of every word the corpus uses."""
    return frozenset(word_stem(m.group(0)) for text in texts for m in WORD.finditer(text))


def content_words(text: str) -> list[str]:
    """Words that can name a subject: not function words; short ones only as acronyms ('SOP', 'OPT')."""
    out = []
    for m in WORD.finditer(text):
        w = m.group(0).strip("'’-")
        if w.lower() in STOP or (len(w) < 4 and not w.isupper()) or len(w) < 2:
            continue
        out.append(w)
    return list(dict.fromkeys(out))


def noun_like(text: str) -> set[str]:
    """Words placed as a thing asked about: after an article, a possessive or a preposition ('the *parking* rules',
    'your *SOP*', 'in *Iowa*'), acronyms, and capitalised names inside a sentence. Verbs and adverbs ('wondering',
    'really appreciate') are not, so a post's chatter never counts as its subject."""
    out = set()
    for sentence in sentences(text):
        words = [m.group(0).strip("'’-") for m in WORD.finditer(sentence)]
        for i, w in enumerate(words):
            before = words[i - 1].lower() if i else ""
            if (w.isupper() and 2 <= len(w) <= 6) or (i and w[:1].isupper() and w != "I") or before in _NOUN_BEFORE:
                out.add(w)
    return out


_NOUN_BEFORE = frozenset(["the", "a", "an", "your", "my", "our", "their", "his", "her", "its", "this", "that", "these", "those", "of", "about", "for", "in", "on", "at", "by", "with", "from", "into", "than"])


def focus_of(question: str) -> str:
    """What a long post asks, without its back story: its asking sentences (the whole text when none)."""
    return " ".join(parts(question))


# "Show me online programs under $20k." asks as plainly as a question does.
_REQUEST = re.compile(r"^\W*(?:please\s+)?(?:show|list|find|recommend|suggest|give|tell|compare|explain|name)\b", re.I)


def parts(question: str) -> list[str]:
    """The question's asking sentences (ending in '?', or a request: "Show me …"), or the whole text when it asks
    none. A bare "Why?" or "And how?" adds no subject of its own: it belongs to the part before it."""
    asked: list[str] = []
    for s in sentences(question):
        if not (s.rstrip().endswith("?") or _REQUEST.search(s)):
            continue
        if asked and not content_words(s):
            asked[-1] += " " + s
        else:
            asked.append(s)
    return asked or [question]


class CoverageJudge:
    """Judges coverage against the corpus vocabulary, the embedded corpus sentences and headings, and the
    answerability model (None: the rules alone, as when the model is being fitted)."""

    def __init__(self, vocab: frozenset[str], scorer: Scorer, sentence_texts: list[str],
                 unheld_schools: Callable[[str], list[str]] = lambda text: [],
                 topics: frozenset[str] = frozenset(), headings: list[str] | None = None,
                 model: AnswerabilityModel | None = None,
                 mentions: Callable[[str], list[str]] = lambda text: []) -> None:  # fmt: skip
        self.vocab, self.scorer, self.unheld_schools, self.model = vocab, scorer, unheld_schools, model
        self.mentions = mentions  # the program matcher: a name it reads (even misspelt) is held
        self.topics = topics  # stems of what our sources are organised by: headings and record fields
        self._sentences = scorer.vectors(sentence_texts) if sentence_texts else np.zeros((0, 1), dtype=np.float32)
        self._headings = scorer.vectors(headings) if headings else np.zeros((0, 1), dtype=np.float32)

    def missing_words(self, text: str, nouns_only: bool = True) -> list[str]:
        """Content words of `text` that the corpus neither uses nor says anything close to."""
        nouns = noun_like(text) if nouns_only else None
        unknown = [w for w in content_words(text) if (nouns is None or w in nouns) and word_stem(w) not in self.vocab]
        if not unknown or not len(self._sentences):
            return []
        near = (self.scorer.vectors([w.lower() for w in unknown]) @ self._sentences.T).max(axis=1)
        return [w for w, s in zip(unknown, near, strict=True) if s < MISSING_BELOW]

    def unheld_names(self, text: str) -> list[str]:
        """Names the person gave that our data holds nothing on, in one place for every answer that must say so:
        schools named in full that we hold no program at ('Iowa State University'), then capitalised words the
        corpus never uses ('Caltech', 'Hogwarts'), without a possessive ("Caltech's" is 'Caltech')."""
        schools = self.unheld_schools(text)
        for school in schools:  # "Iowa State University" is one name, not also "Iowa"
            text = text.replace(school, " ")
        words = [re.sub(r"['’]s$", "", w) for w in content_words(text)]
        # "I make 12 lakhs in India": a word after "in" is where the person is, not a school they named; "interested
        # in Caltech" and "enrolled in" name one.
        places = set(re.findall(r"(?<!interested )(?<!enrolled )(?<!admitted )\bin ([A-Z][\w-]+)", text))
        names = [w for w in dict.fromkeys(words) if w[:1].isupper() and len(w) >= 3 and word_stem(w) not in self.vocab
                 and w.upper() not in NOT_NAMES and not VERB_LIKE.search(w) and w not in places]  # fmt: skip
        missing = set(self.missing_words(" ".join(names), nouns_only=False)) if names else set()
        return [*schools, *(w for w in names if w in missing and not self.mentions(w))]

    def subjects(self, part: str) -> list[str]:
        """Missing words that carry this part of the question."""
        missing = self.missing_words(part)
        if not missing:
            return []
        if len(content_words(part)) <= len(missing):  # nothing else is asked about
            return missing
        closeness = self.scorer.vectors([w.lower() for w in missing]) @ self.scorer.query(part)
        return [w for w, s in zip(missing, closeness, strict=True) if s >= SUBJECT_FROM]

    def signals(self, question: str, match: Match) -> dict[str, float]:
        """What the answerability model weighs (answerability.SIGNALS), for the asking part of the person's words."""
        question = match.words or question
        focus = focus_of(question)
        words = content_words(focus)
        heading = float((self._headings @ self.scorer.query(question)).max()) if len(self._headings) else 0.0
        missing = self.missing_words(focus, nouns_only=False) if words else []
        # The words the cited sentences and their headings use: an answer that never speaks of what was asked is
        # no answer, however close its sentences are in meaning.
        said = {word_stem(w) for e in match.evidence for w in content_words(" ".join([e.text, *e.chunk.section[1:]]))}
        asked = {word_stem(w) for w in words}
        return {"support": match.support, "heading": heading, "missing_share": len(missing) / max(1, len(words)),
                "names_program": float(match.names_program),
                "evidence_share": len(asked & said) / max(1, len(asked)),
                "length": math.log1p(len(question.split()))}  # fmt: skip

    def judge(self, question: str, supported: bool, match: Match, first_turn: bool = True) -> Coverage:
        """Full, partial or none, and the subject words our sources never mention."""
        asked = parts(question)
        experience = experience_parts(question, asked, first_turn)
        if not supported:
            return Coverage("none", tuple(self.missing_words(question)),
                            ("low support", *(["experience"] if any(experience) else [])))  # fmt: skip
        # A subject we know our sources hold nothing on, or a school we hold nothing at, is what its part asks
        # about, whatever else the part says.
        per_part, reasons, besides = [], ["experience"] if any(experience) else [], []
        for p, e in zip(asked, experience, strict=True):
            reason, words = ("", []) if e else self._not_covered_in(p, match.evidence)
            per_part.append(words)
            reasons += [reason] if words else []
            besides.append(bool(words) and self._asks_a_topic_besides(p, reason, words, match.evidence))
        missing = tuple(dict.fromkeys(w for subjects in per_part for w in subjects))
        uncovered = [e or bool(s) for e, s in zip(experience, per_part, strict=True)]
        # "What is the acceptance rate and tuition for OMSCS?", "What's the parking and tuition at CMU?": the
        # uncovered subject is one thing asked, the tuition another.
        level: Level = "full" if not any(uncovered) else "none" if all(uncovered) and not any(besides) else "partial"
        if self.model is None:
            return Coverage(level, missing, tuple(dict.fromkeys(reasons)))
        likely = self.model.probability(self.signals(question, match))
        level, added = after_model(level, any(r in PRECISE for r in reasons), likely, self.model)
        if added == "unlikely answerable" and not missing:
            missing = tuple(self.missing_words(focus_of(question)))
        return Coverage(level, missing, tuple(dict.fromkeys([*reasons, *([added] if added else [])])))

    def _not_covered_in(self, part: str, evidence: tuple[Evidence, ...]) -> tuple[str, list[str]]:
        """The first rule that finds this part's subject not covered, and the words it names (checked in order of
        certainty, and lazily: the last one embeds words)."""
        if gap := _gap(part):
            return "known gap", gap
        if schools := self.unheld_schools(part):
            return "school we don't hold", schools
        if figure := self._unheld_figure(part, evidence):
            return "figure no record holds", [figure]
        return "missing subject word", self.subjects(part)

    def _unheld_figure(self, part: str, evidence: tuple[Evidence, ...]) -> str | None:
        """What a figure question asks of a program we hold that no record states ("What percentage of OMSCS students
        graduate?", "What's the median salary of Stanford MSCS grads?"), or None."""
        kind = asked_kind(part)
        if kind is None or kind in RECORD_KINDS or not self.mentions(part):
            return None
        # A rate our sources state in general is a loan's, and answers "What rate would I pay to borrow for CMU?".
        if kind == "rate" and any(states(e.text, kind) for e in evidence if e.chunk.kind != "program"):
            return None
        return UNHELD_FIGURE[kind]

    def _asks_a_topic_besides(self, part: str, reason: str, words: list[str], evidence: tuple[Evidence, ...]) -> bool:
        """Whether the part also asks about a topic our sources hold, once its uncovered subject is taken out. A
        school we don't hold is what everything else in its part is asked of ("tuition at Iowa State"): never. What
        graduates earn in general (the guide's salaries) answers part of what one program's graduates earn."""
        if reason == "figure no record holds":
            kind = asked_kind(part)
            return kind is not None and any(states(e.text, kind) for e in evidence if e.chunk.kind != "program")
        if reason == "known gap":
            gap = gap_in(part)
            rest = gap.pattern.sub(" ", part) if gap else part
        elif reason == "missing subject word":
            rest = " ".join(w for w in WORD.findall(part) if w not in words)
        else:
            return False
        return bool({word_stem(w) for w in content_words(rest)} & self.topics)
