"""Small sites in the markup of widely used publishing systems, served on 127.0.0.1 by
`archiver.demo.serve`.

Every site publishes the same five posts (`POSTS`, oldest first). Its page template,
`fixtures/theme_sites/<theme>.html`, is a `string.Template` of one article page as the CMS or
theme writes it; `<!-- if prev -->...<!-- else -->...<!-- end prev -->` (and `next`) hold what
the page shows when the post has an older (newer) neighbour, and what it shows instead on the
oldest (newest) one. Placeholders: `$base`, `$url`, `$id`, `$slug`, `$title`, `$datetime`,
`$date_text`, `$body`, `$prev_url`, `$prev_title`, `$next_url`, `$next_title` and, newest first,
`$recentN_url` / `$recentN_title` (N = 1..5) for the sidebars' "Recent posts" lists, and
`$comments`, the post's comment section in the system's markup (`theme_comments.py`) for the
comment page the URL asks for (`comment-page-N/`, `?page=N`, `?commentPage=N`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path
from string import Template

from theme_comments import MARKUPS, Markup, render

TEMPLATES = Path(__file__).parent / "fixtures" / "theme_sites"
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Post:
    id: int  # the CMS's own number: WordPress ?p=, Drupal /node/
    slug: str
    title: str
    published: date
    paragraphs: tuple[str, ...]

    @property
    def body(self) -> str:
        """The body as the archive should keep it."""
        return "\n\n".join(self.paragraphs)


POSTS = (
    Post(101, "harbour-ferry-timetable-extended", "Harbour ferry timetable extended into autumn",
         date(2024, 5, 11), (
             "The harbour ferry will keep its summer timetable until the end of October, the "
             "operator confirmed on Friday after a season of record passenger numbers.",
             "Crossings every twenty minutes will continue on weekdays, with a later last "
             "sailing on Saturdays for visitors to the evening market on the quay.",
             "Season tickets bought before June remain valid for the extra weeks without any "
             "surcharge, the operator said in a letter to regular passengers.",
         )),
    Post(102, "library-repair-cafe", "Library opens a repair café on Saturday mornings",
         date(2024, 5, 12), (
             "Volunteers with soldering irons and sewing machines will fix toasters, lamps and "
             "torn jackets free of charge in the library's community room from next weekend.",
             "The idea came from a reader who could not find anyone to mend a radio she had "
             "owned for forty years, the head librarian explained at the launch.",
             "Visitors are asked to bring one broken item each and to stay while it is "
             "repaired, so that they can learn how to do it themselves next time.",
         )),
    Post(103, "mill-road-cycle-lanes", "Council approves new cycle lanes on Mill Road",
         date(2024, 5, 13), (
             "Separated cycle lanes will run the full length of Mill Road by next spring after "
             "councillors voted eleven to four in favour of the scheme on Monday evening.",
             "Parking bays on the northern side will be moved into the side streets, and two "
             "loading zones will be kept for the shops near the railway bridge.",
             "Work is due to start in September and will be done in three stages to keep the "
             "road open to buses throughout, the transport committee said.",
         )),
    Post(104, "allotment-waiting-list", "Allotment waiting list passes four hundred names",
         date(2024, 5, 14), (
             "More than four hundred households are now waiting for an allotment in the town, "
             "twice as many as five years ago, according to figures released this week.",
             "The allotment society wants the council to split the largest plots in half and "
             "to open a new site on the unused land behind the cemetery.",
             "Some applicants have waited over six years, and several told the society they "
             "had given up and started growing vegetables in pots on their balconies.",
         )),
    Post(105, "bus-depot-solar-roof", "Bus depot roof to be covered in solar panels",
         date(2024, 5, 15), (
             "The roof of the bus depot on Station Lane will carry nearly two thousand solar "
             "panels by the winter, enough to charge a third of the electric fleet.",
             "The bus company is paying for the panels itself and expects them to pay for "
             "their cost within nine years at today's electricity prices.",
             "Neighbours were shown the plans at a drop-in session on Wednesday, where most "
             "questions were about the glare from the panels and the building work.",
         )),
)

# Where each system publishes a post (`str.format` over the post's fields).
PATHS = {
    "wordpress_block": "/{published:%Y/%m/%d}/{slug}/",
    "wordpress_classic": "/{published:%Y/%m/%d}/{slug}/",
    "newspaper": "/{slug}/",
    "blogger": "/{published:%Y/%m}/{slug}.html",
    "ghost_casper": "/{slug}/",
    "hugo_papermod": "/posts/{slug}/",
    "jekyll_minimal_mistakes": "/news/{published:%Y/%m/%d}/{slug}.html",
    "drupal_flippy": "/node/{id}",
    "drupal_head_links": "/news/{slug}",
    "x_theme": "/{published:%Y/%m/%d}/{slug}/",
    "movable_type": "/{published:%Y/%m}/{slug}.html",
    "static_cards": "/blog/{slug}/",
}

_IF_BLOCK = re.compile(
    r"<!-- if (prev|next) -->(.*?)(?:<!-- else -->(.*?))?<!-- end \1 -->", re.S)
# WordPress serves a post's comment pages at {post}comment-page-N/ with the same page around them.
_COMMENT_PAGE = re.compile(r"comment-page-\d+/$")
# The comment markup of each template that has a comment section.
COMMENT_MARKUP = {"wordpress_classic": "wordpress_classic", "wordpress_block": "wordpress_block",
                  "blogger": "blogger", "drupal_head_links": "drupal10",
                  "drupal_flippy": "drupal7"}


class ThemeSite:
    """One theme's site: `render(path, base_url)` as `archiver.demo.serve` expects."""

    def __init__(self, theme: str, comments: str | None = None) -> None:
        """`comments` names the comment markup (`theme_comments.MARKUPS`) when it is not the
        template's own, e.g. Blogger's classic layout."""
        self.theme = theme
        self.template = (TEMPLATES / f"{theme}.html").read_text(encoding="utf-8")
        self.comments: Markup | None = MARKUPS.get(comments or COMMENT_MARKUP.get(theme, ""))

    def path(self, post: Post) -> str:
        return PATHS[self.theme].format(**vars(post))

    def render(self, path: str, base_url: str) -> tuple[int, str, bytes]:
        for index, post in enumerate(POSTS):
            if self.path(post) == _COMMENT_PAGE.sub("", path.split("?")[0]):
                return 200, HTML, self.page(index, base_url, path).encode()
        return 404, HTML, b"<!DOCTYPE html><title>Not found</title><h1>Not found</h1>"

    def page(self, index: int, base: str, path: str = "") -> str:
        post = POSTS[index]
        neighbours = {"prev": POSTS[index - 1] if index > 0 else None,
                      "next": POSTS[index + 1] if index + 1 < len(POSTS) else None}
        fields = {"base": base, "url": base + self.path(post), "id": post.id, "slug": post.slug,
                  "title": escape(post.title), "datetime": post.published.isoformat(),
                  "date_text": f"{post.published:%B} {post.published.day}, {post.published:%Y}",
                  "body": "\n".join(f"<p>{escape(p)}</p>" for p in post.paragraphs)}
        fields["comments"] = self.comments and render(self.comments, post.id, fields["url"],
                                                      fields["title"], path)
        for name, neighbour in neighbours.items():
            fields[f"{name}_url"] = base + self.path(neighbour) if neighbour else ""
            fields[f"{name}_title"] = escape(neighbour.title) if neighbour else ""
        for rank, recent in enumerate(reversed(POSTS), start=1):
            fields[f"recent{rank}_url"] = base + self.path(recent)
            fields[f"recent{rank}_title"] = escape(recent.title)

        def shown(block: re.Match) -> str:
            return block[2] if neighbours[block[1]] else (block[3] or "")

        return Template(_IF_BLOCK.sub(shown, self.template)).substitute(fields)
