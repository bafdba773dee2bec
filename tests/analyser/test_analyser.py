"""The policy analyser on invented English and Traditional Chinese policies."""

from __future__ import annotations

import pytest

from crawlers.analysis.analyser import AnalyserError, analyse
from crawlers.analysis.text import segment
from crawlers.analysis.timing import durations

from .conftest import (
    EN_NCII_HTML_BODY,
    EN_NCII_POLICY,
    EN_NO_POLICY,
    EN_NUDITY_ONLY,
    EN_PRIVACY_ONLY,
    ZH_HANS_POLICY,
    ZH_NCII_POLICY,
    ZH_NUDITY_ONLY,
    ZH_PRIVACY_ONLY,
    page,
)

KEYS = ["prohibits_ncii", "ncii_reporting_channel", "third_party_reporting", "hash_matching",
        "stated_response_time_hours", "covers_synthetic_media", "account_required_to_report",
        "notice_of_outcome", "appeal", "languages", "language_supported", "evidence"]


def features(doc: str, kind: str = "markdown", lang: str | None = None) -> dict:
    result = analyse(doc, lang, kind)
    assert list(result) == KEYS
    if kind != "html":
        for item in result["evidence"]:
            assert item["quote"] in doc, item  # every quote is the document's own words
    return result


def quotes(result: dict, feature: str) -> list[str]:
    return [e["quote"] for e in result["evidence"] if e["feature"] == feature]


@pytest.mark.parametrize("doc, lang", [(EN_NCII_POLICY, ["en"]), (ZH_NCII_POLICY, ["zh-Hant"])])
def test_full_ncii_policy_in_both_languages(doc, lang):
    r = features(doc)
    assert {k: r[k] for k in KEYS[:10]} == {
        "prohibits_ncii": "yes", "ncii_reporting_channel": "yes", "third_party_reporting": "yes",
        "hash_matching": "yes", "stated_response_time_hours": (48.0 if lang == ["en"] else 24.0),
        "covers_synthetic_media": "yes", "account_required_to_report": "no",
        "notice_of_outcome": "unknown", "appeal": "unknown", "languages": lang,
    }
    assert {e["feature"] for e in r["evidence"]} == set(KEYS[:7])


def test_evidence_names_the_supporting_sentences():
    r = features(ZH_NCII_POLICY)
    assert "我們禁止任何人未經他人同意發布或分享私密影像。" in quotes(r, "prohibits_ncii")
    assert quotes(r, "stated_response_time_hours") == ["我們會在 24 小時內審核舉報。"]
    assert quotes(r, "hash_matching") == ["我們使用雜湊比對技術，防止相同影像再次上載。"]
    r = features(EN_NCII_POLICY)
    assert quotes(r, "covers_synthetic_media") == [
        "This includes images created or altered with AI, such as deepfakes."]


@pytest.mark.parametrize("doc", [EN_NUDITY_ONLY, EN_PRIVACY_ONLY, ZH_NUDITY_ONLY, ZH_PRIVACY_ONLY])
def test_general_rules_only_are_partial(doc):
    r = features(doc)
    assert r["prohibits_ncii"] == "partial"
    assert quotes(r, "prohibits_ncii")
    assert r["ncii_reporting_channel"] == "no"  # a generic report button is not an NCII route
    assert r["covers_synthetic_media"] == "no" and r["hash_matching"] == "no"


def test_nothing_relevant_is_no_with_unknowns():
    r = features(EN_NO_POLICY, kind="text")
    assert r["prohibits_ncii"] == "no" and r["ncii_reporting_channel"] == "no"
    assert r["third_party_reporting"] == "unknown"
    assert r["account_required_to_report"] == "unknown"
    assert r["notice_of_outcome"] == "unknown" and r["appeal"] == "unknown"
    assert r["stated_response_time_hours"] is None and r["evidence"] == []


@pytest.mark.parametrize("sentence, expected", [
    ("We do not allow revenge porn.", "yes"),
    ("You may not share nude photos of anyone without their permission.", "yes"),
    ("Never threaten to post intimate images of others.", "yes"),
    ("Sextortion is prohibited.", "yes"),
    ("This policy does not cover intimate images shared without consent.", "no"),
    ("Intimate images shared without consent are outside the scope of these terms.", "no"),
    ("We do not allow content depicting non-consensual sexual acts.", "partial"),
    ("我們不容許報復式色情。", "yes"),
    ("嚴禁在未經當事人同意下上載親密影像。", "yes"),
    ("用戶不得威脅公開他人的裸照。", "yes"),
    ("本政策不適用於未經同意分享的私密影像。", "no"),
])
def test_negation_and_scope(sentence, expected):
    assert features(sentence)["prohibits_ncii"] == expected


def test_list_lead_makes_items_rules():
    doc = ("Do not post content that:\n\n- shows violence\n"
           "- shares intimate images without consent\n")
    r = features(doc)
    assert r["prohibits_ncii"] == "yes"
    assert quotes(r, "prohibits_ncii") == ["shares intimate images without consent"]
    zh = "用戶不得發布以下內容：\n\n- 暴力內容\n- 未經同意的私密影像\n"
    assert features(zh)["prohibits_ncii"] == "yes"


def test_child_abuse_rules_are_not_ncii_rules():
    # A ban on sexual images of children is a rule of its own, not a general sexual-content
    # rule: alone it leaves adults' intimate images unaddressed.
    r = features("We remove sexual images of minors, including digitally altered images.")
    assert r["prohibits_ncii"] == "no" and r["covers_synthetic_media"] == "no"
    r = features("We remove child sexual abuse material and pornography of any kind.")
    assert r["prohibits_ncii"] == "partial"


