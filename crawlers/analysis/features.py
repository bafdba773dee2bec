"""How the vocabulary's concepts combine into each policy feature.

Every rule works on sentences and the words that qualify them (headings, the sentence that
introduces a list, the neighbouring sentence), and returns its value with the sentences that
support it. The vocabulary itself lives in ``patterns/analyser.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from crawlers.analysis.rules import Concept, vocabulary
from crawlers.analysis.text import Document, Sentence

# A reporting route counts for NCII when it sits in a section about NCII no longer than this.
MAX_SECTION_SENTENCES = 60
# ... and no further than this many sentences from an NCII sentence of that section.
MAX_DISTANCE = 12
# "We report CSAM to NCMEC": the platform reporting onwards, not a route for users.
_WE_REPORT = re.compile(
    r"\bwe\s+(?:(?:may|will|also|must|can|might|shall|then|promptly|immediately|do)\s+){0,2}"
    r"(?:report|refer|escalate)(?:s|ed)?\b", re.I)
_CLAUSE = re.compile(r"[,;:()]|\s(?:or|and)\s|[、，；：（）或]")
# Copyright and trademark claims (and their counter-notices) are processes of their own.
IP_CLAIM = re.compile(
    r"copyright|trademark|intellectual\s+property|DMCA|counter[\s-]?notice|版權|版权|商標|商标|知識產權",
    re.I)


@dataclass
class Finding:
    value: object
    sentences: list[Sentence]


class Facts:
    """Concept look-ups on a segmented document, cached per sentence."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.vocab = vocabulary()
        self._cache: dict[tuple[str, int], bool] = {}

    def __getattr__(self, name: str) -> Concept:
        vocab = self.__dict__["vocab"]
        if name in vocab:
            return vocab[name]
        raise AttributeError(name)

    def has(self, concept: str, s: Sentence) -> bool:
        key = (concept, s.index)
        if key not in self._cache:
            text = s.raw if concept == "report_route" else s.text
            self._cache[key] = self.vocab[concept](text)
        return self._cache[key]

    def around(self, s: Sentence, after: bool = True) -> list[Sentence]:
        """The sentences that qualify ``s``: headings, list lead, neighbours in its section
        (only the one before when ``after`` is false: "This includes..." looks back)."""
        sents = self.doc.sentences
        out = [sents[i] for i in s.headings]
        lead, hops = s.lead, 0
        while lead is not None and hops < 4:  # "Do not post content that:" > "shows:" > item
            out.append(sents[lead])
            lead, hops = sents[lead].lead, hops + 1
        for j in (s.index - 1, s.index + 1) if after else (s.index - 1,):
            if 0 <= j < len(sents) and not sents[j].is_heading and j != s.lead \
                    and sents[j].headings == s.headings:
                out.append(sents[j])
        return out

    def near(self, concept: str, s: Sentence) -> bool:
        return self.has(concept, s) or any(self.has(concept, o) for o in self.around(s))

    # ---------------------------------------------------------------- building blocks

    def ncii(self, s: Sentence) -> bool:
        """The sentence is about intimate images shared, taken or threatened without consent."""
        if self.has("ncii_named", s):
            return True
        if self._adult_intimate_media(s) and (self._lacks_consent(s)
                                              or self.has("threat_to_share", s)):
            return True
        # Intimate media of the person reporting ("if someone shared a nude image of you,
        # report it"): the route is for NCII whoever shared it.
        if self.has("report", s) and self._adult_intimate_media(s) \
                and self.has("depicts_reporter", s):
            return True
        # Under a heading that names NCII, intimate media or consent alone is enough.
        if s.headings and not s.is_heading:
            heading = self.doc.sentences[s.headings[-1]]
            if self.has("ncii_named", heading) and (
                    self.has("intimate_media", s) or self._lacks_consent(s)):
                return True
        return False

    def _adult_intimate_media(self, s: Sentence) -> bool:
        """Intimate media named in a clause that is not about children (whose abuse material
        is a rule of its own): "content involving minors or intimate images of others"."""
        if not self.has("intimate_media", s):
            return False
        if not self.has("minors", s):
            return True
        return any(self.intimate_media(c) and not self.minors(c)
                   for c in _CLAUSE.split(s.text))

    def general_rule_topic(self, s: Sentence) -> bool:
        """Sexual content of adults or privacy in general: the topics of a "partial" rule.
        A ban on child sexual abuse material is a rule of its own, not a general one."""
        if self.has("privacy_violation", s):
            return True
        if not self.has("sexual_general", s):
            return False
        if not self.has("minors", s):
            return True
        return any(self.sexual_general(c) and not self.minors(c) for c in _CLAUSE.split(s.text))

    def _lacks_consent(self, s: Sentence) -> bool:
        """Consent missing for the media, not for a depicted act ("non-consensual sex")."""
        key = ("_consent", s.index)
        if key not in self._cache:
            text = self.nonconsensual_acts.pattern.sub(" ", s.text)
            self._cache[key] = self.without_consent(text)
        return self._cache[key]

    def outward(self, s: Sentence) -> bool:
        """Reporting to the police or by the platform itself, not a route for users."""
        return bool(_WE_REPORT.search(s.text)) or self.has("authorities", s)

    def prohibitive(self, s: Sentence) -> bool:
        """The sentence, or what introduces it, states a rule against something."""
        if self.has("scope_exclusion", s) or self.has("disclaimer", s):
            return False
        return any(self._states_rule(o) for o in (s, *self.around(s), *self._continued(s)))

    def _continued(self, s: Sentence) -> list[Sentence]:
        """For "This includes ..." the rule may be two sentences back ("We do not tolerate X.
        We consider X to be ... This includes ..."), within the same section."""
        if not self.has("continuation", s):
            return []
        sents = self.doc.sentences
        return [sents[j] for j in (s.index - 2, s.index - 3) if 0 <= j < len(sents)
                and not sents[j].is_heading and sents[j].headings == s.headings]

    def _states_rule(self, s: Sentence) -> bool:
        key = ("_rule", s.index)
        if key not in self._cache:
            text = self.negated_action.pattern.sub(" ", s.text)
            self._cache[key] = self.prohibition(text)
        return self._cache[key]


