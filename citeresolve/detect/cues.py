"""English word lists the attribution detector still reads as code: publication and institution
words of the long tail, credit labels, unnamed-outlet descriptors. Cues themselves are data, one
lexicon file a language (``detect/lexicon/``).
"""

from __future__ import annotations

import re

# Unregistered publications: a cue holds a capitalised name that says what it is.
# Words a publication's name is made of ("the Montana Free Press", "Göteborgs-Posten").
PUBLICATION_WORDS = frozenset(
    """times post herald tribune journal gazette chronicle press news daily courier observer
    record examiner star sun globe mail express telegraph independent review register
    bulletin dispatch inquirer enquirer sentinel monitor standard mirror reporter leader
    ledger banner citizen advocate eagle magazine radio tv television broadcasting
    broadcaster network wire statesman argus beacon clarion democrat republican
    post-dispatch free-press posten zeitung tidning tidningen nyheter dagbladet bladet
    avisen kurier rundschau allgemeine diário diario corriere gazzetta nación pravda
    vedomosti gazeta courrier tageblatt nieuws krant dagblad correio folha jornal
    noticias noticia periódico quotidien hebdo dagens tempo mundo país monde stampa
    repubblica messaggero matin soir parisien globo estado nacion nación mercury
    advertiser newspaper newswire""".split()
)
# Words that make a capitalised name an institution, a company or a place, not a publication.
INSTITUTION_WORDS = frozenset(
    """ministry department pentagon kremlin government police army navy council office
    university institute court commission committee party company corporation inc corp
    bank hospital church embassy agency authority service services center centre
    foundation association union federation bureau administration senate congress house
    parliament school college league club team airlines airport museum secretary spokesman
    spokeswoman spokesperson minister president director chief officer governor mayor
    senator general judge prosecutor professor analyst correspondent""".split()
)
# Endings of words that name a paper in other languages: "Abendblatt", "Nyheter", "Posten".
PUBLICATION_SUFFIXES = (
    "blatt",
    "zeitung",
    "posten",
    "bladet",
    "tidning",
    "tidningen",
    "avisen",
    "nyheter",
    "kurier",
    "kurir",
    "courier",
    "gazette",
    "gazeta",
    "gazzetta",
    "journal",
    "tidende",
    "blad",
    "shimbun",
    "shinbun",
    "ilbo",
    "ribao",
    "press",
)
# Strong reporting verbs only: "said" follows people and ministries far more than papers.
UNREGISTERED_VERBS = frozenset(
    "reported reports reporting wrote writes published revealed reveals obtained broke noted "
    "notes observed quoted cited".split()
)

# Labels that open an image credit: "Image via", "Photo:", "Credit:", "Photograph by".
# What: the credit label and its joiner, matched at a CREDIT_WORD in ASCII-lowered text.
# Example: "image via " in "Image via The Guardian/Shutterstock".
# Why linear: anchored by match(); literal alternations; the joiner is a few literals.
CREDIT_LABEL = re.compile(
    r"(?P<label>(?:(?:top|main|lead|header|featured|cover|file)\s+)?"
    r"(?:image|images|photo|photos|photograph|photography|picture|pictures|pic|illustration|graphic|"
    r"video|footage|photo\s+credit|image\s+credit|image\s+source|credit|credits))"
    r"(?:\s*[:|]\s*|\s+(?:via|by|courtesy\s+of|credit(?:ed)?\s+to|from\s+(?=\S+\s+via))\s+)",
)
# Words that can open a credit label, as whole words of the lower-cased text; the label's
# position (line start, sentence start, after "(") is checked in code. Example: "photo".
CREDIT_OPENERS = frozenset(
    "top main lead header featured cover file image images photo photos photograph "
    "photography picture pictures pic illustration graphic video footage credit credits".split()
)

# Words that mark a parenthesised "A/B" as a photo credit rather than any slash pair.
CREDIT_WORDS = (
    "photo",
    "getty",
    "via",
    "pool",
    "handout",
    "afp",
    "epa",
    "ap",
    "reuters",
    "sipa",
    "zuma",
)

