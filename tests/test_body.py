"""Body rules, one family of real-site markup each."""

from __future__ import annotations

import json
import re

import pytest

from archiver.extract import extract
from archiver.extract.body import CONTAINERS
from archiver.extract.lines import is_furniture_line

URL = "https://news.example/2026/03/04/story/"
P1 = "The council approved the new budget on Tuesday after a debate that lasted most of the day."
P2 = "Opposition members said the plan would cut funding for libraries and public transport."
P3 = "The mayor said the savings were needed to keep the city's finances stable next year."


def body_of(inner: str, head: str = "") -> str:
    html = (f"<html><head>{head}</head><body><header><nav><a href='/'>Home</a></nav></header>"
            f"<h1>Council approves budget</h1>{inner}<footer>© News</footer></body></html>")
    return extract(html, URL).body


def no_generic_fallback(monkeypatch) -> None:
    """A story this short would fall back to trafilatura were a rule to cut too much, and the
    fallback would find the text again: turn it off so the rule under test decides alone."""
    monkeypatch.setattr("archiver.extract.body.generic_body", lambda *args: [])


def paragraphs(*texts: str) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def test_every_container_selector_is_one_class_id_attribute_or_tag():
    # `container_matches` matches them in one walk over the page, without a CSS engine.
    simple = re.compile(r'^(?:[.#][\w-]+|\[[\w-]+="[^"]+"\]|[a-z]+)$')
    assert [css for css in CONTAINERS if not simple.match(css)] == []


def test_the_marked_body_container_is_read_without_its_furniture():
    inner = ('<div class="entry-content">' + paragraphs(P1)
             + '<div class="share-buttons"><a href="#">Share on Facebook</a></div>'
             + '<div class="newsletter-box"><p>Get the city hall briefing in your inbox every '
             'Friday.</p></div>'
             + paragraphs(P2) + '<p class="read-also">Read also: <a href="/x/">Other story '
             'about the council</a></p>' + paragraphs(P3) + "</div>"
             + '<aside class="related"><p>' + P1.upper() + "</p></aside>")
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


@pytest.mark.parametrize("marker", [
    'class="the_content_wrapper"', 'class="elementor-widget-theme-post-content"',
    'class="post__content"', 'class="entry__content"', 'class="c-entry-content"',
])
def test_theme_body_containers_are_found_among_a_page_s_menus_and_boxes(marker):
    # A long menu and a box of teasers outweigh the story unless its container is known.
    menu = "".join(f"<li><a href='/{n}/'>Section {n}</a></li>" for n in range(80))
    box = "<div class='box'>" + paragraphs(*(f"Another story number {n} of the day, told in a "
                                             "sentence that is long enough to be prose."
                                             for n in range(12))) + "</div>"
    story = paragraphs(P1, P2, P3)
    inner = f"<div class='menu'><ul>{menu}</ul></div><div {marker}>{story}</div>{box}"
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


def test_a_body_split_by_ads_into_sibling_containers_is_read_whole():
    inner = ('<article><div class="article__body">' + paragraphs(P1, P2) + "</div>"
             '<div class="ad-slot">Advertisement</div>'
             '<div class="article__body">' + paragraphs(P3) + "</div></article>")
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


def test_a_body_split_by_full_width_ad_rows_is_read_whole(monkeypatch):
    no_generic_fallback(monkeypatch)

    def part(text: str) -> str:  # each part of the body in its own layout row and column
        return (f'<div class="row"><div class="col"><div class="content">'
                f'<div class="articleBody">{paragraphs(text)}</div></div></div></div>')
    ad = '<div class="row"><div class="ad-slot">Advertisement</div></div>'
    inner = f'<div class="wrapper"><div class="row">{part(P1 + " " + P2)}{ad}{part(P3)}</div></div>'
    assert body_of(inner) == "\n\n".join([P1 + " " + P2, P3])


def test_text_outside_paragraphs_is_read_and_split_at_line_breaks():
    inner = f'<div class="article-body"><div>{P1}<br><br>{P2}</div>{P3}</div>'
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


def test_a_standfirst_between_headline_and_body_comes_first():
    lede = "A long day of debate ends with a narrow vote in favour of the spending plan."
    inner = f'<p class="article-lead">{lede}</p><div class="entry-content">{paragraphs(P1, P2, P3)}'
    assert body_of(inner + "</div>") == "\n\n".join([lede, P1, P2, P3])


def test_page_builder_widgets_and_paywall_marked_text_are_content(monkeypatch):
    no_generic_fallback(monkeypatch)
    inner = ('<div class="entry-content"><div class="elementor-widget elementor-widget-text">'
             + paragraphs(P1, P2) + '</div><div class="paywall">' + paragraphs(P3) + "</div></div>")
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


def test_paywalled_paragraphs_hidden_until_login_are_text_but_other_hidden_ones_are_not(
        monkeypatch):
    no_generic_fallback(monkeypatch)
    inner = (f'<div class="entry-content">{paragraphs(P1, P2)}<p class="paywall" hidden>{P3}</p>'
             '<p class="lightbox" hidden>Close the picture gallery and go back to the story</p>'
             "</div>")
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


def test_datelines_reading_times_and_subscription_calls_are_not_text():
    inner = ('<article><p>Published March 4, 2026 10:32</p><p>4 min read</p>' + paragraphs(P1)
             + "<p>Subscribe now to read the latest news in your city.</p>" + paragraphs(P2, P3)
             + "</article>")
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


def test_a_more_on_this_box_heading_and_the_comment_section_are_not_text():
    inner = ('<article class="post">' + paragraphs(P1, P2, P3)
             + '<h3>Mehr zum Thema</h3><ul><li><a href="/a/">Eine andere Geschichte</a></li></ul>'
             + "<h3>3 Comments</h3><p>I disagree with the council, this is a long comment.</p>"
             + "</article>")
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


def test_ruby_annotations_are_not_read_into_the_text():
    text = ("子どもへの虐待をなくすための法律ができて、親が子どもを教育するために"
            "体罰を禁止しました。") * 5
    ruby = text.replace("子", "<ruby>子<rt>こ</rt></ruby>", 1)
    assert body_of(f'<div class="article-body"><p>{ruby}</p></div>') == text  # container
    assert body_of(f'<div id="x"><p>{ruby}</p></div>') == text  # generic extractor


def test_json_ld_article_body_wins_when_it_holds_clearly_more():
    full = "\n".join([P1, P2, P3])
    head = ('<script type="application/ld+json">'
            + json.dumps({"@type": "NewsArticle", "articleBody": f"<p>{P1}</p><p>{P2}</p>"
                          f"<p>{P3}</p>"}) + "</script>")
    assert body_of('<div class="entry-content"><p>' + P1 + "</p></div>", head) == \
        full.replace("\n", "\n\n")


def test_without_any_container_the_generic_extractor_finds_the_text():
    inner = '<div id="wrap"><div class="x1">' + paragraphs(P1, P2, P3) + "</div></div>"
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


def test_without_any_container_a_table_in_the_text_is_read_too():
    specs = ("<table><tr><td>Rated voltage</td><td>380 to 415 VAC</td></tr>"
             "<tr><td>Accuracy class</td><td>0.5s</td></tr></table>")
    inner = '<div id="wrap"><div class="x1">' + paragraphs(P1, P2) + specs + "</div></div>"
    body = body_of(inner)
    assert P2 in body and "380 to 415 VAC" in body and "Accuracy class" in body


