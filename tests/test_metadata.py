"""Metadata fields: each from the most trustworthy source the page offers."""

from __future__ import annotations

import json

import pytest

from archiver.extract import extract
from archiver.extract.authors import clean_author
from archiver.extract.metadata import iso_date

URL = "https://news.example/2024/05/03/story/"
BODY = "<p>" + "Die Regierung hat am Freitag neue Regeln für den Verkehr beschlossen. " * 6 + "</p>"


def page(head: str = "", body: str = BODY, lang: str = "") -> str:
    lang_attr = f' lang="{lang}"' if lang else ""
    return f"<html{lang_attr}><head>{head}</head><body><article>{body}</article></body></html>"


def ld(**fields) -> str:
    return ('<script type="application/ld+json">'
            + json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", **fields})
            + "</script>")


@pytest.mark.parametrize("value, expected", [
    ("2024-05-03T10:00:00+02:00", "2024-05-03T10:00:00+02:00"),
    ("2024-05-03T08:00:00Z", "2024-05-03T08:00:00+00:00"),
    ("2024-05-03T10:00:00+0200", "2024-05-03T10:00:00+02:00"),
    ("Fri, 03 May 2024 08:00:00 GMT", "2024-05-03T08:00:00+00:00"),
    ("2024-05-03 10:00 CEST", "2024-05-03T10:00:00+02:00"),
    ("2024-05-03", "2024-05-03"),
    ("2024-05-03T10:00:00", "2024-05-03T10:00:00"),
    ("yesterday-ish", None), ("", None), ("0001-01-01", None),
])
def test_dates_become_iso_8601_with_their_zone(value, expected):
    assert iso_date(value) == expected


def test_json_ld_dates_win_over_meta_and_markup():
    html = page(ld(datePublished="2024-05-03T10:00:00+02:00", dateModified="2024-05-04T09:00:00Z")
                + '<meta property="article:published_time" content="2020-01-01T00:00:00Z">',
                body=BODY + '<time datetime="2019-01-01">1 Jan 2019</time>')
    article = extract(html, URL)
    assert article.published == "2024-05-03T10:00:00+02:00"
    assert article.modified == "2024-05-04T09:00:00+00:00"


def test_meta_then_time_element_give_the_date():
    meta = '<meta property="article:published_time" content="2024-05-03T10:00:00+02:00">'
    assert extract(page(meta), URL).published == "2024-05-03T10:00:00+02:00"
    timed = page(body=BODY + '<time datetime="2024-05-02T07:30:00+01:00">2 May</time>')
    assert extract(timed, URL).published == "2024-05-02T07:30:00+01:00"


def test_the_article_s_own_time_element_wins_over_one_elsewhere_on_the_page():
    html = ('<html><body><header><time datetime="2020-01-01">Today</time></header>'
            f'<article><time datetime="2024-05-05T10:00:00+02:00">5 May</time>{BODY}</article>'
            "</body></html>")
    assert extract(html, URL).published == "2024-05-05T10:00:00+02:00"


def test_a_page_without_date_markup_gets_the_day_from_its_url_or_text():
    assert extract(page(), URL).published == "2024-05-03"


@pytest.mark.parametrize("byline, names", [
    ("By Jane Roe and John Doe", ["Jane Roe", "John Doe"]),
    ("Jane Roe, John Doe", ["Jane Roe", "John Doe"]),
    ("Von Anna Weber und Paul Klein", ["Anna Weber", "Paul Klein"]),
    ("By Jane Roe, Senior Correspondent", ["Jane Roe"]),
    ("Jane Roe | 3 May 2024, 10:00", ["Jane Roe"]),
    ("Posted by Frank Miller - https://frank.example", ["Frank Miller"]),
    ("Veröffentlicht von Chris Jung", ["Chris Jung"]),
    ("Elena Oberholzer (obe), Oliver Maksan (oma)", ["Elena Oberholzer", "Oliver Maksan"]),
    ("d.kuckelkorn@boersen-zeitung.de", []),
    ("Emma Mackenzie, (Image: Getty Images), emma-mackenzie", ["Emma Mackenzie"]),
    ("freeman1984", ["freeman1984"]),
    ("Zeige alle Beiträge von Petra Ruland", ["Petra Ruland"]),
    ("View all posts by Cem Basman", ["Cem Basman"]),
    ("Alles von Martin Junker", ["Martin Junker"]),
    ("Johanna Kropfitsch Alle Artikel", ["Johanna Kropfitsch"]),
    ("By Perry Bacon Jr.", ["Perry Bacon Jr."]), ("Jane Roe.", ["Jane Roe"]),
    ("cipha[at]cipha.net", []),
    # a copyright mark before the name; a profile card's article count and button
    ("© Kathrin Führes", ["Kathrin Führes"]), ("(c) Jane Roe", ["Jane Roe"]),
    ("Copyright: Jane Roe", ["Jane Roe"]), ("9 articles", []), ("Follow", []),
    # the credit's roles joined before the name
    ("Text und Interview: Harald Willenbrock", ["Harald Willenbrock"]),
    ("Text and photos: Jane Roe and John Doe", ["Jane Roe", "John Doe"]),
    ("Pressemitteilung von Katja Kipping", ["Katja Kipping"]),
    ("Press release by Jane Roe", ["Jane Roe"]),
])
def test_bylines_become_clean_names(byline, names):
    assert clean_author(byline) == names


def test_the_publisher_beside_a_name_in_a_byline_is_no_author():
    head = '<meta property="og:site_name" content="CNN">'
    body = '<div class="byline">By Rob Picheta, CNN</div>' + BODY
    assert extract(page(head, body), URL).authors == ["Rob Picheta"]


def test_a_meta_author_that_is_the_publisher_gives_way_to_the_byline():
    head = ('<meta name="author" content="STERN.de">'
            '<meta property="og:site_name" content="STERN.de">')
    body = '<p class="byline">Von <span class="author">Jemima Kelly</span></p>' + BODY
    assert extract(page(head, body), URL).authors == ["Jemima Kelly"]
    # Without a byline the publisher is all the page says.
    assert extract(page(head), URL).authors == ["STERN.de"]
    # A domain names the site even where the page gives no site name.
    domain_only = '<meta name="author" content="STERN.de">'
    assert extract(page(domain_only, body), URL).authors == ["Jemima Kelly"]


@pytest.mark.parametrize("head", [
    # The host's name in other spelling.
    '<meta property="og:url" content="https://www.badische-zeitung.de/story">',
    # The site's name at the end of the <title>.
    "<title>Wohnungssuche in Freiburg | Badische Zeitung</title>",
])
def test_a_meta_author_that_names_the_site_gives_way_to_the_byline(head):
    head += '<meta name="author" content="Badische Zeitung">'
    body = '<p class="byline">Von <span class="author">Lisa Petrich</span></p>' + BODY
    assert extract(page(head, body), URL).authors == ["Lisa Petrich"]


def test_a_meta_author_naming_a_web_agency_by_its_address_gives_way_to_the_byline():
    head = '<meta name="author" content="Web Commerce GmbH www.w-commerce.de">'
    body = '<p class="byline">Von <span class="author">Alexandra Weber</span></p>' + BODY
    assert extract(page(head, body), URL).authors == ["Alexandra Weber"]


