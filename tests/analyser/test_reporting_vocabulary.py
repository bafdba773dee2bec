"""Reporting channels, third-party reporting and account barriers written the ways platforms
write them, in English and Chinese; and documents in languages the analyser cannot read."""

from __future__ import annotations

import pytest

from crawlers.analysis.analyser import analyse


def run(doc: str) -> dict:
    result = analyse(doc, None, "markdown")
    for item in result["evidence"]:
        assert item["quote"] in doc, item  # every finding keeps the document's own words
    return result


def quotes(result: dict, feature: str) -> list[str]:
    return [e["quote"] for e in result["evidence"] if e["feature"] == feature]


def _found_in(sentence: str, heading: str, feature: str) -> None:
    """The sentence, alone under the heading, sets the feature to yes and is its quote."""
    r = run(f"{heading}\n\n{sentence}\n")
    assert r[feature] == "yes"
    assert quotes(r, feature) == [sentence]


# ------------------------------------------------------------------ prohibition wording

@pytest.mark.parametrize("sentence", [
    "You must not upload photos involving non-consenting adults.",
    "We remove any non-consensual content as soon as our moderators find it.",
    "We remove videos that depict a person in partial nudity when that person has not "
    "consented to their publication.",
])
def test_other_ways_of_naming_ncii_are_rules(sentence):
    _found_in(sentence, "# Rules", "prohibits_ncii")


def test_a_rule_two_sentences_before_this_includes():
    doc = ("# Harassment\n\nWe do not tolerate sexual harassment. We define sexual harassment as "
           "unwelcome sexual behaviour between members. This includes sharing intimate images "
           "of a member without their consent.\n")
    r = run(doc)
    assert r["prohibits_ncii"] == "yes"
    assert quotes(r, "prohibits_ncii") == [
        "This includes sharing intimate images of a member without their consent."]


def test_this_includes_without_a_rule_before_is_not_a_rule():
    doc = ("# Glossary\n\nWe define harassment as unwelcome behaviour between members. It is a "
           "broad term. This includes sharing intimate images of a member without their "
           "consent.\n")
    assert run(doc)["prohibits_ncii"] != "yes"


def test_non_consensual_acts_are_still_not_ncii():
    r = run("# Rules\n\nDo not upload content depicting non-consensual acts.\n")
    assert r["prohibits_ncii"] != "yes"


# ------------------------------------------------------------------ reporting channel

def test_route_for_intimate_images_of_the_reporter():
    doc = ("# Help\n\nIf someone posted a nude photo of you, report it using this form: "
           "https://help.example.org/report.\n")
    r = run(doc)
    assert r["ncii_reporting_channel"] == "yes"
    assert quotes(r, "ncii_reporting_channel") == [doc.split("\n\n")[1].strip()]


def test_route_for_ordinary_photos_of_the_reporter_is_not_an_ncii_channel():
    doc = ("# Help\n\nIf someone posted a holiday photo of you that you dislike, report it "
           "using this form: https://help.example.org/report.\n")
    assert run(doc)["ncii_reporting_channel"] == "no"


def test_zh_route_for_intimate_images_of_the_reporter():
    doc = "# 協助\n\n如有人發布你的私密照片，請使用此表格舉報。\n"
    assert run(doc)["ncii_reporting_channel"] == "yes"


PROHIBITED_SECTIONS = """# Prohibited content

You must not post the following:

- Intimate images of a person shared without their consent.
- Spam.

# Other rules

Be kind to other members. Keep discussions on topic.
Do not impersonate staff. Respect the moderators.
Use clear titles. Search before posting.

# Reporting prohibited content

You can report prohibited content with the form at https://example.org/notice.
"""


def test_route_for_the_category_that_lists_the_ncii_rule():
    r = run(PROHIBITED_SECTIONS)
    assert r["ncii_reporting_channel"] == "yes"
    assert quotes(r, "ncii_reporting_channel") == [
        "You can report prohibited content with the form at https://example.org/notice."]


def test_route_for_another_category_is_not_an_ncii_channel():
    doc = PROHIBITED_SECTIONS.replace("# Reporting prohibited content", "# Reporting") \
        .replace("report prohibited content", "report illegal content")
    assert run(doc)["ncii_reporting_channel"] == "no"


def test_copyright_route_is_never_an_ncii_channel():
    doc = PROHIBITED_SECTIONS.replace(
        "You can report prohibited content with the form",
        "You can report prohibited content that infringes your copyright with the form")
    assert run(doc)["ncii_reporting_channel"] == "no"


# ------------------------------------------------------------------ third-party reporting

@pytest.mark.parametrize("sentence", [
    "A button under each video allows anyone to report content that breaks these rules.",
    "Anyone who sees an intimate image shared without consent should report it to us.",
    "We act on every report, even when the report is submitted by a 3rd party.",
    "If you are not a Example user, you can still report a post through our web form.",
    "Please report the image whether or not you are the person depicted in it.",
    "Lawyers and victim advocates may submit a report for their clients.",
])
def test_third_parties_may_report(sentence):
    _found_in(sentence, "# Reporting", "third_party_reporting")