# Unnamed outlets: "a French newspaper", "local media", "state media", "Israeli TV".
DETERMINERS = frozenset(
    """
        a an one several some two three four other various multiple many numerous another
        the
    """.split()
)
DESCRIPTORS = frozenset(
    """
        local state state-run state-owned state-controlled state-backed state-affiliated
        government-run government-controlled government-owned official semi-official
        semiofficial pro-kremlin pro-government pro-russian pro-ukrainian opposition
        independent regional national foreign international western mainstream online major
        leading prominent conservative liberal public private financial business
        english-language arabic-language russian-language hebrew-language
        spanish-language german-language french-language chinese-language daily weekly
        evening morning sunday
        tabloid broadsheet
    """.split()
)
NATIONALITIES = frozenset(
    """
        afghan albanian algerian american argentine argentinian armenian australian austrian
        azerbaijani bahraini bangladeshi belarusian belgian bolivian bosnian brazilian
        british bulgarian burmese cambodian cameroonian canadian chilean chinese colombian
        congolese croatian cuban cypriot czech danish dutch ecuadorian egyptian emirati
        english estonian ethiopian european filipino finnish french georgian german ghanaian
        greek guatemalan haitian honduran hungarian icelandic indian indonesian iranian
        iraqi irish israeli italian ivorian jamaican japanese jordanian kazakh kenyan korean
        kosovar kurdish kuwaiti kyrgyz latvian lebanese libyan lithuanian malaysian maltese
        mexican moldovan mongolian montenegrin moroccan nepali nigerian norwegian omani
        pakistani palestinian panamanian paraguayan peruvian polish portuguese qatari
        romanian russian rwandan saudi scottish senegalese serbian singaporean slovak
        slovenian somali south african spanish sri lankan sudanese swedish swiss syrian
        taiwanese tajik tanzanian thai tunisian turkish turkmen ugandan ukrainian uruguayan
        uzbek venezuelan vietnamese welsh yemeni zambian zimbabwean arab gulf
        kremlin-controlled hong-kong alabama alaska arizona arkansas california
        colorado connecticut delaware florida georgia hawaii idaho illinois indiana iowa kansas
        kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri
        montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont
        virginia washington wisconsin wyoming
    """.split()
)
# Nouns that name a news outlet of some kind; multi-word ones are matched as phrases.
OUTLET_NOUNS = (
    "news agency",
    "news agencies",
    "wire service",
    "wire services",
    "news service",
    "news outlet",
    "news outlets",
    "media outlet",
    "media outlets",
    "news site",
    "news sites",
    "news website",
    "news websites",
    "news portal",
    "news channel",
    "tv channel",
    "tv station",
    "television channel",
    "television station",
    "radio station",
    "newspaper",
    "newspapers",
    "daily",
    "dailies",
    "tabloid",
    "tabloids",
    "broadsheet",
    "weekly",
    "magazine",
    "broadcaster",
    "broadcasters",
    "tv",
    "television",
    "radio",
    "outlet",
    "outlets",
    "media",
    "press",
    "paper",
    "channel",
    "website",
    "agency",
)
# Nouns too common to stand for an outlet without a descriptor that makes them one.
NEEDS_DESCRIPTOR = frozenset(
    {
        "paper",
        "channel",
        "website",
        "agency",
        "outlet",
        "outlets",
        "daily",
        "weekly",
        "radio",
        "tv",
        "television",
        "press",
        "media",
    }
)
# Bare "media"/"press"/"news" count only in these self-cueing phrases.
BARE_PHRASES = re.compile(r"\b(?P<phrase>(?:media|press|news)\s+reports?)\b", re.I)

# Labels that name a story's source, as pages write them under or above the story: "Źródło:",
# "Quelle:", "来源：". Spaced scripts need a word start before them, unspaced ones do not.
SOURCE_LABEL_WORDS = (
    "Źródło Zródło źródło Źródła źródła Source Sources Quelle Quellen Fonte Fontes Fuente "
    "Fuentes Источник Джерело Bron Kaynak"
).split()
SOURCE_LABEL_UNSPACED = ("来源", "來源", "出典", "출처")