def test_a_meta_author_named_like_the_host_of_the_page_s_own_url_gives_way_to_the_byline():
    # No og:url, no canonical link: the address the page was fetched from names the site.
    head = '<meta name="author" content="Badische Zeitung">'
    body = '<p class="byline">Von <span class="author">Lisa Petrich</span></p>' + BODY
    address = "https://www.badische-zeitung.de/freiburg/wohnungssuche"
    assert extract(page(head, body), address).authors == ["Lisa Petrich"]


def test_a_meta_author_that_names_the_site_gives_way_to_a_plain_text_byline():
    head = '<title>Gedenken | L-MAG</title><meta name="author" content="L-MAG">'
    body = "<p><em>Von Claudia Lindner | 27.1.2022</em></p>" + BODY
    assert extract(page(head, body), URL).authors == ["Claudia Lindner"]


def test_a_long_meta_author_ending_with_the_site_is_a_person():
    head = ('<meta property="og:url" content="https://www.lrt.lt/story">'
            '<meta name="author" content="Povilas Aleksandravičius, Vilniaus universiteto '
            'profesorius, Lrt.lt">')
    body = '<span class="author">PA</span>' + BODY
    assert extract(page(head, body), URL).authors == ["Povilas Aleksandravičius"]


def test_a_day_after_von_is_no_byline():
    body = "<p><strong>von Montag, den 1. Mai bis Sonntag, den 7. Mai</strong></p>" + BODY
    assert extract(page(body=body), URL).authors == []


def test_json_ld_person_objects_give_the_authors():
    html = page(ld(author=[{"@type": "Person", "name": "Jane Roe"},
                           {"@type": "Person", "name": "John Doe"}]))
    assert extract(html, URL).authors == ["Jane Roe", "John Doe"]


def test_json_ld_persons_given_by_given_and_family_name_give_the_authors():
    head = ld(author=[{"@type": "Person", "givenName": "Jana", "familyName": "Berger"},
                      {"@type": "Person", "givenName": "Anna Maria", "familyName": "Roe"}])
    assert extract(page(head), URL).authors == ["Jana Berger", "Anna Maria Roe"]


def test_the_authors_of_a_cited_work_in_microdata_are_not_the_page_s():
    head = '<meta name="dc.creator" content="Jana Berger">'
    references = ('<ol><li itemprop="citation" itemscope itemtype="http://schema.org/Article">'
                  '<meta itemprop="author" content="A. Roe, B. Doe, ">Roe A, Doe B. A study.</li>'
                  '</ol>')
    assert extract(page(head, BODY + references), URL).authors == ["Jana Berger"]


def test_json_ld_authors_referenced_by_id_in_the_graph_give_the_authors():
    # Yoast SEO's graph: the article points at Person and Organization nodes by "@id".
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "NewsArticle", "headline": "Story",
         "author": [{"@id": "https://news.example/#/schema/person/1"}],
         "publisher": {"@id": "https://news.example/#organization"}},
        {"@type": "Person", "@id": "https://news.example/#/schema/person/1", "name": "Jane Roe"},
        {"@type": "Organization", "@id": "https://news.example/#organization",
         "name": "Example News"}]}
    head = f'<script type="application/ld+json">{json.dumps(graph)}</script>'
    # The theme's meta author is no one's byline; the graph's person is.
    head += '<meta name="author" content="Theme Designer">'
    assert extract(page(head), URL).authors == ["Jane Roe"]


def test_a_json_ld_author_that_is_a_cms_account_gives_way_to_the_meta_author():
    head = ld(author={"@type": "Person", "name": "admin"})
    head += '<meta name="author" content="Jane Roe">'
    assert extract(page(head), URL).authors == ["Jane Roe"]


@pytest.mark.parametrize("credit", ["Jana Berger im Gespräch mit Anna Roe",
                                    "Jana Berger in conversation with Anna Roe"])
def test_an_interview_s_credit_names_both_sides(credit):
    assert clean_author(credit) == ["Jana Berger", "Anna Roe"]


@pytest.mark.parametrize("byline", ["Guardian staff and agencies", "Staff and wire reports",
                                    "From staff and news service reports"])
def test_a_newsroom_s_staff_and_agencies_byline_is_one_credit(byline):
    assert clean_author(f"By {byline}") == [byline]


@pytest.mark.parametrize("account", ["admin", "Administrator", "wordpressadmin", "webmaster",
                                     "No Author"])
def test_a_cms_account_in_the_byline_is_no_author(account):
    body = f'<div class="byline">By <a rel="author" href="/author/1/">{account}</a></div>' + BODY
    assert extract(page(body=body), URL).authors == []


def test_the_byline_naming_co_authors_beside_the_declared_author_gives_them_all():
    # SEO plugins declare the post's owner only.
    head = ld(author={"@type": "Person", "name": "Rudolf Fischer"})
    body = ('<span class="author vcard"><span class="fn">von Rudolf Fischer, Simon Kohler'
            '</span></span>' + BODY)
    assert extract(page(head, body), URL).authors == ["Rudolf Fischer", "Simon Kohler"]
    # A byline that names someone else does not replace the declared author.
    other = '<span class="author vcard"><span class="fn">von Anna Weber, Simon Kohler</span></span>'
    assert extract(page(head, other + BODY), URL).authors == ["Rudolf Fischer"]


def test_co_authors_each_in_a_card_of_one_block_of_bylines_are_all_authors():
    card = ('<div class="byline" itemscope itemtype="http://schema.org/Person"><address>'
            '<a rel="author" href="mailto:{0}@news.example">{1}</a></address></div>')
    block = ('<div class="bylines">' + card.format("jb", "Jana Berger")
             + card.format("ar", "Anna Roe") + "</div>")
    teaser = '<div class="related"><div class="byline"><a rel="author">Tom Doe</a></div></div>'
    assert extract(page(body=block + BODY + teaser), URL).authors == ["Jana Berger", "Anna Roe"]


@pytest.mark.parametrize("login", ["janaberger", "jana.berger", "jana_berger"])
def test_a_declared_login_gives_way_to_the_name_the_byline_shows(login):
    head = ld(author={"@type": "Person", "name": login})
    assert extract(page(head), URL).authors == [login]
    byline = "<p>Autorin: Jana Berger</p>" + BODY
    assert extract(page(head, byline), URL).authors == ["Jana Berger"]


LONG = "<p>" + "Die Regierung hat am Freitag neue Regeln für den Verkehr beschlossen. " * 3 + "</p>"


@pytest.mark.parametrize("story, authors", [
    (LONG * 3 + '<p style="text-align:right"><strong>Jana Berger</strong></p>', ["Jana Berger"]),
    ("<p><em>Die Regeln gelten ab Mai</em></p><p><strong>Jana Berger/Anna Roe</strong></p>"
     + LONG * 3, ["Jana Berger", "Anna Roe"]),
])
def test_a_story_signed_with_a_name_alone_in_bold_gives_the_author(story, authors):
    assert extract(page(body=story), URL).authors == authors


@pytest.mark.parametrize("story", [
    LONG + "<p><strong>Neue Regeln</strong></p>" + LONG * 2,
    "<p><strong>Neue Regeln</strong></p>" + LONG * 3,
])
def test_a_subheading_in_bold_is_no_signature(story):
    assert extract(page(body=story), URL).authors == []


