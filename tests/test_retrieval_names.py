"""Program names, aliases, typos and free-text mentions to program ids (app/retrieval/names.py)."""

from __future__ import annotations

import pytest

from app.corpus.load import load_corpus
from app.retrieval.names import matcher_for
from tests.conftest import CORPUS

CORPUS_DATA = load_corpus(CORPUS)
MATCHER = matcher_for(CORPUS_DATA)


@pytest.mark.parametrize(
    ("name", "program_id"),
    [("OMSCS", "gatech-omscs"), ("Georgia Tech online", "gatech-omscs"), ("CMU MSML", "cmu-msml"),
     ("Carnegie Melon MSML", "cmu-msml"), ("penn mcit", "penn-mcit-online"), ("ucl-msc-ml", "ucl-msc-ml")],
)  # fmt: skip
def test_names_and_aliases_resolve(name: str, program_id: str) -> None:
    assert MATCHER.resolve(name) == program_id


def test_unknown_name_has_no_match_but_closest_ones() -> None:
    assert MATCHER.resolve("Hogwarts School of Wizardry") is None
    assert MATCHER.closest("Hogwarts") == [] and MATCHER.closest("Georgia Tek OMCS") == ["gatech-omscs"]


def test_free_text_mentions() -> None:
    # Carnegie Mellon has two programs in the data: naming the school names both; naming the program, one.
    assert sorted(MATCHER.mentions("How much does Carnegie Mellon's program cost?")) == ["cmu-mcds", "cmu-msml"]
    assert MATCHER.mentions("How much does Carnegie Mellon's MSML cost?") == ["cmu-msml"]
    assert MATCHER.mentions("Is UT Austin's online MSAI worth it?") == ["ut-austin-msai-online"]
    assert MATCHER.resolve("Carnegie Melon") is None and set(MATCHER.closest("Carnegie Melon")) == {
        "cmu-msml",
        "cmu-mcds",
    }
    assert MATCHER.resolve("Hogwarts") is None and MATCHER.closest("Hogwarts") == []
    assert MATCHER.mentions("What is a hybrid program like?") == []


def test_common_words_name_no_program_on_their_own() -> None:
    # "am", "non", "product", "new" are English before they are parts of names.
    assert MATCHER.mentions("I am non CS, can I get into an MSCS program?") == []
    assert MATCHER.mentions("Will I move from product management into ML?") == []
    assert MATCHER.mentions("What does Texas A&M's MCS cost?") == ["texas-am-mcs"]
    assert MATCHER.mentions("Is the McGill non-thesis option cheaper?") == ["mcgill-msc-cs-nonthesis"]
    assert MATCHER.mentions("New York University's data science master") == ["nyu-ms-data-science"]


def test_schools_named_in_full_that_we_hold_nothing_at() -> None:
    assert MATCHER.unheld_schools("Any chance at Iowa State University with a TA?") == ["Iowa State University"]
    assert MATCHER.unheld_schools("Is Penn State University good?") == ["Penn State University"]  # not Penn
    assert MATCHER.unheld_schools("Is the University of Rochester good?") == ["University of Rochester"]
    for held in ("University of Southern California's MS in CS", "Georgia Institute of Technology",
                 "Arizona State University online MCS", "At My Undergrad College I studied stats"):
        assert MATCHER.unheld_schools(held) == [], held


def test_a_school_s_full_name_names_it_though_each_word_is_shared() -> None:
    assert MATCHER.mentions("Does the University of Southern California's MS in CS need the GRE?") == ["usc-ms-cs"]


def test_a_school_name_is_a_name_only_when_written_as_one() -> None:
    assert MATCHER.mentions("Is a Texas state university cheaper than a private one?") == []
    assert MATCHER.mentions("Has Arizona State University raised its tuition?") == ["asu-online-mcs"]
    assert MATCHER.unheld_schools("Has Arizona State University raised its tuition?") == []
    assert MATCHER.unheld_schools("Besides Iowa State University, what else?") == ["Iowa State University"]
    assert MATCHER.mentions("Is Penn State University good?") == []  # says nothing of Penn's MCIT


def test_a_misspelt_program_name_is_still_found_but_an_english_word_is_not_a_typo() -> None:
    assert MATCHER.mentions("how much dose georiga tech omcs cost") == ["gatech-omscs"]
    assert MATCHER.mentions("how long is omcss") == ["gatech-omscs"]  # two letters swapped: one slip