def _body(doc: Document) -> Iterator[Sentence]:
    return iter(doc.sentences)


def prohibits_ncii(f: Facts) -> tuple[Finding, list[int]]:
    """yes: an NCII rule; partial: only a general sexual-content or privacy rule; else no.

    Also returns the indices of every NCII sentence, which later rules need.
    """
    ncii_idx = [s.index for s in _body(f.doc) if f.ncii(s)]
    rules = [f.doc.sentences[i] for i in ncii_idx if f.prohibitive(f.doc.sentences[i])]
    if rules:
        return Finding("yes", rules), ncii_idx
    general = [s for s in _body(f.doc)
               if not s.is_heading and f.general_rule_topic(s) and f.prohibitive(s)]
    if general:
        return Finding("partial", general), ncii_idx
    return Finding("no", []), ncii_idx


def _in_ncii_section(f: Facts, s: Sentence, ncii_idx: list[int]) -> bool:
    if f.ncii(s) or any(f.ncii(o) for o in f.around(s)):
        return True
    for h in reversed(s.headings):
        first, end = h, f.doc.sentences[h].section_end
        if end - first > MAX_SECTION_SENTENCES:
            return False
        if any(first <= i < end and abs(i - s.index) <= MAX_DISTANCE for i in ncii_idx):
            return True
    return False


def reporting_channel(f: Facts, ncii_idx: list[int]) -> Finding:
    """yes: a route (form, link, address, in-product option) to report NCII: in the NCII
    section, or a route for a category of content ("prohibited content", "illegal content")
    under which the document lists its NCII rule."""
    if not ncii_idx:
        return Finding("no", [])
    ncii_categories = set().union(*(_categories(f, f.doc.sentences[i]) for i in ncii_idx))
    hits = [s for s in _body(f.doc)
            if f.has("report", s) and f.has("report_route", s)
            and not _other_process(f, s, ncii_idx)
            and (_in_ncii_section(f, s, ncii_idx) or _categories(f, s) & ncii_categories)]
    return Finding("yes" if hits else "no", hits)


def _categories(f: Facts, s: Sentence) -> set[str]:
    """Content categories named by a sentence, what introduces it and its headings, as
    "first word + last word" ("prohibited video content" = "prohibited content")."""
    found: set[str] = set()
    sents = f.doc.sentences
    for o in (s, *(sents[i] for i in s.headings),
              *([sents[s.lead]] if s.lead is not None else [])):
        for m in f.content_category.pattern.finditer(o.text):
            words = m.group(0).lower().split()
            found.add(f"{words[0]} {words[-1]}" if len(words) > 1 else words[0])
    return found


def _other_process(f: Facts, s: Sentence, ncii_idx: list[int]) -> bool:
    """Copyright claims and child-safety reports have processes of their own: who may use
    them says nothing about reporting intimate images (unless the text is about NCII)."""
    if f.outward(s) or IP_CLAIM.search(s.text):
        return True
    if f.has("minors", s) and not f.ncii(s):
        return True
    if _in_ncii_section(f, s, ncii_idx) or f.has("non_ip_content", s):
        return False
    return any(IP_CLAIM.search(o.text) for o in f.around(s))


def third_party(f: Facts, ncii_idx: list[int]) -> Finding:
    """yes: someone other than the person depicted may report; no: only that person may."""
    yes, no = [], []
    for s in _body(f.doc):
        if s.text.endswith(("?", "？")):
            continue  # a question ("Can others report?") is not an answer
        if not f.has("report", s) or _other_process(f, s, ncii_idx):
            continue
        if f.has("third_party", s) or f.has("account_not_needed", s):
            yes.append(s)
        elif f.has("victim_only", s):
            no.append(s)
    if yes:
        return Finding("yes", yes)
    return Finding("no", no) if no else Finding("unknown", [])


def hash_matching(f: Facts) -> Finding:
    hits = [s for s in _body(f.doc) if f.has("hash_named", s)
            or (f.has("hash_generic", s) and f.has("hash_context", s))]
    return Finding("yes" if hits else "no", hits)


def synthetic_media(f: Facts, ncii_idx: list[int]) -> Finding:
    """yes: the rules on intimate images cover AI-generated or manipulated ones."""
    hits = []
    for s in _body(f.doc):
        if not f.has("synthetic", s) or f.has("scope_exclusion", s):
            continue
        if f.has("minors", s) and not f.ncii(s):
            continue  # synthetic child abuse material is a rule of its own
        about_ncii = f.ncii(s) or any(f.ncii(o) for o in f.around(s, after=False))
        intimate = f.has("intimate_media", s)
        if about_ncii or intimate:
            hits.append(s)
    return Finding("yes" if hits else "no", hits)


def account_required(f: Facts, ncii_idx: list[int]) -> Finding:
    """no: reporting works without an account; yes: it needs one; else unknown.

    When a document says both (e.g. in-app reporting needs a login, a web form does not),
    a route without an account exists, so the answer is no.
    """
    free = [s for s in _body(f.doc) if f.has("account_not_needed", s) and f.near("report", s)]
    if free:
        return Finding("no", free)
    needed = [s for s in _body(f.doc) if f.has("account_needed", s) and f.near("report", s)]
    return Finding("yes", needed) if needed else Finding("unknown", [])