@pytest.mark.parametrize("byline", [
    # A line of a longer paragraph: the tags follow.
    '<p><strong>Autor:</strong> <a href="/profil/7">Jana Berger</a><br><strong>Tags:</strong> '
    + ", ".join(f'<a href="/tag/{tag}">{tag}</a>' for tag in (
        "Verkehrspolitik", "Bundesregierung", "Fahrradinfrastruktur", "Stadtentwicklung",
        "Nahverkehr"))
    + "</p>",
    '<section><h4>Autorin</h4><p><a href="/profil/jb">Jana Berger</a><b>, </b></p></section>',
    '<div><span class="x1">By</span><span><a href="/team/jb">Jana Berger</a></span></div>',
    "<a href=\"mailto:jb@news.example\"><b>Von:</b><br><br>Jana Berger</a>",
])
def test_a_byline_label_in_an_element_of_its_own_names_the_text_after_it(byline):
    assert extract(page(body=byline + BODY), URL).authors == ["Jana Berger"]


def test_a_role_in_a_list_of_people_is_no_byline_label():
    signers = ("<p><strong>Anna Roe</strong>, <span>author</span><br><strong>Jana Berger"
               "</strong><br><strong>Tom Doe</strong>, <span>historian</span></p>")
    assert extract(page(body=BODY + signers), URL).authors == []


def test_the_post_author_s_own_reply_among_the_comments_names_the_author():
    def reply(classes: str, name: str) -> str:
        return (f'<li class="comment {classes}"><div class="comment-author vcard"><b class="fn">'
                f'{name}</b> <span class="says">sagt:</span></div><p>Danke!</p></li>')
    replies = reply("byuser comment-author-tom", "Tom Doe") + reply(
        "byuser comment-author-jana bypostauthor", "Jana Berger")
    comments = f'<ol class="comment-list">{replies}</ol>'
    assert extract(page(body=BODY + comments), URL).authors == ["Jana Berger"]
    others = f'<ol class="comment-list">{reply("byuser", "Tom Doe")}</ol>'
    assert extract(page(body=BODY + others), URL).authors == []


def test_a_declared_author_that_cleans_to_no_name_gives_way_to_the_byline():
    head = '<meta name="author" content="Staff Writer">'
    body = "<p><em>Von Claudia Lindner | 27.1.2022</em></p>" + BODY
    assert extract(page(head, body), URL).authors == ["Claudia Lindner"]


def test_co_authors_joined_by_og_or_och_are_two_names():
    head = ld(author={"@type": "Person",
                      "name": "Trine Juncher Jørgensen og Tôrtia Reimer-Johansen"})
    assert extract(page(head), URL).authors == ["Trine Juncher Jørgensen",
                                                "Tôrtia Reimer-Johansen"]
    head = ld(author={"@type": "Person", "name": "Anna Lindqvist och Erik Berg"})
    assert extract(page(head), URL).authors == ["Anna Lindqvist", "Erik Berg"]


def test_a_picture_s_author_in_its_caption_is_not_the_byline():
    body = ('<figure><img src="/p.jpg"><figcaption itemprop="author">Foto: Mads Rasmussen'
            '</figcaption></figure><div class="byline">Af Trine Jørgensen</div>' + BODY)
    assert extract(page(body=body), URL).authors == ["Trine Jørgensen"]
    # Without "Foto:" (which `clean_author` drops anyway) the caption's name is still no byline.
    credit = ('<figure><img src="/p.jpg"><figcaption itemprop="author">Mads Rasmussen'
              '</figcaption></figure><div class="byline">Af Trine Jørgensen</div>' + BODY)
    assert extract(page(body=credit), URL).authors == ["Trine Jørgensen"]


def test_the_byline_in_the_markup_gives_the_authors_when_nothing_is_declared():
    body = '<div class="byline">By <a rel="author" href="/author/jr/">Jane Roe</a></div>' + BODY
    assert extract(page(body=body), URL).authors == ["Jane Roe"]


def test_an_author_link_that_names_nobody_gives_way_to_the_next_byline():
    head = '<link rel="author" href="/humans.txt">'
    body = ('<a rel="author" href="/author/heiko/"><img src="/a.png"></a>'
            '<span class="author vcard"><a class="url fn n" href="/author/heiko/">Heiko</a></span>'
            + BODY)
    assert extract(page(head, body), URL).authors == ["Heiko"]


@pytest.mark.parametrize("byline", [
    '<div class="td-post-author-name"><span>By</span> <a href="/p/wp/">Williams Perdomo</a></div>',
    '<p class="post-author-name">Williams Perdomo</p>',
    '<span class="author__name">Williams Perdomo</span>',
])
def test_a_theme_s_own_author_name_class_gives_the_author(byline):
    assert extract(page(body=byline + BODY), URL).authors == ["Williams Perdomo"]


def test_drupal_s_node_author_gives_the_author_and_a_picture_s_author_field_does_not():
    # Drupal names every field "field--name-field-…": the teaser image's author is a credit.
    body = ('<div class="field field--name-field-teaser-image-author">Digitalcourage</div>'
            '<div class="node__author"><span class="user__name">Leena Simon</span></div>' + BODY)
    assert extract(page(body=body), URL).authors == ["Leena Simon"]


def test_a_comment_author_name_is_not_the_article_s_author():
    body = BODY + '<span class="comment-author-name">Hans Leser</span>'
    assert extract(page(body=body), URL).authors == []


def test_a_byline_selector_that_names_nobody_gives_way_to_the_next():
    body = ('<a rel="author" href="/team/">Editor</a>'
            '<span class="byline">By <b class="vcard"><a class="fn">Cem Basman</a></b></span>'
            + BODY)
    assert extract(page(body=body), URL).authors == ["Cem Basman"]


@pytest.mark.parametrize("byline, name", [
    ("Posted by Konstantin", "Konstantin"),
    ("Posted on September 21, 2020 by Adi Tzlil", "Adi Tzlil"),
    ("By Giovanni Gaggero | 12/10/2020", "Giovanni Gaggero"),
    ("---- by Kenneth Surin", "Kenneth Surin"),
    ("Par Matthieu Hy le 12 mai 2020", "Matthieu Hy"),
    ("Blog Beitrag von Margarita Koreneva", "Margarita Koreneva"),
    ("Ein Beitrag von Anna Weber", "Anna Weber"),
    ("Autor: Klausmartin Friedrich", "Klausmartin Friedrich"),
    ("Auteur: Anna Kubišta", "Anna Kubišta"), ("Text: Ursula Eggers", "Ursula Eggers"),
    ("Verfasst von: Olga | 31. Dezember 2008", "Olga"),
    ("Erstellt von Andri Bryner", "Andri Bryner"),
])
def test_a_byline_written_as_plain_text_gives_the_author(byline, name):
    body = f'<div class="postdata"><span class="category">{byline}</span></div>' + BODY
    assert extract(page(body=body), URL).authors == [name]


def test_byline_markup_naming_the_site_gives_way_to_a_text_byline_naming_a_person():
    head = '<meta property="og:site_name" content="The Planetary Press">'
    body = ('<span class="td-post-author-name"><a href="/author/admin2/">The Planetary Press</a>'
            "</span><p><em>Written by: Julie Mollins</em></p>" + BODY)
    assert extract(page(head, body), URL).authors == ["Julie Mollins"]


def test_a_french_label_with_a_space_before_its_colon_gives_the_author():
    body = "<p>Auteur : Kossivi Tiassou </p>" + BODY
    assert extract(page(body=body), URL).authors == ["Kossivi Tiassou"]