def test_a_commentary_heading_inside_the_story_does_not_end_it():
    # "Komentarz" / "Kommentar" / "Comment" alone heads an analysis or opinion part.
    opening = " ".join([P1, P2, P3])
    for heading in ("Komentarz", "Kommentar", "Comment"):
        inner = ('<div class="entry-content">' + paragraphs(opening) + f"<h3>{heading}</h3>"
                 + paragraphs(P2, P3) + "</div>")
        assert body_of(inner) == "\n\n".join([opening, heading, P2, P3])
    for heading in ("1 Kommentar", "Kommentare (3)", "Comments"):
        inner = ('<div class="entry-content">' + paragraphs(P1, P2, P3) + f"<h3>{heading}</h3>"
                 + paragraphs("Great piece, thank you for writing it.") + "</div>")
        assert body_of(inner) == "\n\n".join([P1, P2, P3])


def test_what_the_comments_say_is_not_taken_for_article_text():
    # Comments inside the body container, marked only as schema.org microdata.
    remark = "I have lived in this city for thirty years and never seen a budget like this one."
    inner = ('<div class="entry-content">' + paragraphs(P1, P2, P3)
             + '<div itemscope itemtype="https://schema.org/Comment">'
             '<p itemprop="author">Reader</p>'
             f'<div itemprop="text"><p>{remark}</p><p>LG Reader</p></div></div></div>')
    article = extract(f"<html><body><h1>Budget</h1>{inner}</body></html>", URL)
    assert [comment.text for comment in article.comments] == [f"{remark}\n\nLG Reader"]
    assert article.body == "\n\n".join([P1, P2, P3])


def test_comment_text_is_recognised_in_the_body_whatever_its_whitespace(monkeypatch):
    # The generic extractor keeps a page's runs of spaces; the comment reader collapses them.
    remark = "I have lived in this city for thirty years. Never have I seen a budget like it."
    monkeypatch.setattr("archiver.extract.article_paragraphs", lambda *args: [
        P1, remark.replace(". ", ".   "), P2])
    html = ('<html><body><h1>Budget</h1><div class="comments"><div class="comment" id="c-1">'
            f'<p class="author">Reader</p><div class="comment-content"><p>{remark}</p></div>'
            "</div></div></body></html>")
    article = extract(html, URL)
    assert [comment.text for comment in article.comments] == [remark]
    assert article.body == "\n\n".join([P1, P2])


