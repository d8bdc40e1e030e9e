"""End to end: a story split over several pages (WordPress ``<!--nextpage-->``: ``/story/2/``)
is archived as one article holding the text of all its pages, in order."""

from __future__ import annotations

from html import escape

from archiver.dedupe import canonicalize
from archiver.demo import serve
from archiver.reparse import reparse

HTML = "text/html; charset=utf-8"
SLUGS = ("harbour-reopens", "inside-the-port", "ferry-timetable")
TITLES = ("The harbour reopens", "Inside the port", "A new ferry timetable")
# The middle story's pages; its source line is on the last one.
PORT_PAGES = (
    ("The night shift starts at ten, when the first of the container ships ties up at the "
     "north quay and the lashing gangs climb aboard to free the boxes for the cranes.",
     "By midnight the cranes have moved four hundred containers between the ships and the "
     "stacks, and the straddle carriers have cleared the quay for the next arrival."),
    ("At two in the morning the pilots change over, and the tugs wait at the harbour mouth "
     "for the next arrival, a bulk carrier loaded with grain from the Baltic ports.",
     "Most of the crews have worked the night shift for years and know each ship by its "
     "outline, its flag and the sound its engines make as it comes alongside."),
    ("By six the last ship of the night has left on the tide, the quay lights go out one by "
     "one, and the day shift takes over the cranes with a mug of tea in the canteen.",
     "(Source attribution: Port Authority News)"),
)


class MultiPageSite:
    """Three stories, each linking its neighbours; the middle one runs to three pages."""

    def __init__(self, failing_page: int | None = None) -> None:
        self.failing_page = failing_page

    def render(self, path: str, base_url: str) -> tuple[int, str, bytes]:
        parts = path.strip("/").split("/")
        if parts[0] not in SLUGS or len(parts) > 2:
            return 404, HTML, b"<title>Not found</title><h1>Not found</h1>"
        index = SLUGS.index(parts[0])
        number = int(parts[1]) if len(parts) == 2 and parts[1].isdigit() else 1
        if number == self.failing_page:
            return 500, HTML, b"<title>Error</title><h1>Server error</h1>"
        return 200, HTML, self.page(index, number, base_url).encode()

    def page(self, index: int, number: int, base: str) -> str:
        story = base + f"/{SLUGS[index]}/"
        if index == 1:
            paragraphs = PORT_PAGES[number - 1]
            # WordPress links page 1 as the story's own permalink.
            hrefs = [story, *(f"{story}{n}/" for n in range(2, len(PORT_PAGES) + 1))]
            numbers = "".join(f'<a href="{href}" class="post-page-numbers">{n}</a>'
                              if n != number else f'<span class="current">{n}</span>'
                              for n, href in enumerate(hrefs, start=1))
            pager = f'<div class="page-links">Pages: {numbers}</div>'
        else:
            paragraphs = (f"{TITLES[index]}: a story that fits on one page of its own. "
                          "The council said on Monday that the work was finished on time and "
                          "within its budget, and that the quay would be open to the public "
                          "again from the first of the month, with a café and new benches.",)
            pager = ""
        here = story if number == 1 else f"{story}{number}/"
        neighbours = ""
        if index > 0:
            neighbours += (f'<div class="nav-previous"><a href="{base}/{SLUGS[index - 1]}/" '
                           f'rel="prev">{escape(TITLES[index - 1])}</a></div>')
        if index < len(SLUGS) - 1:
            neighbours += (f'<div class="nav-next"><a href="{base}/{SLUGS[index + 1]}/" '
                           f'rel="next">{escape(TITLES[index + 1])}</a></div>')
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
                f'<title>{escape(TITLES[index])} | Harbour News</title>'
                f'<link rel="canonical" href="{here}"></head><body class="single">'
                f'<article class="post"><h1 class="entry-title">{escape(TITLES[index])}</h1>'
                f'<div class="entry-content">{body}{pager}</div></article>'
                f'<nav class="navigation post-navigation">{neighbours}</nav></body></html>')


