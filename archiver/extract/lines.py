"""Lines that are page furniture in any story, whatever container held them.

`is_furniture_line(text)` says whether one line of text (a paragraph, a list item, a heading)
is furniture on its own: a caption's credit or a figure's legend, a bare date, a byline, a
live blog entry's time and writer, an ad label, a "related" heading, a call to subscribe,
follow, donate or comment, a disclaimer, what a blocked embed or a player says in its place.
The body reader (`body.py`) drops such lines wherever it meets them.

The rules are regular expressions, one per family, in the languages of the sites we meet most;
how long a line may run decides which families are asked (`is_furniture_line`).
"""

from __future__ import annotations

import re


def _any_of(*families: str) -> str:
    """One alternation of the families' patterns, tried in the order given."""
    return "|".join(families)


# Headings of "more on this" boxes, in the languages of the sites we meet most.
_TEASER_HEADING = re.compile(
    r"^(?:related|read (?:more|also|next)|see also|more (?:on|from|about|stories|news)|"
    r"you (?:may|might) also like|recommended|most (?:read|popular|viewed)|"
    r"latest (?:news|stories)|"
    r"mehr (?:zum thema|zu|aus|themen|dazu|kolumnen|artikel|beiträge|nachrichten|videos)|"
    r"alle (?:nachrichten|artikel|beiträge) (?:zu|zum|zur|aus)\b|"
    r"weitere (?:\w+ )?(?:artikel|themen|infos?|"
    r"beiträge|nachrichten|informationen|geschichten)|ähnliche (?:beiträge|artikel|themen)|"
    r"entdecken? (?:sie )?(?:jetzt|weitere|mehr)|(?:lesen sie|lies|lest) (?:auch|mehr)|"
    r"auch interessant|das könnte (?:sie|dich) auch|zum weiterlesen|meistgelesen|viel gelesen|"
    r"neueste artikel|empfehlungen(?: für sie| der redaktion)?\W*$|"
    r"à lire aussi|lire aussi|sur le même sujet|voir aussi|leer más|lea también|te puede interesar|"
    r"(?:noticias?|notas?|artículos?) relacionad[oa]s?|veja também|leia também|mira también|"
    # Whole-line box titles ("Más información", "Zum selben Thema", "À découvrir").
    r"(?:más información|para saber más|zum selben thema|à découvrir|latest on)\W*$|"
    r"temas relacionados|explore further|empfohlene (?:beiträge|artikel)|zobacz (?:też|również)|"
    r"czytaj (?:też|także|więcej)|"
    r"leggi anche|potrebbe interessarti|читайте также|по теме|"
    r"関連記事|あわせて読みたい)\b", re.I)
# Short lines that are page furniture in any story, family by family, in two patterns because
# matching at the start is much cheaper than searching a whole line: how such lines begin
# (`_FURNITURE_START`, matched) and what they say anywhere (`_FURNITURE_PHRASE`, searched).

# Datelines and reading times.
_DATELINES = (
    r"(?:erstellt(?:\s+am)?\s*:?\s*\d)|"
    r"(?:published|updated|last updated|posted|veröffentlicht|aktualisiert|publié|mis à jour|"
    r"publicado|actualizado|pubblicato|aggiornato|gepubliceerd|bijgewerkt)\b.{0,60}\d|"
    r"\d+\s*(?:min(?:ute)?s?|minuten|minutes?)\.? (?:read|lesezeit|de lecture|lectura)\b|"
    r"(?:lesezeit|lesedauer|reading time)\W")