@pytest.mark.parametrize("line", [
    "Photo: AFP", "Foto: Michal Turek, Seznam Zprávy", "© Imago/Zoonar/Phil Bird",
    "Copyright © 2023 The Washington Times, LLC.", "21.04.2024", "28.04.2023, 20.15 Uhr",
    "21.04.2024 , 20:24 Uhr", "25.10.2025 - 15:26 Uhr", "18:58 Uhr", "Heute, 12:37 Uhr",
    "Vandaag om 20:07", "vor 2 Std.", "•vor 1 Std.", "Erstellt: 28.04.2023, 18:16 Uhr",
    "Lesedauer: 4 Minuten", "Von:", "By", "___", "REKLAM", "Реклама:", "Zum selben Thema",
    "Most viewed in USA", "Noticia relacionada", "Más información", "À découvrir",
    "Über dieses Thema berichtet: BR24 im Radio am 26.08.2024 um 06:00 Uhr.",
    "Dieses Thema im Programm: Über dieses Thema berichtete DLF am 24. März 2023 um 05:20 Uhr.",
    "Externen Inhalt anzeigen", "Externer Inhalt", "Player wird geladen",
    "Article continues below", "Weiter nach der Anzeige", "Regala esta noticia",
    "Bu haberi paylaşın", "Artikel verschenken",
    "02/12/2024", "20 Novembre 2024", "August 26, 2024", "6 Jan 2026", "2024-05-03",
    "1:37 min", "02:24", "Anzeige", "Advertisement", "Publicité", "Lest auch", "READ MORE:",
    "Von Nina Magoley", "By Jane Doe and John Smith, Reuters", "di Teresa Fallavollita",
    "Ähnliche Beiträge", "Weitere aktuelle Themen aus der Arbeitswelt", "Entdecken Sie jetzt",
    "Das könnte dich auch interessieren", "Empfehlungen der Redaktion",
    "Photograph by Ed Marshall, Redonda Programme",
    "Photograph: Scott Gilbertson; Getty Images", "Getty Images", "REUTERS",
    "Donald Trump bei einem Auftritt © ZUMA Press Wire / Imago Images",
    "Bildrechte: MDR/David Straub", "(Credit: Clayton Aldern / Grist)",
    "We apologize, but this video has failed to load.", "Try refreshing your browser, or",
    "Video verfügbar bis 28.02.2021", "Jede kleine Spende hilft!", "Veja Também:",
    "Para comentar debes registrarte y completar los datos generales.",
    "If you enjoyed reading this post – would you consider supporting our work?",
    "Dieses Skript als PDF herunterladen", "AFP / MARCO BERTORELLO", "IMAGO/Nico Herbertz",
    "Vorschau auf den nächsten Artikel", "Next article", "Ein Klick für den Datenschutz",
    "Podcast freigeben", "Empfohlener redaktioneller Inhalt",
    "Um eingebettete Inhalte anzuzeigen, ist deine widerrufliche Einwilligung in die "
    "Übermittlung und Verarbeitung von personenbezogenen Daten notwendig, da die Anbieter der "
    "eingebetteten Inhalte als Drittanbieter diese Einwilligung verlangen.",
    "Wird geladen …", "Zum Vergrößern bitte anklicken", "Sieh dir diesen Beitrag auf Instagram an",
    "Son tres los periodos de vacaciones durante el año escolar. Foto: Andina",
    "An dieser Stelle findest du einen externen Inhalt von YouTube, der den Artikel ergänzt.",
    "YouTube-Inhalte erlauben", "Ich bin damit einverstanden, dass mir Inhalte von YouTube "
    "angezeigt werden.", "Personenbezogene Daten können an Drittplattformen übermittelt werden.",
    "Klicken Sie auf den unteren Button, um den Inhalt von www.komoot.de zu laden.",
    "Click the button below to load the content from YouTube.",
    "Marco Odermatt, Ski-Star aus der Schweiz. © AFP / MARCO BERTORELLO",
    "Ziemniaki na szóstej. Fot. Lukasz Nowaczyk / Agencja Gazeta",
    "Rund um Wurzeln, die Sauerstoff in den Boden bringen, lagert sich dreiwertiges Eisenoxid ab. "
    "Mikroorganismen können es als Elektronenakzeptor nutzen und so Energie gewinnen. "
    "Bild: Eawag, Jane Doe",
    "Abbildung 4: klassische Schwachschicht. Der Unterschied in der Kornform und der Struktur der "
    "Schicht gegenüber den Schichten darüber und darunter ist deutlich zu erkennen.",
    "Fig. 2. Snow depth over the glacier in May.",
    "NOTAS RELACIONADAS", "Explore further", "Zobacz również", "Empfohlene Beiträge",
    "Schlagworte", "Temas:", "Tags",
    "For the latest stories download the Nationnews apps for iOS and Android.",
    "¡Mira lo que tiene nuestro canal de YouTube!", "Follow The Gleaner on Twitter and Instagram",
    "Lust auf mehr? Lass dir die besten Storys jede Woche in deinen Posteingang liefern.",
    "Get the best stories delivered straight to your inbox.", "Sie sind aktuell nicht eingeloggt.",
    "Dieser Beitrag gibt die Meinung des Autors wieder, nicht die der Redaktion.",
    "The views expressed in this column are those of the author.",
    "NOW Grenada is not responsible for the opinions presented by contributors.",
    "*Werbung. Dieser Beitrag enthält Werbung für MYMARINI.",
    "This post contains affiliate links.", "mehr Kolumnen", "Alle Nachrichten zum Naturschutz",
    "mehr", "Got a story? Get in touch with our news team by emailing us at news@example.org.",
    "Are protests breaking out in your area? Get in touch at news@example.org",
    "If you buy something using links in our stories, we may earn a commission.",
    "Table of Contents", "Auf dieser Seite:",
    "Want more? Get the best stories every week: sign up here for our newsletter.",
    "Puede escribirnos o suscribirse aquí a nuestra newsletter.",
    "Beitragsbild: Titelseite der FAZ vom 2.4.2019, Ausriss.",
    "Dieser Text wurde veröffentlicht unter der Lizenz CC-BY-NC-ND-4.0-DE.",
    "Do you want to be informed of our actions? Sign up here",
    "¿Ya sabías que tenemos canal de Telegram? Únete desde tu celular.",
    "HAZTE MIEMBRO Y DISFRUTA DE BENEFICIOS EXCLUSIVOS", "Zapraszamy też do subskrypcji tygodnika.",
    "Like recipe? Add the ingredients to your basket and deliver to you.",
    "Jetzt bei Amazon ansehen", "Alles über nachhaltige Wanderschuhe findest Du hier.",
    "Ab 2024 nichts mehr versäumen!", "Melden Sie sich an und erhalten Sie exklusive Angebote!",
    "Sie möchten wöchentliche Produktvorstellungen? Schauen Sie mal in unseren Musiknewsletter!",
    "Bei diesem Beitrag handelt es sich um ein Blog aus der Community",
    "Dieser Text entspricht den Vorgaben der ärztlichen Fachliteratur und aktuellen Studien.",
    # Subscription offers.
    "Tú también puedes hacer periodismo incómodo. Cancela cuando quieras.", "Jederzeit kündbar",
    # Calls to support the site's journalism.
    "Apoya el periodismo incómodo", "We need your help to keep our reporting free for everyone.",
    # Letters to the editor.
    "Submit your letter to the editor via this form. Read more Letters to the Editor.",
    # The magazine's issue in kiosks and app stores.
    "Die aktuelle Ausgabe jetzt an jedem Bahnhofskiosk, im Abo, als e-Paper und bei Readly.",
    "Lesen Sie das Magazin digital in der App (iTunes und Google Play) oder im Abo.",
    # Questions about the article, reports of its errors.
    "Bei Fragen und Anregungen zu diesem Artikel können Sie hier mit uns in Kontakt treten.",
    "Fehler gefunden? Link defekt? Sie vermissen etwas?",
    # Toggles' labels and recipe plugins' buttons.
    "Bild anzeigen", "Quellen ausblenden", "Hide Images", "Mostrar más",
    "Rezept drucken Bei Pinterest speichern", "Jump to Recipe",
    # A call to comment, a post's category row, a call to click through a gallery.
    "Kommentieren", "January 13, 2020 at 08:45 AM | categories: Python, Mercurial",
    "Kategorien: Grundrezept, Rezepte",
    "Wie wohnen unsere Leser? Klicke dich durch die Homestorys der Community-Mitglieder.",
    # A contact's phone or fax number; a disclaimer.
    "Telefon: +49 - (40) - 300 30 - 1141", "Fax: (030) 78 95 47 79", "(Alle Angaben ohne Gewähr)",
    # Openings of longer furniture: a suggested citation, "did you like it", a call to follow.
    "SUGGESTED CITATION Doe, Jane: Experts in the crisis, ExampleBlog, 2020/4/09, "
    "https://blog.example/experts-in-the-crisis/.",
    "Gefällt dir unser Magazin? Bei der Gründung haben wir entschieden, keine Bezahlschranke "
    "einzuführen. Das wird auch so bleiben, denn wir möchten möglichst viele Leserinnen und Leser "
    "mit Nachrichten versorgen. Unterstütze uns mit einem monatlichen Beitrag.",
    "Follow The Daily Example on Twitter and Instagram @DailyExample and on Facebook "
    "@DailyExampleNews. Send us a message on WhatsApp at 1-800-555-0100 or email us at "
    "news@daily.example or editors@daily.example",
    # An invitation to report the article's errors, longer than a line.
    "Porque entre varios ojos vemos más, queremos construir una mejor web para ustedes. Los "
    "invitamos a reportar errores de contenido, ortografía, puntuación y otras que consideren "
    "pertinentes.",
    # A teaser's or an ad's label in capitals.
    "MIRA: Madre se acerca a conocer los motivos de captura de su hijo y termina detenida",
    "LEE: El Congreso aprueba la reforma del sistema de pensiones",
    "ANZEIGE - Heute mal ausgehen? Wie wäre es mit:",
])
def test_lines_that_are_furniture_in_any_story_are_not_text(line):
    inner = '<div class="entry-content">' + paragraphs(P1, line, P2, P3) + "</div>"
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


def test_lone_furniture_lines_are_dropped_from_a_declared_body_too():
    declared = json.dumps({"@type": "NewsArticle", "articleBody": f"{P1}\nFoto: dpa\n{P2}\n{P3}"})
    html = (f'<html><head><script type="application/ld+json">{declared}</script></head>'
            "<body><h1>Budget</h1><p>Teaser only.</p></body></html>")
    assert extract(html, URL).body == "\n\n".join([P1, P2, P3])


def test_a_sentence_about_a_photo_a_date_or_a_byline_word_stays():
    kept = ["Photo: the mayor at the council meeting, where she defended the budget for an hour.",
            "21.04.2024 was the day the council met for the last time before the summer.",
            "By train, the journey takes four hours.",
            "Erstellt wurde der Plan von der Stadt im Jahr 2020 nach langer Debatte.",
            "Von der Leyen sagte, dass die Stadt 2024 mehr Geld bekommt.",
            "Más información sobre el proyecto está en la web del ayuntamiento.",
            "The agency said it had asked Reuters, AFP and dpa to correct the report by Monday.",
            "Empfehlungen von Dennis:",
            "Figure skating is back on the rink in the park, which opens again on Friday.",
            "Millions follow her on Instagram, where she posts from the council chamber.",
            "Read: the council's report runs to 200 pages and was published on Monday evening.",
            "Werbung – Zielgruppe und Bedürfnisse", "Kategorie: Kinder- & Jugendbuch",
            "The app is free and will be in the App Store from next week, the company said.",
            "Apple's App Store issue with the magazine publishers has dragged on for years.",
            "Shoppers added more to their baskets in March than in any month since 2019.",
            "Die Stadt will nichts mehr verpassen, sagte die Bürgermeisterin, und plant neu.",
            "Hier finden Sie die Bürgermeisterin am Dienstag nicht, sagte ihr Sprecher.",
            "Der Newsletter der Stadtverwaltung erscheint künftig nur noch einmal im Monat.",
            "The plan was reviewed by the council's auditors, who found no errors in it."]
    inner = '<div class="entry-content">' + paragraphs(P1, *kept, P2) + "</div>"
    assert body_of(inner) == "\n\n".join([P1, *kept, P2])


