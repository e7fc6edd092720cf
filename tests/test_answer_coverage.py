"""Does the corpus cover a question: the pure word rules of app/answer/coverage.py (the judge itself runs end to end)."""

from __future__ import annotations

import pytest

from app.answer.coverage import addresses_people, asks_people, content_words, focus_of, noun_like, parts, vocabulary


def test_content_words_drop_function_words_and_short_lowercase_words() -> None:
    assert content_words("What are the parking rules for the SOP and the OPT, and is a car ok?") == [
        "parking", "rules", "SOP", "OPT",
    ]  # fmt: skip
    assert content_words("tuition tuition Tuition") == ["tuition", "Tuition"]  # deduplicated, order kept


def test_noun_like_keeps_things_asked_about_not_chatter() -> None:
    words = noun_like("I was really wondering about the parking rules in Iowa. Is your SOP needed?")
    assert {"parking", "Iowa", "SOP"} <= words
    assert not {"wondering", "really", "I"} & words


def test_vocabulary_holds_stems() -> None:
    vocab = vocabulary(["Universities charge fees.", "A university's class"])
    assert {"university", "fee", "class", "charge"} <= vocab
    assert "universities" not in vocab and "fees" not in vocab


def test_parts_and_focus_are_the_asking_sentences() -> None:
    post = "I work in IT. I earn 80k. Is OMSCS worth it? What about UIUC?"
    assert parts(post) == ["Is OMSCS worth it?", "What about UIUC?"]
    assert focus_of(post) == "Is OMSCS worth it? What about UIUC?"
    assert parts("Tell me about tuition.") == ["Tell me about tuition."]


def test_a_bare_why_belongs_to_the_part_before_it() -> None:
    assert parts("People that switched, how did it go? What did you switch to? Why?") == [
        "People that switched, how did it go?", "What did you switch to? Why?"
    ]


@pytest.mark.parametrize("part", [
    "For those who got in, how did you approach your SOP?",
    "Have you had any experience with startups?",
    "Did you get a new job after graduation?",
    "How'd you like ESO?",
    "How do you feel about the master's program?",
    "In your experience how has it impacted your career?",
    "People who bought fake degrees, did it work?",
    "To those of you that have degrees, what is your degree in?",
    "[Serious] Redditors who are drowned in student debt, what would you want others to know?",
    "Anyone here who did OMSCS while working full time?",
])
def test_asks_people_for_their_own_experience(part: str) -> None:
    assert asks_people(part)


@pytest.mark.parametrize("part", [
    "Is a master's in ML worth it for someone who works full time?",
    "Is it a good idea for people who have no CS degree?",
    "Should anyone with a family quit their job for a master's?",
    "Did you include living costs in that?",
    "Do you need a CS degree to get in?",
    "What do you think: should I quit my job for CMU?",
    "Have you got data on Stanford?",
    "How much would I pay for OMSCS?",
])
def test_questions_to_the_advisor_or_about_anyone_are_not_experience(part: str) -> None:
    assert not asks_people(part)


def test_an_address_to_a_group_puts_the_questions_after_it_to_them() -> None:
    text = "To those of you that have college degrees and are struggling. What is your degree in?"
    assert addresses_people(text) and asks_people("What is your degree in?", addressed=True)
    assert not addresses_people("Is it worth it for people who work? What is your advice?")
