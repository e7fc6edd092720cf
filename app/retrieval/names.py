"""Program matching: turn names, aliases and free-text mentions into program ids.

`ProgramMatcher` is built once over the validated Program records and shared by retrieval, comparisons and the
chat; `tokens` is the one word splitter for names.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from app.corpus.load import Corpus
from app.corpus.records import Program
from app.retrieval.degrees import LEVEL, degree_names, initials

_STOP = {
    "a", "an", "and", "at", "for", "in", "of", "on", "the", "s", "to", "with", "what", "is", "does", "do", "how",
    "about", "me", "tell", "my", "i", "it", "its", "vs", "versus", "or", "compare",
}  # fmt: skip
# Tokens that name a kind of degree, not a program: a match on them alone means nothing.
_GENERIC = {
    "master", "masters", "ms", "msc", "degree", "program", "programme", "online", "university", "school", "science",
    "computer", "machine", "learning", "artificial", "intelligence", "ai", "data", "cs", "mscs", "engineering",
    "ds", "ml", "mle", "swe", "tech", "thesis",
}  # fmt: skip


def tokens(text: str) -> list[str]:
    """Lowercase word tokens, possessives and punctuation dropped."""
    text = re.sub(r"(?<=\w)&(?=\w)", "and", text.lower().replace("’", "'"))  # "A&M" is one word: "aandm"
    text = re.sub(r"'s\b", "", text)
    return [t for t in re.findall(r"[a-z0-9]+", text) if t not in _STOP]


def _school(p: Program) -> str:
    """The school without its department, in lower case: 'Drexel University (College of Engineering)' → 'drexel
    university'."""
    return p.school_name.lower()


def _keys(p: Program) -> list[str]:
    return [p.id.replace("-", " "), p.name, p.school_name, *p.aliases]


# "Iowa State University", "University of Rochester", "Foothill College": a school named in full.
_CAP = r"[A-Z][A-Za-z&.'’-]+"
_SCHOOL = re.compile(rf"\b(?:University|College|Institute)\s+of\s+(?:the\s+)?{_CAP}(?:\s+(?:{_CAP}|of|at|and))*"
                     rf"|\b{_CAP}(?:\s+{_CAP})*\s+(?:State\s+)?(?:University|College|Institute\s+of\s+Technology|"
                     r"Polytechnic(?:\s+Institute)?)\b")  # fmt: skip
# Words every school name shares; "state" is kept: "Penn State" is not Penn.
_SCHOOL_WORDS = {"university", "college", "institute", "technology", "polytechnic", "school", "community"}
_DETERMINERS = {"my", "our", "your", "this", "that", "the", "a", "an", "which", "what", "any", "every", "each"}
_SENTENCE_START = {"is", "are", "was", "did", "does", "do", "should", "would", "can", "could", "will", "why", "how",
                   "at", "in", "from", "to", "for", "and", "or", "but", "so", "about", "vs", "has", "have", "had",
                   "if", "when", "while", "besides", "between", "after", "before", "since", "unlike", "like", "than",
                   "also", "where", "what", "which", "who", "whether", "both", "either", "neither", "not"}  # fmt: skip

_LONGEST_SCHOOL_NAME = 8  # words, after function words are dropped
_CAP_RUN = re.compile(r"[A-Z][\w&.'’-]*(?:\s+(?:of|the|at|and|&|in|[A-Z][\w&.'’-]*))*")

NEAR = 4  # words: how close to a program's mention a word must be to tell it from its siblings
CLOSEST_CUTOFF = 75  # rapidfuzz WRatio, 0-100: below this a key is not a candidate at all
NEAR_SPELLING = 85  # a whole name, or one distinctive word, spelt this close to a key's
ENGLISH_ZIPF = 3.0  # wordfreq's Zipf scale: 3 is about once per million words; "berkley" is 2.8, "settle" 4.4


def common_words(prose: str) -> frozenset[str]:
    """Words the prose uses in lower case ("professional", "new", "product"): words of English, not names, even
    when a program's name contains one ("Master of Professional Studies", "New York University")."""
    return frozenset(w for w in re.findall(r"(?<![\w'’&])[a-z]+(?![\w'’&])", prose))  # "non-traditional": "non"


