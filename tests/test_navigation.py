"""find_neighbours on saved pages: the markup real sites use, and the traps next to it."""

from __future__ import annotations

from pathlib import Path

import parsel
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.extract.navigation import (
    LABELS,
    find_neighbours,
    find_text_pages,
    read_navigation,
)

FIXTURES = Path(__file__).parent / "fixtures" / "navigation"

LEDGER = "https://www.dailyledger.example"

# fixture name -> (URL the page was saved from, expected previous, expected next)
CASES: dict[str, tuple[str, str | None, str | None]] = {
    # 1. head <link rel="prev|previous|next">, case-insensitive
    "link_rel_head": (
        f"{LEDGER}/2024/05/14/council-approves-budget/",
        f"{LEDGER}/2024/05/13/bridge-closure-extended/",
        f"{LEDGER}/2024/05/15/school-board-vote-delayed/",
    ),
    # 2. <a rel="prev"> / <a rel="next nofollow"> in the body, relative hrefs
    "a_rel": (
        "https://www.harbourtimes.example/news/2024/05/14/ferry-fares-rise/",
        "https://www.harbourtimes.example/news/2024/05/13/harbour-dredging-plan/",
        "https://www.harbourtimes.example/news/2024/05/15/new-pier-opens/",
    ),
    # 3. WordPress classic: nav.post-navigation .nav-previous a / .nav-next a
    "wordpress_classic": (
        f"{LEDGER}/2024/05/14/library-hours-extended/",
        f"{LEDGER}/2024/05/13/new-bike-lanes-on-main-street/",
        f"{LEDGER}/2024/05/15/farmers-market-returns/",
    ),
    # 4. WordPress block theme: .wp-block-post-navigation-link, next to a query-loop pager
    "wordpress_block": (
        "https://ledger-blocks.example/2024/05/14/river-cleanup-draws-hundreds/",
        "https://ledger-blocks.example/2024/05/13/tree-planting-record/",
        "https://ledger-blocks.example/2024/05/15/new-recycling-centre/",
    ),
    # 5. Newspaper: .td-post-next-prev, label beside the link; head rel=next is page 2
    "newspaper_theme": (
        "https://www.metro-wire.example/2024/05/14/stadium-deal-signed/",
        "https://www.metro-wire.example/2024/05/13/coach-signs-extension/",
        "https://www.metro-wire.example/2024/05/15/marathon-route-changes/",
    ),
    # 5. JNews: .jeg_prevnext_post, caption inside the link
    "jnews": (
        "https://kabarkota.example/2024/05/14/jembatan-baru-dibuka/",
        "https://kabarkota.example/2024/05/13/harga-beras-turun/",
        "https://kabarkota.example/2024/05/15/festival-kuliner-digelar/",
    ),
    # 5. generic: <div class="prev"><span>Previous Article</span><a href>Title</a></div>
    "labelled_block": (
        "https://www.valleygazette.example/local/2024/05/14/school-roof-repairs-finished",
        "https://www.valleygazette.example/local/2024/05/13/bus-route-47-restored",
        "https://www.valleygazette.example/local/2024/05/15/council-tax-bills-explained",
    ),
    # 5. "Previous story" / "Next story" headings above the links, no known container
    "story_headings": (
        "https://www.northernecho.example/news/24301933.snow-closes-moor-roads/",
        "https://www.northernecho.example/news/24301870.gritters-out-overnight/",
        "https://www.northernecho.example/news/24302011.school-closures-list/",
    ),
    # 5. Soledad: .post-pagination, label in a sibling of the link's parent
    "soledad": (
        "https://www.stylefile.example/fashion/linen-suits-are-back/",
        "https://www.stylefile.example/fashion/the-return-of-the-loafer/",
        "https://www.stylefile.example/fashion/ten-white-shirts-tested/",
    ),
    # "Previous Article: Title" and "<span>Next</span> Title" inside the link
    "label_in_link": (
        "https://www.techdispatch.example/articles/chip-plant-expansion",
        "https://www.techdispatch.example/articles/battery-startup-raises-50m",
        "https://www.techdispatch.example/articles/quantum-lab-opens",
    ),
    # icon-only links labelled by aria-label / title
    "aria_label": (
        "https://www.coastreport.example/2024/05/14/lifeboat-crew-honoured.html",
        "https://www.coastreport.example/2024/05/13/pier-repairs-begin.html",
        "https://www.coastreport.example/2024/05/15/seal-pups-counted.html",
    ),
    # Twenty Twenty: arrows and .previous-post / .next-post in nav.pagination-single
    "twentytwenty": (
        "https://blog.ruralnotes.example/2024/05/14/lambing-season-ends/",
        "https://blog.ruralnotes.example/2024/05/07/fencing-the-top-field/",
        "https://blog.ruralnotes.example/2024/05/21/shearing-day/",
    ),
    # Blogger: "Older Post" is the previous one, "Newer Post" the next; "Home" is not
    "blogger": (
        "https://allotmentdiary.blogspot.com/2024/05/first-strawberries.html",
        "https://allotmentdiary.blogspot.com/2024/05/potatoes-earthed-up.html",
        "https://allotmentdiary.blogspot.com/2024/05/netting-the-fruit-cage.html",
    ),
    # "« Previous" / "Next »" outside any container; a listing's "Next »" is not taken
    "arrows": (
        "https://www.riverside-chronicle.example/2024/05/14/museum-reopens.aspx",
        "https://www.riverside-chronicle.example/2024/05/13/theatre-season-announced.aspx",
        "https://www.riverside-chronicle.example/2024/05/15/artist-in-residence.aspx",
    ),
    # the post navigation beats head <link rel> put there by an SEO plugin
    "head_vs_post_navigation": (
        f"{LEDGER}/2024/05/14/tram-line-approved/",
        f"{LEDGER}/2024/05/13/bus-lanes-consultation/",
        f"{LEDGER}/2024/05/15/cycle-hire-expands/",
    ),
    # relative links resolve against <base href>, not the page URL
    "base_href": (
        "https://www.example-news.com/archive/2024/05/14/story.html",
        "https://www.example-news.com/archive/2024/05/13/canal-path-reopens.html",
        "https://www.example-news.com/archive/2024/05/15/new-cafe-on-the-square.html",
    ),
    # 6. languages
    "german": (
        "https://www.rheinblick.example/lokales/2024/05/14/neue-radwege-fuer-die-altstadt/",
        "https://www.rheinblick.example/lokales/2024/05/13/brueckensanierung-verzoegert-sich/",
        "https://www.rheinblick.example/lokales/2024/05/15/wochenmarkt-zieht-um/",
    ),
    "german_zurueck_weiter": (
        "https://blog.wanderlust-berlin.example/2024/05/14/spreewald-mit-dem-kanu/",
        "https://blog.wanderlust-berlin.example/2024/05/07/radtour-an-der-havel/",
        "https://blog.wanderlust-berlin.example/2024/05/21/wandern-in-der-saechsischen-schweiz/",
    ),
    "french": (
        "https://www.le-courrier-du-lac.example/actualites/2024/05/14/la-plage-municipale-rouvre/",
        "https://www.le-courrier-du-lac.example/actualites/2024/05/13/le-marche-nocturne-revient/",
        "https://www.le-courrier-du-lac.example/actualites/2024/05/15/fermeture-du-pont-de-pierre/",
    ),
    "spanish": (
        "https://www.diariodelvalle.example/noticias/2024/05/14/abre-el-nuevo-mercado-central/",
        "https://www.diariodelvalle.example/noticias/2024/05/13/cortes-de-agua-en-el-centro/",
        "https://www.diariodelvalle.example/noticias/2024/05/15/nueva-linea-de-autobus/",
    ),
    "russian": (
        "https://gorod-news.example/novosti/2024/05/14/v-parke-otkryli-novuyu-alleyu/",
        "https://gorod-news.example/novosti/2024/05/13/remont-mosta-zavershen/",
        "https://gorod-news.example/novosti/2024/05/15/na-naberezhnoj-poyavyatsya-fontany/",
    ),
    "japanese": (
        "https://machi-journal.example/archives/2024/05/14/shinkansen-new-station/",
        "https://machi-journal.example/archives/2024/05/13/bus-timetable-revision/",
        "https://machi-journal.example/archives/2024/05/15/library-renewal/",
    ),
    "italian": (
        "https://www.gazzettadelborgo.example/cronaca/2024/05/14/riapre-il-teatro/",
        "https://www.gazzettadelborgo.example/cronaca/2024/05/13/nuovo-parcheggio/",
        "https://www.gazzettadelborgo.example/cronaca/2024/05/15/festa-patronale/",
    ),
    "portuguese": (
        "https://www.jornaldaserra.example/noticias/2024/05/14/feira-do-livro-comeca/",
        "https://www.jornaldaserra.example/noticias/2024/05/13/obras-na-avenida/",
        "https://www.jornaldaserra.example/noticias/2024/05/15/novo-hospital/",
    ),
    "dutch": (
        "https://www.dorpsbode.example/nieuws/2024/05/14/nieuwe-brug-over-de-vaart/",
        "https://www.dorpsbode.example/nieuws/2024/05/13/kermis-verplaatst/",
        "https://www.dorpsbode.example/nieuws/2024/05/15/ijssalon-open/",
    ),
    "polish": (
        "https://www.gazeta-miejska.example/wiadomosci/2024/05/14/nowy-park-na-osiedlu/",
        "https://www.gazeta-miejska.example/wiadomosci/2024/05/13/remont-ulicy-dlugiej/",
        "https://www.gazeta-miejska.example/wiadomosci/2024/05/15/festyn-rodzinny/",
    ),
    # traps: an archive page's "Older posts", page numbers, "Load more", head rel=next page 2
    "listing_pagination": (f"{LEDGER}/category/world/", None, None),
    # traps: comment navigation (.nav-previous in #comment-nav-*, rel, ?cpage=); head is right
    "comment_pagination": (
        f"{LEDGER}/2024/05/14/readers-letters-may/",
        f"{LEDGER}/2024/05/13/weekend-weather/",
        f"{LEDGER}/2024/05/15/parking-survey-results/",
    ),
    # traps: page 2 of a multi-page article links to pages 1 and 3, in the head and the body
    "multipage_article": ("https://magazine.example.org/features/inside-the-port/2/", None, None),
    # traps: ?page=2 of this article; the labelled next article is taken instead
    "multipage_query": (
        "https://www.citypaper.example/news/article/tram-extension?page=1",
        None,
        "https://www.citypaper.example/news/article/new-depot-for-buses",
    ),
    # traps: slider arrows, photo pager, attachment navigation; head links are right
    "gallery": (
        f"{LEDGER}/2024/05/14/flower-show-in-pictures/",
        f"{LEDGER}/2024/05/13/garden-centre-expands/",
        f"{LEDGER}/2024/05/15/allotment-waiting-list/",
    ),
    # traps: section, author, tag, topic and date-archive links labelled like neighbours
    "category_links": (f"{LEDGER}/2024/05/14/heatwave-warning-issued/", None, None),
    # traps: "previous" is the home page, "next" the page itself (#fragment, no slash)
    "self_and_home": (f"{LEDGER}/2024/01/01/welcome-to-the-new-site/", None, None),
    # a neighbour on another site is returned; the partner's home / category are not
    "external_neighbour": (
        "https://www.westbury-post.example/news/2024/05/14/hospital-wing-opens/",
        "https://www.westbury-post.example/news/2024/05/13/gp-surgery-merger/",
        "https://www.eastbury-herald.example/news/2024/05/15/ambulance-times-improve/",
    ),
}


