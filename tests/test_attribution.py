"""Each way a page credits a source: found, named one way, and cut from the body."""

from __future__ import annotations

import pytest

from archiver.extract.attribution import find_attribution, normalise_source

CASES = [
    # (paragraphs, expected paragraphs, expected sources)
    (["Officials spoke. (Source attribution: DEA News)"], ["Officials spoke."], ["DEA News"]),
    (["One. (Source attribution: DEA News)", "Two. (Source attribution:  DEA News )"],
     ["One.", "Two."], ["DEA News"]),
    (["Story text.", "Source: Reuters"], ["Story text."], ["Reuters"]),
    (["Story text.", "Sources: Reuters, AFP and dpa"], ["Story text."],
     ["Reuters", "AFP", "dpa"]),
    (["Story text.", "Quelle: dpa"], ["Story text."], ["dpa"]),
    (["Story text (Source: Baltic Wire)."], ["Story text."], ["Baltic Wire"]),
    (["WASHINGTON (Reuters) - The Senate voted on Tuesday."],
     ["WASHINGTON (Reuters) - The Senate voted on Tuesday."], ["Reuters"]),
    (["(AP) — Rescuers reached the village."], ["(AP) — Rescuers reached the village."], ["AP"]),
    (["(EFE).- Nicaragua cerró 2021."], ["(EFE).- Nicaragua cerró 2021."], ["EFE"]),
    (["Story text.", "Originally published by The Conversation."], ["Story text."],
     ["The Conversation"]),
    (["Story text.", "This article was originally published at Grist."], ["Story text."],
     ["Grist"]),
    (["Story text.", "This article first appeared in The Guardian on 3 May 2024."],
     ["Story text."], ["The Guardian"]),
    (["Story text.", "With reporting by Anna Smith and Reuters."], ["Story text."],
     ["Anna Smith", "Reuters"]),
    (["The minister resigned (via Bloomberg)."], ["The minister resigned."], ["Bloomberg"]),
    (["The minister resigned — via Politico"], ["The minister resigned"], ["Politico"]),
]


@pytest.mark.parametrize("paragraphs, body, sources", CASES)
def test_each_attribution_form_is_found_and_its_marker_cut(paragraphs, body, sources):
    found = find_attribution(paragraphs)
    assert found.paragraphs == body
    assert found.sources == sources
    assert found.raw, "the raw credit line is kept"


def test_a_dateline_in_parentheses_that_is_no_wire_service_is_not_a_source():
    found = find_attribution(["BERLIN (Updated) - Talks resumed."])
    assert found.sources == []
    assert found.paragraphs == ["BERLIN (Updated) - Talks resumed."]


def test_text_that_merely_mentions_sources_is_left_alone():
    text = "Sources close to the talks said the deal, reached via video link, was final."
    found = find_attribution([text])
    assert found.sources == [] and found.paragraphs == [text]


@pytest.mark.parametrize("raw, name", [
    ("  DEA News. ", "DEA News"), ("“Reuters”", "Reuters"), ("The Associated Press", "AP"),
    ("Agence France-Presse", "AFP"), ("Quelle: F.A.Z.", "F.A.Z."), ("U.S.", "U.S."),
    ("Agentur A.B.C. Nachrichten.", "Agentur A.B.C. Nachrichten"),
])
def test_source_names_are_normalised(raw, name):
    assert normalise_source(raw) == name


def test_a_street_called_via_is_no_source():
    line = "Lavazza S.p.A. – Via Bologna, 32 – 10152 Torino – Italien"
    found = find_attribution([line])
    assert found.sources == [] and found.paragraphs == [line]


@pytest.mark.parametrize("line, sources", [
    ("Quelle: MDR THÜRINGEN/ls", ["MDR THÜRINGEN"]),  # the newsroom's initials
    ("Quelle: selbst ist der Mann 12 / 2013", ["selbst ist der Mann"]),  # the issue
    ("Quelle: c't Nr. 5/2020", ["c't"]),
    # the kind of document is no source
    ("Quelle: Technische Universität Darmstadt, Pressemitteilung",
     ["Technische Universität Darmstadt"]),
    ("Source: City of Leeds press release", ["City of Leeds press release"]),
    ("Quelle: http://forum.xda-developers.com/arch.../t-964896.html",
     ["forum.xda-developers.com"]),
    ("(Quelle: Cozy & Cuddly)", ["Cozy & Cuddly"]),  # "&" is part of a name
    ("Additional reporting by Steve Gorman; Editing by Marguerita Choy, Nick Zieminski",
     ["Steve Gorman"]),  # the desk's editors are no sources
    # a newsroom's writer: the newsroom; people without where they were
    ("With reporting by Associated Press writer Sheikh Saaliq", ["AP"]),
    ("Reporting by Jane Roe in London and John Doe in Paris", ["Jane Roe", "John Doe"]),
])
def test_a_credit_line_lists_its_sources_and_nothing_else(line, sources):
    found = find_attribution(["Story text.", line])
    assert found.sources == sources
    assert found.paragraphs == ["Story text."]


@pytest.mark.parametrize("raw, name", [
    ("来源：新华网", "新华网"), ("Quelle: dpa", "dpa"),
    ("© www.juragentur.de - Rechtsnews für Ihre Anwaltshomepage", "juragentur.de"),
])
def test_a_declared_source_loses_its_label_and_an_address_becomes_its_host(raw, name):
    assert normalise_source(raw) == name


def test_the_same_source_in_two_spellings_is_listed_once():
    found = find_attribution(["A. (Source attribution: reuters)",
                              "B. (Source attribution: Reuters)"])
    assert found.sources == ["Reuters"]


@pytest.mark.parametrize("paragraph, sources", [
    ("Associated Press writer John Leicester in Paris contributed to this report.", ["AP"]),
    ("Voting ends Tuesday. Associated Press writers Will Weissert in Johnstown, Pennsylvania, "
     "and Bill Barrow in Atlanta contributed to this report.", ["AP"]),
    ("Jane Doe of The Washington Post contributed to this report.", ["The Washington Post"]),
    ("Reuters contributed to this report.", ["Reuters"]),
    ("Alex Isenstadt contributed to this report.", ["Alex Isenstadt"]),
    ("Staff writer Jane Doe contributed reporting to this story.", ["Jane Doe"]),
    ("Jane Roe in Boston and John Doe in Chicago contributed to this article.",
     ["Jane Roe", "John Doe"]),
])
def test_a_contributed_to_this_report_line_credits_the_newsroom_or_the_people(paragraph,
                                                                              sources):
    found = find_attribution(["Story text.", paragraph])
    assert found.sources == sources
    assert found.paragraphs == ["Story text.", paragraph]  # the line is part of the story


@pytest.mark.parametrize("paragraph", [
    "Many delays contributed to this report's late release.",
    "Several factors contributed to this story, the editor said.",
])
def test_other_sentences_about_contributing_credit_nobody(paragraph):
    assert find_attribution([paragraph]).sources == []