@dataclass(frozen=True)
class UnheldProgram:
    """A degree the person named at a school we hold, that none of the school's programs is: "MSc in Machine
    Learning" at Oxford, where we hold the MSc in Advanced Computer Science. `held`: the school's programs' ids."""

    named: str  # as the person wrote it: "MSc in Machine Learning", "OMSA"
    school: str  # the school's name, without its department
    held: tuple[str, ...]


def matcher_for(corpus: Corpus) -> ProgramMatcher:
    """The matcher over a corpus's programs, told which words are common English by the guide's prose."""
    return ProgramMatcher(corpus.programs, common_words(corpus.guide_text))


@dataclass
class ProgramMatcher:
    """Finds programs by name or alias, tolerating typos and partial names.

    A common word ("non", "product", "new") names a program only next to another word of its names ("non-thesis"
    after "McGill", "New York"): on its own it is the person's English ("I'm non CS"), not a name."""

    programs: list[Program]
    common: frozenset[str] = frozenset()
    _keys: dict[str, str] = field(init=False, default_factory=dict)  # key text -> program id
    _df: dict[str, set[str]] = field(init=False, default_factory=lambda: defaultdict(set))
    _school_token: set[str] = field(init=False, default_factory=set)
    _school_words: dict[str, list[str]] = field(init=False, default_factory=dict)  # program id -> its school's words
    _school_of: dict[str, str] = field(init=False, default_factory=dict)
    _names: dict[str, str] = field(init=False, default_factory=dict)  # program id -> its name's tokens
    _words: dict[str, set[str]] = field(init=False, default_factory=dict)
    _siblings: dict[str, set[str]] = field(init=False, default_factory=lambda: defaultdict(set))
    # "university southern california" -> its programs: a school's full name, said, names it even when each of its
    # words is shared with other schools ("southern", "california"). Looked up by the text's word n-grams, so the
    # cost does not grow with the number of schools.
    _school_names: dict[str, set[str]] = field(init=False, default_factory=lambda: defaultdict(set))
    _spelled: dict[str, str] = field(init=False, default_factory=dict)  # a misspelt word -> the name word it is
    _name_words: list[str] = field(init=False, default_factory=list)  # what a misspelt word may be: see _spelling
    _by_id: dict[str, Program] = field(init=False, default_factory=dict)
    # program id -> the short names its names go by ('msml', 'ml', 'cs'), built once: read on every message.
    _short: dict[str, set[str]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        school_of = self._school_of
        for p in self.programs:
            self._by_id[p.id] = p
            self._short[p.id] = {i for key in (p.name, *p.aliases) for i in initials(tokens(key.replace("-", " ")))}
            school_of[p.id] = _school(p)
            self._school_words[p.id] = tokens(school_of[p.id])
            self._names[p.id] = " ".join(tokens(p.name))
            # Every word of its names and its modality, generic ones included: within one school, "online" or
            # "data science" tells siblings apart even though across schools such words name nothing.
            self._words[p.id] = {w for key in (*_keys(p), p.modality or "") for w in tokens(key.replace("-", " "))}
            for key in _keys(p):
                self._keys[" ".join(tokens(key))] = p.id
                for t in tokens(key):
                    if t not in _GENERIC:
                        self._df[t].add(p.id)
        # A token that only one school's programs share ("drexel") names each of them fully: the person named the
        # school, and every program of it is a candidate; the answer shows them all or asks which.
        self._school_token = {t for t, owners in self._df.items() if len({school_of[o] for o in owners}) == 1}
        for pid, school in school_of.items():
            self._siblings[school].add(pid)
            name = tokens(school)
            if 2 <= len(name) <= _LONGEST_SCHOOL_NAME:
                self._school_names[" ".join(name)].add(pid)
        self._name_words = [t for t, owners in self._df.items() if 0 < len(owners) <= 3 and len(t) >= 4 and t not in self.common]

    def mentions(self, text: str, in_text_order: bool = False, typos: bool = True) -> list[str]:
        """Program ids a free text names: best first (rare tokens such as 'carnegie' or 'omscs' weigh most),
        or in the order the text names them. With `typos`, a misspelt name word counts ('georiga'); a name given
        to a tool on its own is matched as written, and a near miss is offered as "did you mean" instead."""
        scores: dict[str, float] = defaultdict(float)
        first: dict[object, int] = {}  # (program, token) -> seen; program -> first position
        for name in self.unheld_schools(text):  # "Penn State University" says nothing of Penn
            text = text.replace(name, " ")
        said = [self._spelling(t) if typos else t for t in tokens(text)]
        for pos, t in enumerate(said):
            owners = self._df.get(t, set())
            # "Columbia" begins Columbia University's name and comes after "british" in UBC's: alone, it is the first.
            if len({self._school_of[o] for o in owners}) > 1 and any(self._school_words[o][:1] == [t] for o in owners):
                owners = {o for o in owners if self._said_as_in_school_name(o, t, said, pos)} or owners
            one_school = len({self._school_of[o] for o in owners}) == 1
            if 0 < len(owners) <= 3:
                for pid in owners:
                    if t in self.common and not self._beside_own_word(pid, said, pos):
                        continue
                    if (pid, t) not in first:
                        scores[pid] += 1 if one_school else 1 / len(owners)
                        first[(pid, t)] = pos
                    first.setdefault(pid, pos)
        for pid in self._full_school_names(text):
            scores[pid] = max(scores[pid], 1.0)
            first.setdefault(pid, len(said))
        found = self._most_specific([pid for pid, s in scores.items() if s >= 0.99], said)
        # "CMU MSML vs CMU MCDS": siblings sharing their first word are ordered by where their own words come.
        own_at = {pid: min((i for i, w in enumerate(said) if w in self._words[pid] and not self._shared(pid, w)),
                           default=len(said)) for pid in found}  # fmt: skip
        key = (lambda pid: (first[pid], own_at[pid], pid)) if in_text_order else (lambda pid: (-scores[pid], pid))
        return sorted(found, key=key)

    def unheld_programs(self, text: str, programs: list[str]) -> list[UnheldProgram]:
        """Degrees named with the school of a program found in `text` ("Oxford MSc in Machine Learning", "Georgia
        Tech OMSA") that no program we hold there is: the match was the school's name only, so an answer must say
        we hold no such program there before it says anything of the one we do hold."""
        out: list[UnheldProgram] = []
        schools = list(dict.fromkeys(self._school_of[pid] for pid in programs if pid in self._school_of))
        anchors = {school: self._school_anchor(sorted(self._siblings[school])) for school in schools}
        for school in schools:
            held = sorted(self._siblings[school])
            # "Columbia" is Columbia's and UBC's: it says Columbia unless UBC was named too.
            own = anchors[school] - {w for other in schools if other != school for w in anchors[other]}
            extra = _SCHOOL_WORDS | {"tech", "of", "the", "at", "state"} | {w for pid in held for w in self._school_words[pid]}
            for name in degree_names(text, own, extra):
                said = [t for w in name.words for t in tokens(w.replace("-", " ")) if t not in LEVEL and t not in own]
                if not any(set(said) <= self._words[pid] | self._short[pid] for pid in held):
                    out.append(UnheldProgram(name.text, self._by_id[held[0]].school_name, tuple(held)))
        return out

    def _school_anchor(self, held: list[str]) -> set[str]:
        """Words that say a school: its name's own words ('oxford', 'georgia', 'columbia'), and its initials ('cmu',
        'ut', 'uiuc') and the first word of its programs' aliases ('upenn', 'jhu') when no other school has them."""
        name = self._school_words[held[0]]
        words = {w for w in name if w not in _SCHOOL_WORDS and w not in _GENERIC and w not in self.common}
        short = {"".join(w[0] for w in name[:n]) for n in range(2, len(name) + 1)}
        short |= {tokens(a)[0] for pid in held for a in self._by_id[pid].aliases if len(tokens(a)) > 1}
        school = self._school_of[held[0]]
        return words | {w for w in short if w not in _GENERIC and w not in self.common
                        and all(self._school_of[o] == school for o in self._df.get(w, ()))}  # fmt: skip

    def _spelling(self, word: str) -> str:
        """The name word a misspelt word is ("georiga" → "georgia", "omcs" or "omcss" → "omscs", "berkley" → "berkeley"): only
        for a word of 4+ letters that no program uses and that is not common English (the guide's or wordfreq's),
        and only to a word that names at most three programs, spelt within NEAR_SPELLING."""
        if word in self._df or word in self.common or word in _GENERIC or len(word) < 4 or not word.isalpha():
            return word
        if word not in self._spelled:
            # Imported here: it costs ~90 ms, and most questions have no unknown word to check (cold start matters).
            from wordfreq import zipf_frequency

            if zipf_frequency(word, "en") >= ENGLISH_ZIPF:  # "settle", "indian", "curious" are English, not typos
                self._spelled[word] = word
        if word not in self._spelled:
            best = process.extractOne(word, self._name_words, scorer=fuzz.ratio, score_cutoff=NEAR_SPELLING)
            if not best and len(word) >= 5:  # two letters swapped is one slip ("omcss"), which fuzz.ratio counts twice
                best = process.extractOne(word, self._name_words, scorer=OSA.distance, score_cutoff=1)
            # "georgian" is a word of its own, not "georgia" misspelt: a typo rarely only lengthens a name.
            typo = best and best[0][0] == word[0] and not word.startswith(best[0])
            self._spelled[word] = best[0] if typo else word
        return self._spelled[word]

    def _most_specific(self, found: list[str], said: list[str]) -> list[str]:
        """Within one school, a program named by its own words ("UT Austin's online MSAI") beats its siblings that
        only share the school's name; a word common across schools ("msai") still tells siblings apart."""

        def specific(pid: str) -> bool:  # its full name, or a word of it, near its mention, that a sibling lacks
            siblings = self._siblings[self._school_of[pid]]
            own = self._words[pid]
            anchors = [i for i, w in enumerate(said) if pid in self._df.get(w, ())]
            return f" {self._names[pid]} " in f" {text} " or any(
                w in own and not all(w in self._words[s] for s in siblings) and any(abs(i - a) <= NEAR for a in anchors)
                and nearest_school(i) in (None, self._school_of[pid])
                for i, w in enumerate(said)
            )

        # "Stanford MSCS and UT Austin's online MSAI": "mscs" is Stanford's, said next to it, not UT Austin's MSCS
        # Online, though it is near "ut austin" too. A word belongs to the school named last before it (a name follows
        # its school: "UT Austin's online MSAI vs Georgia Tech"), else to the first after it ("MSCS at UT Austin").
        found_schools = {self._school_of[o] for o in found}
        schools_at = {i: school for i, w in enumerate(said) if w in self._school_token
                      and (school := self._school_of[next(iter(self._df[w]))]) in found_schools}  # fmt: skip

        def nearest_school(i: int) -> str | None:
            before = [j for j in schools_at if i - NEAR <= j < i]
            after = [j for j in schools_at if j > i]
            return schools_at[max(before)] if before else schools_at[min(after)] if after else None

        text = " ".join(said)
        named = {self._school_of[pid] for pid in found if specific(pid)}
        return [pid for pid in found if specific(pid) or self._school_of[pid] not in named]

    def _full_school_names(self, text: str) -> set[str]:
        """Programs of the schools named in full, written as names ("University of Southern California", not "a
        texas state university"): looked up by the word n-grams of each capitalised run of the text."""
        found: set[str] = set()
        for run in _CAP_RUN.findall(text):
            said = tokens(run)
            for pos in range(len(said)):
                for n in range(2, min(_LONGEST_SCHOOL_NAME, len(said) - pos) + 1):
                    found |= self._school_names.get(" ".join(said[pos : pos + n]), set())
        return found

    def unheld_schools(self, text: str) -> list[str]:
        """Schools named in full that no program of ours is at ("Iowa State University", "Penn State University");
        "University of Southern California" is held. "My Undergrad College" names no school."""
        out = []
        for m in _SCHOOL.finditer(text):
            # A capitalised sentence start is no part of the name: "Is Penn State University good?"
            words = m.group(0).split()
            lead = [text[: m.start()].split()[-1:], *([w] for w in words)]
            # ... nor is an English word that opens a sentence ("Has", "Besides", "Between").
            while len(words) > 1 and (words[0].lower() in _SENTENCE_START | _DETERMINERS
                                      or (words[0].lower() in self.common and words[0].lower() not in _SCHOOL_WORDS)):
                words.pop(0)
            dropped = lead[: len(lead) - len(words)]
            if any(w and w[0].lower() in _DETERMINERS - {"the", "a", "an", "which", "what"} for w in dropped):
                continue  # "my Undergrad College", "At My College": a description, not a name
            name = " ".join(words)
            distinct = {w for w in tokens(name) if w not in _SCHOOL_WORDS}
            held = self._full_school_names(name) or any(distinct <= own for own in self._words.values())
            if distinct and not held:
                out.append(name)
        return out

    def _beside_own_word(self, pid: str, said: list[str], pos: int) -> bool:
        # Two common words never vouch for each other: "professional studies" is English, not Georgetown.
        return any(0 <= i < len(said) and said[i] in self._words[pid] and said[i] not in _GENERIC
                   and said[i] not in self.common for i in (pos - 1, pos + 1))  # fmt: skip

    def _said_as_in_school_name(self, pid: str, word: str, said: list[str], pos: int) -> bool:
        """False when the school's name puts a word of its own right before this one and the text doesn't: "Columbia"
        alone is Columbia University, since "The University of British Columbia" says "british" first."""
        name = self._school_words[pid]
        i = name.index(word) if word in name else -1
        if i <= 0 or name[i - 1] in _GENERIC:
            return True
        return pos > 0 and said[pos - 1] == name[i - 1]

    def _shared(self, pid: str, word: str) -> bool:
        """True when every program of pid's school has this word."""
        return all(word in self._words[s] for s in self._siblings[self._school_of[pid]])

    def resolve(self, name: str) -> str | None:
        """The one program id a name refers to, or None when nothing is close enough."""
        norm = " ".join(tokens(name))
        if not norm:
            return None
        if norm.replace(" ", "-") in {p.id for p in self.programs}:
            return norm.replace(" ", "-")
        if norm in self._keys:
            return self._keys[norm]
        found = self.mentions(name, typos=False)
        if found and (len(found) == 1 or self._mention_score(name, found[0]) > self._mention_score(name, found[1])):
            return found[0]
        best = process.extractOne(norm, list(self._keys), scorer=fuzz.WRatio, score_cutoff=86)
        return self._keys[best[0]] if best else None

    def _mention_score(self, text: str, pid: str) -> float:
        return sum(1 / len(self._df[t]) for t in set(tokens(text)) if pid in self._df.get(t, set()))

    def closest(self, name: str, limit: int = 3) -> list[str]:
        """Nearest program ids for an unknown name, for 'did you mean'; none when nothing is near.

        A candidate must be a near spelling of the whole name ('OMCS') or share a distinctive word with it
        ('Carnegie Melon'): a name that matches nothing ('Hogwarts School') gets no wild guesses.
        """
        norm = " ".join(tokens(name)) or name.lower()
        words = {w for w in norm.split() if w not in _GENERIC}
        out: list[str] = []
        for key, _score, _ in process.extract(norm, list(self._keys), scorer=fuzz.WRatio, limit=limit * 4,
                                             score_cutoff=CLOSEST_CUTOFF):  # fmt: skip
            pid = self._keys[key]
            near = fuzz.ratio(norm, key) >= NEAR_SPELLING or any(fuzz.ratio(w, k) >= NEAR_SPELLING for w in words for k in key.split())
            if near and pid not in out:
                out.append(pid)
        return out[:limit]
