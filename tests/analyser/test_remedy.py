"""Notice of outcome and appeal: what happens after a report, in English and Chinese.

Every sentence here is invented for these tests.
"""

from __future__ import annotations

import json

import pytest

from crawlers.analysis.analyser import analyse

from .conftest import page
from .test_classify_cli import one_json_object

EN_AFTER_REPORT = """# Reporting intimate images

## What happens after you report

We do not allow anyone to share intimate images of another person without their consent.
Our safety team reviews every report. Once we have reviewed your report, we will email you to \
say whether the images were taken down.

If you disagree with our decision, you can appeal it from the link in that email.
"""

ZH_AFTER_REPORT = """# 舉報私密影像

## 舉報之後

我們禁止任何人未經同意分享他人的私密影像。我們的安全團隊會審核每一宗舉報，並以電郵通知你處理結果。

如你不同意我們的決定，可於 14 日內要求覆核。
"""


def remedies(text: str, kind: str = "markdown") -> tuple[str, str]:
    result = analyse(text, None, kind)
    return result["notice_of_outcome"], result["appeal"]


def quotes(text: str, feature: str) -> list[str]:
    result = analyse(text, None, "markdown")
    found = [e["quote"] for e in result["evidence"] if e["feature"] == feature]
    assert all(q in text for q in found)  # the document's own words
    return found


@pytest.mark.parametrize("doc", [EN_AFTER_REPORT, ZH_AFTER_REPORT])
def test_a_policy_that_tells_and_lets_people_appeal(doc):
    assert remedies(doc) == ("yes", "yes")


def test_quotes_are_the_sentences_that_say_so():
    assert quotes(EN_AFTER_REPORT, "notice_of_outcome") == [
        "Once we have reviewed your report, we will email you to say whether the images were "
        "taken down."]
    assert quotes(EN_AFTER_REPORT, "appeal") == [
        "If you disagree with our decision, you can appeal it from the link in that email."]
    assert quotes(ZH_AFTER_REPORT, "notice_of_outcome") == [
        "我們的安全團隊會審核每一宗舉報，並以電郵通知你處理結果。"]
    assert quotes(ZH_AFTER_REPORT, "appeal") == ["如你不同意我們的決定，可於 14 日內要求覆核。"]


@pytest.mark.parametrize("text", [
    "We will notify you of our decision.",
    "You will receive an email letting you know whether we removed the content.",
    "If we remove your video, we'll let you know and explain which rule it broke.",
    "The person who reported is told the outcome by in-app message.",
    "You can check the status of your report in the Safety Centre.",
    "Once filed, you can follow its progress in the app, as well as the status of any reports "
    "you have made.",
    "我們會通知你處理結果。",
    "處理完成後，我們會通知你是否已移除有關內容。",
    "你可以在支援中心查看舉報的處理進度。",
])
def test_notice_of_outcome_stated(text):
    assert remedies(text)[0] == "yes"


@pytest.mark.parametrize("text", [
    "We may not be able to tell you the outcome of a report you made about someone else.",
    "For privacy reasons we cannot share the result of a report with the person who made it.",
    "基於私隱理由，我們無法告知舉報人處理結果。",
])
def test_notice_of_outcome_denied(text):
    assert remedies(text)[0] == "no"
    assert quotes(text, "notice_of_outcome") == [text]  # a "no" is quoted too


@pytest.mark.parametrize("text", [
    # Not the outcome of a report: a receipt, prior warnings, product features, other matters.
    "We will email you a confirmation when we receive your report.",
    "We may remove any post without prior notice.",
    "When you mute someone, they won't be notified.",
    "We won't tell the account you reported who reported it.",
    "We will notify you of changes to these terms by email.",
    "We will notify you 30 days in advance of any change in the price of your plan.",
    "You will be informed by our partners about new features.",
    "If we remove content that infringes copyright, we will notify the uploader.",
    "Our moderators are notified when a post receives many reports.",
    "管理員有權刪除任何不當內容而毋須事先通知。",
    "本網站有權隨時修改本條款，並會通知用戶。",
])
def test_notice_false_friends(text):
    assert remedies(text)[0] == "unknown"