def test_a_declared_first_name_takes_the_full_name_the_page_writes_out():
    declared = ld(author={"@type": "Person", "name": "Nils"})
    body = "<p><strong>Eine Kolumne von Nils Pickert</strong></p>" + BODY
    assert extract(page(declared, body), URL).authors == ["Nils Pickert"]
    agency = ld(author={"@type": "Organization", "name": "dpa"})
    assert extract(page(agency, "<p>dpa Sport</p>" + BODY), URL).authors == ["dpa"]


@pytest.mark.parametrize("credits", ["Text von Christian Seiler Illustration von Markus Roost",
                                     "Text: Christian Seiler Fotos: Markus Roost"])
def test_the_text_credit_of_a_text_and_picture_credit_pair_gives_the_author(credits):
    body = f"<p><em>{credits}</em></p>" + BODY
    assert extract(page(body=body), URL).authors == ["Christian Seiler"]


def test_a_text_byline_between_the_parts_of_a_meta_line_gives_the_author():
    body = '<div class="meta"><span>yas! | By Cara Stiles | April 13, 2020</span></div>'
    assert extract(page(body=body + BODY), URL).authors == ["Cara Stiles"]


def test_drupal_s_submitted_by_account_gives_the_author_when_no_byline_names_one():
    submitted = ('<p class="submitted">Gespeichert von <span class="username">rasos</span> am '
                 '<time datetime="2017-07-24T18:55:00+02:00">24. Juli 2017</time></p>')
    assert extract(page(body=submitted + BODY), URL).authors == ["rasos"]
    byline = "<p>Blog Beitrag von Margarita Koreneva</p>"
    assert extract(page(body=submitted + byline + BODY), URL).authors == ["Margarita Koreneva"]


@pytest.mark.parametrize("byline", ["Von Tomas Spahn Fr, 18. Oktober 2019",
                                    "By Tomas Spahn Fri, 10/18/2019"])
def test_the_day_after_a_byline_name_goes_from_its_weekday_on(byline):
    assert clean_author(byline) == ["Tomas Spahn"]


def test_a_twitter_handle_after_the_name_is_cut_and_an_e_mail_address_is_still_no_name():
    assert clean_author("Por Williams Perdomo @wperdomod -") == ["Williams Perdomo"]
    assert clean_author("wperdomo@example.com") == []


@pytest.mark.parametrize("name", ["PETA-Team", "MM-Redaktion"])
def test_a_capitalised_hyphenated_name_is_no_url_slug(name):
    assert extract(page(ld(author={"@type": "Person", "name": name})), URL).authors == [name]


def test_a_blog_header_linking_home_is_not_the_author():
    body = ('<h1 class="vcard author"><a class="fn" href="https://news.example/">Krimiarchiv</a>'
            '</h1><h4 class="vcard author">vom <span class="fn">Krimiblogger</span></h4>' + BODY)
    assert extract(page(body=body), URL).authors == ["Krimiblogger"]


@pytest.mark.parametrize("label", ["<strong>Autorin/Autor</strong>", "Autor*in:", "Autor:in"])
def test_a_german_gendered_label_introduces_a_text_byline(label):
    body = f"<p>{label} Roman Goncharenko</p>" + BODY
    assert extract(page(body=body), URL).authors == ["Roman Goncharenko"]


@pytest.mark.parametrize("meta_line", ["<ul><li>By Jemima Kelly</li><li>5 Nov 2024</li></ul>",
                                       "<dl><dt>Story</dt><dd>Von Jemima Kelly</dd></dl>"])
def test_a_text_byline_in_a_list_item_gives_the_author(meta_line):
    assert extract(page(body=meta_line + BODY), URL).authors == ["Jemima Kelly"]


@pytest.mark.parametrize("byline, authors", [
    ("Von Jana Berger, Anna Roe", ["Jana Berger", "Anna Roe"]),
    ("Von Jana Berger, Anna Roe und Tom Doe", ["Jana Berger", "Anna Roe", "Tom Doe"]),
    ("By Jana Berger and Anna Roe | 3 May 2024", ["Jana Berger", "Anna Roe"]),
    # A single word after a comma is the place the story is written from.
    ("Von Jana Berger, Washington", ["Jana Berger"]),
])
def test_a_text_byline_names_all_its_co_authors(byline, authors):
    body = f"<p>{byline}</p>" + BODY
    assert extract(page(body=body), URL).authors == authors


def test_a_text_byline_after_the_day_and_before_a_role_in_brackets_gives_the_author():
    body = ('<div class="news-single-timedata">05.02.2020 - Redaktion: Eberhard Fuhr '
            "(Pressesprecher des EJW)</div>" + BODY)
    assert extract(page(body=body), URL).authors == ["Eberhard Fuhr"]


@pytest.mark.parametrize("byline", ["Ein Artikel von Pamela Sladky | 27.01.2022 - 12:45",
                                    "Artikel von Pamela Sladky"])
def test_ein_artikel_von_introduces_a_plain_text_byline(byline):
    body = f'<div class="metaInfo"><strong>{byline}</strong></div>' + BODY
    assert extract(page(body=body), URL).authors == ["Pamela Sladky"]


@pytest.mark.parametrize("byline, name", [
    ('<p class="textblock">Beitrag von Eva Kirchner-Rätsch</p>', "Eva Kirchner-Rätsch"),
    ('<span class="author vcard"><a rel="author" href="/a/gk/">Günter Kienitz</a></span>',
     "Günter Kienitz"),
])
def test_a_byline_in_the_articles_own_footer_gives_the_author(byline, name):
    html = f"<html><body><article>{BODY}<footer>{byline}</footer></article></body></html>"
    assert extract(html, URL).authors == [name]


def test_by_in_a_sentence_or_a_comment_is_no_byline():
    body = (BODY + "<p>Stopped by the river.</p><div class='comments'><p>Posted by Troll</p>"
            "<span class='author'>Troll</span></div>")
    assert extract(page(body=body), URL).authors == []


def test_a_profile_url_in_article_author_is_not_a_name():
    meta = '<meta property="article:author" content="https://facebook.com/janeroe">'
    assert extract(page(meta), URL).authors == []


def test_a_published_time_without_zone_takes_the_zone_another_tag_gives_the_same_time():
    head = ld(datePublished="2023-04-28 18:11:01.0") + (
        '<meta name="date" content="2023-04-28T18:11:01+02:00">')
    assert extract(page(head), URL).published == "2023-04-28T18:11:01+02:00"
    piano = ld(datePublished="2023-04-28T13:53:25") + (
        '<meta name="cxenseparse:publishtime" content="2023-04-28T13:53:25Z">')
    assert extract(page(piano), URL).published == "2023-04-28T13:53:25+00:00"
    # Another time is another moment (an update): the declared one stays as it is.
    other = ld(datePublished="2023-04-28T13:53:25") + (
        '<meta name="date" content="2023-04-28T15:00:00+02:00">')
    assert extract(page(other), URL).published == "2023-04-28T13:53:25"


def test_a_published_day_takes_its_time_from_another_tag_of_that_day():
    head = ld(datePublished="2024-04-22") + (
        '<meta property="article:published_time" content="2024-04-22T06:00:00+02:00">')
    assert extract(page(head), URL).published == "2024-04-22T06:00:00+02:00"
    # A time of another day is another moment: the day stays.
    other = ld(datePublished="2024-04-22") + (
        '<meta property="article:published_time" content="2024-04-23T06:00:00+02:00">')
    assert extract(page(other), URL).published == "2024-04-22"


