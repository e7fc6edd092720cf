"""Subjects our sources hold nothing on (app/answer/gaps.py), checked against the corpus itself."""

from __future__ import annotations

import re

import pytest

from app.answer.gaps import GAPS, Gap, gap_in
from app.corpus.load import load_corpus
from tests.conftest import CORPUS


@pytest.mark.parametrize("gap", GAPS, ids=lambda g: g.label)
def test_no_source_text_covers_a_gap(gap: Gap) -> None:
    # If a source starts to say something about a gap, the gap is no longer one: remove it from GAPS.
    texts = [re.sub(r"https?://\S+", "", t) for t in load_corpus(CORPUS).verbatim_texts()]
    assert not [t for t in texts if gap.pattern.search(t)]


@pytest.mark.parametrize(("question", "label"), [
    ("What are my chances of getting into CMU with a 3.2 GPA?", "admission odds or acceptance rates"),
    ("How hard is it to get into OMSCS?", "admission odds or acceptance rates"),
    ("What is the acceptance rate for the UIUC MCS?", "admission odds or acceptance rates"),
    ("How are online degrees perceived by employers?", "how employers or others perceive a degree"),
    ("Can I get a STEM extension on OPT after an online master's?", "work-visa rules (OPT, STEM extension, H-1B)"),
    ("Will I get a green card or an h1b after it?", "work-visa rules (OPT, STEM extension, H-1B)"),
    ("where do I park at Georgia Tech?", "campus facilities such as parking or dorms"),
    ("How do employers view online degrees?", "how employers or others perceive a degree"),
    ("Do employers look down on online master's?", "how employers or others perceive a degree"),
    ("Will online degrees ever earn respect?", "how employers or others perceive a degree"),
    ("What are my chances of getting a TA?", "admission odds or acceptance rates"),
    ("Does Professor Smith at CMU do research on reinforcement learning?", "named faculty, instructors or their research"),
    ("Who teaches the deep learning course at Stanford?", "named faculty, instructors or their research"),
    ("Which professors' research labs work on NLP at UW?", "named faculty, instructors or their research"),
    ("What is the exam format of CS 7641 at Georgia Tech?", "a specific course's exams, syllabus or grading"),
    ("Are the midterms in the ML course proctored?", "a specific course's exams, syllabus or grading"),
    ("Is CSE6242 hard?", "a specific course's exams, syllabus or grading"),
    ("Who teaches the machine learning class in OMSCS?", "named faculty, instructors or their research"),
    ("Do employers respect online degrees like OMSCS?", "how employers or others perceive a degree"),
    ("How long does a US student visa take to process?", "student-visa processing"),
    ("Are F-1 visa interviews hard?", "student-visa processing"),
    ("What's the job placement rate for UIUC MCS grads?", "job placement or employment rates"),
    ("How many graduates get a job within 6 months?", "job placement or employment rates"),
    ("What's the UIUC 2026 application deadline?", "application deadlines"),
    ("When is the deadline to apply to Stanford?", "application deadlines"),
    ("When should I apply for fall 2027?", "application deadlines"),
    ("What's the class size in the UT Austin program?", "class or cohort sizes"),
    ("How many students are admitted each year?", "class or cohort sizes"),
    ("Is there parking on campus at UT Austin?", "campus facilities such as parking or dorms"),
    ("Can I live in the dorms as a grad student?", "campus facilities such as parking or dorms"),
])
def test_questions_about_a_gap(question: str, label: str) -> None:
    gap = gap_in(question)
    assert gap is not None and gap.label == label


@pytest.mark.parametrize("question", [
    "What are the admission requirements for OMSCS?", "Do I need the GRE to get into UIUC's MCS?",
    "Is it likely to pay off?", "How likely am I to get a job offer after the degree?",
    "What are my chances of getting funding through loans?", "What are the odds of getting into debt with Grad PLUS?",
    "Any chance of getting into trouble repaying the loans?", "Is there a chance they accept transfer credits?",
    "With respect to cost, is OMSCS better?", "In that respect, is the loan worth it?", "Can I opt for part-time?", "What options are there for part-time study?", "How much does an online MS cost?",
    "Do I need a GRE 320 for CMU?", "Is the GRE exam required for UIUC?", "Do hybrid programs let me meet my professors?",
    "What courses will I take in an ML master's?", "Is a research-based master's better than a coursework one?",
    "Can I afford $1200 a month in rent?", "Is the MS in 2026 still worth it?",
    # Found by a review: a school or program with a year, a GPU, workload, self-teaching, labs in a program.
    "What is CMU 2025 tuition for the MSML?", "Is the AY 2025-26 tuition for OMSCS still $7,000?",
    "What does the FY 2026 tuition increase mean for OMSCS?", "Is the MSML 2026 intake still open?",
    "Do I need an RTX 4090 for the ML courses?", "Does the visa matter for an online program?",
    "How is CMU ranked for machine learning?", "How many students work while studying?",
    "Do employers pay for the degree?", "Do employers care about that stuff?", "Where do most graduates work?", "What's the deadline-based admission like?",
    "How many hours of homework per week does OMSCS take?", "I'm someone who taught themselves Python; is that enough?",
    "Is it a good idea for people who teach high school math?", "Will I get access to research labs?",
    "Can I join a research group during an MS?", "Is CS 2026 a good year to start?",
])
def test_questions_our_sources_answer_are_no_gap(question: str) -> None:
    assert gap_in(question) is None