# Calls to join, follow, support or donate; login notes; advertising disclaimers.
_CALLS_TO_JOIN = (
    r"(?:hazte|become a|werde|devenez|diventa) (?:miembro|member|mitglied|membre|socio)\b|"
    r"(?:follow us|folgen sie uns|suivez-nous|síguenos)\b|"
    r"(?:sie sind|du bist) (?:aktuell |derzeit )?nicht (?:eingeloggt|angemeldet)|"
    r"you are not (?:logged|signed) in\b|"
    r"\*?(?:werbung|anzeige|advertorial)\s*[.:]\s|(?:dieser|der) (?:beitrag|artikel|post) "
    r"enthält (?:werbung|affiliate|produktplatzierung)|this (?:post|article) (?:contains|may "
    r"contain) (?:affiliate|sponsored|paid)|"
    r"(?:unterstütze|unterstützen sie|support (?:us|our|independent)|jede (?:kleine )?spende|"
    r"spenden sie|donate|if you (?:enjoyed|liked) (?:reading )?this)\b|"
    r"\W*(?:apoya|support|unterstütze\w*|soutenez|sostieni|wesprzyj) (?:el |la |our |unseren? "
    r"|den |le |il |lo )?(?:\w+ )?(?:periodismo|journalism|journalismus|journalisme|giornalismo|"
    r"dziennikarstwo)\b|\W*(?:we need your (?:help|support)|wir brauchen (?:deine|ihre|eure) "
    r"(?:hilfe|unterstützung)|necesitamos (?:tu|su) apoyo)\b")
# Notes on what kind of text this is: a community blog, a guest post, medically reviewed.
_NOTES_ON_THE_TEXT = (
    r"(?:bei )?(?:diese[mr]|de[mr]) (?:beitrag|artikel|text) handelt es sich um (?:\w+ ){0,3}"
    r"(?:blog|gastbeitrag|meinungsbeitrag|pressemitteilung|advertorial|anzeige)|"
    r"this (?:is a|article is a|post is a) (?:guest post|sponsored post|press release)\b|"
    r"(?:medically|medizinisch) (?:reviewed|geprüft)\b|dieser (?:text|artikel|beitrag) entspricht "
    r"den (?:vorgaben|standards|richtlinien)\b|"
    r"ten tekst przeczytasz\b|materiał chroniony prawem|"
    # German public broadcasters' note on the programme that covered the story.
    r"(?:über )?dieses thema (?:im programm|berichtete?)\b")
# What an embed blocked for privacy says in place of itself.
_BLOCKED_EMBEDS = (
    r"ein klick für den datenschutz|externe[nr]? inhalte?(?: (?:anzeigen|laden|erlauben))?\W*$|"
    r"empfohlener redaktioneller inhalt|"
    r"(?:podcast|video|inhalt|karte|grafik) (?:freigeben|laden|anzeigen)\W*$|"
    r"an dieser stelle (?:findest du|finden sie) (?:einen )?externen inhalt|"
    r"ich bin damit einverstanden, dass mir (?:externe )?inhalte|[\w-]+-inhalte erlauben\W*$|"
    r"personenbezogene daten können an drittplattformen|(?:klicken sie|klicke) auf den "
    r"(?:unteren )?button, um den inhalt von|click (?:the button below|here) to load "
    r"(?:the )?content from")
# What a media player or an image viewer says in place of itself.
_PLAYERS = (
    r"(?:video |audio )?(?:verfügbar bis|available until)\b|try refreshing your browser\b|"
    r"tap here to see other videos|(?:(?:player|video|inhalt) )?(?:loading|wird geladen|"
    r"chargement)\W*$|"
    # Where the story goes on after an ad ("Article continues below", "Weiter nach der Anzeige").
    r"(?:(?:the )?(?:article|story) continues (?:below|after (?:this )?ad\w*)|continue reading "
    r"below|(?:der )?artikel (?:geht|wird) (?:unter|nach) der (?:anzeige|werbung) (?:weiter|"
    r"fortgesetzt)|weiter nach der (?:anzeige|werbung)|la suite (?:de l'article )?après "
    r"(?:cette |la )?publicité|(?:la noticia )?continúa (?:después de|tras) (?:la )?publicidad)"
    r"\W*$|"
    r"(?:click to enlarge|zum vergrößern (?:bitte )?anklicken|view comments|(?:view|see) this "
    r"post on instagram|sieh dir diesen beitrag auf instagram an)\W*$|"
    r"click through (?:the|our) (?:gallery|photos|slideshow)")