def test_text_a_cms_escaped_twice_is_read_as_meant():
    escaped = "A polícia militar da Bahia e a Rondesp Atlântico agiram em conjunto na operação."
    twice = escaped.replace("í", "&iacute;").replace("â", "&acirc;")
    story = paragraphs(P1, twice.replace("&", "&amp;"), P2)
    assert body_of(f'<div class="entry-content">{story}</div>') == "\n\n".join([P1, escaped, P2])


def test_an_escaped_html_article_body_in_json_ld_is_read_as_html():
    spaced = P2.replace(" cut ", "&nbsp;cut ")
    escaped = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in (P1, spaced, P3))
    declared = json.dumps({"@type": "NewsArticle", "articleBody": escaped})
    html = (f'<html><head><script type="application/ld+json">{declared}</script></head>'
            "<body><h1>Budget</h1><p>Teaser only.</p></body></html>")
    assert extract(html, URL).body == "\n\n".join([P1, P2, P3])


def test_an_article_body_a_cms_wrote_twice_into_json_ld_is_read_once():
    story = f"{P1}\n{P2}\n{P3}"
    declared = json.dumps({"@type": "NewsArticle", "articleBody": f"{story} {story}"})
    html = (f'<html><head><script type="application/ld+json">{declared}</script></head>'
            "<body><h1>Budget</h1><p>Teaser only.</p></body></html>")
    assert extract(html, URL).body == "\n\n".join([P1, P2, P3])


def test_soft_hyphens_and_zero_width_spaces_do_not_split_words():
    hyphenated = P1.replace("approved", "ap\u00adpro\u00adved").replace("budget", "bud\u200bget")
    inner = '<div class="entry-content">' + paragraphs(hyphenated, P2, P3) + "</div>"
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


@pytest.mark.parametrize("hidden", ["screen-reader-text", "h-offscreen", "visuallyhidden",
                                    "element-invisible", "expand-icon__a11y-open"])
def test_screen_reader_only_text_is_not_read(hidden):
    box = f'<div class="box"><p><span class="{hidden}">Box aufklappen</span></p></div>'
    inner = '<div class="entry-content">' + paragraphs(P1, P2) + box + paragraphs(P3) + "</div>"
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


@pytest.mark.parametrize("caption", ["legend", "bildunterschrift", "image-legende"])
def test_image_legends_are_not_text(caption):
    legend = (f'<div class="image"><img src="/k.jpg"><div class="{caption}"><p>Der Hirschkäfer '
              "(Lucanus cervus) lebt in lichten Wäldern.</p></div></div>")
    inner = '<div class="entry-content">' + paragraphs(P1, P2) + legend + paragraphs(P3) + "</div>"
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


def test_text_hidden_by_css_framework_classes_is_not_read_unless_shown_on_large_screens(
        monkeypatch):
    no_generic_fallback(monkeypatch)
    inner = ('<div class="entry-content">' + paragraphs(P1, P2)
             + '<div class="intro-body__premium hidden"><p>The print edition of this story '
             'carries a map of the districts.</p></div>'
             + '<div class="hidden md:block">' + paragraphs(P3) + "</div></div>")
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


def test_teasers_of_other_stories_after_the_story_are_not_text():
    long_paragraph = " ".join([P1, P2, P3, P1])
    teasers = ('<h3><a href="/ai/">AI in the classroom: a challenge for schools</a></h3>'
               "<p>Most students want clear rules for using AI in their exams.</p>"
               '<h3><a href="/farm/">Robots against weeds</a></h3>'
               "<p>A farmer near the river sprays less thanks to machine vision.</p>")
    inner = '<article class="story">' + paragraphs(long_paragraph, P2) + teasers + "</article>"
    assert body_of(inner) == "\n\n".join([long_paragraph, P2])


def test_the_story_goes_on_after_a_box_of_teasers_inside_it():
    long_paragraph = " ".join([P1, P2, P3, P1])
    quotes = ['"I was there for the birth, I walked out of the room and gave it a cry."',
              '"Now he is getting about and walking everywhere, you need eyes at the back."',
              '"It is unfortunate to miss things like that, but it is a sacrifice."']
    teasers = ('<h3><a href="/ai/">AI in the classroom: a challenge for schools</a></h3>'
               '<h3><a href="/farm/">Robots against weeds</a></h3>')
    inner = ('<article class="story">' + paragraphs(long_paragraph) + teasers
             + paragraphs(*quotes) + "</article>")
    assert body_of(inner) == "\n\n".join([long_paragraph, *quotes])


def test_of_several_whole_articles_on_a_page_the_story_is_the_one_under_its_headline():
    # Infinite scroll: the next story, longer than this one, loaded below it.
    story = [P1, P2, P3, " ".join([P3, P2, P1])]
    other = [f"Another story of another day, number {n}, long enough to outweigh this one."
             for n in range(12)]
    html = ("<html><body><header><h1>News site</h1></header>"
            f"<article><h1>Council approves budget</h1>{paragraphs(*story)}</article>"
            f"<article><h2>Another story</h2>{paragraphs(*other)}</article></body></html>")
    assert extract(html, URL).body == "\n\n".join(story)


def test_the_lede_is_looked_for_under_the_headline_not_under_the_logo():
    lede = "The council approved the budget after a long day of debate in the town hall."
    html = ('<html><body><div class="site-logo"><h1>City News</h1></div>'
            '<p class="site-description">Daily news and views from the city and beyond.</p>'
            f'<h1>Budget</h1><p class="standfirst">{lede}</p>'
            f'<div class="entry-content">{paragraphs(P1, P2, P3)}</div></body></html>')
    assert extract(html, URL).body == "\n\n".join([lede, P1, P2, P3])


def test_a_teaser_box_inside_the_story_is_not_text_but_a_teaser_lede_is():
    box = ('<div class="teaser"><h2><a href="/corona/">Was Sie zum Coronavirus wissen müssen'
           "</a></h2><p>Alle Fragen und Antworten rund um das Virus und die Impfung.</p></div>")
    closing = " ".join([P3, P2, P1])  # the story goes on at length after the box
    inner = ('<div class="entry-content">' + paragraphs(P1, P2) + box + paragraphs(closing)
             + "</div>")
    assert body_of(inner) == "\n\n".join([P1, P2, closing])
    lede = ('<div class="article-teaser"><p>The council approved the budget after a long day '
            "of debate.</p></div>")
    inner = '<div class="entry-content">' + lede + paragraphs(P1, P2, P3) + "</div>"
    assert body_of(inner).startswith("The council approved the budget after a long day")


def test_a_card_linking_to_another_story_inside_the_story_is_not_text():
    # The whole card is the link: a kicker, the other story's headline and its blurb.
    card = ('<a href="/2026/03/03/libraries/"><span>Culture</span><h3>Libraries fear the cuts '
            "will close their doors on Sundays and in the evenings</h3><p>The city's eleven "
            "branches could lose a third of their opening hours next year.</p></a>")
    inner = '<div class="entry-content">' + paragraphs(L1, L2) + card + paragraphs(L3) + "</div>"
    assert body_of(inner) == "\n\n".join([L1, L2, L3])


