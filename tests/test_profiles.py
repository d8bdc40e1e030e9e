"""Site profiles: a matching profile's selectors win over the generic rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiver.extract import extract, parse
from archiver.extract.profiles import PROFILES_DIR, ProfileError, load_profile, load_profiles

PROJECT = Path(__file__).resolve().parents[1]

PAGE = """<html lang="en"><head><title>Generic title | Site</title>
<meta property="og:title" content="Generic title">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Generic title",
 "author": {"@type": "Person", "name": "Generic Author"}}</script></head>
<body><article><h1>Generic title</h1>
<div class="entry-content"><p>Generic paragraph one that the theme marks as the body text of
the article and that a generic extractor would take.</p><p>Generic paragraph two, long enough
to count as article text for the container rules in the generic path of extraction.</p>
<p>A third generic paragraph so the container holds more than enough prose to be chosen.</p></div>
<div class="real-story"><h2 class="real-title">The real headline</h2>
<p class="txt">Real first paragraph.</p><p class="txt promo">Buy now</p>
<p class="txt">Real second paragraph. (Source attribution: DEA News)</p>
<span class="writer">Jane Roe</span><span class="writer">John Doe</span></div>
</article></body></html>"""

PROFILE = """
domains = ["profiled.example"]
[fields]
title = "css:h2.real-title"
body = "css:.real-story p.txt"
authors = "xpath://span[@class='writer']/text()"
[remove]
selectors = ["css:.promo"]
"""


@pytest.fixture
def profiles(tmp_path):
    (tmp_path / "profiled.toml").write_text(PROFILE)
    return (load_profile(tmp_path / "profiled.toml"),)


def test_a_matching_profile_wins_over_the_generic_path(profiles):
    article = extract(PAGE, "https://www.profiled.example/story/", profiles=profiles)
    assert article.title == "The real headline"
    assert article.body == "Real first paragraph.\n\nReal second paragraph."
    assert article.authors == ["Jane Roe", "John Doe"]
    assert article.attribution == ["DEA News"]  # profile bodies go through attribution too
    assert article.language == "en"  # a field the profile does not name stays generic


def test_a_profile_for_another_site_is_not_used(profiles):
    article = extract(PAGE, "https://other.example/story/", profiles=profiles)
    assert article.title == "Generic title"
    assert article.authors == ["Generic Author"]
    assert article.body.startswith("Generic paragraph one")


@pytest.mark.parametrize("text, message", [
    ("domains = [", "profiled.toml"),
    ("[fields]\ntitle = 'css:h1'", "`domains` must be a non-empty list"),
    ("domains = ['a.example']\n[fields]\nheadline = 'css:h1'", "unknown fields ['headline']"),
    ("domains = ['a.example']\n[fields]\ntitle = 'h1'", "must start with css: or xpath:"),
    ("domains = ['a.example']\n[fields]\ntitle = 'xpath://h1[@'", "is invalid"),
])
def test_a_broken_profile_is_refused_with_its_file_and_reason(tmp_path, text, message):
    path = tmp_path / "profiled.toml"
    path.write_text(text)
    with pytest.raises(ProfileError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_profile(path)


def proof_problems(profile, root: Path) -> list[str]:
    """Why `profile` does not prove itself on its saved page (empty when it does)."""
    if not profile.test_page:
        return [f"profile {profile.name} names no test_page"]
    page = root / profile.test_page
    if not page.exists():
        return [f"profile {profile.name}: {page} is missing"]
    found = profile.extract(parse(page.read_bytes())[1], f"https://{profile.domains[0]}/")
    missing = sorted(set(profile.fields) - set(found))
    return [f"profile {profile.name} finds nothing for {missing}"] if missing else []


def test_a_profile_proves_itself_only_with_a_saved_page_where_each_field_is_found(tmp_path):
    (tmp_path / "page.html").write_text(PAGE)
    (tmp_path / "good.toml").write_text(PROFILE)
    assert proof_problems(load_profile(tmp_path / "good.toml"), tmp_path) == [
        "profile good names no test_page"]
    (tmp_path / "good.toml").write_text('test_page = "page.html"\n' + PROFILE)
    assert proof_problems(load_profile(tmp_path / "good.toml"), tmp_path) == []
    (tmp_path / "bad.toml").write_text('test_page = "page.html"\n'
                                       + PROFILE.replace("h2.real-title", "h2.gone"))
    assert proof_problems(load_profile(tmp_path / "bad.toml"), tmp_path) == [
        "profile bad finds nothing for ['title']"]


def test_every_packaged_profile_proves_itself_on_a_saved_page():
    profiles = load_profiles()
    # Every file loads (none shipped yet: the loop starts checking with the first one).
    assert len(profiles) == len(list(PROFILES_DIR.glob("*.toml")))
    for profile in profiles:
        assert proof_problems(profile, PROJECT) == []


def test_a_profile_canonical_url_follows_the_same_rules_as_the_page_own(tmp_path):
    for href, expected in [("/story/?utm_source=x", "https://profiled.example/story/"),
                           ("https://elsewhere.example/story/", "https://profiled.example/a/")]:
        (tmp_path / "p.toml").write_text(
            'domains = ["profiled.example"]\n[fields]\ncanonical_url = "css:a.canon::attr(href)"')
        html = PAGE.replace("<article>", f'<article><a class="canon" href="{href}">link</a>')
        article = extract(html, "https://profiled.example/a/",
                          profiles=(load_profile(tmp_path / "p.toml"),))
        assert article.canonical_url == expected