# A teaser's lone link to the story it sells; a table of contents' title.
_LONE_LINKS = (
    r"(?:mehr|more|weiterlesen|lire la suite|leer más)\W*$|"
    r"(?:table of contents|contents|inhaltsverzeichnis|auf dieser seite|on this page|"
    r"in this article|sommaire|índice)\W*$")
# Calls for readers' story tips, questions and corrections; the magazine's issue in kiosks
# and app stores.
_CALLS_FOR_TIPS = (
    r"(?:got a story|do you have a story|have you got a story)\b.{0,120}\b(?:email|get in touch|"
    r"contact)|(?:bei )?fragen (?:und|oder) anregungen\b|"
    r"(?:(?:have you |did you )?(?:spot|spotted|find|found|notice|noticed|see) (?:a|an) "
    r"(?:mistake|error|typo)|fehler (?:gefunden|entdeckt)\?|¿(?:encontr|vi)\w* (?:un|algún) error)|"
    r"(?=.*\b(?:itunes|app ?store|google play|play store|kiosk|bahnhofskiosk|readly)\b)"
    r"(?=.*\b(?:abo|ausgabe|einzelheft|heft|e-?paper|magazin)\b)")
# The labels of toggles ("Bild anzeigen", "Show more"), recipe plugins' buttons, a call to
# comment.
_BUTTONS = (
    r"(?:(?:alle )?(?:bild(?:er)?|fotos?|quellen|details|mehr|weniger|inhalt|text)) (?:anzeigen|"
    r"ausblenden|einblenden|aufklappen|zuklappen)\W*$|(?:show|hide|view) (?:all )?(?:more|less|"
    r"sources|images?|photos?|details|captions?|transcript)\W*$|(?:ver|mostrar|ocultar) (?:más|"
    r"menos|fuentes|imagen|imágenes|fotos)\W*$|"
    r"\W*(?:rezept (?:drucken|speichern|merken)|print (?:this )?recipe|jump to recipe|"
    r"pin (?:this )?recipe|save (?:this )?recipe|zum rezept springen|imprimir (?:la )?receta|"
    r"imprimer (?:la )?recette)\b|"
    r"(?:jetzt )?(?:kommentieren|kommentar schreiben|commenter|comentar|commenta|skomentuj)\W*$|"
    # Calls to give the article away or share it ("Regala esta noticia", "Bu haberi paylaşın").
    r"(?:regala esta noticia|artikel verschenken|gift (?:this )?article|offrir (?:cet )?article|"
    r"share this (?:article|story)|(?:teile|teilen sie) diesen artikel|comparte esta noticia|"
    r"bu haberi paylaşın)\W*$")
_FURNITURE_START = re.compile(_any_of(
    _DATELINES, _CALLS_TO_JOIN, _NOTES_ON_THE_TEXT, _BLOCKED_EMBEDS, _PLAYERS, _LONE_LINKS,
    _CALLS_FOR_TIPS, _BUTTONS), re.I)
# "5 minutes ago".
_RELATIVE_TIMES = (r"\b\d+\s*(?:mins?|minutes?|hours?|hrs?|days?) ago\b|"
                   r"^\W*vor \d+\s*(?:std|stunden?|min|minuten|tagen)\.?$")