def test_a_run_of_sentences_set_as_headings_is_text_but_a_box_title_is_not(monkeypatch):
    # A listicle told in headings, each over its picture: the points are the story.
    no_generic_fallback(monkeypatch)
    points = ["1. The city owns more than 1,300 flats in the old town.",
              "2. Its debt equals a tenth of the yearly budget.",
              "3. Twelve thousand people live in its houses."]
    inner = ('<div class="entry-content">' + paragraphs(L1, L2) + "".join(
        f'<h3>{point}</h3><figure><img src="/{n}.jpg"></figure>' for n, point in
        enumerate(points)) + paragraphs(L3) + "<h3>More from the city hall</h3></div>")
    assert body_of(inner) == "\n\n".join([L1, L2, *points, L3])


def test_linked_headings_inside_the_story_are_kept():
    long_paragraph = " ".join([P1, P2, P3, P1])
    inner = ('<article class="story">' + paragraphs(long_paragraph)
             + '<h2><a href="/p/1/">The first model</a></h2>' + paragraphs(P2)
             + '<h2><a href="/p/2/">The second model</a></h2>' + paragraphs(long_paragraph)
             + "</article>")
    assert body_of(inner) == "\n\n".join(
        [long_paragraph, "The first model", P2, "The second model", long_paragraph])


def test_a_body_built_of_cms_paragraph_components_is_read_whole():
    long_paragraph = " ".join([P1, P2, P3, P1])
    component = ('<div class="paragraph paragraph--type--text"><div class="field__item">'
                 '<div class="text-formatted field--name-body">{}</div></div></div>')
    inner = ("<article>" + component.format(paragraphs(long_paragraph))
             + '<div class="paragraph paragraph--type--image"><img src="x.jpg" alt=""></div>'
             + component.format(paragraphs(P3))
             + '<div class="box"><p>' + P2.upper() + " " + P1.upper() + "</p></div></article>")
    assert body_of(inner) == "\n\n".join([long_paragraph, P3])


def test_an_article_element_holding_little_of_the_page_prose_is_not_taken_for_the_story():
    box = ("<article class='signup'><p>Choose a date for your free call, enter your best email "
           "address and click on continue to book it with our team of coaches.</p>"
           "<p>Yes, I want to get rid of my money worries now and book the call today!</p>"
           "<p>I agree that my data is used to contact me about the call and the offers.</p>"
           "</article>")
    story = " ".join([P1, P2, P3])
    inner = box + '<div id="x"><div class="y">' + paragraphs(story, P1 + " " + P3, P2 + " " + P1)
    assert body_of(inner + "</div></div>").startswith(story)


@pytest.mark.parametrize("mark", ["chapo", "sommario", "bajada", "entradilla", "article-lead"])
def test_standfirsts_marked_in_the_words_of_french_italian_and_spanish_cms_come_first(mark):
    lede = "Le conseil a voté le budget après une longue journée de débats à l'hôtel de ville."
    inner = f'<div class="{mark}"><p>{lede}</p></div><div class="entry-content">'
    assert body_of(inner + paragraphs(P1, P2, P3) + "</div>") == "\n\n".join([lede, P1, P2, P3])


def test_a_picture_description_above_the_body_is_not_taken_for_its_standfirst():
    caption = "The town hall on Tuesday evening, seen from the market square. © Photo Agency"
    inner = (f'<div class="img_description">{caption}</div>'
             f'<div class="entry-content">{paragraphs(P1, P2, P3)}</div>')
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


def test_code_shown_after_the_last_paragraph_is_kept():
    code = "<pre>target = 'example.org'\nclient.connect((target, 80))\nclient.send(request)</pre>"
    inner = f'<div class="entry-content">{paragraphs(P1 + " " + P2, P3)}{code}</div>'
    assert body_of(inner).endswith("client.connect((target, 80))\n\nclient.send(request)")


BIO = ("Jane Doe is the co-founder of a consultancy for city finances and has covered local "
       "politics for twenty years. She lives in the city with her family and two cats, and she "
       "teaches journalism at the university. Before that she worked for a regional radio "
       "station, reported from the state parliament and wrote a book about public budgets. "
       "Her newsletter on the city's money goes out every Friday morning to subscribers. ")


@pytest.mark.parametrize("box", [
    f'<div class="m-author"><div class="m-author__description"><p>{BIO}</p></div></div>',
    f'<div class="saboxplugin-wrap"><p>{BIO}</p></div>',
    f'<div class="about-the-author"><p>{BIO}</p></div>',
    f'<div class="donation-form-holder"><p>Your contribution helps us. {BIO}</p></div>',
    f'<div class="popup-msg"><p>You have read 3 of 4 free articles. {BIO}</p></div>',
    '<div class="wp-block-recirculation"><div class="title">More columns</div></div>',
    '<section class="editorial-disclosure"><p>This post contains references to products from '
    'our advertisers.</p></section>',
    '<p class="aawp-disclaimer">The links are affiliate links: we earn a commission.</p>',
    '<div class="entry-utility">This entry was posted in News. Bookmark the permalink.</div>',
    '<section class="c-letters-cta"><p>We want to hear what you think about this article.</p>'
    '</section>',
    f'<div class="_brlbs-content-blocker"><p>Map provider: {BIO}</p></div>',
    f'<div class="privacy-embed-preview"><blockquote><p>{BIO}</p></blockquote></div>',
    # Themes' author boxes marked "author" alone ("herald-author", Author Hover Box's).
    '<div class="herald-author row"><p>Anna studied medicine in Leipzig and writes about '
    "hospitals.</p></div>",
])
def test_author_boxes_donation_calls_popups_and_disclaimers_in_the_body_are_not_text(box):
    inner = f'<div class="entry-content">{paragraphs(P1, P2, P3)}{box}</div>'
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


def test_a_heading_over_a_subheading_heads_a_section():
    inner = (f'<div class="entry-content">{paragraphs(P1)}<h2>Curriculum</h2><h3>First year</h3>'
             f'{paragraphs(P2)}<h3>Second year</h3>{paragraphs(P3)}</div>')
    assert body_of(inner) == "\n\n".join([P1, "Curriculum", "First year", P2, "Second year", P3])


@pytest.mark.parametrize(("tag", "lede"), [
    ("p", "The council approved the budget after a long day of debate in the town hall."),
    # A subheadline often goes without its stop.
    ("h2", "The leader of the women's group says the party silenced her over the abortion vote"),
])
def test_the_sentence_or_subheadline_right_under_the_headline_is_the_standfirst(tag, lede):
    html = ('<html><body><div class="article-header"><h1>Council approves budget</h1>'
            f'<{tag}>{lede}</{tag}></div><div class="entry-content">{paragraphs(P1, P2, P3)}'
            "</div></body></html>")
    assert extract(html, URL).body == "\n\n".join([lede, P1, P2, P3])


@pytest.mark.parametrize("under", [
    "<p>By Jane Doe and John Smith</p>", "<p>Published 12 March 2024, 10:15</p>",
    '<p><a href="/a/">Politics</a> <a href="/b/">City hall</a> <a href="/c/">Budget</a> '
    '<a href="/d/">Elections in the spring of next year</a></p>',
])
def test_a_byline_date_or_links_under_the_headline_are_no_standfirst(under):
    html = ('<html><body><div class="article-header"><h1>Council approves budget</h1>'
            f'{under}</div><div class="entry-content">{paragraphs(P1, P2, P3)}</div>'
            "</body></html>")
    assert extract(html, URL).body == "\n\n".join([P1, P2, P3])