def test_json_ld_with_raw_line_breaks_in_its_strings_is_read():
    # A template that writes the text into "articleBody" as it is: JSON allows no raw line
    # break or tab in a string, browsers and search engines read it all the same.
    head = ('<script type="application/ld+json">{"@type": "BlogPosting", "headline": "Floods",'
            ' "articleBody": "First line.\n\tSecond line.", "author": {"@type": "Person",'
            ' "name": "Jacopo Rossi"}}</script>')
    assert extract(page(head), URL).authors == ["Jacopo Rossi"]


def test_language_from_markup_normalised_else_guessed_from_the_text():
    assert extract(page(lang="de_de"), URL).language == "de-DE"
    assert extract(page(ld(inLanguage="fr")), URL).language == "fr"
    assert extract(page(), URL).language == "de"


def test_tags_from_keywords_split_and_deduplicated():
    html = page(ld(keywords="Verkehr, Politik, Verkehr") + '<meta name="keywords" content="x">')
    assert extract(html, URL).tags == ["Verkehr", "Politik"]


@pytest.mark.parametrize("keywords, tags", [
    ("Melas; web novel; Web Novel", ["Melas", "web novel"]),  # ";" lists, case-blind repeats
    # Escaped twice by the CMS: the attribute holds "&amp;".
    ("Governance &amp;amp; Traditional Affairs", ["Governance & Traditional Affairs"]),
    ("_Prio_3, Salzburg", ["Salzburg"]),  # the CMS's internal marker
    ("'VW-Chef, Diess, China'", ["VW-Chef", "Diess", "China"]),  # a quoted list
])
def test_tags_are_split_decoded_and_kept_once_without_internal_markers(keywords, tags):
    html = page(f'<meta name="keywords" content="{keywords}">')
    assert extract(html, URL).tags == tags


def test_title_prefers_the_full_h1_and_drops_the_site_name():
    head = ('<meta property="og:title" content="Regierung beschließt neue Regeln | Beispiel News">'
            '<meta property="og:site_name" content="Beispiel News">')
    assert extract(page(head), URL).title == "Regierung beschließt neue Regeln"
    truncated = '<meta property="og:title" content="Regierung beschließt neue…">'
    html = page(truncated, body="<h1>Regierung beschließt neue Regeln für den Verkehr</h1>" + BODY)
    assert extract(html, URL).title == "Regierung beschließt neue Regeln für den Verkehr"


def test_title_is_the_h1_when_meta_tags_differ_only_in_typography():
    head = ('<meta property="og:title" content="Warum ich lieber \'Bauchgeburt\' sage - Jane News">'
            '<meta property="og:site_name" content="Jane News">')
    html = page(head, body="<h1>Warum ich lieber „Bauchgeburt“ sage</h1>" + BODY)
    assert extract(html, URL).title == "Warum ich lieber „Bauchgeburt“ sage"


def test_an_seo_headline_in_json_ld_gives_way_to_the_one_the_page_shows():
    head = (ld(headline="Starmer suggests he will continue taking gifts from Lord Alli")
            + '<meta property="og:title" content="Starmer defiant over taking gifts | News">')
    html = page(head, body="<h1>Starmer defiant over taking gifts</h1>" + BODY)
    assert extract(html, URL).title == "Starmer defiant over taking gifts"
    # No heading shows any of them: the JSON-LD headline.
    assert extract(page(head), URL).title == (
        "Starmer suggests he will continue taking gifts from Lord Alli")


def test_cutting_the_site_name_keeps_the_headline_s_closing_quote():
    head = ('<meta property="og:title" content="«Wir waren 40 Tage in Quarantäne» - Stiftung">'
            '<meta property="og:site_name" content="Stiftung">')
    assert extract(page(head), URL).title == "«Wir waren 40 Tage in Quarantäne»"


def test_a_meta_title_cut_at_an_unescaped_quote_is_made_whole_from_the_page_title():
    # The page wrote content="... de "incapacitado"": the attribute ends at the first quote.
    head = ('<title>Senador califica a Biden de "incapacitado" | El Universal</title>'
            '<meta property="og:title" content="Senador califica a Biden de "incapacitado"">'
            '<meta property="og:site_name" content="El Universal">')
    assert extract(page(head), URL).title == 'Senador califica a Biden de "incapacitado"'


def test_the_kicker_above_a_headline_is_not_part_of_the_title():
    h1 = ('<h1><span class="seitenkopf__topline">Interne Unterlagen im Netz</span> '
          '<span class="seitenkopf__headline">Daten von Rheinmetall gehackt</span></h1>')
    assert extract(page(body=h1 + BODY), URL).title == "Daten von Rheinmetall gehackt"


def test_of_several_h1_the_title_is_the_one_the_page_title_names():
    head = "<title>Zoll online - Fachmeldungen - Verkündung des Gesetzes</title>"
    body = "<h1>Zoll</h1><h1>Fachmeldungen</h1><h1>Verkündung des Gesetzes</h1>" + BODY
    assert extract(page(head, body), URL).title == "Verkündung des Gesetzes"


def test_without_h1_the_title_is_the_part_of_the_page_title_a_heading_shows():
    head = "<title>Alles Neue macht der Mai | Bibliothek 2.0 und mehr</title>"
    body = "<h2>Alles Neue macht der Mai</h2>" + BODY
    assert extract(page(head, body), URL).title == "Alles Neue macht der Mai"
    # No heading shows a part: the whole <title>, as the page gives it.
    assert extract(page(head), URL).title == "Alles Neue macht der Mai | Bibliothek 2.0 und mehr"


@pytest.mark.parametrize("home", ["https://news.example/", "/en/", "/index.htm"])
def test_a_site_name_h1_is_not_the_title(home):
    # Blog themes: the site's name is an <h1> linking home, the post's title an <h2>.
    head = "<title>Four Years Remaining » Blog Archive » Interning of Small Integers</title>"
    html = (f"<html><head>{head}</head><body><header id='masthead'><h1>Masthead</h1></header>"
            f"<h1><a href='{home}'>Four Years Remaining</a></h1><div class='post'>"
            f"<h2><a href='/2024/05/03/story/'>Interning of Small Integers</a></h2>{BODY}</div>"
            "</body></html>")
    assert extract(html, URL).title == "Interning of Small Integers"


def test_a_site_name_h1_is_not_the_title_of_a_page_a_web_archive_serves():
    # The Wayback Machine rewrites every link into its own: the home is the archived one.
    archived = "https://web.archive.org/web/20080731095558/http://www.blog.example/"
    html = (f"<html><head><title>Was ist Virales Marketing? | DimidoBlog</title></head><body>"
            f"<h1><a href='{archived}'>DimidoBlog</a></h1><div class='post'>"
            f"<h2><a href='{archived}2008/07/29/viral/'>Was ist Virales Marketing?</a></h2>"
            f"{BODY}</div></body></html>")
    assert extract(html, archived + "2008/07/29/viral/").title == "Was ist Virales Marketing?"