def load(name: str) -> tuple[parsel.Selector, str]:
    """A saved page as the spider sees it, and the URL it was saved from."""
    html = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    return parsel.Selector(text=html, type="html"), CASES[name][0]


def test_every_fixture_has_a_case():
    assert sorted(p.stem for p in FIXTURES.glob("*.html")) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture(name):
    page, url = load(name)
    assert find_neighbours(page, url) == CASES[name][1:]


def page_with(markup: str, head: str = "") -> parsel.Selector:
    """A minimal article page with `markup` after the article."""
    html = (f"<html><head><title>t</title>{head}</head><body><nav class='menu'>"
            "<a href='/category/a/'>A</a></nav><article><p>Text.</p></article>"
            f"{markup}</body></html>")
    return parsel.Selector(text=html, type="html")


URL = "https://site.example/2024/05/14/this-story/"
PREV = "https://site.example/2024/05/13/earlier-story/"
NEXT = "https://site.example/2024/05/15/later-story/"


@pytest.mark.parametrize(
    ("language", "prev_label", "next_label"),
    [(language, prev, next_) for language, labels in LABELS.items()
     for prev, next_ in zip(labels.prev, labels.next, strict=False)],
)
def test_every_label_beside_a_link(language, prev_label, next_label):
    # Any case, any whitespace inside and around the label.
    spread = next_label.title().replace(" ", " \n\t ")
    page = page_with(f"""<div class="box"><div><span>{prev_label.upper()}</span>
        <a href="/2024/05/13/earlier-story/">Earlier</a></div>
        <div><span>  {spread} </span>
        <a href="/2024/05/15/later-story/">Later</a></div></div>""")
    assert find_neighbours(page, URL) == (PREV, NEXT)