def test_a_standfirst_inside_the_body_container_is_read_once():
    lede = "The council approved the budget after a long day of debate in the town hall."
    html = (f'<html><body><div class="entry-content"><h1>Council approves budget</h1>'
            f'<p class="vorspann">{lede}</p>{paragraphs(P1, P2, P3)}</div></body></html>')
    assert extract(html, URL).body.count(lede) == 1


def test_a_sentence_set_as_a_heading_is_text_even_over_another_heading():
    sentence = ("We talked to the mayor about the budget, the libraries and the buses, and about "
                "what the city will look like in ten years.")
    inner = (f'<div class="entry-content"><h3>{sentence}</h3><h3>The budget</h3>'
             f'{paragraphs(P1, P2, P3)}</div>')
    assert body_of(inner) == "\n\n".join([sentence, "The budget", P1, P2, P3])


@pytest.mark.parametrize("box", [
    "<div role='complementary'><h3>Two resignations</h3><p>She was criticised before.</p></div>",
    *(f"<div class='{mark}'><h3>Facts about the budget</h3><p>The city spends a tenth of its "
      f"budget on libraries and buses, more than any other city in the region.</p></div>"
      for mark in ("fact-box", "metro-factbox", "infobox", "info-box", "faktaboks")),
    "<div class='authorprofile'><h2>About the author</h2><p>Jane Doe covers the city.</p></div>",
    "<div id='placeholder-image-1'>Placeholder image-1</div>",
    "<div class='metro-video-player'><h4>Up Next</h4><p>The mayor's speech in full</p></div>",
    "<div class='Article_elementPoll__0I_DP'><p>Should the city cut the library budget?</p>"
    "<label>Yes, certainly.</label></div>",
    "<div class='RenderKeyPoints-keyPoints'><div>Key Points</div><ul><li>The budget passed on "
    "Tuesday after a long debate.</li></ul></div>",
])
def test_side_boxes_fact_boxes_players_polls_and_summary_boxes_are_not_text(monkeypatch, box):
    no_generic_fallback(monkeypatch)
    inner = f"<div class='entry-content'>{paragraphs(P1)}{box}{paragraphs(P2, P3)}</div>"
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


def test_the_headline_inside_the_body_container_is_the_title_not_text():
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
            '"Spending plan passes"}</script>')
    html = (f'<html><head>{head}</head><body><article><h1>Council approves the new budget after '
            f"a long debate</h1>{paragraphs(P1, P2, P3)}</article></body></html>")
    assert extract(html, URL).body == "\n\n".join([P1, P2, P3])


# The trim of short lines around the story counts paragraphs of 100 characters or more.
L1 = P1 + " It was the longest session this year."
L2 = P2 + " They promised to fight it in the spring."
L3 = P3 + " She expects the next budget to be easier."


def test_a_list_right_under_the_last_paragraph_is_kept(monkeypatch):
    no_generic_fallback(monkeypatch)
    body = body_of('<div class="entry-content">' + paragraphs(L1, L2, L3 + " Her tips:")
                   + "<ul><li>Practise gratitude</li><li>Stay active</li></ul></div>")
    assert body.endswith("Practise gratitude\n\nStay active")


def test_a_table_right_under_the_last_paragraph_is_kept(monkeypatch):
    # A car test's specs, a recipe's nutrition facts: a table of short cells under the story.
    no_generic_fallback(monkeypatch)
    table = ("<table><tr><th>Engine</th><th>Power</th></tr>"
             "<tr><td>Fuel consumption in litres</td><td>1.6</td></tr></table>")
    body = body_of('<div class="entry-content">' + paragraphs(L1, L2, L3) + table + "</div>")
    assert body.endswith("Engine\n\nPower\n\nFuel consumption in litres\n\n1.6")


def test_short_sentences_closing_the_story_are_kept_but_not_other_short_lines(monkeypatch):
    no_generic_fallback(monkeypatch)
    body = body_of('<div class="entry-content">' + paragraphs(
        L1, L2, L3, "Thank you for the interview!", "I hope you like the relaunch.", "Share this")
        + "</div>")
    assert body == "\n\n".join(
        [L1, L2, L3, "Thank you for the interview!", "I hope you like the relaunch."])


def test_a_line_leading_into_the_first_paragraph_is_kept(monkeypatch):
    no_generic_fallback(monkeypatch)
    body = body_of('<div class="entry-content"><p>Dear readers,</p>' + paragraphs(L1, L2, L3)
                   + "</div>")
    assert body == "\n\n".join(["Dear readers,", L1, L2, L3])


@pytest.mark.parametrize("box", [
    '<div class="entry-author author-avatar-show"><p>Jane Doe writes about city politics and '
    "has covered the council for ten years, from budgets to elections.</p></div>",
    '<div class="autorenbox"><p>Anna Martel schreibt seit zehn Jahren über die Stadtpolitik, '
    "über Haushalte, Wahlen und den Gemeinderat.</p></div>",
    # Marked "author" in German, Spanish, Polish, Italian or French, also in camelCase.
    '<section class="artDetailAutor"><p>Artikel von</p><p>Anna Martel</p><p>Leiterin Redaktion '
    "Leben und Gesundheit</p></section>",
    '<div class="autor"><p>Autor: Jan Kowalski</p></div>',
])
def test_theme_and_german_author_boxes_are_furniture(box, monkeypatch):
    no_generic_fallback(monkeypatch)
    inner = '<div class="entry-content">' + paragraphs(P1, P2) + box + paragraphs(P3) + "</div>"
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


@pytest.mark.parametrize("box", ["ShareBar", "relatedArticles", "NewsletterSignupBox",
                                 "Article_sidebarTeaser__x7Fq"])
def test_strong_marks_count_in_camel_case_class_names(box, monkeypatch):
    no_generic_fallback(monkeypatch)
    inner = ('<div class="entry-content">' + paragraphs(P1, P2)
             + f'<div class="{box}"><p>Our pick of the week: the best stories about the city, '
             "from the council to the courts.</p></div>" + paragraphs(P3) + "</div>")
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


def test_a_generated_class_name_holding_a_short_strong_word_by_chance_is_text(monkeypatch):
    no_generic_fallback(monkeypatch)
    inner = ('<div class="entry-content">' + paragraphs(P1)
             + '<p class="block-id-s7xAdq">' + P2 + "</p>" + paragraphs(P3) + "</div>")
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


LEDE = "The city will spend less on libraries and buses next year, and more on its roads."


def test_the_meta_description_shown_above_the_body_is_its_standfirst(monkeypatch):
    # Funke, Seznam, Dagbladet, Börsen-Zeitung: the standfirst has no class that says so, but
    # it is the page's description, set between the headline's byline and the body.
    no_generic_fallback(monkeypatch)
    head = f'<meta name="description" content="{LEDE}">'
    inner = ('<div class="meta"><time>4 March 2026</time></div>'
             f'<div class="x7f"><span>Berlin.</span> <span>{LEDE}</span></div>'
             f'<div class="article-body">{paragraphs(P1, P2, P3)}</div>')
    assert body_of(inner, head) == "\n\n".join([f"Berlin. {LEDE}", P1, P2, P3])


