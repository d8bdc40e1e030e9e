"""Article HTML found in a Next.js page's script data (flight chunks, `__NEXT_DATA__`)."""

from __future__ import annotations

import json

from lxml import html

from archiver.extract import extract
from archiver.extract.body import read_blocks, strip_furniture
from archiver.extract.nextjs import embedded_html

P1 = "The council approved the new budget on Tuesday after a debate that lasted most of the day."
P2 = "Opposition members said the plan would cut funding for libraries and public transport."
P3 = "Der Bürgermeister sagte, die Einsparungen seien nötig – für stabile Finanzen im Jahr 2027."
LT = "\\u003c"  # how a flight chunk writes "<"
ARTICLE = f"<p>{P1}</p><figure><figcaption>Photo: Jo</figcaption></figure><p>{P2}</p><p>{P3}</p>"


def page(scripts: list[str], body: str = "<div id='app'></div>") -> html.HtmlElement:
    tags = "".join(f"<script>{script}</script>" for script in scripts)
    return html.document_fromstring(f"<html><head><title>T</title></head><body>{body}{tags}"
                                    "</body></html>")


def pushes(stream: str, cuts: tuple[int, ...] = ()) -> list[str]:
    """The flight `stream` as Next.js writes it: type-1 chunks cut at `cuts`, `<` escaped."""
    bounds = [0, *sorted(cuts), len(stream)]
    chunks = [stream[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    literals = (json.dumps(chunk).replace("<", LT) for chunk in chunks)
    return ["(self.__next_f=self.__next_f||[]).push([0])"] + [
        f"self.__next_f.push([1,{literal}])" for literal in literals]


def text_row(name: str, text: str) -> str:
    return f"{name}:T{len(text.encode('utf-8')):x},{text}"


def read(fragment: str) -> list[str]:
    """The fragment read as the body reader reads a container."""
    container = html.fragment_fromstring(fragment, create_parent="div")
    return [block.text for block in read_blocks(strip_furniture(container))]


def next_data(props: object) -> str:
    return (f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(props)}</script>')


def test_flight_text_row_cut_across_chunks_is_found_and_read():
    # The text row is referenced by a JSON row, cut in three chunks (one cut inside a tag),
    # and followed by a row that its byte length (not its length in characters) must not
    # swallow.
    stream = ('1:"$Sreact.fragment"\n3:I[123,[],"Article"]\n'
              + text_row("2a", ARTICLE)
              + '4:["$","div",null,{"dangerouslySetInnerHTML":{"__html":"$2a"}}]\n'
              + '5:["$","p",null,{"children":"Related: another story entirely."}]\n')
    cuts = (20, stream.index("Bürger") + 3, stream.index("<p>Opposition") + 1)
    fragment = embedded_html(page(pushes(stream, cuts)))
    assert fragment == ARTICLE
    assert read(fragment) == [P1, P2, P3]


def test_flight_unreferenced_text_row_is_found():
    stream = '0:{"P":null}\n' + text_row("24", ARTICLE) + '9:{"metadata":[]}\n'
    assert read(embedded_html(page(pushes(stream)))) == [P1, P2, P3]


def test_flight_body_stored_as_blocks_comes_joined_in_order():
    blocks = [{"type": "text", "data": {"html": f"<p>{p}</p><p>{p.upper()}</p>"}}
              for p in (P1, P2, P3)]
    blocks.insert(1, {"type": "image", "data": {"caption": "A photo"}})
    # A long block's HTML sits in a text row of its own, referenced from its place.
    long_block = blocks[2]["data"]["html"]
    blocks[2]["data"]["html"] = "$2b"
    stream = (text_row("2b", long_block) + "6:"
              + json.dumps(["$", "$L7", None, {"article": {"blocks": blocks}}]) + "\n")
    fragment = embedded_html(page(pushes(stream, (40,))))
    assert read(fragment) == [P1, P1.upper(), P2, P2.upper(), P3, P3.upper()]


def test_next_data_html_body_is_found():
    props = {"props": {"pageProps": {"article": {
        "title": "Council approves budget",
        "summary": f"<p>{P1}</p>",
        "body": ARTICLE + '<div class="share-bar"><a href="/s">Share</a></div>',
        "author": {"name": "Jo Reporter"}}}}, "page": "/[slug]"}
    fragment = embedded_html(page([], next_data(props)))
    assert fragment.startswith(f"<p>{P1}</p>")
    assert read(fragment) == [P1, P2, P3]


def test_next_data_html_written_escaped_is_found():
    props = {"props": {"pageProps": {"post": {"content": ARTICLE.replace("<", "&lt;")
                                                         .replace(">", "&gt;")}}}}
    assert read(embedded_html(page([], next_data(props)))) == [P1, P2, P3]


def test_flight_html_written_escaped_is_found_as_in_next_data():
    escaped = ARTICLE.replace("<", "&lt;").replace(">", "&gt;")
    stream = text_row("24", escaped) + '5:{"post":' + json.dumps({"body": escaped}) + "}\n"
    assert read(embedded_html(page(pushes(stream)))) == [P1, P2, P3]


def test_flight_json_row_that_writes_lt_as_an_escape_is_read():
    # The row's own JSON writes "<" as "\u003c" (so does the chunk literal around it): the
    # row holds no "<p" until it is decoded, and must still be decoded.
    row = "5:" + json.dumps({"post": {"body": ARTICLE}}).replace("<", LT) + "\n"
    assert read(embedded_html(page(pushes('0:{"P":null}\n' + row)))) == [P1, P2, P3]


def test_script_placeholders_are_not_text():
    stream = text_row("24", f"<p>{P1}</p>$$ARTICLEAD$$<p>{P2}</p><p>$$ARTICLEAD$$</p><p>{P3}</p>")
    assert read(embedded_html(page(pushes(stream)))) == [P1, P2, P3]


def test_page_without_nextjs_gives_nothing():
    body = f"<article>{ARTICLE}</article>"
    scripts = ["window.dataLayer = [];", f"var story = {json.dumps({'body': ARTICLE})};"]
    assert embedded_html(page(scripts, body)) is None
    assert embedded_html(html.fragment_fromstring("<p>bare</p>")) is None


def test_small_and_foreign_fragments_are_ignored():
    stream = (text_row("30", f"<p>{P1} {P2} {P3}</p>")  # one paragraph: a standfirst
              + text_row("2f", f"<p>{P1}</p><p>{P2}</p>")  # two short ones: a teaser
              + text_row("31", "<p>Menu</p><p>Sports</p><p>Weather</p><p>Contact us</p>")
              + text_row("32", f"<!DOCTYPE html><html><body>{ARTICLE}</body></html>")
              + '33:{"caption":"<p>Photo: AP</p>"}\n')
    props = {"props": {"pageProps": {"footer": "<p>© News</p><p>Imprint</p>",
                                     "embed": f"<html><body>{ARTICLE}</body></html>"}}}
    assert embedded_html(page(pushes(stream), next_data(props))) is None


def test_garbage_and_truncated_data_do_not_raise():
    truncated = pushes(text_row("24", ARTICLE))[1][:-40]  # the chunk's string never ends
    scripts = [
        truncated,
        'self.__next_f.push([1,"bad escape \\x41"])',
        'self.__next_f.push([1,"9:T99999,<p>cut"])',  # a length beyond the stream
        'self.__next_f.push([1,"zz\\n:::\\n7:[[[[\\n8:{\\"a\\":\\n"])',
        'self.__next_f.push([3,"AAEC"])',  # binary chunk
    ]
    nested = '{"a":' * 5000 + '"<p>x</p>"' + "}" * 5000
    broken = '<script id="__NEXT_DATA__" type="application/json">{"props": {"body": "<p></script>'
    for body in ("", broken, f'<script id="__NEXT_DATA__">{nested}</script>'):
        assert embedded_html(page(scripts, body)) is None
    # A good chunk before the bad ones is still read.
    good = pushes(text_row("25", ARTICLE) + "\n")
    assert read(embedded_html(page(good + scripts))) == [P1, P2, P3]


def test_a_next_js_page_without_article_markup_gets_its_body_from_the_flight_data():
    stream = ('1:"$Sreact.fragment"\n' + text_row("2a", ARTICLE)
              + '4:["$","div",null,{"dangerouslySetInnerHTML":{"__html":"$2a"}}]\n')
    tags = "".join(f"<script>{script}</script>" for script in pushes(stream, (40,)))
    document = (f"<html><head><title>Budget</title></head><body><div id='app'><h1>Budget</h1>"
                f"</div>{tags}</body></html>")
    assert extract(document, "https://news.example/budget").body == "\n\n".join([P1, P2, P3])