def test_a_headline_s_ruby_readings_are_not_its_text():
    # Japanese furigana: the reading printed over a character is no part of the headline.
    head = ('<meta property="og:title" content="NEWS WEB EASY|'
            '子どもへの体罰を禁止する法律ができる"><meta property="og:site_name" '
            'content="NEWS WEB EASY">')
    body = ("<h1><ruby>子<rt>こ</rt></ruby>どもへの<ruby>体罰<rp>(</rp><rt>たいばつ</rt><rp>)</rp>"
            "</ruby>を<ruby>禁止<rt>きんし</rt></ruby>する<ruby>法律<rt>ほうりつ</rt></ruby>ができる"
            "</h1>" + BODY)
    assert extract(page(head, body), URL).title == "子どもへの体罰を禁止する法律ができる"


def test_the_headline_h1_counts_wherever_page_wide_classes_or_content_headers_put_it():
    h1 = "<header class='ba-content-header'><h1>Arbeitslosenzahlen 2022</h1></header>"
    html = (f"<html><body class='single wp-custom-logo'>{h1}<div class='text'>{BODY}</div>"
            "</body></html>")
    assert extract(html, URL).title == "Arbeitslosenzahlen 2022"


def test_entities_in_meta_titles_are_decoded():
    head = '<meta property="og:title" content="Trainer: &amp;quot;Nichts zu verlieren&amp;quot;">'
    assert extract(page(head), URL).title == 'Trainer: "Nichts zu verlieren"'


def test_canonical_url_is_trusted_only_on_the_same_site():
    same = '<link rel="canonical" href="https://www.news.example/story/">'
    assert extract(page(same), URL).canonical_url == "https://www.news.example/story/"
    other = '<link rel="canonical" href="https://elsewhere.example/story/">'
    assert extract(page(other), URL).canonical_url == URL


def test_json_ld_and_meta_source_credits_join_the_attribution():
    html = page(ld(sourceOrganization={"@type": "Organization", "name": "Reuters"})
                + '<meta name="source" content="dpa">')
    assert extract(html, URL).attribution == ["Reuters", "dpa"]


def test_a_declared_source_that_is_the_site_itself_is_no_credit():
    # URL is on news.example: its own name, its own address and its host are no attribution.
    head = (ld(sourceOrganization={"@type": "Organization", "name": "News Example"},
               isBasedOn="https://news.example/2024/05/03/story/")
            + '<meta property="og:site_name" content="News Example">'
            + '<meta name="source" content="Les Échos">')
    assert extract(page(head), URL).attribution == ["Les Échos"]
    elsewhere = ld(isBasedOn="https://www.wire.example/original/123")
    assert extract(page(elsewhere), URL).attribution == ["wire.example"]
    # The site's address without a scheme is the site too.
    bare = ld(isBasedOn="www.news.example/2024/05/03/story/")
    assert extract(page(bare), URL).attribution == []
    # The host's name written with accents is the site too.
    accented = '<meta name="source" content="La Vie des idées">'
    address = "https://laviedesidees.fr/story"
    assert extract(page(accented), address).attribution == []


def test_a_kicker_the_h1_shows_and_the_declared_title_leaves_out_is_not_part_of_the_title():
    head = (ld(headline="Verkehr: Regierung beschließt neue Regeln")
            + '<meta property="og:title" content="Regierung beschließt neue Regeln">')
    html = page(head, body="<h1>Verkehr: Regierung beschließt neue Regeln</h1>" + BODY)
    assert extract(html, URL).title == "Regierung beschließt neue Regeln"
    # A word of the headline is no kicker.
    head = (ld(headline="MSV-Trainer Schubert: Nichts zu verlieren")
            + '<meta property="og:title" content="Trainer Schubert: Nichts zu verlieren">')
    html = page(head, body="<h1>MSV-Trainer Schubert: Nichts zu verlieren</h1>" + BODY)
    assert extract(html, URL).title == "MSV-Trainer Schubert: Nichts zu verlieren"


@pytest.mark.parametrize("subtitle", [
    '<span class="entry-subtitle">Was die Regeln für Pendler bedeuten</span>',
    "<br><small>3. Mai 2024 • Verkehr, Politik</small>",
])
def test_the_subtitle_inside_an_h1_is_not_part_of_the_title(subtitle):
    head = '<meta property="og:title" content="Regierung beschließt neue Regeln">'
    html = page(head, body=f"<h1>Regierung beschließt neue Regeln {subtitle}</h1>" + BODY)
    assert extract(html, URL).title == "Regierung beschließt neue Regeln"


def test_without_json_ld_the_one_h1_on_the_subject_wins_over_an_seo_og_title():
    seo = "Firmenwagen: Leasen oder Finanzieren? Was lohnt sich?"
    head = f'<meta property="og:title" content="{seo}">'
    h1 = "<h1>Firmenwagen: Leasing oder Finanzierung?</h1>"
    assert extract(page(head, h1 + BODY), URL).title == "Firmenwagen: Leasing oder Finanzierung?"
    # An <h1> on another subject is a section's label, not the headline.
    assert extract(page(head, "<h1>Details</h1>" + BODY), URL).title == seo
    # A JSON-LD headline is the publisher's own word on the title.
    assert extract(page(head + ld(headline=seo), h1 + BODY), URL).title == seo


@pytest.mark.parametrize("kicker", [
    "<small>Tunesien</small><br>",
    '<span class="entry-title__toptitle">Tunesien</span>',
])
def test_a_kicker_in_small_print_or_a_top_title_inside_an_h1_is_not_part_of_the_title(kicker):
    html = page(body=f"<h1>{kicker} Große Aufgaben für die neue Regierung</h1>" + BODY)
    assert extract(html, URL).title == "Große Aufgaben für die neue Regierung"


@pytest.mark.parametrize("credit, names", [("(责编：王小明、李华)", ["王小明", "李华"]),
                                           ("【纠错】 责任编辑： 张伟", ["张伟"])])
def test_a_chinese_editor_label_names_the_author_when_nothing_else_does(credit, names):
    body = BODY + f'<div class="edit">{credit}</div>'
    assert extract(page(body=body), URL).authors == names


@pytest.mark.parametrize("meta_line", ["Datum: 12.04.2023 Autor: Jana Berger/dpa",
                                       "Datum: 12.04.2023 Autor: Jana Berger Quelle: Agentur",
                                       "12.04.2023 13:30 von Jana Berger"])
def test_a_text_byline_after_a_dated_field_gives_the_author(meta_line):
    body = f'<div class="info"><span>{meta_line}</span></div>' + BODY
    assert extract(page(body=body), URL).authors == ["Jana Berger"]


@pytest.mark.parametrize("meta_line, authors", [
    ("11.12.2019 - Jana Berger", ["Jana Berger"]),
    ("04.02.2022 | 13:10 Uhr | Jana Berger", ["Jana Berger"]),
    # A video's credit: duration, day, name.
    ("<span>03:07 Min.</span> <span>| 25.04.24</span> <span>|Jana Berger</span>", []),
])
def test_a_full_name_alone_after_the_day_of_a_meta_line_is_the_author(meta_line, authors):
    body = f'<p class="meta">{meta_line}</p>' + BODY
    assert extract(page(body=body), URL).authors == authors


def test_any_author_class_marks_a_byline_when_nothing_else_names_one():
    body = ('<div class="header-info__authors"><a class="header-info__author-link" '
            'href="/redaction/">Jana Berger</a></div>' + BODY)
    assert extract(page(body=body), URL).authors == ["Jana Berger"]
    declared = ld(author={"@type": "Organization", "name": "Example News"},
                  publisher={"@type": "Organization", "name": "Example News"})
    source = '<p class="text__byline">Quelle: dpa</p>' + BODY
    assert extract(page(declared, source), URL).authors == ["Example News"]