def test_the_meta_description_above_a_body_found_by_the_generic_extractor_is_its_standfirst():
    head = f'<meta property="og:description" content="{LEDE}">'
    inner = (f'<div class="head"><h2 class="x7f">{LEDE}</h2></div><div class="meta">'
             '<time>4 March 2026</time></div>'
             f'<div class="col">{paragraphs(P1, P2, P3, P1[::-1], P2[::-1])}</div>')
    assert body_of(inner, head).startswith(f"{LEDE}\n\n{P1}")


def test_a_photo_credit_in_the_header_is_not_the_standfirst(monkeypatch):
    # Wired: the lead picture's credit sits in a "lede" element of the header.
    no_generic_fallback(monkeypatch)
    head = f'<meta name="description" content="{LEDE}">'
    inner = ('<div class="lede-asset">Photograph: Jane Doe for The News</div>'
             '<div class="meta"><time>4 March 2026</time></div>'
             f'<div class="x7f">{LEDE}</div>'
             f'<div class="article-body">{paragraphs(P1, P2, P3)}</div>')
    assert body_of(inner, head) == "\n\n".join([LEDE, P1, P2, P3])


def test_a_hidden_second_copy_of_the_story_is_not_read_twice(monkeypatch):
    # Der Freitag: the story again in a "display:none" element kept for the paywall.
    no_generic_fallback(monkeypatch)
    inner = (f'<article>{paragraphs(P1, P2, P3)}'
             f'<div class="o-wall" style="display:none">{paragraphs(P1, P2, P3)}</div></article>')
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


def test_a_hidden_tab_of_the_story_is_read(monkeypatch):
    # Hidden tabs and accordions hold text of their own: only a repeated copy goes.
    no_generic_fallback(monkeypatch)
    inner = (f'<article>{paragraphs(P1, P2)}'
             f'<div class="tab" style="display: none">{paragraphs(P3)}</div></article>')
    assert body_of(inner) == "\n\n".join([P1, P2, P3])


def test_a_site_tagline_that_is_also_the_description_is_not_the_standfirst(monkeypatch):
    no_generic_fallback(monkeypatch)
    tagline = "Daily news and views from the city and the villages around it."
    head = f'<meta name="description" content="{tagline}">'
    html = (f"<html><head>{head}</head><body><header><p class='brand'>{tagline}</p></header>"
            f"<h1>Council approves budget</h1><div class='article-body'>"
            f"{paragraphs(P1, P2, P3)}</div></body></html>")
    assert extract(html, URL).body == "\n\n".join([P1, P2, P3])


# Paragraphs long enough to count as the story's prose (100 characters or more).
LONG1, LONG2 = f"{P1} {P2}", f"{P2} {P3}"


def test_short_lines_between_paragraphs_after_the_last_long_one_are_text(monkeypatch):
    no_generic_fallback(monkeypatch)
    lines = ["Achtung Redaktion:", "Fotos zum Download finden Sie hier im Pressebereich.",
             "Pressekontakt:", "Anna Beispiel, Pressestelle der Stadt, Telefon im Impressum."]
    body = body_of("<article class='entry-content'>" + paragraphs(LONG1, LONG2, *lines)
                   + "</article>")
    assert body == "\n\n".join([LONG1, LONG2, *lines])


@pytest.mark.parametrize("tail", [
    ["Here is the full list.", "1. Robert Plant", "2. Rob Halford", "3. Steven Tyler"],
    ["Viel Glück!", "Euer Hans"], ["Cheers, Tom"],
])
def test_a_numbered_list_or_a_sign_off_under_the_story_is_text(monkeypatch, tail):
    no_generic_fallback(monkeypatch)
    body = body_of("<article class='entry-content'>" + paragraphs(LONG1, LONG2, *tail)
                   + "<p>Share</p></article>")
    assert body == "\n\n".join([LONG1, LONG2, *tail])


def test_an_element_marked_author_that_holds_the_story_is_text():
    inner = (f'<div class="entry-content"><div class="author-content">{paragraphs(P1, P2, P3)}'
             f'{paragraphs(P1[::-1], P2[::-1], P3[::-1])}</div></div>')
    assert P1 in body_of(inner) and P3 in body_of(inner)


@pytest.mark.parametrize("line", ["Source: City of Springfield", "Photos via the city council",
                                  "Originally published by The Example Times"])
def test_attribution_markers_are_left_for_the_attribution_step(line):
    assert not is_furniture_line(line)


@pytest.mark.parametrize("line", [
    "Erstellt: 28.04.2023, 18:16 Uhr", "10/07/2026 00:50 Actualizado a 10/07/2026 22:39",
    "17:41 JST, October 13, 2024", "Friday 22 November 2024 08:49 GMT",
    "Do 25.04.24 | 14:07 Uhr | Von Eva Kirchner-Rätsch",
])
def test_a_date_with_its_time_of_day_is_a_dateline(line):
    assert is_furniture_line(line)


@pytest.mark.parametrize("line", [
    "Termin: Montag, 15. November 2021 um 10.30 Uhr", "Nachtrag 22.04.2020 10:30 Uhr:",
    "The 07:15 train from Leeds was cancelled on 3 March 2024 after the storm.",
])
def test_an_event_s_date_and_time_and_a_line_leading_into_text_are_no_dateline(line):
    assert not is_furniture_line(line)


def test_php_error_messages_printed_into_the_page_are_not_text():
    # A server that shows PHP's errors prints them where the failing plugin writes.
    warning = ("<br />\n<b>Warning</b>:  Use of undefined constant comments - assumed 'comments' "
               "in <b>/htdocs/wp-content/plugins/recent-comments.php</b> on line <b>928</b><br />")
    inner = f'<div class="entry-content">{warning}{paragraphs(P1, P2)}{warning}</div>'
    assert body_of(inner) == "\n\n".join([P1, P2])


def test_a_paragraph_wrapped_in_the_page_source_is_one_paragraph():
    # Hand-written and generated pages wrap a paragraph's source at 80 columns; a browser
    # shows one paragraph. Indentation between elements still parts lines, code keeps its own.
    wrapped = P1.replace(" the ", "\n  the ").replace("after a", "after\na")
    code = "$ cd /usr/src\n$ make"
    inner = (f"<div class='entry-content'><p>{wrapped}</p>{paragraphs(P2)}<pre>{code}</pre>"
             f"{paragraphs(P3)}</div>")
    assert body_of(inner) == "\n\n".join([P1, P2, "$ cd /usr/src", "$ make", P3])


def test_a_heading_over_nothing_but_furniture_lines_is_a_box_title(monkeypatch):
    # Video teasers set in the story (broadcasters' sites): each title over its running time.
    no_generic_fallback(monkeypatch)
    videos = "".join(f"<h3>{title}</h3><div>{length}</div>" for title, length in [
        ("Budget debate: the mayor answers", "2:38 min"),
        ("Libraries fear the cuts", "6:12 min")])
    inner = ('<div class="entry-content">' + paragraphs(L1, L2) + videos
             + "<h2>What comes next</h2>" + paragraphs(L3) + "</div>")
    assert body_of(inner) == "\n\n".join([L1, L2, "What comes next", L3])


def declared_head(text: str) -> str:
    declared = json.dumps({"@type": "NewsArticle", "articleBody": text})
    return f'<script type="application/ld+json">{declared}</script>'