# Calls to subscribe, sign up, follow, watch the site's channel or get its app.
_CALLS_TO_SUBSCRIBE = (
    r"\b(?:subscribe|subscription|subscriber|abonnieren|abonnement|abonnee|abonné|abonnez|"
    r"suscríbete|suscripción|abbonati|subskrypcj|prenumerat)\w*\b|\bsign up (?:here|now|today)\b|"
    r"\b(?:sign up|sign in|log in)\b.{0,40}(?:newsletter|account|free)|"
    r"\bjoin us on (?:whatsapp|telegram)|"
    r"\b(?:delivered|sent|straight|direct(?:ly)?)\b.{0,40}\b(?:to|in|into) your inbox\b|"
    r"\bin (?:deinen|ihren|euren) posteingang\b|"
    r"\b(?:our|unser(?:em|en)?|nuestro|notre|tenemos(?: un)?) (?:\w+ )?(?:channel|kanal|canal|"
    r"chaîne) (?:on |auf |de )?(?:twitter|x|instagram|facebook|telegram|whatsapp|youtube|tiktok)\b|"
    r"\bdownload (?:the |our )?[\w ]{0,30}\bapps? for (?:ios|android|iphone)\b|"
    r"\b(?:our|unser(?:e[mnrs]?)?|notre|nuestr[ao]|nostra|nasz\w*|onze) (?:\w+ )?\w*newsletter\b")
# Shop and product boxes: calls to put a product in the basket or to buy it.
_SHOP_BUTTONS = (
    r"\b(?:add (?:\w+ ){0,3}to (?:your |the )?(?:cart|basket|bag)|"
    r"in den (?:warenkorb|einkaufswagen)|"
    r"ajouter au panier|añadir al carrito|jetzt (?:kaufen|bestellen|shoppen)|(?:buy|shop|order) "
    r"now|(?:jetzt )?bei amazon (?:kaufen|ansehen|bestellen)|(?:view|check price|buy) on amazon)\b")
# A pointer to another page ("Alles über Wanderschuhe findest du hier.").
_POINTERS = (
    r"\b(?:findest du|finden sie|findet ihr|erfährst du|erfahren sie|lesen sie|liest du) "
    r"(?:\w+ )?hier\W*$")
# Calls to sign up so as to miss nothing, or for exclusive offers.
_OFFERS = (
    r"\b(?:nichts|keine \w+) mehr (?:verpassen|versäumen)\W*$|\bnever miss (?:a|an|another) "
    r"\w+\W*$|\b(?:erhalten sie|erhältst du|erhaltet ihr|get|receive) (?:\w+ )?(?:exklusive\w*|"
    r"exclusive) (?:angebote|offers|deals|rabatte|discounts)\b|"
    r"\b(?:cancel (?:at )?any ?time|cancela(?:s)? cuando quieras|jederzeit kündbar|"
    r"résiliable à tout moment|disdici quando vuoi)\b")
# Disclaimers of opinion and of affiliate links.
_DISCLAIMERS = (
    r"\bgibt (?:ausschließlich )?die meinung de[rs] (?:autor|verfasser)|\bthe views expressed "
    r"(?:in this \w+ )?are (?:those of the author|the author)|\bis not responsible for the "
    r"(?:opinions|views|content)|"
    r"\bwe may (?:earn|receive|get) (?:a )?(?:small )?(?:commission|compensation|share of "
    r"(?:the )?(?:sales|revenue))\b|\b(?:erhalten|bekommen) wir (?:eine )?(?:kleine )?provision\b")
# Calls to comment, to write to the editor or to the newsroom, to download, to click through.
_CALLS_TO_WRITE = (
    r"\b(?:to comment|zum kommentieren|um (?:einen )?kommentar\w* zu|para comentar|"
    r"in den kommentaren|in the comments)\b|\bget in touch (?:with us )?at [\w.-]+@|"
    r"\b(?:submit|send)\b.{0,20}\bletters? to the editor\b|\bals pdf herunterladen\b|"
    r"\bklick(?:e|en sie|t) (?:dich|sich|euch) durch\b|\bvideo has failed to load\b")
# A post's category row.
_CATEGORY_ROWS = (
    r"(?:^|\|\s*)(?:categories|kategorien|rubriken|catégories|categorías|categorie|filed under|"
    r"posted in)\s*:\s*[^|]{1,60}(?:\||$)|\|\s*(?:category|kategorie|rubrik|catégorie|categoría|"
    r"categoria)\s*:\s*[^|]{1,60}(?:\||$)")
