"""Subjects our sources hold no data on at all, however many words a question shares with them.

Each gap is checked against the corpus by a test: when a source starts to cover one (a sentence of the guide or a
record quote matches its pattern), the test fails and the gap must go. The words here are what people ask with;
what the answer says is the gap's `label`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Gap:
    label: str
    pattern: re.Pattern[str]


# fmt: off
GAPS = (
    # Records give requirements, never how likely anyone is to meet them. ("Any chance of getting into debt?" is
    # about loans, not this.)
    Gap("admission odds or acceptance rates", re.compile(
        r"\b(?:chances?|odds)\b[^.?!]{0,40}?\b(?:admi\w*|accepted|acceptance|get(?:ting)?\s+(?:in|into)\b"
        r"(?!\s+(?:debt|trouble|a\s+loan))|TA|RA|assistantships?)\b"
        r"|\b(?:acceptance|admit|admission)\s+rates?\b|\bhow\s+(?:hard|difficult|competitive)\s+(?:is\s+it\s+)?to\s+get\s+"
        r"(?:in|into|accepted|admitted)\b", re.I)),
    # Nothing in the guide or the records says how a degree is seen by employers or anyone else. ("With respect
    # to cost" is not this.)
    Gap("how employers or others perceive a degree", re.compile(
        r"\b(?:perceiv\w*|perception|respected|stigma\w*|looks?\s+down\s+(?:up)?on|looked\s+down\s+(?:up)?on)\b"
        r"|\b(?:earn|get|gain|have|command|lack)s?\s+(?:\w+\s+)?respect\b"
        r"|\b(?:employers?|recruiters?|companies|industry)\s+(?:\w+\s+)?(?:view|regard|see|treat|think\s+of|respect|"
        r"value|accept)\b"
        r"|\b(?:viewed|regarded|seen)\s+by\s+(?:employers?|recruiters?|companies)\b", re.I)),
    # The records name no professor, instructor or lab, and the guide only says professors exist. (From the issue's
    # own examples of what our sources can't answer: "a named professor's research".)
    Gap("named faculty, instructors or their research", re.compile(
        r"\b(?:professor|prof\.?|dr\.?)\s+(?-i:[A-Z][a-z]+)"
        r"|\bwho\s+(?:teaches|taught|is\s+teaching)\s+(?:the\s+|this\s+|that\s+)?(?:[\w-]+\s+){0,3}(?:course|class)(?:es)?\b"
        r"|\b(?:professors?|profs?|faculty|instructors?|lecturers?)(?:['’]s?)?\s+(?:research|labs?|publications?|"
        r"papers?|groups?|work\s+on|who\s+(?:work|research|teach))\b", re.I)),
    # A record lists a program's requirements and structure, never one course's exams, syllabus or grading. (The
    # issue's example: "a specific course's exam format".) A course code is a department and a number ("CS 7641",
    # "CSE6242"); "CMU 2025" and "RTX 4090" are not.
    Gap("a specific course's exams, syllabus or grading", re.compile(
        r"\b(?:CS|CSE|CSCI|CMSC|COMS|COMP|CPSC|ECE|EE|EECS|ISYE|IE|STAT|STATS|STA|MATH|DS|DSC|DATA|INFO|ML|AI)"
        r"\s?-?\d{3,4}[A-Z]?\b(?<!\b(?:19|20)\d\d)"
        r"|(?i:\b(?:midterms?|final\s+exams?|exams?\s+(?:format|style|questions?)|syllab(?:us|i)|proctored|"
        r"open-book|closed-book|grading\s+(?:scheme|policy|curve)|curved?\s+grades?)\b)")),
    # Student-visa work rules; two records say only whether they issue an I-20. OPT and CPT only in capitals:
    # "opt out", "to opt for" are not this.
    Gap("work-visa rules (OPT, STEM extension, H-1B)", re.compile(
        r"\b(?:OPT|CPT)\b|(?i:\b(?:H-?1-?B|green\s+card|STEM\s+(?:OPT|extension)|CIP\s+code|work\s+permit|"
        r"post-study\s+work)\b)")),
    # The gaps below were found by a session trying the product as a demanding user (2026-11-26), each checked
    # against the corpus by the test above. Two records say only whether they issue an I-20; nothing says how long a
    # visa takes.
    Gap("student-visa processing", re.compile(
        r"\bvisas?\s+(?:processing|interviews?|appointments?|wait(?:ing)?(?:\s+times?)?|approvals?|applications?|"
        r"rejections?|denials?|slots?|timelines?)\b|\bhow\s+long\s+(?:does|do|will|would)\s+(?:a|an|the|my)?\s*"
        r"(?:[\w-]+\s+){0,3}visas?\s+(?:take|process)", re.I)),
    # The guide says colleges aren't transparent on outcomes; no source gives a placement or employment rate.
    Gap("job placement or employment rates", re.compile(
        r"\b(?:job\s+)?placements?\s+(?:rates?|statistics|stats|records?|reports?|numbers)\b"
        r"|\b(?:employment|hiring)\s+(?:rates?|statistics|stats)\b"
        r"|\bhow\s+many\s+(?:grads|graduates|students|alumni)\s+(?:\w+\s+)?(?:get|got|find|found|land|landed)\s+"
        r"(?:a\s+)?(?:jobs?|hired|employed|offers?)\b", re.I)),
    Gap("application deadlines", re.compile(
        r"\b(?:application|admissions?|apply|submission|priority)\s+deadlines?\b"
        r"|\bdeadlines?\s+(?:for|to)\s+(?:apply|applying|applications?|admissions?)\b"
        r"|\bwhen\s+(?:is|are)\s+(?:the\s+)?(?:applications?|deadlines?)\s+(?:due|closing)\b"
        r"|\bwhen\s+(?:do|should|can|must)\s+I\s+(?:apply|submit)\b|\bwhen\s+do\s+applications\s+(?:open|close)\b", re.I)),
    Gap("class or cohort sizes", re.compile(
        r"\b(?:class|cohort|section)\s+sizes?\b|\bstudent[- ](?:to[- ])?(?:faculty|teacher|professor)\s+ratio\b"
        r"|\bhow\s+(?:many|big|large)\s+(?:students|classes|cohorts?)\s+(?:are\s+)?(?:there|in|per|enrolled|admitted)\b", re.I)),
    Gap("campus facilities such as parking or dorms", re.compile(
        r"\bparking\b|\bpark (?:on|near|at) campus\b|\bwhere (?:do|can|should|would|will) (?:i|we|you|students) park\b|\bdorms?\b|\bdormitor(?:y|ies)\b|\bresidence\s+halls?\b|\bcampus\s+(?:gym|facilities|shuttle)\b",
        re.I)),
)
# fmt: on


def gap_in(text: str) -> Gap | None:
    """The first gap this text asks about, if any."""
    return next((g for g in GAPS if g.pattern.search(text)), None)