@pytest.mark.parametrize(
    ("language", "prev_label", "next_label"),
    [(language, labels.weak_prev[0], labels.weak_next[0]) for language, labels in LABELS.items()],
)
def test_bare_words_only_inside_a_post_navigation(language, prev_label, next_label):
    links = (f'<a href="/2024/05/13/earlier-story/">{prev_label}</a>'
             f'<a href="/2024/05/15/later-story/">{next_label}</a>')
    assert find_neighbours(page_with(f'<div class="post-navigation">{links}</div>'), URL) == (
        PREV, NEXT)
    assert find_neighbours(page_with(f'<div class="box">{links}</div>'), URL) == (None, None)


@pytest.mark.parametrize(
    "label", [label for labels in LABELS.values() for label in labels.other])
def test_other_labels_are_never_neighbours(label):
    page = page_with(f'<div class="post-navigation"><a href="/2024/05/15/later-story/">{label}'
                     '</a></div>')
    assert find_neighbours(page, URL) == (None, None)


def test_a_label_in_a_script_without_spaces_may_run_into_the_title():
    # Thai, like Chinese and Japanese, writes no space between words.
    page = page_with('<div class="box"><a href="/2024/05/13/earlier-story/">'
                     'บทความก่อนหน้าน้ำท่วมภาคเหนือ</a><a href="/2024/05/15/later-story/">'
                     'บทความถัดไปเทศกาลเก็บเกี่ยว</a></div>')
    assert find_neighbours(page, URL) == (PREV, NEXT)


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<a rel="next" href="/2024/05/14/this-story/#comments">Next</a>', None),
        ('<a rel="next" href="https://site.example/2024/05/14/this-story">Next</a>', None),
        ('<a rel="next" href="http://site.example/2024/05/14/this-story/?">Next</a>', None),
        ('<a rel="next" href="/">Next</a>', None),
        ('<a rel="next" href="/en/">Next</a>', None),
        ('<a rel="next" href="/index.php">Next</a>', None),
        ('<a rel="next" href="/2024/05/">Next</a>', None),
        ('<a rel="next" href="/2024/05/14/this-story/2/">Next</a>', None),
        ('<a rel="next" href="/2024/05/14/this-story/?page=2">Next</a>', None),
        ('<a rel="next" href="/2024/05/14/this-story/seite-2">Next</a>', None),
        ('<a rel="next" href="/page/2/">Next</a>', None),
        ('<a rel="next" href="/?paged=2">Next</a>', None),
        # Drupal numbers each of a page's pagers: "?page=0,1"
        ('<a rel="next" href="/?page=0%2C1">Next</a>', None),
        ('<a rel="next" href="/news?page=1,0">Next</a>', None),
        ('<a rel="next" href="/2024/05/14/this-story/comment-page-2/">Next</a>', None),
        ('<a rel="next" href="/2024/05/14/this-story/?cpage=2">Next</a>', None),
        # this page with parameters: a calendar box paging by month, a sort order
        ('<a rel="next" href="/2024/05/14/this-story/?month=6">Next</a>', None),
        ('<a rel="next" href="/tag/rain/">Next</a>', None),
        # a picture of a gallery, here the story's own
        ('<a rel="next" href="/life/photo-gallery/4243/embed/4788/costume">Next</a>', None),
        ('<a rel="next" href="/?cat=4">Next</a>', None),
        ('<a rel="next" href="#">Next</a>', None),
        ('<a rel="next" href="javascript:next()">Next</a>', None),
        ('<a rel="next" href="/2024/05/15/later-story/#respond">Next</a>', None),
        ('<a rel="next" href="/2024/05/15/later-story/#main">Next</a>', NEXT),
        ('<a rel="next" href="/2024/05/15/later-story/2/">Next</a>', NEXT + "2/"),
        ('<a rel="next" href="https://other.example/2024/05/15/x/">Next</a>',
         "https://other.example/2024/05/15/x/"),
    ],
)
def test_urls_that_are_not_neighbours(markup, expected):
    assert find_neighbours(page_with(markup), URL)[1] == expected