def test_a_school_word_another_school_says_only_after_its_own_word_names_the_first() -> None:
    # "The University of British Columbia" says "british" first: "Columbia" alone matched nothing.
    assert MATCHER.mentions("is columbia worth it") == ["columbia-ms-cs-ml"]
    assert MATCHER.mentions("British Columbia data science") == ["ubc-mds"]
    assert MATCHER.mentions("University of British Columbia") == ["ubc-mds"]
    assert MATCHER.mentions("is berkley mids worth 80k") == ["berkeley-mids"]
    assert MATCHER.mentions("standford ms cs tuition") == ["stanford-ms-cs-ai"]
    assert MATCHER.mentions("Is Georgian College good?") == []  # a longer word of its own, not "Georgia"
    assert MATCHER.mentions("I studied sociology, is it possible?") == []
    # Common English is never a misspelt name (wordfreq): "settle" is not Seattle, "Indian" not Indiana.
    assert MATCHER.mentions("I studied physics and want to settle in Canada") == []
    assert MATCHER.mentions("I'm an Indian student earning 12 lakhs") == []


def test_a_program_word_belongs_to_the_school_named_closest_to_it() -> None:
    # "mscs" is Stanford's here: UT Austin's MSCS Online had been added, and a decision weighed it instead of the MSAI.
    text = "Deciding between CMU MSML, Stanford MSCS and UT Austin's online MSAI. Thoughts?"
    assert MATCHER.mentions(text, in_text_order=True) == ["cmu-msml", "stanford-ms-cs-ai", "ut-austin-msai-online"]
    assert MATCHER.mentions("MSCS at UT Austin online") == ["ut-austin-mscs-online"]  # before its school, too


@pytest.mark.parametrize(
    ("text", "named", "held"),
    [("is the Oxford MSc in Machine Learning worth it?", "MSc in Machine Learning", ("oxford-msc-acs",)),
     ("how much is the oxford msc in machine learning", "msc in machine learning", ("oxford-msc-acs",)),
     ("Is Georgia Tech OMSA worth it?", "OMSA", ("gatech-omscs",)),
     ("compare CMU MSML and Stanford MS in Statistics", "MS in Statistics", ("stanford-ms-cs-ai",)),
     ("Is CMU's MS in Statistics worth it?", "MS in Statistics", ("cmu-mcds", "cmu-msml")),
     ("Is Columbia's MS in Data Science worth it?", "MS in Data Science", ("columbia-ms-cs-ml",)),  # UBC's word too
     ("Is the MSc in Machine Learning at Oxford worth it?", "MSc in Machine Learning", ("oxford-msc-acs",))],
)  # fmt: skip
def test_a_degree_named_at_a_school_that_holds_no_such_program(text: str, named: str, held: tuple[str, ...]) -> None:
    # The school's name is the only match: the program we hold there is not the one named, and the matcher says so.
    unheld = MATCHER.unheld_programs(text, MATCHER.mentions(text))
    assert [(u.named, u.held) for u in unheld] == [(named, held)]


@pytest.mark.parametrize(
    "text",
    ["Is CMU's MS in Machine Learning worth it?", "OMSCS", "Georgia Tech online masters", "UT Austin MSAI",
     "is CMU worth it?", "Is Georgia Tech's OMSCS worth it?", "CMU MSML vs CMU MCDS", "Is the Stanford MS in CS worth it?",
     "Stanford MSCS vs UT Austin's online MSAI", "UCL ML masters", "Is Georgia Tech OK?", "Columbia MS in CS ML track",
     "Imperial MSc in Machine Learning and Data Science", "Is the Oxford MSc worth it?"],
)  # fmt: skip
def test_a_program_named_by_its_own_names_or_by_its_school_alone_is_held(text: str) -> None:
    assert MATCHER.unheld_programs(text, MATCHER.mentions(text)) == []


def test_every_program_named_by_its_name_or_an_alias_is_held() -> None:
    for p in CORPUS_DATA.programs:
        for name in (p.name, *p.aliases):
            for text in (f"Is the {name} worth it?", f"How much is {p.school_name}'s {p.name}?"):
                assert MATCHER.unheld_programs(text, MATCHER.mentions(text)) == [], text