@pytest.mark.parametrize("byline", ["Artikel von: Jana Berger", "By: Jana Berger",
                                    "von: Jana Berger"])
def test_a_byline_label_with_a_colon_is_no_part_of_the_name(byline):
    assert clean_author(byline) == ["Jana Berger"]


def test_a_declared_author_that_abbreviates_the_site_gives_way_to_the_byline():
    byline = "<p>Autorin: Jana Berger</p>" + BODY
    initials = ld(author={"@type": "Organization", "name": "KN"},
                  publisher={"@type": "Organization", "name": "Kieler Nachrichten"})
    assert extract(page(initials, byline), URL).authors == ["Jana Berger"]
    spelled_out = '<meta name="author" content="Freie Ernst-Stiftung e.V.">'
    assert extract(page(spelled_out, byline), "https://fes.example/news/1").authors == [
        "Jana Berger"]


@pytest.mark.parametrize("byline, names", [
    ("By Staff Writer", ["Staff Writer"]),
    ("Planet staff reporter", ["Planet staff reporter"]),
    ("By Jana Berger, Staff Writer", ["Jana Berger"]),
])
def test_a_newsroom_s_staff_byline_is_kept_when_it_names_no_person(byline, names):
    assert clean_author(byline) == names


@pytest.mark.parametrize("byline", ["김민수 기자", "김민수 특파원"])
def test_a_korean_role_after_the_name_is_no_part_of_it(byline):
    assert clean_author(byline) == ["김민수"]


@pytest.mark.parametrize("header", [
    '<div class="p-description"><ul><li><a class="username" href="/members/jb.7/">jana_b</a>'
    "</li><li><time>12. Apr 2023</time></li></ul></div>",
    '<p class="author">Beitrag von <strong><a class="username" href="/u/7">jana_b</a></strong>'
    " » 12. Apr 2023, 10:00</p>",
])
def test_a_forum_names_the_thread_s_starter_in_its_header(header):
    assert extract(page(body=header + BODY), URL).authors == ["jana_b"]


@pytest.mark.parametrize("byline", ["By Jana Berger, PhD", "Jana Berger, MD, MPH"])
def test_an_academic_degree_after_the_name_is_no_other_author(byline):
    assert clean_author(byline) == ["Jana Berger"]


@pytest.mark.parametrize("byline", ["Interview: Jana Berger", "Text: Jana Berger"])
def test_an_interview_or_text_credit_label_is_no_part_of_the_name(byline):
    assert clean_author(byline) == ["Jana Berger"]


def test_a_year_alone_is_no_day_of_publication():
    # Scholarly pages mark up each citation's year: <meta itemprop="datePublished" content="1988">.
    citation = '<meta itemprop="datePublished" content="1988">'
    html = page(body=BODY + citation + '<time datetime="2017-01-30">30 January 2017</time>')
    assert extract(html, URL).published == "2017-01-30"
    assert iso_date("2017-01") is None


def test_the_unix_epoch_is_an_empty_date_field_not_a_date():
    head = ld(datePublished="1970-01-01T01:00:00+01:00", dateModified="1970-01-01T01:00:00+01:00")
    article = extract(page(head), URL)
    assert (article.published, article.modified) == ("2024-05-03", None)


@pytest.mark.parametrize("value, expected", [
    ("10.12.2022, 07:00:03", "2022-12-10T07:00:03"), ("06.11.2023", "2023-11-06"),
])
def test_a_dotted_numeric_date_puts_the_day_first(value, expected):
    assert iso_date(value) == expected


def test_a_time_in_a_list_of_related_posts_dates_another_article():
    related = ('<ul class="related-posts"><li><article><p class="post-date">'
               '<time datetime="2009-04-11 18:06:36">11. April 2009</time></p></article></li></ul>')
    assert extract(page(body=BODY + related), URL).published == "2024-05-03"


def test_an_update_saved_before_a_scheduled_publication_is_no_later_modification():
    head = ld(datePublished="2023-01-01T07:00:55+00:00", dateModified="2022-12-29T13:25:54+00:00")
    assert extract(page(head), URL).modified == "2023-01-01T07:00:55+00:00"
    later = ld(datePublished="2023-01-01T07:00:55+00:00", dateModified="2023-01-02T08:00:00Z")
    assert extract(page(later), URL).modified == "2023-01-02T08:00:00+00:00"


def test_the_editorial_article_tags_win_over_seo_keywords_in_json_ld():
    head = ld(keywords="juez, cita, investigado") + (
        '<meta property="article:tag" content="Madrid"><meta property="article:tag" '
        'content="Fiestas populares">')
    assert extract(page(head), URL).tags == ["Madrid", "Fiestas populares"]


def test_empty_json_ld_keywords_give_way_to_the_keywords_meta_tag():
    head = ld(keywords="") + '<meta name="keywords" content="Abnehmen">'
    assert extract(page(head), URL).tags == ["Abnehmen"]


ENGLISH = "<p>" + "The government adopted new traffic rules on Friday morning. " * 6 + "</p>"


def test_a_theme_s_default_english_gives_way_to_the_language_the_body_is_written_in():
    assert extract(page(lang="en-US"), URL).language == "de"
    assert extract(page(lang="en-US", body=ENGLISH), URL).language == "en-US"
    # Another declared language is the site's own choice: it stays.
    assert extract(page(lang="fr"), URL).language == "fr"


@pytest.mark.parametrize("head, lang, expected", [
    (ld(inLanguage="kr"), "ko", "ko"),  # a country code is no language: the next declaration
    (ld(inLanguage="eng"), "", "en"),  # ISO 639-2 codes in their BCP 47 form
    ("", "zh-hant-tw", "zh-Hant-TW"),
    ("", "es-419", "es-419"), ("", "de-ere", "de"),  # a subtag no tag has is left out
])
def test_declared_languages_become_bcp_47_tags(head, lang, expected):
    assert extract(page(head, body="<p>Too short to tell.</p>", lang=lang),
                   URL).language == expected


def test_a_canonical_on_another_subdomain_of_the_site_is_trusted():
    edition = '<link rel="canonical" href="https://www.news.example/2024/05/03/story/">'
    assert extract(page(edition), "https://edition.news.example/2024/05/03/story/") \
        .canonical_url == "https://www.news.example/2024/05/03/story/"
    # Two sites on one host platform are not one site.
    blog = '<link rel="canonical" href="https://bob.blogs.example/story/">'
    assert extract(page(blog), "https://alice.blogs.example/story/").canonical_url \
        == "https://alice.blogs.example/story/"


def test_a_canonical_pointing_to_the_home_page_on_an_article_gives_way_to_og_url():
    head = ('<link rel="canonical" href="https://www.news.example">'
            '<meta property="og:url" content="https://www.news.example/2024/05/03/story/">')
    assert extract(page(head), URL).canonical_url == "https://www.news.example/2024/05/03/story/"


@pytest.mark.parametrize("meta_line", [
    '<span class="date">Actualizado el: <time datetime="2024-05-04 21:12:57">4 mayo</time></span>',
    '<p>Veröffentlicht <time datetime="2024-05-03T08:00:00+02:00">3. Mai</time> '
    '<span>Aktualisiert am <time datetime="2024-05-04T21:12:57+02:00">4. Mai</time></span></p>',
    '<time datetime="2024-05-04T21:12:57+02:00">Updated May 4, 2024</time>',
])
def test_a_time_labelled_as_an_update_gives_the_modified_date_not_the_published(meta_line):
    article = extract(page(body=meta_line + BODY), URL)
    assert article.published.startswith("2024-05-03")
    assert article.modified.startswith("2024-05-04T21:12:57")