@pytest.mark.parametrize("sentence", [
    "If you encounter anyone who makes you feel unsafe, report them.",
    "Anyone who posts spam will be reported and banned.",
    "Parents can report child sexual abuse material involving their children to us.",
    "Anyone may submit a copyright notice through our DMCA form.",
])
def test_not_third_party_reporting(sentence):
    assert run(f"# Reporting\n\n{sentence}\n")["third_party_reporting"] != "yes"


@pytest.mark.parametrize("sentence", [
    "親友亦可代他人舉報未經同意發布的私密影像。",
    "无论你是否当事人，都可以举报未经同意发布的私密影像。",
])
def test_zh_third_parties_may_report(sentence):
    _found_in(sentence, "# 舉報", "third_party_reporting")


def test_zh_reporting_for_oneself_is_not_third_party():
    assert run("# 舉報\n\n你可以舉報未經你同意發布的私密影像。\n")["third_party_reporting"] != "yes"


# ------------------------------------------------------------------ account to report

def test_account_not_needed_next_to_a_copyright_section():
    doc = ("# Reporting\n\nCopyright owners have a separate process. It is not necessary to "
           "have an account to report prohibited content. Counter-notices go to our agent.\n")
    r = run(doc)
    assert r["account_required_to_report"] == "no"
    assert r["third_party_reporting"] == "yes"


def test_account_not_needed_for_a_copyright_notice_only():
    doc = ("# Copyright\n\nYou do not need an account to submit a copyright notice. Send it "
           "to our DMCA agent.\n")
    assert run(doc)["third_party_reporting"] != "yes"


@pytest.mark.parametrize("doc", [
    "# Reporting\n\nOnly verified users can report a post.\n",
    "# 舉報\n\n已完成實名認證的用戶，才可使用舉報功能。\n",
    "# 举报\n\n完成身份验证的用户，可通过举报功能进行举报。\n",
])
def test_account_needed(doc):
    r = run(doc)
    assert r["account_required_to_report"] == "yes"
    assert quotes(r, "account_required_to_report")


def test_zh_reporting_open_to_all_users_says_nothing_about_accounts():
    assert run("# 舉報\n\n用戶可以舉報違規內容。\n")["account_required_to_report"] == "unknown"


# ------------------------------------------------------------------ unsupported languages

DE_POLICY = ("# Gemeinschaftsrichtlinien\n\nDu darfst keine intimen Bilder anderer Personen ohne "
             "deren Einwilligung teilen. Melde solche Inhalte über das Formular.\n")
FR_POLICY = ("# Règles\n\nNe partagez pas d'images intimes d'une personne sans son "
             "consentement. Signalez ces contenus avec notre formulaire.\n")


@pytest.mark.parametrize("doc, lang", [(DE_POLICY, "de"), (FR_POLICY, "fr")])
def test_unsupported_language_gives_unknown_not_no(doc, lang):
    r = run(doc)
    assert r["languages"][0] == lang
    assert r["language_supported"] is False
    for feature in ("prohibits_ncii", "ncii_reporting_channel", "third_party_reporting",
                    "account_required_to_report"):
        assert r[feature] == "unknown", feature


def test_quoted_answers_stay_in_an_unsupported_language():
    doc = DE_POLICY + "\nNCII reports: anyone can report via https://example.org/report.\n"
    r = run(doc + "Die Nutzer sind für ihre Inhalte verantwortlich, und wir prüfen sie.\n" * 3)
    assert r["language_supported"] is False
    assert r["third_party_reporting"] == "yes" and quotes(r, "third_party_reporting")


@pytest.mark.parametrize("doc", [
    "# 规则\n\n我们禁止未经同意分享私密影像。用户可以通过举报表格举报。\n",
    "# Rules\n\nDo not share intimate images without consent.\n",
])
def test_english_and_chinese_are_supported(doc):
    r = run(doc)
    assert r["language_supported"] is True
    assert r["prohibits_ncii"] == "yes"


@pytest.mark.parametrize("ui, words", [("en", "language not supported"),
                                        ("zh-Hant", "不支援此語言")])
def test_cli_says_language_not_supported(run_tada, tmp_path, ui, words):
    path = tmp_path / "richtlinien.md"
    path.write_text(DE_POLICY, encoding="utf-8")
    result = run_tada("classify", str(path), lang=ui)
    assert result.exit_code == 0
    assert words in result.output and "de" in result.output


def test_cli_quiet_about_language_for_english(run_tada, tmp_path):
    path = tmp_path / "rules.md"
    path.write_text("# Rules\n\nDo not share intimate images without consent.\n", encoding="utf-8")
    assert "language not supported" not in run_tada("classify", str(path)).output
