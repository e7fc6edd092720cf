"""Does the corpus cover a question: the pure word rules of app/answer/coverage.py (the judge itself runs end to end)."""

from __future__ import annotations

from app.answer.coverage import content_words, focus_of, noun_like, parts, vocabulary


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


def test_a_request_asks_as_plainly_as_a_question() -> None:
    assert parts("Show me online programs under $20k. Do any of them not need the GRE?") == [
        "Show me online programs under $20k.", "Do any of them not need the GRE?"
    ]