@pytest.mark.parametrize("head, body, expected", [
    # The update, written unambiguously, shows the day comes first.
    ('<meta property="article:published_time" content="10/05/2022 05:22 pm">'
     '<meta property="article:modified_time" content="2022/05/10 17:36:11">', BODY,
     "2022-05-10T17:22:00"),
    # The <time>'s own text shows it.
    ("", '<time datetime="01-11-2023 10:29">1. November 2023 10:29</time>' + BODY,
     "2023-11-01T10:29:00"),
    # Nothing says otherwise: month first, as dateutil reads it.
    ('<meta property="article:published_time" content="11/01/2023 12:43:42">', BODY,
     "2023-11-01T12:43:42"),
])
def test_a_date_readable_either_way_is_read_as_the_page_s_other_dates_show_it(head, body,
                                                                              expected):
    assert extract(page(head, body=body), URL).published == expected


@pytest.mark.parametrize("keywords, tags", [
    # written for machines: a UUID, snake_case tokens, namespaced codes, paths
    ("8f507083-bac4-423a-9015-2eb31e1bce50, India, editors_pick, ISIN_US3453708600",
     ["India"]),
    ("ivw:homepage, RSBI:HUMAN-RIGHTS, /article, Berlin, x86_64", ["Berlin", "x86_64"]),
    ("sections/sverige, topic/misshandel & överfall", ["sverige", "misshandel & överfall"]),
    ("Business, Finance, & Economics", ["Business, Finance, & Economics"]),  # one name
    # labelled keywords: topic fields give their value, bookkeeping fields nothing
    ("Category: Travel, NLP Category: General, NLP Entity Tokens: Jasper, Partner: Factiva, "
     "Day: Friday, WC: 1000-1999, Wine", ["Travel", "General", "Jasper", "Wine"]),
    ("DIY: Kleines Farbbüchlein, Basteln", ["DIY: Kleines Farbbüchlein", "Basteln"]),
])
def test_tags_leave_out_what_a_cms_writes_for_machines(keywords, tags):
    html = page(f'<meta name="keywords" content="{keywords}">')
    assert extract(html, URL).tags == tags


def test_the_site_s_own_address_is_no_tag():
    html = page('<meta name="keywords" content="Ottawa, www.example-news.com, news.example-'
                'news.com, Node.js">')
    assert extract(html, "https://www.example-news.com/a/1").tags == ["Ottawa", "Node.js"]


@pytest.mark.parametrize("credit, names", [
    ("Bundesministerium für Wirtschaft und Klimaschutz",
     ["Bundesministerium für Wirtschaft und Klimaschutz"]),
    ("Ministry of Housing, Communities and Local Government",
     ["Ministry of Housing, Communities and Local Government"]),
    ("Procter & Gamble", ["Procter & Gamble"]),
    # Government bodies, often in capitals in press releases.
    ("U.S. CUSTOMS AND BORDER PROTECTION", ["U.S. CUSTOMS AND BORDER PROTECTION"]),
    ("Food and Drug Administration", ["Food and Drug Administration"]),
    ("Nordlicht Verlag GmbH, München, Germany", ["Nordlicht Verlag GmbH"]),
    ("Stadtblatt, Frankfurt a. M., Deutschland", ["Stadtblatt"]),
    ("Alpha GmbH, Beta GmbH", ["Alpha GmbH", "Beta GmbH"]),
    # People's names still part ...
    ("Jane Roe and John Doe", ["Jane Roe", "John Doe"]),
    ("Anna, Tom und Lisa", ["Anna", "Tom", "Lisa"]),
    ("Jana Berger und Anna Roe, Nairobi", ["Jana Berger", "Anna Roe", "Nairobi"]),
    # ... and lose the country after them.
    ("Jane Roe, Berlin, Germany", ["Jane Roe"]),
])
def test_an_organisation_as_the_author_stays_whole_without_its_postal_tail(credit, names):
    assert clean_author(credit) == names


@pytest.mark.parametrize("credit, names", [
    ("By Jane Roe and John Doe of The Times", ["Jane Roe", "John Doe"]),
    ("Jane Roe of the Associated Press", ["Jane Roe"]),
    ("Bank of England", ["Bank of England"]),  # one name, no person's
    ("Ministry of Defence", ["Ministry of Defence"]),
])
def test_people_lose_the_newsroom_named_after_them(credit, names):
    assert clean_author(credit) == names


def test_what_the_page_declares_about_itself_from_opengraph():
    head = ('<meta property="og:description" content="The council &amp; the budget.">'
            '<meta name="description" content="Another summary">'
            '<meta property="og:image" content="/images/council.jpg">'
            '<meta property="article:section" content="Politics">'
            '<meta property="og:site_name" content="City News">')
    article = extract(page(head), URL)
    assert (article.description, article.image_url, article.section, article.publisher) == (
        "The council & the budget.", "https://news.example/images/council.jpg", "Politics",
        "City News")


def test_what_the_page_declares_about_itself_from_json_ld():
    head = ld(description="A summary.", articleSection=["Politik", "Berlin"],
              image=[{"@type": "ImageObject", "url": "https://cdn.example/a.jpg"},
                     "https://cdn.example/b.jpg"],
              publisher={"@type": "Organization", "name": "Berliner Blatt"})
    article = extract(page(head), URL)
    assert (article.description, article.image_url, article.section, article.publisher) == (
        "A summary.", "https://cdn.example/a.jpg", "Politik", "Berliner Blatt")


def test_a_lead_image_that_is_no_web_address_is_none_and_twitter_describes_as_a_fallback():
    head = ('<meta property="og:image" content="data:image/png;base64,iVBOR">'
            '<meta name="twitter:description" content="Said on Twitter.">')
    article = extract(page(head), URL)
    assert (article.image_url, article.description, article.section) == (
        None, "Said on Twitter.", None)
    # A malformed address is skipped, not the whole page: the next image counts.
    broken = ('<meta property="og:image" content="http://[::1/lead.jpg">'
              '<meta name="twitter:image" content="https://cdn.example/lead.jpg">')
    article = extract(page(broken), URL)
    assert article.image_url == "https://cdn.example/lead.jpg"
    assert article.body and article.body.startswith("Die Regierung hat am Freitag")


@pytest.mark.parametrize("heading", ["About the author", "Meet the author",
                                     "À propos de l'auteur", "Over de auteur", "Об авторе",
                                     "Informazioni sull'autore", "O autorze"])
def test_an_author_box_s_heading_is_no_author(heading):
    # The box as news themes write it (the page gives no byline besides): a heading, then a
    # biography that names the author at its start.
    box = (f'<div class="author-box"><h4 class="author-box-title">{heading}</h4>'
           "<p><strong>Liina Kask</strong> is a staff correspondent covering energy.</p></div>")
    assert extract(page(body=BODY + box), URL).authors == []


def test_an_author_box_is_no_byline():
    # Its text runs the heading into the biography: "About the authorShe covers energy".
    box = ('<div class="author-box"><h4>About the author</h4>'
           "<p>She covers energy and the grid.</p></div>")
    assert extract(page(body=BODY + box), URL).authors == []