def test_a_declared_body_in_one_run_is_read_in_the_parts_the_page_shows_it_in():
    # JSON-LD holds the text as one run; the page's unmarked container parts it in paragraphs
    # under a subheading.
    shown = '<div class="txt">' + paragraphs(L1, L2) + "<h2>What comes next</h2>" + paragraphs(
        L3) + "</div>"
    run = f"{L1} {L2} What comes next {L3}"
    assert body_of(shown, declared_head(run)) == "\n\n".join([L1, L2, "What comes next", L3])


def test_a_standfirst_only_the_declared_body_holds_stays_before_the_parts_the_page_shows():
    standfirst = "The city will spend less on libraries and buses next year."
    shown = '<div class="txt">' + paragraphs(L1, L2, L3) + "</div>"
    run = f"{standfirst} {L1} {L2} {L3}"
    assert body_of(shown, declared_head(run)) == "\n\n".join([standfirst, L1, L2, L3])


def test_a_live_blog_entry_header_of_time_and_writer_or_label_is_not_text():
    # Each entry opens with its time and its writer's name or a label, set as spans.
    entries = "".join(
        f'<div class="entry"><div><span>{time}</span><span>{label}</span></div>'
        f"<h3>{title}</h3><p>{text}</p></div>" for time, label, title, text in [
            ("21:00", "Jane Doe", "Libraries fear the cuts", L2),
            ("20:42", "KEY EVENT", "Council approves budget", L1),
            ("19:15", "Pinned post", "What comes next", L3)])
    told = "10:30 The council met again to vote on the plan."
    inner = '<div class="entry-content">' + entries + paragraphs(told) + "</div>"
    assert body_of(inner) == "\n\n".join([
        "Libraries fear the cuts", L2, "Council approves budget", L1, "What comes next", L3,
        told])


def test_a_programme_of_times_and_titles_is_text():
    programme = ["9:00 Opening Keynote", "10:30 Panel Discussion", "12:00 Lunch"]
    inner = ('<div class="entry-content">' + paragraphs(L1) + "<ul>" +
             "".join(f"<li>{line}</li>" for line in programme) + "</ul>" + paragraphs(L2) +
             "</div>")
    assert body_of(inner) == "\n\n".join([L1, *programme, L2])


def test_a_section_marked_for_its_ad_slot_that_holds_running_text_is_the_story(monkeypatch):
    # A test report's sections are "--Ads" sections: each has a slot for an ad in it.
    no_generic_fallback(monkeypatch)
    long_paragraph = " ".join([P1, P2, P3, P1, P2, P3])
    sections = "".join(
        f'<section class="report__section report__section--ads"><h2>{title}</h2>'
        f'<p>{long_paragraph}</p><div class="ad"><p>Anzeige: Jetzt den Grill kaufen!</p></div>'
        "</section>" for title in ("Price", "Handling", "Cleaning", "Verdict"))
    inner = '<article class="report">' + sections + "</article>"
    assert body_of(inner) == "\n\n".join(
        part for title in ("Price", "Handling", "Cleaning", "Verdict")
        for part in (title, long_paragraph))


@pytest.mark.parametrize("mark", ["vc_general vc_cta3", "wp-block-call-to-action"])
def test_a_call_to_action_box_of_a_page_builder_is_not_text(mark):
    # WPBakery's "vc_cta3", blocks and themes' "call-to-action": an offer under the story.
    offer = ("In our seminar on augmented reality you work out with our trainers how smart "
             "glasses could serve your own company. Book your place now!")
    box = f'<section class="{mark}"><h2>Our seminar</h2><p>{offer}</p></section>'
    inner = '<div class="entry-content">' + paragraphs(L1, L2, L3) + box + "</div>"
    assert body_of(inner) == "\n\n".join([L1, L2, L3])


def test_the_body_field_of_drupal_7_is_the_story(monkeypatch):
    no_generic_fallback(monkeypatch)
    node = ("<div id='node-12' class='node node-article node-full clearfix'>"
            "<div class='content clearfix'><div class='field field-name-body "
            "field-type-text-with-summary field-label-hidden'><div class='field-items'>"
            f"<div class='field-item even' property='content:encoded'>{paragraphs(P1, P2, P3)}"
            "</div></div></div></div></div>")
    assert body_of(node) == "\n\n".join([P1, P2, P3])


def test_a_sidebar_table_of_recent_posts_is_not_the_story_of_a_short_page():
    # Drupal 7's "Recent content" block beside a story of one paragraph: trafilatura's
    # fallback took the block's table for the story.
    recent = "".join(f"<tr><td class='title-author'><a href='/news/{n}'>{title}</a></td></tr>"
                     for n, title in enumerate(["Bus depot roof to be covered in solar panels",
                                                "Library extends its opening hours in winter",
                                                "Council approves budget"]))
    html = ("<html><body><div id='main'><div id='sidebar-first' class='column sidebar'>"
            "<div class='region region-sidebar-first'><div id='block-node-recent' "
            "class='block block-node'><h2>Recent content</h2><div class='content'>"
            f"<table class='node-admin-table'><tbody>{recent}</tbody></table></div></div>"
            "</div></div><div id='content' class='column'><h1>Council approves budget</h1>"
            f"<div class='node'><div class='field-item even'><p>{P1}</p></div></div></div>"
            "</div></body></html>")
    body = extract(html, URL).body
    assert "solar panels" not in body and P1 in body


def test_the_comments_a_wrapper_holds_do_not_make_it_the_body(monkeypatch):
    # Drupal's node__content holds the body field, a gallery and the comment field: readers'
    # words must not outweigh the story and bring the gallery's pager into the body.
    no_generic_fallback(monkeypatch)
    comments = "".join(
        f'<article class="comment"><div class="field--name-comment-body"><p>{text}</p></div>'
        "</article>" for text in [f"Reader {n} thinks the council should have listened to the "
                                  "libraries before it voted on the budget." for n in range(6)])
    inner = ('<div class="node__content"><div class="field--name-body">'
             + paragraphs(L1, L2, L3) + "</div>"
             '<div class="media-gallery"><p>Picture 1 of 4 <a href="?p=2">Next picture ›</a>'
             "</p></div>"
             '<section class="field--name-comment comments"><h2>Comments</h2>' + comments +
             "</section></div>")
    assert body_of(inner) == "\n\n".join([L1, L2, L3])


@pytest.mark.parametrize("credit", [
    "(Source attribution: Port Authority News)", "Source: Port Authority News",
    "Quelle: Port Authority News", "With reporting by Port Authority News",
])
def test_a_credit_line_trailing_the_story_is_read_for_its_source(credit):
    # Short lines after the story's long paragraphs are dropped as its furniture; not a credit.
    story = [f"{P1} {P2}", f"{P3} {P1}"]
    inner = ('<div class="entry-content">' + paragraphs(*story, credit)
             + '<div class="share-buttons"><a href="#">Share</a></div></div>')
    article = extract(f"<html><body><h1>Council approves budget</h1>{inner}</body></html>", URL)
    assert article.body == "\n\n".join(story)
    assert article.attribution == ["Port Authority News"]


def test_a_brief_in_its_marked_container_is_not_traded_for_the_generic_extractors_page_text():
    # Under the length of a story, the generic extractor reads the whole page as one block:
    # headline, text and pager. The marked text stays the body unless it finds much more.
    inner = ('<div class="entry-content">' + paragraphs(P1, P2)
             + '<div class="page-links">Pages: <a href="2/">2</a> <a href="3/">3</a></div></div>')
    assert body_of(f"<article>{inner}</article>") == "\n\n".join([P1, P2])