_FURNITURE_PHRASE = re.compile(_any_of(
    _RELATIVE_TIMES, _CALLS_TO_SUBSCRIBE, _SHOP_BUTTONS, _POINTERS, _OFFERS, _DISCLAIMERS,
    _CALLS_TO_WRITE, _CATEGORY_ROWS), re.I)
# Lines that are furniture on their own in any story: a photo credit or copyright, a bare date
# or time, an ad label, a video's duration (a byline is one too: `_BYLINE_LINE`).
_LONE_FURNITURE = re.compile(
    r"^(?:photo(?:graph)?s?|fotos?|bild|image|picture|credits?|grafik|illustration|video|"
    r"(?:beitrags|titel|header|aufmacher|vorschau)(?:bild|foto)|(?:featured|header|cover) image)"
    r"(?:\s*:|\s+(?:by|von))\s*\S.{0,60}$|"
    r"^(?:bildrechte|bildquelle|fotocredit|bildnachweis|fotonachweis)\s*:|"
    r"^(?:afp|dpa|reuters|epa|apa|ansa|getty images|imago)\s*/\s*\S.{0,60}$|"
    r"^(?:vorschau auf den )?(?:nächste[rn]?|vorherige[rn]?|next|previous|article suivant|"
    r"article précédent)(?: (?:artikel|beitrag|post|article|story))?\W*$|"
    # A caption's credit: "… © ZUMA Press Wire / Imago Images", "EPA", "Moment | Getty Images".
    r"^.{0,60}(?:[/|(©:]|\b)\s*(?:getty ?images|afp|reuters|dpa|ap photo|shutterstock|"
    r"istock(?:photo)?|imago(?: images)?|picture alliance|epa|keystone|unsplash|pixabay)\)?\.?$|"
    r"^(?:©|\(c\)|copyright\b).{0,100}$|"
    # A licence notice: "Dieser Text wurde veröffentlicht unter der Lizenz CC-BY-NC-ND-4.0-DE".
    r"^.{0,100}\b(?:licen[cs]e[ds]?|lizenz|licencia|licenza|lizenziert)\b.{0,40}\bcc[- ]by\b"
    r".{0,60}$|"
    r"^(?:[^\W\d_]+,\s*)?\d{1,2}[./]\s?\d{1,2}[./]\s?\d{2,4}"
    r"(?:\s*[,|–-]?\s*(?:um\s*)?\d{1,2}[:.]\d{2}(?:\s*uhr)?)?$|"
    # Today's or yesterday's time of a teaser ("Heute, 12:37 Uhr", "Vandaag om 20:07").
    r"^(?:heute|gestern|today|yesterday|hoy|ayer|vandaag|gisteren)\W{0,3}(?:um |om |at |a las )?"
    r"\d{1,2}[:.]\d{2}(?:\s*uhr)?$|"
    r"^\d{4}-\d{2}-\d{2}$|^\d{1,2}\.? [^\W\d_]+\.? \d{4}$|^[^\W\d_]+\.? \d{1,2}, \d{4}$|"
    r"^(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s*(?:min\.?|uhr))?$|"
    # A contact's phone or fax number; a disclaimer ("Alle Angaben ohne Gewähr").
    r"^(?:telefon|tel|phone|fax|telefax|mobil|mobile)\.?\s*:?\s*\+?[\d(][\d\s()/.-]{6,}$|"
    r"^\(?(?:alle )?angaben ohne gewähr\W*$|"
    r"^(?:anzeige|werbung|advertisement|publicidad|pubblicità|publicité|reklama|annonse|"
    r"sponsored|gesponsert|reklam|реклама|annons|advertentie|mainos)\W*$|"
    # A byline's label left alone when the name is a link of its own ("Von:", "By").
    r"^(?:by|von|par|por|door|av|af|di)\s*:?$|"
    # A separator line ("___", "* * *").
    r"^[\s_*=~•·–—-]{3,}$|"
    # The heading of the tag list under a story.
    r"^(?:tags|schlagworte|schlagwörter|themen|temas|tagi|étiquettes|mots-clés|argomenti|"
    r"etiquetas|topics)\s*:?$", re.I)
