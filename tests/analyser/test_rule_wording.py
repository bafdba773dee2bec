"""How policies word their rules: bans written as "No ...", media described by what it shows,
forms named for what they do, general privacy rules, and disclaimers that are not rules.

Every sentence here is invented for these tests.
"""

from __future__ import annotations

import pytest

from crawlers.analysis.analyser import analyse


def prohibits(text: str) -> str:
    return analyse(text, None, "markdown")["prohibits_ncii"]


@pytest.mark.parametrize("text, expected", [
    # A list of bans, each opening with "No".
    ("House rules:\n\n- No spam.\n- No posting of nude photos of a person without their "
     "permission.\n", "yes"),
    ("No sharing intimate videos of anyone without consent.", "yes"),
    ("No nudity.", "partial"),
    ("No pornography or sexually explicit images, except in art.", "partial"),
    # A sentence opening with "No" that states a fact is not a ban.
    ("No account is needed to look at nude paintings in our gallery.", "no"),
    ("No personal data about you is ever sold to advertisers.", "no"),
])
def test_bans_written_as_no_phrases(text, expected):
    assert prohibits(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Do not upload videos that show your former partner naked without their consent.", "yes"),
    ("Don't post content depicting a real person in intimate situations without their "
     "agreement.", "yes"),
    ("You may not share material that portrays someone in a state of undress without their "
     "permission.", "yes"),
    ("請勿未經同意發布他人的裸露畫面。", "yes"),
    # A consent requirement for the people shown is the same rule, stated positively.
    ("Do not post explicit videos unless every person shown has consented to their "
     "publication.", "yes"),
    ("We will remove nude images: every person pictured must have given their consent.",
     "yes"),
    ("Do not post explicit videos unless you have agreed to these terms.", "partial"),
    # Consent missing for the depicted act, not for sharing: sexual violence, a general rule.
    ("We do not allow content that depicts sexual acts performed without consent.", "partial"),
    # Nudity of children is a child-safety rule, not a general rule about adults.
    ("We remove content that shows children naked.", "no"),
])
def test_media_described_by_what_it_shows(text, expected):
    assert prohibits(text) == expected


@pytest.mark.parametrize("text", [
    "## Intimate images shared without consent\n\nWe remove intimate images posted without "
    "consent. If you are in them, use our intimate image takedown form.\n",
    "We do not allow revenge porn. Victims can fill in the revenge porn complaint form.\n",
    "我們禁止未經同意發布私密影像。受影響人士可填寫私密影像移除表格。\n",
])
def test_removal_forms_are_reporting_channels(text):
    assert analyse(text, None, "markdown")["ncii_reporting_channel"] == "yes"


def test_a_removal_form_for_copyright_is_not_an_ncii_channel():
    text = ("We do not allow revenge porn.\n\n## Copyright\n\nCopyright owners can use our "
            "copyright removal form.\n")
    assert analyse(text, None, "markdown")["ncii_reporting_channel"] == "no"


@pytest.mark.parametrize("text, expected", [
    ("Respect the rights of others, including their privacy, and do not break the law.",
     "partial"),
    ("You must not use the app to violate anyone's legal rights, such as privacy or "
     "publicity rights.", "partial"),
    ("Do not take photos or videos of other people without their permission.", "partial"),
    ("You will not publish another person's personal data.", "partial"),
    ("不得侵犯他人肖像權。", "partial"),
    ("用戶不得侵犯第三方的權利，例如私隱及版權。", "partial"),
    # Rights named only as intellectual property, or not named at all, are not privacy rules.
    ("Do not infringe the intellectual property rights of others.", "no"),
    ("You must not infringe any third party rights or any other proprietary rights.", "no"),
    ("Do not use the service for anything illegal.", "no"),
    # A user's own privacy rights under the privacy policy are not a rule about others.
    ("Your rights, including your privacy rights, are described in our privacy notice.", "no"),
])
def test_general_privacy_rules_are_partial(text, expected):
    assert prohibits(text) == expected


@pytest.mark.parametrize("text", [
    "We are not liable for any nudity posted by other users, and you must not sue us.",
    "You may be exposed to content that is sexually explicit. Do not rely on our filters.",
    "You acknowledge that you are aware that some content contains pornography; you agree "
    "not to complain about it.",
    "本公司不會就用戶發布的色情內容承擔任何責任，用戶不得要求賠償。",
])
def test_disclaimers_are_not_rules(text):
    assert prohibits(text) == "no"


def test_evidence_quotes_the_ban():
    text = "Our rules:\n\n- No hate speech.\n- No sharing of intimate images without consent.\n"
    result = analyse(text, None, "markdown")
    assert {"feature": "prohibits_ncii",
            "quote": "No sharing of intimate images without consent."} in result["evidence"]