def test_small_numeric_ids_are_articles_not_pages():
    page = page_with('<a rel="prev" href="/news/14">A</a><a rel="next" href="/news/16">B</a>')
    assert find_neighbours(page, "https://site.example/news/15") == (
        "https://site.example/news/14", "https://site.example/news/16")


def test_numeric_ids_at_the_root_are_articles_not_date_archives():
    page = page_with('<a rel="prev" href="/811">A</a><a rel="next" href="/2024/">B</a>')
    assert find_neighbours(page, "https://blog.example/822") == ("https://blog.example/811", None)


def test_numbered_posts_that_read_as_years_beside_one_another():
    page = page_with('<a rel="prev" href="/1899">A</a><a rel="next" href="/1931/">B</a>')
    assert find_neighbours(page, "https://blog.example/1927") == (
        "https://blog.example/1899", "https://blog.example/1931/")


def test_articles_told_apart_by_their_query():
    page = page_with('<a rel="prev" href="news.php?id=14">A</a><a rel="next" href="news.php?id=16'
                     '&amp;month=6">B</a>')
    assert find_neighbours(page, "https://site.example/news.php?id=15") == (
        "https://site.example/news.php?id=14", "https://site.example/news.php?id=16&month=6")


def test_nothing_to_find():
    assert find_neighbours(page_with(""), URL) == (None, None)
    assert find_neighbours(parsel.Selector(text="<html></html>", type="html"), URL) == (None, None)


