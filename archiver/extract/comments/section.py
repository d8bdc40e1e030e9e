"""Rule 6, the comment section itself: its containers, whether it is open, the count it
states and its other pages."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from lxml import etree

from ...dedupe import absolute_url, canonicalize
from ..text import collapse
from .jsonld import as_int, ld_count
from .marks import (
    CLOSED_MARK,
    CONTAINER,
    COUNT_LINK,
    FORM,
    ITEM_ID,
    NOT_NOTICE,
    PAGER,
    TITLE,
    ZONE,
    Zones,
    flags_of,
)
from .paragraphs import STRING, string
from .signals import Signals

# A heading about comments: "3 Comments", "3 thoughts on “X”", "Comments (3)", "Kommentare",
# "Leave a Reply", "Комментарии", "コメント".
_HEADING = re.compile(
    r"^\W*(?:(?:\d[\d.,]*|one|no|ein|eine|keine|un|une|aucun|uno|una)\s+)?(?:comments?|"
    r"thoughts? on|responses?|replies|reactions?|kommentare?|leserkommentare|leserbriefe|"
    r"commentaires?|comentarios?|commenti|reacties|komentarze?|комментари\w*)\b|"
    r"^\W*(?:\d+\s*件の)?コメント", re.I)
# A heading over a comment section, counted or not ("Leave a Comment" heads some).
_SECTION_HEADING = re.compile(_HEADING.pattern + r"|^\W*(?:leave|post|write|add) a "
                              r"(?:comment|reply)|^\W*(?:schreibe einen kommentar|"
                              r"kommentar schreiben)", re.I)

_NOT_CONTAINERS = {"html", "body", "form", "a", "span", "textarea", "input", "script", "button",
                   "label", "i", "em", "b", "strong", "img", "svg", "time", "p", "li", "option",
                   "select", "style", "link", "meta", "iframe", "h1", "h2", "h3", "h4", "h5",
                   "h6", "small", "cite", "abbr"}


def find_containers(signals: Signals, zones: Zones) -> tuple[list, list]:
    """Comments containers: elements named for comments (outermost of nested ones), and the
    blocks after a comments heading. Returns (named containers, scan groups): a scan group is
    a list of elements whose subtrees (with themselves, for a heading's) hold the comments."""
    named = [e for e, flags in signals.named
             if flags & CONTAINER and not flags & (ZONE | FORM) and e.tag not in _NOT_CONTAINERS
             and not ITEM_ID.search(e.get("id") or "") and not zones.excluded(e)]
    chosen = set(named)
    named = [e for e in named if not any(a in chosen for a in e.iterancestors())]
    groups: list[list[etree._Element]] = [list(e) for e in named]
    for heading, text in signals.headings:
        if _SECTION_HEADING.search(text) and not zones.excluded(heading) and \
                not any(a in chosen for a in heading.iterancestors()):
            groups.append(list(heading.itersiblings()))
    return named, groups


_HAS_FORM = etree.XPath("boolean(descendant::form or descendant::textarea"
                        " or descendant::iframe)")
_OPEN_PHRASE = re.compile(
    r"^\W*(?:leave|post|write|add|submit) (?:a |your |new )?(?:comment|reply|response)|"
    r"^\W*(?:add|write) comment|schreibe? einen kommentar|"
    r"kommentar (?:schreiben|verfassen|hinzufügen|abgeben)|hinterlasse einen kommentar|"
    r"(?:laisser|laissez|ajouter|écrire) un commentaire|"
    r"(?:deja|dejar|escribe|escribir|añadir|agregar) un comentario|lascia un commento|"
    r"(?:оставить|оставьте|добавить|написать) комментарий|コメントを(?:残す|書く|投稿)|"
    r"^コメントする|geef een reactie|reactie plaatsen|"
    r"deixe (?:um|o seu|seu) comentário|deixe uma resposta|(?:dodaj|napisz) komentarz|"
    r"lämna (?:en kommentar|ett svar)|(?:skriv|efterlad) en kommentar|legg igjen en kommentar|"
    r"(?:jätä|kirjoita) kommentti|(?:napsat|přidat|napište|zanechte) komentář|"
    r"(?:lasă|adaugă) un comentariu|yorum (?:yap|yaz|bırakın)|bir yanıt yazın|"
    r"tinggalkan (?:komentar|balasan)|(?:залишити|додати|написати) коментар|"
    r"αφήστε ένα σχόλιο|(?:اترك|أضف) (?:تعليق|ردا|رد)|发表评论|發表評論|发表回复|"
    r"댓글 (?:남기기|쓰기|달기)|để lại (?:một )?bình luận|viết bình luận", re.I)
_CLOSED = re.compile(
    r"comments? (?:are|is) (?:now )?(?:closed|disabled|turned off|switched off|not (?:allowed|"
    r"available|enabled|open))|commenting (?:is|has been) (?:now )?(?:closed|disabled|"
    r"turned off)|comments (?:have been )?(?:closed|disabled|turned off) (?:for|on)|"
    r"^\W*comments (?:closed|off)\W*$|"
    r"kommentare (?:sind|wurden) (?:geschlossen|deaktiviert)|kommentarfunktion (?:ist|wurde) "
    r"(?:geschlossen|deaktiviert)|kommentare geschlossen|"
    r"les commentaires sont (?:fermés|clos|désactivés)|commentaires fermés|"
    r"los comentarios están (?:cerrados|desactivados)|comentarios cerrados|"
    r"комментарии (?:закрыты|отключены)|i commenti sono (?:chiusi|disabilitati)|"
    r"commenti chiusi|reacties zijn gesloten|コメントは(?:受け付けていません|締め切られました)|"
    r"(?:os )?comentários (?:estão )?(?:encerrados|fechados|desativados)|"
    r"(?:możliwość komentowania jest|komentarze (?:są|zostały)) wyłączon[aey]|"
    r"kommentarer (?:är|er) (?:stängda|lukket|stengt)|kommentarsfunktionen är stängd|"
    r"kommentointi on (?:suljettu|estetty)|komentáře jsou (?:uzavřeny|vypnuté|zakázány)|"
    r"hozzászólások (?:le vannak zárva|ki vannak kapcsolva)|comentariile sunt închise|"
    r"yorumlar (?:kapatıldı|kapalı)|yorumlara kapalı|komentar (?:ditutup|dinonaktifkan)|"
    r"коментарі (?:закрито|вимкнено)|коментування (?:закрито|вимкнено)|"
    r"τα σχόλια έχουν (?:κλείσει|απενεργοποιηθεί)|التعليقات (?:مغلقة|مقفلة)|"
    r"[评評][论論]已[关關][闭閉]|留言已[关關][闭閉]|댓글(?:이|은)? (?:닫혔습니다|닫혀 있습니다)|"
    r"bình luận đã (?:được )?đóng",
    re.I)
_CLOSED_HINTS = ("clos", "disab", "turned off", "switched off", "not allow", "not avail",
                 "not enabl", "not open", "comments off", "geschlossen", "deaktiv", "ferm",
                 "cerrad", "desactiv", "закрыт", "отключ", "chiusi", "gesloten", "コメントは",
                 "encerrad", "fechad", "desativad", "wyłączon", "stängd", "lukket", "stengt",
                 "suljettu", "estetty", "uzavřen", "vypnut", "zakázán", "lezárva", "le vannak",
                 "ki vannak", "închise", "kapat", "kapalı", "ditutup", "dinonaktif", "закрито",
                 "вимкнено", "κλείσει", "απενεργοποι", "مغلقة", "مقفلة", "已关闭", "已關閉",
                 "닫혀", "닫혔", "đóng")


def _is_closed_notice(text: str) -> bool:
    lowered = text.lower()
    return any(hint in lowered for hint in _CLOSED_HINTS) and bool(_CLOSED.search(
        collapse(text)))


def open_state(signals: Signals, containers: list, zones: Zones) -> bool | None:
    """True when the page offers a comment form, False when it says comments are closed."""
    if any(not zones.excluded(form) for form in signals.forms):
        return True
    for element, flags in signals.named:
        if flags & FORM and element.tag not in ("p", "span", "a", "label"):
            if _HAS_FORM(element):
                return True
            text = string(element)
            if text and not _is_closed_notice(text):
                return True
    # A notice: a heading, a short element named for comments, a short child of a container.
    texts = [text for _, text in signals.headings]
    texts += [STRING(e) for e, flags in signals.named
              if flags & CLOSED_MARK or len(e) < 4 and not flags & NOT_NOTICE]
    texts += [STRING(child) for container in containers for child in container
              if isinstance(child.tag, str) and len(child) < 4]
    if any(len(text) < 400 and _is_closed_notice(text) for text in texts):
        return False
    if any(flags & CLOSED_MARK and not _OPEN_PHRASE.search(string(e))
           for e, flags in signals.named):
        return False
    if any(_OPEN_PHRASE.search(text) for _, text in signals.headings if len(text) < 80):
        return True
    if any(_OPEN_PHRASE.search(string(e)) for e, flags in signals.named
           if e.tag in ("a", "span") and not flags & NOT_NOTICE and len(STRING(e)) < 200):
        return True
    # A link to a form elsewhere: Blogger's classic "Post a Comment" (blogger.com/comment.g).
    if any(len(STRING(a)) < 80 and _OPEN_PHRASE.search(string(a))
           for container in containers for a in container.iter("a")):
        return True
    return None


_NUMBER = r"(\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?!\d)|\d+)"
_COUNT_WORDS = (r"(?:comments?|thoughts?|responses?|replies|reactions?|kommentare?|"
                r"leserkommentare|commentaires?|comentarios?|commenti|comentários|reacties|"
                r"komentarz\w*|комментари\w*|отзыв\w*|antworten|gedanken|réponses?|respuestas?|"
                r"risposte)")
_COUNTS = [
    re.compile(_NUMBER + r"\s*" + _COUNT_WORDS + r"\b", re.I),
    re.compile(_COUNT_WORDS + r"\s*[(\[:]\s*" + _NUMBER + r"\s*[)\]]?", re.I),
    re.compile(_NUMBER + r"\s*件(?:の)?コメント|コメント\s*[（(]?\s*" + _NUMBER),
]
_ONE = re.compile(r"^\W*(?:one|ein|eine|einen|un|une|uno|una|один|одна)\s+(?:comment|thought|"
                  r"response|reply|reaction|kommentar|gedanke|gedanken|antwort|commentaire|"
                  r"réponse|comentario|respuesta|commento|risposta|комментарий)", re.I)
_NONE = re.compile(r"^\W*(?:no|keine|aucun|sin|nessun|нет)\s+(?:comments?|thoughts?|"
                   r"responses?|replies|kommentare|antworten|commentaires?|comentarios?|"
                   r"commenti|комментариев)", re.I)


def count_in(text: str) -> int | None:
    """The number of comments a title or heading states: "3 thoughts on “X”", "Comments (3)",
    "Ein Kommentar", "No comments", "コメント 3件"; None when it states none."""
    text = collapse(text)
    if not text or len(text) > 250:
        return None
    for pattern in _COUNTS:
        match = pattern.search(text)
        if match:
            digits = next(group for group in match.groups() if group)
            return int(re.sub(r"\D", "", digits)[:9])
    if _ONE.search(text):
        return 1
    if _NONE.search(text):
        return 0
    return None


def _in_container(element: etree._Element) -> bool:
    return any(flags_of(a) & CONTAINER for a in element.iterancestors())


_COUNT_ATTRIBUTES = ("data-num-comments", "data-comments-count", "data-comment-count")


def stated_count(signals: Signals, objects: list[dict], url: str,
                 zones: Zones) -> int | None:
    """Rule 6: the count the comments title / heading states, then JSON-LD and microdata
    `commentCount`, then a "3 Comments" link to the page's own comments."""
    titles = [(e, string(e)) for e, flags in signals.named
              if e.tag not in ("a", "form") and (flags & TITLE or flags & COUNT_LINK
                                                 and _in_container(e))]
    headings = [(e, text) for e, text in signals.headings if _HEADING.search(text)]
    for element, text in [*titles, *headings]:
        number = count_in(text)
        if number is not None and not zones.excluded(element):
            return number
    number = ld_count(objects) if objects else None
    if number is not None:
        return number
    for element in signals.counts:
        number = as_int(element.get("content") or string(element))
        if number is not None:
            return number
    # Blogger's themes since Contempo title the section "Comments" and state the count only in
    # an attribute of it: <section class="comments threaded" data-num-comments="3">. The
    # platform's own count, that is: with Disqus in its place, it says 0.
    for element, flags in signals.named if signals.provider is None else ():
        if flags & CONTAINER and not zones.excluded(element):
            for attribute in _COUNT_ATTRIBUTES:
                number = as_int(element.get(attribute))
                if number is not None:
                    return number
    current = canonicalize(url)
    for element, flags in signals.named:
        if not flags & COUNT_LINK:
            continue
        for link in element.iter("a"):
            target = absolute_url(url, link.get("href") or "")
            if target and canonicalize(target) == current and not zones.excluded(link):
                number = count_in(string(link))
                if number is not None:
                    return number
    return None


_PAGE_HREF = re.compile(r"/comment-page-\d+|[?&](?:cpage|page|comments?[-_]?page|"
                        r"commentpage|comment_page)=\d+", re.I)


_PAGE_PATH = re.compile(r"/comment-page-\d+/?$|/$")
_PAGE_PARAMS = {"cpage", "page", "comment-page", "comments-page", "comments_page", "commentpage",
                "comment_page", "comments", "p_c"}


def _article_key(url: str) -> tuple[str, str, str]:
    """What a comment page's URL shares with its article's: host, path, other parameters."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ("", url, "")
    query = sorted(pair for pair in parse_qsl(parts.query) if pair[0].lower() not in _PAGE_PARAMS)
    return (parts.netloc.lower(), _PAGE_PATH.sub("", parts.path), str(query))


def _as_first_page(url: str) -> str:
    """Drupal's pager counts from 0: its `?page=0` is the article's own URL."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if ("page", "0") not in pairs:
        return url
    query = urlencode([pair for pair in pairs if pair != ("page", "0")])
    return parts._replace(query=query).geturl()


def page_urls(signals: Signals, containers: list, url: str) -> list[str]:
    """Rule 6: the comment section's other pages, absolute, in page order, once each."""
    links = list(signals.page_links)
    for element, flags in signals.named:
        if flags & PAGER:
            links.extend(element.iter("a"))
    for container in containers:
        links.extend(a for a in container.iter("a")
                     if "page" in (href := a.get("href") or "").lower()  # ?commentPage=2
                     and _PAGE_HREF.search(href))
    links.sort(key=lambda link: link.sourceline or 0)
    seen = {canonicalize(url)}
    article = _article_key(url)
    pages = []
    hrefs: set[str] = set()
    for link in links:
        href = (link.get("href") or "").strip().split("#", 1)[0]
        if not href or href in hrefs or href.startswith(("javascript:", "mailto:")) or \
                "replytocom" in href:
            continue
        hrefs.add(href)
        absolute = absolute_url(url, href)
        if not absolute or not absolute.startswith(("http://", "https://")):
            continue
        absolute = _as_first_page(absolute)
        key = canonicalize(absolute)
        if key not in seen and _article_key(absolute) == article:
            seen.add(key)
            pages.append(absolute)
    return pages