@pytest.mark.parametrize("text", [
    "If you think we made a mistake, you can appeal our decision.",
    "You can ask us to review the removal again by filling in this form.",
    "Uploaders may request a review of any decision to take down their videos.",
    "If you disagree with the outcome, let us know through our contact form.",
    # Appeals against account decisions are appeals against moderation decisions too.
    "If your account has been suspended, you can submit an appeal through the help centre.",
    "如不服我們的決定，可於 14 日內要求覆核。",
    "帳戶被停用的用戶可提出上訴。",
    "用戶可就移除決定提出申訴。",
])
def test_appeal_offered(text):
    assert remedies(text)[1] == "yes"


@pytest.mark.parametrize("text", [
    "Decisions about reported content are final and cannot be appealed.",
    "There is no appeal against a removal for intimate imagery.",
    "所有處理決定均為最終決定，不設上訴。",
])
def test_appeal_denied(text):
    assert remedies(text)[1] == "no"
    assert quotes(text, "appeal") == [text]


def test_a_final_decision_denies_appeal_only_about_moderation():
    assert remedies("Our decision on every report is final.")[1] == "no"
    assert remedies("The judges' decision on the photo contest is final.")[1] == "unknown"


@pytest.mark.parametrize("text", [
    # The other sense of "appeal", courts and the police, copyright, misuse, questions.
    "Ads must not contain content that may appeal to minors.",
    "This style has broad appeal to younger audiences.",
    "If, after all appeals are exhausted, a court finds a clause unenforceable, the rest stays.",
    "Law enforcement may appeal to the court against a refusal to disclose data.",
    "Copyright owners can send us a counter-notice to appeal a takedown.",
    "Do not misuse the appeals process by filing groundless appeals.",
    "Can I appeal a decision?",
    "我們的團隊會覆核你的舉報。",
    "如欲向法院上訴，請諮詢律師。",
])
def test_appeal_false_friends(text):
    assert remedies(text)[1] == "unknown"


def test_contrasting_clauses_are_read_apart():
    text = ("You cannot appeal decisions about spam, but you can appeal the removal of your "
            "own photos.")
    assert remedies(text)[1] == "yes"
    text = "We won't tell the uploader who reported them, but we will tell you the outcome."
    assert remedies(text)[0] == "yes"
    # A final decision after an appeal still means there is an appeal.
    assert remedies("If your appeal is rejected, that decision is final.")[1] == "yes"


def test_a_statement_beats_a_denial_anywhere_in_the_document():
    text = ("We cannot share the outcome of reports about other people's accounts.\n\n"
            "If you reported your own images, we will tell you the outcome.\n")
    assert remedies(text)[0] == "yes"
    assert quotes(text, "notice_of_outcome") == [
        "If you reported your own images, we will tell you the outcome."]


def test_a_question_mark_inside_a_link_does_not_end_the_sentence():
    text = "If your account was suspended in error, [you can appeal](https://example.org/h?hl=en)."
    assert quotes(text, "appeal") == [text]
    assert remedies("你可以[上訴](https://example.org/h?hl=zh)。")[1] == "yes"


def test_html_page_chrome_is_not_read():
    body = "<h1>Safety</h1><p>We review reports of intimate images within 48 hours.</p>"
    chrome = page(body).replace("Accept all", "Appeal a decision")  # a button, not a sentence
    assert remedies(chrome, kind="html") == ("unknown", "unknown")
    told = page(body + "<p>We will let you know the outcome of your report by email.</p>")
    assert remedies(told, kind="html")[0] == "yes"


def test_classify_json_has_both_keys(run_tada, tmp_path):
    path = tmp_path / "after.md"
    path.write_text(ZH_AFTER_REPORT, encoding="utf-8")
    data = one_json_object(run_tada("classify", "--json", str(path)).output)
    assert data["notice_of_outcome"] == "yes" and data["appeal"] == "yes"
    assert {e["feature"] for e in data["evidence"]} >= {"notice_of_outcome", "appeal"}
    assert json.loads(json.dumps(data)) == data
    table = run_tada("classify", str(path), lang="zh-Hant").output
    assert "處理結果" in table and "覆核" in table