# A privacy notice standing in for an embed, longer than the other furniture lines.
_CONSENT_NOTICE = re.compile(
    r"^(?:um (?:eingebettete|externe) inhalte anzuzeigen|to (?:view|display|see) (?:this|the) "
    r"(?:embedded |external )?content)\b.{0,400}(?:einwilligung|consent|cookies|datenschutz|"
    r"privacy)", re.I)
# Openings of furniture that runs longer than a line: a suggested citation, a question whether
# the reader liked the article (before a call to support the site), a call to follow the site
# that goes on with its addresses.
_FURNITURE_OPENING = re.compile(
    r"^(?:suggested citation|zitiervorschlag|cite (?:this (?:article|post) )?as\b|"
    r"how to cite(?: this (?:article|post))?|para citar este)\b|"
    r"^(?:gefällt (?:dir|ihnen|euch) (?:unser|dieser|der|das|die)\b[^?]{0,40}\?|hat (?:dir|ihnen|"
    r"euch) (?:dieser|der|unser) (?:artikel|beitrag|text)[^?]{0,20} gefallen\?|(?:did you )?"
    r"(?:like|enjoy|enjoyed|liked) (?:this|our|the) (?:article|story|post|content|magazine)\?|"
    r"¿te (?:ha )?gust(?:ó|ado) (?:este|esta|nuestro|nuestra)\b|"
    r"^(?:follow|folgen sie|folge|suivez|síguenos|seguici|join)\b.{0,60}\b(?:on|auf|sur|en|su) "
    r"(?:twitter|x|instagram|facebook|telegram|whatsapp|youtube|tiktok|linkedin|bluesky|threads)\b)",
    re.I)
# An invitation to report the article's errors ("Los invitamos a reportar errores …").
_REPORT_ERRORS = re.compile(
    r"\b(?:invitamos a|invite you to|bitten (?:wir )?sie|please) (?:\w+ ){0,2}(?:reportar|"
    r"report|melden|signaler)\b.{0,30}\b(?:errores|errors?|fehler|erreurs?|mistakes?|typos?)\b",
    re.I)
# A teaser's label in capitals before its headline ("MIRA: …", "LEA TAMBIÉN: …"), an ad's
# before its text ("ANZEIGE - Heute mal ausgehen?"). Case counts: "Read: " opens sentences.
_TEASER_PREFIX = re.compile(
    r"^(?:MIRA|LEA|LEE|VEA|LEA TAMBIÉN|LEE TAMBIÉN|TAMBIÉN LEE|TE PUEDE INTERESAR|READ|ALSO READ|"
    r"READ MORE|WATCH|RELATED|LESEN SIE AUCH|LIES AUCH|LEIA|LEIA TAMBÉM|VEJA|LIRE AUSSI|"
    r"À LIRE AUSSI|LEGGI ANCHE|CZYTAJ TEŻ|CZYTAJ TAKŻE)\s*:\s*\S|"
    r"^\*?(?:ANZEIGE|WERBUNG|ADVERTORIAL|ADVERTISEMENT|PUBLICIDAD)\s*[–|-]\s")
# A caption ending in its credit: "… während eines Statements. Foto: Andina".
_CREDIT_AT_END = re.compile(r"(?:\b(?:bild|foto|photo|image|credit)s?:|\bfot\.|©)\s*[^.:©]{2,60}$",
                            re.I)
# A figure's numbered legend: "Abbildung 4: …", "Fig. 2.", "Figure 3 –".
_FIGURE_LEGEND = re.compile(
    r"^(?:abbildung|abb\.|figure|fig\.|rycina|ilustración)\s*\d*\s*[:.–-]\s", re.I)