def test_synthetic_media_exclusions():
    assert features("Manipulated media about elections may be labelled. "
                    "We do not allow revenge porn.")["covers_synthetic_media"] == "no"
    excluded = ("## Revenge porn\n\nWe remove intimate images shared without consent. "
                "This rule does not apply to AI-generated images of fictional characters.\n")
    r = features(excluded)
    assert r["prohibits_ncii"] == "yes" and r["covers_synthetic_media"] == "no"
    assert features("我們禁止發布以深偽技術製作的性影像。")["covers_synthetic_media"] == "yes"


@pytest.mark.parametrize("text", [
    "Use #hashtags to find posts about your hobbies.",
    "Unlock the app with a fingerprint scan.",
    "Passwords are hashed and salted before storage.",
    "If you see spam, we will take it down.",
])
def test_hash_matching_traps(text):
    assert features(text)["hash_matching"] == "no"


@pytest.mark.parametrize("text", [
    "We work with StopNCII.org so that a hash of your image can block re-uploads.",
    "Digital fingerprints of removed videos stop the same video being uploaded again.",
    "We are a partner of NCMEC's Take It Down service.",
    "我們使用影像指紋防止同一影片再次上載。",
])
def test_hash_matching_named(text):
    assert features(text)["hash_matching"] == "yes"


@pytest.mark.parametrize("text, hours", [
    ("within 48 hours", 48), ("within 2 business days", 48), ("within forty-eight hours", 48),
    ("within 24 to 48 hours", 48), ("within a week", 168), ("24 小時內", 24),
    ("兩個工作天內", 48), ("3 日內", 72), ("四十八小時內", 48),
])
def test_durations(text, hours):
    assert durations(text)[0][0] == hours


@pytest.mark.parametrize("text, hours", [
    ("We aim to review every report within 2 business days.", 48.0),
    ("Reports will be reviewed within 24 hours.", 24.0),
    ("You must file an appeal within 30 days.", None),
    ("We delete your personal data within 30 days of a report.", None),
    ("我們一般會在兩個工作天內回覆舉報。", 48.0),
])
def test_response_time_is_the_platform_acting_on_reports(text, hours):
    assert features(text)["stated_response_time_hours"] == hours


@pytest.mark.parametrize("text, expected", [
    ("You must be logged in to report a post.", "yes"),
    ("You don't need an account to report intimate images.", "no"),
    ("Anyone can report, whether they have an account or not.", "no"),
    ("報告前須先登入帳戶。", "yes"),
    ("舉報無需登入。", "no"),
    ("Contact us with any questions.", "unknown"),
])
def test_account_required(text, expected):
    assert features(text)["account_required_to_report"] == expected


@pytest.mark.parametrize("text, expected", [
    ("Only the person depicted in the image can report it.", "no"),
    ("A lawyer or NGO may report on behalf of a victim.", "yes"),
    ("Reports from trusted flaggers are handled first.", "yes"),
    ("Can someone else report for me?", "unknown"),
    ("We report child abuse material to the police.", "unknown"),
    ("受害人的代表或非政府組織均可代為舉報。", "yes"),
    ("只限當事人本人舉報。", "no"),
])
def test_third_party(text, expected):
    assert features(text)["third_party_reporting"] == expected


def test_html_input_ignores_navigation_and_reads_declared_languages():
    r = features(page(EN_NCII_HTML_BODY), kind="html")
    assert r["prohibits_ncii"] == "yes" and r["ncii_reporting_channel"] == "yes"
    assert r["languages"] == ["en", "zh-Hant"]  # the text, then the footer's alternate
    nav_only = page("<h1>About us</h1><p>We make a photo app for families.</p>")
    assert features(nav_only, kind="html")["prohibits_ncii"] == "no"  # "revenge porn" in nav


def test_languages_detection_and_declared_lang():
    assert features(ZH_HANS_POLICY)["languages"] == ["zh-Hans"]
    assert features(ZH_HANS_POLICY)["prohibits_ncii"] == "yes"
    assert features(EN_NO_POLICY, lang="zh-Hant")["languages"] == ["zh-Hant", "en"]
    mixed = EN_NCII_POLICY + "\n" + ZH_NCII_POLICY
    assert set(features(mixed)["languages"]) == {"en", "zh-Hant"}


def test_bad_kind_and_language():
    with pytest.raises(AnalyserError, match="unknown document kind 'pdf'"):
        analyse("x", None, "pdf")
    with pytest.raises(AnalyserError, match="unknown document language 'fr'"):
        analyse("x", "fr", "text")


def test_sentences_keep_exact_spans():
    text = "# Rules\n\nFirst rule. Second rule, e.g. this one.\n第一條。第二條！\n- item: x\n"
    doc = segment(text)
    assert [s.raw for s in doc.sentences] == [
        "Rules", "First rule.", "Second rule, e.g. this one.", "第一條。", "第二條！", "item: x"]
    assert all(text[s.start:s.end] == s.raw for s in doc.sentences)


def test_half_width_marks_end_chinese_sentences_but_not_urls():
    text = "你好嗎?我很好!See [help](https://example.org/a?b=c) now. Next one."
    assert [s.raw for s in segment(text).sentences] == [
        "你好嗎?", "我很好!", "See [help](https://example.org/a?b=c) now.", "Next one."]


def test_long_documents_are_analysed_whole():
    filler = "Our service helps families share holiday photos. " * 3000
    r = features(filler + "\n\n" + EN_NCII_POLICY)
    assert r["prohibits_ncii"] == "yes" and r["stated_response_time_hours"] == 48.0
