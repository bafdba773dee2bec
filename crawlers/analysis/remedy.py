"""Remedies after a report: is the person told the outcome, and can the decision be appealed?

``notice_of_outcome``: the person who reported, or whose content or account was acted on, is
told the decision. ``appeal``: a moderation decision (on content or on an account) can be
appealed or reviewed again. Each is "yes" when the document says so, "no" when it says the
opposite ("we cannot tell you the outcome", "decisions are final and cannot be appealed")
and "unknown" when it says neither. Appeals to a court, an arbitrator or the police, notices
about payments or changes to the terms, and copyright counter-notices are other processes.

Negation works as for prohibitions: the words that deny the remedy are cut out of a clause
before looking for the remedy, so "the decision is final once your appeal is decided" still
offers an appeal, while "decisions cannot be appealed" offers none.
"""

from __future__ import annotations

import re

from crawlers.analysis.features import IP_CLAIM, Facts, Finding
from crawlers.analysis.text import Sentence

# Clauses that can say opposite things about the same remedy: "we won't tell the uploader
# who reported them, but we'll tell you the outcome".
_CONTRAST = re.compile(r"\bbut\b|\bhowever\b|\bexcept\b|;|但|不過|不过|然而|；", re.I)


def _clauses(text: str) -> list[str]:
    return [c for c in _CONTRAST.split(text) if c.strip()]


def _other_matter(f: Facts, s: Sentence) -> bool:
    """Not an answer about the platform's own moderation decisions: a question, a heading,
    courts and payments, copyright claims, the police."""
    return (s.is_heading or s.text.endswith(("?", "？")) or f.has("remedy_other", s)
            or f.has("authorities", s) or IP_CLAIM.search(s.text) is not None)


def _about_moderation(f: Facts, s: Sentence) -> bool:
    """The sentence, or what qualifies it, is about a report or a moderation decision."""
    return f.near("report", s) or f.near("enforcement", s) or f.has("appeal", s)


def _verdict(yes: list[Sentence], no: list[Sentence]) -> Finding:
    if yes:
        return Finding("yes", yes)
    return Finding("no", no) if no else Finding("unknown", [])


def notice_of_outcome(f: Facts) -> Finding:
    """yes: someone is told the result of a report or decision; no: the document says they
    are not (or may not be); unknown: it says neither."""
    told, denied = [], []
    for s in f.doc.sentences:
        if not (f.has("notice_given", s) or f.has("notice_denied", s)):
            continue
        if _other_matter(f, s) or f.has("user_action", s):
            continue
        if not (f.has("outcome_object", s) or f.has("enforcement", s)):
            continue  # "we will email you a confirmation" says nothing about the outcome
        says, refuses = False, False
        for clause in _clauses(s.text):
            clause = f.notice_in_advance.pattern.sub(" ", clause)  # a warning, not an outcome
            if f.notice_given(f.notice_denied.pattern.sub(" ", clause)):
                says = True
            elif f.notice_denied(clause):
                refuses = True
        if says:
            told.append(s)
        elif refuses:
            denied.append(s)
    return _verdict(told, denied)


def appeal(f: Facts) -> Finding:
    """yes: a decision on content, a report or an account can be appealed or reviewed again;
    no: the document says it cannot; unknown: it says neither."""
    offered, denied = [], []
    for s in f.doc.sentences:
        if not (f.has("appeal", s) or f.has("appeal_denied", s) or f.has("final_decision", s)
                or f.has("disagreement", s)):
            continue
        if _other_matter(f, s) or f.has("misuse", s):
            continue
        offers, refuses = False, False
        for clause in _clauses(s.text):
            rest = f.final_decision.pattern.sub(" ", f.appeal_denied.pattern.sub(" ", clause))
            if f.appeal(rest) or (f.disagreement(rest) and (f.report(rest)
                                                            or f.report_route(rest))):
                offers = True
            elif f.appeal_denied(clause) or (f.final_decision(clause)
                                             and _about_moderation(f, s)):
                refuses = True
        if offers:
            offered.append(s)
        elif refuses:
            denied.append(s)
    return _verdict(offered, denied)