# A dateline: a date with its time of day, and a label, a place or a byline around them
# ("Erstellt: 28.04.2023, 18:16 Uhr", "10/07/2026 00:50 Actualizado a 10/07/2026 22:39",
# "17:41 JST, October 13, 2024"). An event's date and time are the story's ("Termin: …"), and
# so is a sentence that tells a date and a time.
_DATE = re.compile(r"\b(?:\d{1,2}[./-]\s?\d{1,2}[./-]\s?(?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|"
                   r"\d{1,2}\.? [^\W\d_]{3,}\.? \d{4}|[^\W\d_]{3,}\.? \d{1,2},? \d{4})")
_TIME_OF_DAY = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?![\d:])|\b\d{1,2}\.\d{2}\s*(?:uhr|h)\b", re.I)
_EVENT_TIME = re.compile(r"^(?:termin|wann|when|datum und uhrzeit|date and time|fecha y hora)\b",
                         re.I)
_DATELINE_MAX_CHARS = 100
_DATELINE_MAX_OTHER_WORDS = 6
_WORD = re.compile(r"\w+")
# How long a furniture line runs: a call or a label, a caption or a note.
_LINE_MAX_CHARS = 160
_NOTE_MAX_CHARS = 400
# A byline alone on a line: "By Jane Doe", "Von Anna Martel und Lea Wagner, Nairobi".
_NAMES = r"(?:[A-ZÄÖÜÉÅØ][\w.'’-]+\s*){1,4}"
_BYLINE_LINE = re.compile(rf"^(?i:by|von|par|por|door|av|af|di)\s+{_NAMES}"
                          rf"(?:(?:,|and|und|et|y|og|en|e)\s*{_NAMES})*$")

# A live blog entry's header: its time, then a label ("20:42KEY EVENT", "10.45 BST Pinned post")
# or, set in an element of its own right after the time, its writer's name ("21:00Antony
# Clements-Thrower"); the entry's own headline and text follow on lines of their own. A time,
# a space and capitalised words is a programme's line ("9:00 Opening Keynote"): text.
_ENTRY_HEADER = re.compile(
    rf"^\d{{1,2}}[:.]\d{{2}}(?:{_NAMES}|\s*(?:[ap]\.?m\.?|[A-Z]{{2,4}})?\s*(?i:key events?|"
    r"pinned(?: post)?|breaking|eilmeldung|wichtig|highlight|update|updated))$")


def _is_dateline(text: str) -> bool:
    """A short line that dates the story: a date and a time of day and a few other words, not
    leading into text."""
    if len(text) >= _DATELINE_MAX_CHARS or text.endswith(":") or _EVENT_TIME.match(text) \
            or not (_TIME_OF_DAY.search(text) and _DATE.search(text)):
        return False
    others = _WORD.findall(_TIME_OF_DAY.sub(" ", _DATE.sub(" ", text)))
    return len(others) <= _DATELINE_MAX_OTHER_WORDS


def is_furniture_line(text: str) -> bool:
    """A line that is page furniture in any story, whatever container held it."""
    if _CONSENT_NOTICE.match(text):
        return True
    if len(text) >= _NOTE_MAX_CHARS:
        return False
    # Captions and notes that run longer than a line.
    if _CREDIT_AT_END.search(text) or _FIGURE_LEGEND.match(text) or _FURNITURE_OPENING.match(
            text) or _TEASER_PREFIX.match(text) or _REPORT_ERRORS.search(text):
        return True
    if len(text) >= _LINE_MAX_CHARS:
        return False
    return bool(_FURNITURE_START.match(text) or _FURNITURE_PHRASE.search(text)
                or _LONE_FURNITURE.match(text)
                or _BYLINE_LINE.match(text) or _ENTRY_HEADER.match(text)
                or len(text) < 80 and _TEASER_HEADING.match(text)
                or _is_dateline(text))