def urls(base: str) -> list[str]:
    return [canonicalize(f"{base}/{slug}/") for slug in SLUGS]


def archived_whole(archive, base: str) -> tuple[dict, list[str]]:
    """Check the chain and the middle story, read whole; that story's row and the URLs fetched."""
    [chain] = archive.chains()
    assert [row["canonical_url"] for row in chain] == urls(base)  # no page 2 taken for a story
    port = archive.article(urls(base)[1])
    assert port["body"].split("\n\n") == [p for page in PORT_PAGES for p in page[:2]
                                          if not p.startswith("(Source")]
    assert port["attribution"] == ["Port Authority News"]
    assert archive.db["errors"].count == 0
    fetched = sorted(row["url"] for row in archive.db["pages"].rows
                     if not row["url"].endswith("/robots.txt"))
    return port, fetched


def test_a_multi_page_story_is_one_article_with_the_text_of_all_its_pages(
        crawl, archive_path, open_archive):
    with serve(MultiPageSite()) as base:
        crawl(archive_path, f"{base}/{SLUGS[0]}/")
    archive = open_archive(archive_path)

    port, fetched = archived_whole(archive, base)
    assert fetched == sorted([*urls(base), f"{urls(base)[1]}2/", f"{urls(base)[1]}3/"])

    # Reparsing the stored pages rebuilds the same article: nothing changes.
    report = reparse(archive)
    assert archive.article(urls(base)[1])["body"] == port["body"]
    assert report.changed == {} and report.unchanged == len(SLUGS)


def test_a_story_started_from_its_second_page_is_read_whole_from_its_first(
        crawl, archive_path, open_archive):
    with serve(MultiPageSite()) as base:
        crawl(archive_path, f"{urls(base)[1]}2/")
    archive = open_archive(archive_path)

    _, fetched = archived_whole(archive, base)
    # The start page once as itself, once read as the story's page 2.
    assert fetched == sorted([*urls(base), f"{urls(base)[1]}2/", f"{urls(base)[1]}2/",
                              f"{urls(base)[1]}3/"])


def test_a_story_whose_first_page_fails_is_archived_from_the_later_page_it_started_at(
        crawl, archive_path, open_archive):
    with serve(MultiPageSite(failing_page=1)) as base:
        crawl(archive_path, f"{urls(base)[1]}2/")
    archive = open_archive(archive_path)

    # Its first page, and so each story's (the site fails every page 1), is recorded as failed;
    # the story keeps what its pages 2 and 3 hold, and the chain is walked on from there.
    [story] = archive.articles()
    assert story["body"].split("\n\n") == [*PORT_PAGES[1], PORT_PAGES[2][0]]
    assert story["attribution"] == ["Port Authority News"]
    assert {row["url"] for row in archive.db["errors"].rows} == set(urls(base))


def test_a_page_that_cannot_be_fetched_leaves_the_rest_of_the_story_archived(
        crawl, archive_path, open_archive):
    site = MultiPageSite(failing_page=3)
    with serve(site) as base:
        port_url = urls(base)[1]
        crawl(archive_path, port_url, direction="prev")
        archive = open_archive(archive_path)
        assert archive.article(port_url)["body"].split("\n\n") == [*PORT_PAGES[0],
                                                                     *PORT_PAGES[1]]
        assert [(row["url"], row["reason"]) for row in archive.db["errors"].rows] == [
            (f"{port_url}3/", "HTTP 500")]
        assert archive.article(urls(base)[0]) is not None  # the walk went on

        # Read whole on the next run; a later run that again misses a page keeps it whole.
        site.failing_page = None
        crawl(archive_path, port_url, max_articles=1)
        whole = archive.article(port_url)["body"]
        assert whole.endswith(PORT_PAGES[2][0])
        site.failing_page = 2
        crawl(archive_path, port_url, max_articles=1)
    assert archive.article(port_url)["body"] == whole
    assert archive.db["article_versions"].count == 1  # the story read in part, once