EARLIER, LATER = "/2024/05/13/earlier-story/", "/2024/05/15/later-story/"


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # a label after its link
        (f'<div class="x"><a href="{EARLIER}">A</a><span>Previous article</span></div>',
         (PREV, None)),
        # two labels and two links in one block: each label takes the link after it
        (f'<div><span>Previous article</span><a href="{EARLIER}">A</a>'
         f'<span>Next article</span><a href="{LATER}">B</a></div>', (PREV, NEXT)),
        # a category link between the label and the article
        (f'<div class="prev"><span>Previous Article</span><a href="/category/x/">X</a>'
         f'<a href="{EARLIER}">A</a></div>', (PREV, None)),
        # classic post navigation without rel or label
        (f'<nav class="navigation post-navigation"><div class="nav-links">'
         f'<div class="nav-previous"><a href="{EARLIER}">A</a></div>'
         f'<div class="nav-next"><a href="{LATER}">B</a></div></div></nav>', (PREV, NEXT)),
        # arrows before / after the titles, in a post navigation
        (f'<nav class="post-navigation"><a href="{EARLIER}">&larr; Title A</a>'
         f'<a href="{LATER}">Title B &rarr;</a></nav>', (PREV, NEXT)),
        # image and icon links
        (f'<a href="{EARLIER}"><img src="/prev.gif" alt="Previous article"></a>'
         f'<a href="{LATER}"><svg><title>Next post</title></svg></a>', (PREV, NEXT)),
        # a page wrapper's state class ("menu-closed") does not make the page a menu
        (f'<div class="site menu-closed"><div class="a"><div><span>Next Article</span>'
         f'<a href="{LATER}">B</a></div></div></div>', (None, NEXT)),
        # a word that starts a title is not a label
        (f'<div class="post-navigation"><a href="{EARLIER}">Next generation batteries</a></div>',
         (None, None)),
        # a slider button's label labels nothing
        (f'<div><button>Next Article</button><a href="{LATER}">B</a></div>', (None, None)),
        # a sentence that starts like a label is not one
        (f'<div><p>Next story in our series: the harbour.</p><a href="{LATER}">B</a></div>',
         (None, None)),
        # listing pagination with prev / next classes and arrowed labels
        (f'<div class="pagination"><a class="prev" href="{EARLIER}">&laquo; Previous</a>'
         f'<a class="next" href="{LATER}">Next &raquo;</a></div>', (None, None)),
        # rel="prev next" says nothing
        (f'<a rel="prev next" href="{EARLIER}">A</a>', (None, None)),
        # a bare "Next" outside any post navigation says nothing
        (f'<div class="box"><a href="{LATER}">Next</a></div>', (None, None)),
        # an element's own post-navigation class beats a chrome one beside it (Underscores
        # themes, Bootstrap pagers)
        (f'<nav class="site-navigation post-navigation"><div class="nav-previous">'
         f'<a href="{EARLIER}">A</a></div></nav>', (PREV, None)),
        (f'<ul class="nav navbar-nav pager"><li class="previous"><a href="{EARLIER}">A</a></li>'
         f'<li class="next"><a href="{LATER}">B</a></li></ul>', (PREV, NEXT)),
        # a theme's "pagination" block holding the post navigation, labelled as such
        (f'<nav class="pagination"><a class="prev-link" href="{EARLIER}">Vorheriger Beitrag</a>'
         f'<a class="next-link" href="{LATER}">Nächster Beitrag</a></nav>', (PREV, NEXT)),
        # a layout wrapper around the whole story says nothing, even with "slider" in its class
        (f'<div class="theme_header_featured_slider_boxed"><h1>Story</h1><p>Text</p>'
         f'<div class="navigation-previous-blog"><a href="{EARLIER}">&larr; Previous post</a>'
         f'</div></div>', (PREV, None)),
        # the newest article: its "Next" label has no link, and the block's one link is the
        # previous article's, which says so itself
        (f'<ul class="post-nav"><li class="next"><strong>Nächster Beitrag</strong></li>'
         f'<li class="previous"><strong>Vorheriger Beitrag</strong>'
         f'<a href="{EARLIER}" rel="prev">A</a></li></ul>', (PREV, None)),
        (f'<div><div><span>Next article</span></div>'
         f'<div class="nav-previous"><a href="{EARLIER}">A</a></div></div>', (PREV, None)),
        # ... nor reaches the next list item's link, here to the section's overview
        ('<ul class="contentnav"><li class="forward"><span>Next article</span></li>'
         '<li class="overview"><a href="/news">All news</a></li></ul>', (None, None)),
        # a pagination block inside a post navigation is part of it (a news group's WordPress)
        (f'<nav class="pagination post-navigation"><nav class="pagination">'
         f'<a class="previous" href="{EARLIER}">A</a><a class="next" href="{LATER}">B</a>'
         f'</nav></nav>', (PREV, NEXT)),
        # Squarespace's item pagination pages between posts, not listing pages (7.1, Brine),
        # newest first: its "prev" is the newer post
        (f'<section class="blog-item-pagination"><a href="{LATER}" class="blog-item-'
         f'pagination-link blog-item-pagination-link--prev"><h2>B</h2></a><a href="{EARLIER}" '
         f'class="blog-item-pagination-link blog-item-pagination-link--next"><h2>A</h2></a>'
         f'</section>', (PREV, NEXT)),
        (f'<nav class="BlogItem-pagination clear"><a class="BlogItem-pagination-link '
         f'BlogItem-pagination-link--next" href="{EARLIER}">A</a></nav>', (PREV, None)),
        # Hugo PaperMod's paginav pages newest first: its "« Prev" (a.prev) is the newer post;
        # older versions, and its translations, call the posts pages: "Next Page »"
        (f'<nav class="paginav"><a class="prev" href="{LATER}"><span class="title">« Prev'
         f'</span><br><span>B</span></a><a class="next" href="{EARLIER}"><span class="title">'
         f'Next »</span><br><span>A</span></a></nav>', (PREV, NEXT)),
        (f'<nav class="paginav"><a class="prev" href="{LATER}"><span class="title">« Prev Page'
         f'</span><br><span>B</span></a><a class="next" href="{EARLIER}"><span class="title">'
         f'Next Page »</span><br><span>A</span></a></nav>', (PREV, NEXT)),
        (f'<nav class="paginav"><a class="next" href="{EARLIER}"><span class="title">'
         f'Nächste Seite »</span><br><span>A</span></a></nav>', (PREV, None)),
        # ... while its list pages' "Next Page »" stays listing pagination
        (f'<footer class="page-footer"><nav class="pagination"><a class="prev" href="{LATER}">'
         f'« Prev Page</a><a class="next" href="{EARLIER}">Next Page »</a></nav></footer>',
         (None, None)),
        # Themeco's X / Pro themes: icon links in the header, newest first like PaperMod
        (f'<div class="x-nav-articles"><a href="{LATER}" title="" class="prev">'
         f'<i class="x-icon-arrow-left"></i></a><a href="{EARLIER}" title="" class="next">'
         f'<i class="x-icon-arrow-right"></i></a></div>', (PREV, NEXT)),
        (f'<div class="x-nav-articles"><a href="{EARLIER}" title="Next Post" class="next">'
         f'<i class="x-icon-arrow-right"></i></a></div>', (PREV, None)),
        # heavy chevrons are arrows too: "Nächster ❯" outside any post navigation
        (f'<div class="box"><a href="{EARLIER}">❮ Zurück</a><a href="{LATER}">Nächster ❯</a>'
         f'</div>', (PREV, NEXT)),
        # a bare word with a colon labels the link after it, as on static sites' own templates
        (f'<p class="PageNavigation" role="navigation"><b>Next:</b> <a href="{LATER}">B</a>'
         f'<br><b>Previous:</b> <a href="{EARLIER}">A</a></p>', (PREV, NEXT)),
        # ... not a word of a sentence, nor the bare word alone outside a post navigation
        (f'<p><b>Next</b> <a href="{LATER}">B</a></p>', (None, None)),
        (f'<p>Next: the harbour, <a href="{LATER}">B</a></p>', (None, None)),
        # Joomla 4's article navigation
        (f'<nav class="pagenavigation" aria-label="Page Navigation"><span class="pagination '
         f'ms-0"><a class="btn btn-sm btn-secondary previous" href="{EARLIER}" rel="prev">'
         f'<span class="visually-hidden">Previous article: A</span><span aria-hidden="true">'
         f'Prev</span></a><a class="btn btn-sm btn-secondary next" href="{LATER}" rel="next">'
         f'<span class="visually-hidden">Next article: B</span><span aria-hidden="true">Next'
         f'</span></a></span></nav>', (PREV, NEXT)),
        # Jekyll Minimal Mistakes: a post's two pager links in nav.pagination, bare words only
        # (the first post's missing side a disabled "#" link) ...
        (f'<nav class="pagination"><a href="{EARLIER}" class="pagination--pager" title="A">'
         f'Previous</a><a href="{LATER}" class="pagination--pager" title="B">Next</a></nav>',
         (PREV, NEXT)),
        (f'<nav class="pagination"><a href="#" class="pagination--pager disabled">Previous</a>'
         f'<a href="{LATER}" class="pagination--pager" title="B">Next</a></nav>', (None, NEXT)),
        # ... while pager links beside numbered pages are listing pagination
        (f'<nav class="pagination"><ul><li><a href="{EARLIER}" class="pagination--pager">'
         f'Previous</a></li><li><a href="/blog/">1</a></li><li><a href="/blog/p2/">2</a></li>'
         f'<li><a href="{LATER}" class="pagination--pager">Next</a></li></ul></nav>',
         (None, None)),
        # German news sites say "News": "« Vorherige News: Title", "Nächste News"
        (f'<ul class="x"><li><a href="{EARLIER}">« Vorherige News: A</a></li>'
         f'<li><a href="{LATER}">Nächste News: B »</a></li></ul>', (PREV, NEXT)),
        # ThemeGrill themes' post navigation (ColorMag), also with thumbnails
        (f'<ul class="default-wp-page thumbnail-pagination"><li class="previous">'
         f'<a href="{EARLIER}" rel="prev"><span>&larr; Previous</span> A</a></li>'
         f'<li class="next"><a href="{LATER}" rel="next">B <span>Next &rarr;</span></a></li>'
         f'</ul>', (PREV, NEXT)),
        # an infinite scroll that loads the previous post below a single post (Herald)
        (f'<nav class="herald-pagination herald-infinite-scroll-single">'
         f'<a href="{EARLIER}" rel="prev">A</a><div class="herald-loader"></div></nav>',
         (PREV, None)),
        # Drupal's Flippy pager, its links showing the titles only
        (f'<ul class="flippy"><li class="flippy-previous"><a href="{EARLIER}">A</a></li>'
         f'<li class="flippy-next"><a href="{LATER}">B</a></li></ul>', (PREV, NEXT)),
        # rel and class agreeing outvote a theme's label: "Nächster Beitrag" on the older post
        (f'<nav class="post-navigation"><div class="nav-previous"><a href="{EARLIER}" '
         f'rel="prev">Nächster Beitrag: A</a></div><div class="nav-next"><a href="{LATER}" '
         f'rel="next">Vorheriges Projekt: B</a></div></nav>', (PREV, NEXT)),
        # a calendar widget's month pager is no post navigation (WordPress "wp-calendar-nav")
        ('<nav class="wp-calendar-nav"><span class="wp-calendar-nav-prev">'
         '<a href="/archive/date/2024/04">&laquo; Apr</a></span></nav>', (None, None)),
        # A pair of weak signals, each link naming its post, the previous first, makes a post
        # navigation where no class says so: the cards of a static site's template ...
        (f'<nav class="mt-8 grid"><div><a href="{EARLIER}"><div>Previous</div><div>A</div></a>'
         f'</div><div><a href="{LATER}"><div>Next</div><div>B</div></a></div></nav>',
         (PREV, NEXT)),
        # ... an old theme's direction classes (a WordPress 2 theme's "previous-entries")
        (f'<div class="navigation"><span class="previous-entries"><a href="{EARLIER}">A</a>'
         f'</span><span class="next-entries"><a href="{LATER}">B</a></span></div>',
         (PREV, NEXT)),
        # ... but not one alone, nor a pair in the wrong order, nor one whose links hold
        # the labels only (slides, listings), nor with a third link in the block
        (f'<div><a href="{EARLIER}"><div>Previous</div><div>A</div></a></div>', (None, None)),
        (f'<div><a href="{LATER}"><div>Next</div><div>B</div></a>'
         f'<a href="{EARLIER}"><div>Previous</div><div>A</div></a></div>', (None, None)),
        (f'<div><a href="{EARLIER}"><div>Previous</div><div>A</div></a>'
         f'<a href="{LATER}">Next</a></div>', (None, None)),
        (f'<div class="navigation"><span class="previous"><a href="{EARLIER}">A</a></span>'
         f'<a href="/2024/05/16/other/">C</a><span class="next"><a href="{LATER}">B</a></span>'
         f'</div>', (None, None)),
        # Arrows pair too, in the links (Movable Type's "content-nav", a link home between
        # them) or beside them (WordPress's default "&laquo; %link" without a theme's rel)
        (f'<p class="content-nav"><a href="{EARLIER}">&laquo; A</a> | <a href="/">Main</a> | '
         f'<a href="{LATER}">B &raquo;</a></p>', (PREV, NEXT)),
        (f'<div class="pagenav">&laquo; <a href="{EARLIER}">A</a> | <a href="/">Home</a> | '
         f'<a href="{LATER}">B</a> &raquo;</div>', (PREV, NEXT)),
        # ... though not with a malformed address between them, which is a third link
        (f'<p>&laquo; <a href="{EARLIER}">A</a> | <a href="http://[::1/">Main</a> | '
         f'<a href="{LATER}">B</a> &raquo;</p>', (None, None)),
        # ... but breadcrumbs' arrows all point one way, and a lone "Read more »" is no pair
        ('<div class="path"><a href="/2024/">2024</a> » <a href="/2024/05/13/earlier-story/">'
         'Earlier</a> » <span>This story</span></div>', (None, None)),
        (f'<div><a href="{EARLIER}">&laquo; A</a> <a href="{LATER}">&laquo; B</a></div>',
         (None, None)),
        (f'<p>Teaser. <a href="{LATER}">Read more &raquo;</a></p>', (None, None)),
        # Share buttons are no post navigation, but a "Next Article" button among them is
        # (TimesLive); a bare word there, even with an arrow, stays a share bar's
        (f'<div class="article-share"><a class="social-item" href="https://x.com/intent?u=1">'
         f'X</a><a aria-label="next-article" class="next-article social-item" href="{LATER}">'
         f'Next Article<i class="fa fa-chevron-right"></i></a></div>', (None, NEXT)),
        (f'<div class="share-bar"><a href="{EARLIER}">Teilen</a><a href="{LATER}">Nächster ❯'
         f'</a></div>', (None, None)),
        (f'<ul class="social-links"><li class="next"><a href="{LATER}">B</a></li></ul>',
         (None, None)),
    ],
)
def test_markup(markup, expected):
    assert find_neighbours(page_with(markup), URL) == expected


