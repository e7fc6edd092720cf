"""Questions that ask other people about their own lives (app/answer/experience.py)."""

from __future__ import annotations

import pytest

from app.answer.coverage import parts
from app.answer.experience import asks_people, experience_parts


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
def test_asks_people_about_their_own_experience(part: str) -> None:
    assert asks_people(part)


@pytest.mark.parametrize("part", [
    "Is a master's in ML worth it for someone who works full time?",
    "Is it a good idea for people who have no CS degree?",
    "Should anyone with a family quit their job for a master's?",
    "Do you need a CS degree to get in?",
    "What do you think: should I quit my job for CMU?",
    "Have you got data on Stanford?",
    "How much would I pay for OMSCS?",
    # to the advisor, about its answer
    "Did you include living costs in that?",
    "Did you account for living costs?",
    "Have you looked at UT Austin's MSAI?",
    "Were you able to find any programs under $20k?",
    # about the person, even after an address
    "For those with a low GPA, what are my options?",
    "Anyone with a CS degree: is it worth it?",
    "So anyone who has a 3.0 GPA can apply?",
    "Anyone who earns $80k: is a $50k program worth it for me?",
])
def test_questions_to_the_advisor_or_about_anyone_are_not_experience(part: str) -> None:
    assert not asks_people(part)


def test_after_the_first_turn_did_you_means_the_advisor() -> None:
    assert asks_people("Did you get a job after graduation?", first_turn=True)
    assert not asks_people("Did you get a job after graduation?", first_turn=False)
    assert asks_people("How did it go for you?", first_turn=False)


def test_an_address_puts_only_the_questions_after_it_to_them() -> None:
    text = "To those of you that have college degrees and are struggling. What is your degree in?"
    assert experience_parts(text, parts(text)) == [True]
    mixed = "Can you tell me the OMSCS tuition? Also, people who did it, how was the workload?"
    assert experience_parts(mixed, parts(mixed)) == [False, True]
