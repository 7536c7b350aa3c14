"""Which language a page is written in: what the page says of itself, else a light guess."""

from __future__ import annotations

import re
from collections import Counter

from citeresolve.detect.attributions.words import plain_words
from citeresolve.detect.lexicon import Grammar
from citeresolve.document import Document

# What: a BCP 47 tag as pages write it. Example: "pt-BR", "en_US", "de".
# Why linear: bounded class runs separated by literal hyphens or underscores.
_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_]([A-Za-z0-9]{1,8}))?")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CJK = re.compile(r"[\u3040-\u30ff\uac00-\ud7af\u4e00-\u9fff]")  # any of the three
GUESS_CHARS = 6_000  # the start of an article tells its language; the rest costs time


def normalise_tag(value: str | None) -> str | None:
    """ "pt_BR" -> "pt-BR", "EN" -> "en"; None for what is not a language tag.

    >>> normalise_tag("pt_BR"), normalise_tag("EN-us"), normalise_tag("x")
    ('pt-BR', 'en-US', None)
    """
    match = _TAG.fullmatch((value or "").strip())
    if match is None:
        return None
    primary, region = match.group(1).lower(), match.group(2)
    if region is None:
        return primary
    return f"{primary}-{region.upper() if len(region) == 2 else region}"


def page_language(doc: Document) -> str | None:
    """The language the page declares: ``<html lang>``, ``og:locale``, Content-Language."""
    if doc.html is None:
        return None
    root = doc.html.find("html")
    if root is not None and hasattr(root, "get"):
        for attribute in ("lang", "xml:lang"):
            tag = normalise_tag(str(root.get(attribute) or ""))
            if tag:
                return tag
    for meta in doc.index.by_tag.get("meta", ()):
        key = str(meta.get("property") or meta.get("name") or meta.get("http-equiv") or "")
        if key.lower() in ("og:locale", "content-language", "language", "dc.language"):
            tag = normalise_tag(str(meta.get("content") or "").split(",")[0])
            if tag:
                return tag
    return None


def guess_language(
    text: str, grammar: Grammar, lowered_words: list[str] | None = None
) -> str | None:
    """The language whose small words (articles, adverbs) the text uses most; CJK by script.
    ``lowered_words``: plain_words of the lower-cased sample, when the caller listed them."""
    sample = text[:GUESS_CHARS]
    if _CJK.search(sample):  # one scan tells most pages they are written in none of them
        if _KANA.search(sample):
            return "ja"
        if _HANGUL.search(sample):
            return "ko"
        if len(_HAN.findall(sample)) > 20:
            return "zh"
    votes: Counter[str] = Counter()
    function_words = grammar.function_words
    if lowered_words is None:
        lowered_words = plain_words(sample.lower())
    # Counted at C speed, then only the distinct words that are function words (a set
    # intersection, possessive forms included) are looked up.
    counts = Counter(lowered_words)
    for word in counts.keys() & function_words.keys():
        votes[function_words[word]] += counts[word]
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < 3:
        return None
    if len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1]:
        return None
    return ranked[0][0]