def test_body_rel_beats_head_rel():
    page = page_with(f'<a rel="next" href="{LATER}">B</a>',
                     head='<link rel="next" href="/2024/05/16/other-story/">'
                          f'<link rel="prev" href="{EARLIER}">')
    assert find_neighbours(page, URL) == (PREV, NEXT)


def test_head_rel_to_the_galleries_next_picture_is_no_neighbour():
    picture_two = "/2024/05/14/this-story-id-2.html"
    page = page_with(f'<div class="gallery"><a class="next" href="{picture_two}">&gt;</a></div>',
                     head=f'<link rel="next" href="{picture_two}">')
    assert find_neighbours(page, URL) == (None, None)


def test_head_rel_to_the_page_the_body_calls_next_page_is_no_neighbour():
    page_two = "/2024/05/14/this-story,part,2"
    page = page_with(f'<div class="article-pagination"><a class="next" href="{page_two}">'
                     'Next page</a></div>', head=f'<link rel="next" href="{page_two}">')
    assert find_neighbours(page, URL) == (None, None)


def test_head_rel_to_a_body_link_labelled_next_page_is_no_neighbour():
    # The body's pager is no known block: only its label says where the head link leads.
    page_two = "/2024/05/14/this-story-p2.html"
    page = page_with(f'<div class="paginator"><a href="{page_two}">Nächste Seite <i></i></a>'
                     '</div>', head=f'<link rel="next" href="{page_two}">')
    assert find_neighbours(page, URL) == (None, None)


def test_head_links_the_parser_moved_into_the_body():
    # A stray element in <head> makes the parser move the rest of the head into <body>.
    # The moved <base> still resolves the moved links.
    page = parsel.Selector(text='<html><head><title>T</title><img src="/pixel.gif">'
                                '<base href="https://site.example/2024/05/">'
                                '<link rel="prev" href="13/earlier-story/">'
                                '</head><body><p>Story</p></body></html>', type="html")
    assert find_neighbours(page, URL) == (PREV, None)


def test_labelled_block_beats_body_rel():
    page = page_with(f'<a rel="next" href="/2024/05/16/other-story/">C</a>'
                     f'<div><span>Next article</span><a href="{LATER}">B</a></div>')
    assert find_neighbours(page, URL) == (None, NEXT)


def test_bad_urls_do_not_raise():
    page = page_with('<a rel="next" href="http://[::1/x">A</a>'
                     '<a rel="prev" href="https://site.example:99999/x">B</a>',
                     head='<base href="http://[oops">')
    assert find_neighbours(page, URL) == (None, None)
    assert find_neighbours(page_with(f'<a rel="next" href="{LATER}">B</a>'),
                           "http://[::1/x") == (None, None)


_TAGS = ("div", "nav", "span", "a", "p", "li", "h3", "button")
_CLASSES = ("post-navigation", "nav-previous", "nav-next", "comment-navigation", "pagination",
            "prev", "next-post", "slick-next", "menu", "gallery", "")
_TEXTS = ("Previous Article", "Next", "« Previous", "Older posts", "Next page", "前の記事",
          "Weiter →", "A title", "→", "")
_HREFS = (EARLIER, LATER, "/page/2/", "#", "javascript:void(0)", "http://[::1", "/",
          "https://other.example/x", "?cpage=2", "", "//cdn.example/y", "../../x")


def _element(tag: str, cls: str, href: str, rel: str, children: list[str]) -> str:
    attributes = f' class="{cls}"' + (f' href="{href}" rel="{rel}"' if tag == "a" else "")
    return f"<{tag}{attributes}>{''.join(children)}</{tag}>"


_MARKUP = st.recursive(
    st.sampled_from(_TEXTS),
    lambda children: st.builds(_element, st.sampled_from(_TAGS), st.sampled_from(_CLASSES),
                               st.sampled_from(_HREFS), st.sampled_from(("", "prev", "next")),
                               st.lists(children, max_size=4)),
    max_leaves=24,
)


@settings(max_examples=150, deadline=None)
@given(_MARKUP)
def test_any_markup_gives_absolute_urls_or_none(markup):
    for found in find_neighbours(page_with(markup), URL):
        assert found is None or (found.startswith(("http://", "https://")) and "#" not in found)
        assert found != URL


STORY = "https://site.example/2024/05/14/this-story"


@pytest.mark.parametrize(
    ("url", "markup", "head", "expected"),
    [
        # WordPress's <!--nextpage-->: "Pages: 1 2 3" under the text, /story/N/
        (URL, f'<div class="page-links">Pages: <a href="{STORY}/2/">2</a>'
              f'<a href="{STORY}/3/">3</a><a href="/2024/05/13/earlier-story/2/">x</a></div>',
         "", [f"{STORY}/2/", f"{STORY}/3/"]),
        # read from page 2: the pages after it, not page 1
        (f"{STORY}/2/", f'<a href="{STORY}/">1</a><a href="{STORY}/3/">3</a>', "",
         [f"{STORY}/3/"]),
        # ... also where the page's own name holds its number ("this-story-p2.html") or the
        # site's paths no date ("/news/this-story/2/"): later pages are the story's, not page 2's
        ("https://site.example/news/this-story-p2.html",
         '<a href="/news/this-story-p1.html">1</a><a href="/news/this-story-p3.html">3</a>', "",
         ["https://site.example/news/this-story-p3.html"]),
        ("https://site.example/news/this-story/2/",
         '<a href="/news/this-story/">1</a><a href="/news/this-story/3/">3</a>'
         '<a href="/news/this-story/4/">4</a>', "",
         ["https://site.example/news/this-story/3/", "https://site.example/news/this-story/4/"]),
        # the head's rel="next" alone: "/seite-2" (Zeit), "-p2.html" (FAZ), "?page=2"
        (URL, "", f'<link rel="next" href="{STORY}/seite-2">', [f"{STORY}/seite-2"]),
        ("https://site.example/politik/story-16604622.html", "",
         '<link rel="next" href="https://site.example/politik/story-16604622-p2.html">',
         ["https://site.example/politik/story-16604622-p2.html"]),
        (URL, f'<a href="{URL}?page=2">Next page</a>', "", [f"{URL}?page=2"]),
        # the story's neighbours, a comment pager's or a gallery's pages are no text pages
        (URL, f'<a rel="next" href="{NEXT}">Next article</a>'
              f'<div id="comments"><a href="{URL}?page=1">2</a></div>'
              f'<a href="{URL}comment-page-2/">Older comments</a><a href="{URL}?cpage=2">2</a>'
              f'<div class="gallery"><a href="{STORY}/2/">Next photo</a></div>', "", []),
        # a blog's listing pages; a pager of more pages than a story runs to is a listing's
        ("https://site.example/blog/", '<a href="/blog/page/2/">2</a>', "", []),
        (URL, "".join(f'<a href="{URL}?page={n}">{n}</a>' for n in range(2, 40)), "", []),
    ],
)
def test_the_later_pages_of_a_multi_page_story(url, markup, head, expected):
    assert find_text_pages(page_with(markup, head), url) == expected


@pytest.mark.parametrize(("url", "markup", "head", "expected"), [
    # a story's page 2 links its first page: the pager's "1", or the head's rel="prev"
    (f"{STORY}/2/", f'<div class="page-links"><a href="{STORY}/">1</a><span>2</span></div>', "",
     f"{STORY}/"),
    (f"{STORY}/seite-2", "", f'<link rel="prev" href="{STORY}">', STORY),
    # a first page has none; nor has an article whose id is a bare number ("/news/15"), whose
    # section's listing it links
    (f"{STORY}/", f'<a href="{STORY}/2/">2</a>', "", None),
    ("https://site.example/news/2", '<nav><a href="/news">News</a></nav>', "", None),
    # a comment pager's first page is no story's
    (f"{STORY}/2/", f'<div id="comments"><a href="{STORY}/">1</a></div>', "", None),
])
def test_a_later_page_of_a_story_knows_its_first(url, markup, head, expected):
    assert read_navigation(page_with(markup, head), url).first_page == expected

