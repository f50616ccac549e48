"""Plain-language checks shared by the content tests and the editor checks.

Reading grade is the US Flesch-Kincaid grade level from textstat 0.7.8 (offline CMU dictionary).
"""

import re

import textstat
from django.utils.html import strip_tags

BODY_GRADE_LIMIT = 8.0
SUMMARY_GRADE_LIMIT = 6.0

# From shared CONTENT.md "Claims": words a responsible health page never uses about KAP.
BANNED_PHRASES = [
    "cure",
    "cures",
    "cured",
    "guaranteed",
    "guarantee",
    "completely safe",
    "non-addictive",
    "breakthrough",
    "miracle",
]
_BANNED_RE = re.compile(r"\b(" + "|".join(re.escape(p) for p in BANNED_PHRASES) + r")\b", re.I)
_PERCENT_RE = re.compile(r"\b\d+(\.\d+)?\s?(%|percent\b)", re.I)


# A rendered citation marker (content.core.citations): not words a reader reads as a sentence.
_CITATION_HTML_RE = re.compile(r'<sup class="c-cite">.*?</sup>', re.S)
_RAW_MARKER_RE = re.compile(r"\[\^[a-z0-9][a-z0-9-]*\]")


def html_to_text(html: str, citation: str = "") -> str:
    """Visible text of an HTML fragment, one block per line; citation markers become
    ``citation`` (dropped by default)."""
    html = _CITATION_HTML_RE.sub(citation, html)
    html = _RAW_MARKER_RE.sub(citation, html)  # a marker not (yet) numbered, e.g. in the editor
    html = re.sub(r"</(p|li|h[1-6]|summary|td|th|dd|dt|div)>", ".\n", html)
    text = strip_tags(html)
    text = re.sub(r"\.\s*\.", ".", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def reading_grade(text: str) -> float:
    text = text.strip()
    if not text:
        return 0.0
    return float(textstat.flesch_kincaid_grade(text))


def banned_phrases(text: str) -> list[str]:
    return sorted({m.group(1).lower() for m in _BANNED_RE.finditer(text)})


def uncited_percentages(text: str) -> list[str]:
    """Percentages in the text; health pages should not state figures without a citation."""
    return [m.group(0) for m in _PERCENT_RE.finditer(text)]


# -- Numeric claims and their citations ----------------------------------------------------------
# A sentence that states a number, a percentage, a year or a date makes a claim a reader should be
# able to check, so it carries a citation marker. Numbers are digits, number words from two up,
# and drug schedules ("Schedule III").
_NUMBER_WORDS = [
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "half",
    "dozen",
    "twice",
]
_NUMBER_RE = re.compile(
    r"\d|\b(" + "|".join(_NUMBER_WORDS) + r")\b|\bSchedule (I|II|III|IV|V)\b", re.I
)
# The short, explicit list of numbers that are not claims: the phone numbers people call for
# help, and the numbers of steps in a list. Keep it this short.
NOT_A_CLAIM = [
    re.compile(r"\b988\b"),  # the 988 Suicide & Crisis Lifeline's number
    re.compile(r"\b911\b"),  # the emergency number
    re.compile(r"\bStep \d+\b"),  # a step's number in a list of steps
]
_CITED = "[cited]"
_CITED_AFTER_PUNCTUATION = re.compile(r"([.!?:;,])((?:" + re.escape(_CITED) + r")+)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def states_a_number(sentence: str) -> bool:
    for allowed in NOT_A_CLAIM:
        sentence = allowed.sub("", sentence)
    return bool(_NUMBER_RE.search(sentence))


def uncited_numeric_sentences(html: str) -> list[str]:
    """Sentences of rendered HTML that state a number, a year or a date without a citation."""
    text = html_to_text(html, citation=_CITED)
    # "approved in 2019.[cited] Next" → "approved in 2019[cited]. Next": the marker belongs to
    # the sentence before it.
    text = _CITED_AFTER_PUNCTUATION.sub(r"\2\1", text)
    return [
        sentence.strip()
        for sentence in _SENTENCE_END.split(text)
        if _CITED not in sentence and states_a_number(sentence)
    ]


# -- US English -----------------------------------------------------------------------------------
# Common British spellings and the British day-month date order; the site is written in US
# English ("license", "organization", "program", "November 1, 2026").
UK_SPELLINGS = [
    r"licences?",
    r"organis(e|es|ed|ing|ation|ations|ational)",
    r"programmes?",
    r"colours?",
    r"behaviours?",
    r"favour(s|ed|ing|ite|ites)?",
    r"centres?",
    r"recognis(e|es|ed|ing)",
    r"analys(e|ed|ing)",
    r"anaesthe\w*",
    r"paediatric\w*",
    r"randomis(e|ed|ation)",
    r"(minimi|optimi|priori|reali|summari|speciali|utili|apologi|authori|categori|customi)s(e|es|ed|ing)",
    r"emphasis(e|es|ed|ing)",
    r"judgement",
    r"(travel|cancel|label|model|counsel)l(ed|ing|or|ors)",
    r"defence",
    r"offence",
    r"practis(e|es|ed|ing)",
    r"catalogue",
    r"whilst",
    r"amongst",
    r"learnt",
    r"oedema|oesophag\w*|haem\w*|foetus",
    r"enrolment",
    r"fulfil",
    r"ageing",
    r"per cent",
    r"(metre|litre|fibre|manoeuvre)s?",
]
_UK_RE = re.compile(r"\b(" + "|".join(f"(?:{word})" for word in UK_SPELLINGS) + r")\b", re.I)
_UK_DATE_RE = re.compile(
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{4}\b"
)


def uk_spellings(text: str) -> list[str]:
    """British spellings and day-month-year dates in ``text`` (the site writes US English)."""
    found = [m.group(0) for m in _UK_RE.finditer(text)]
    found += [m.group(0) for m in _UK_DATE_RE.finditer(text)]
    return found


# -- Spanish --------------------------------------------------------------------------------------
# Spanish pages are measured with the Spanish formulas in textstat 0.7.8 (syllables from pyphen's
# Spanish dictionary). On the INFLESZ scale, "bastante fácil" (fairly easy) starts at 65 for
# Szigriszt-Pazos; on Fernández-Huerta's scale it starts at 70. Spanish pages aim there or easier.
SPANISH_SZIGRISZT_MIN = 65.0
SPANISH_FERNANDEZ_HUERTA_MIN = 70.0

SPANISH_BANNED_PHRASES = [
    "cura",
    "curas",
    "curar",
    "garantizado",
    "garantizada",
    "garantía",
    "totalmente seguro",
    "completamente seguro",
    "no adictivo",
    "no es adictiva",
    "revolucionario",
    "milagro",
    "milagroso",
]
_ES_BANNED_RE = re.compile(
    r"\b(" + "|".join(re.escape(p) for p in SPANISH_BANNED_PHRASES) + r")\b", re.I
)


def spanish_scores(text: str) -> tuple[float, float]:
    """(Szigriszt-Pazos, Fernández-Huerta) for Spanish text; higher is easier.

    textstat keeps its language as module state, so it is set for this call and put back."""
    text = text.strip()
    if not text:
        return 100.0, 100.0
    textstat.set_lang("es")
    try:
        return float(textstat.szigriszt_pazos(text)), float(textstat.fernandez_huerta(text))
    finally:
        textstat.set_lang("en_US")


def spanish_banned_phrases(text: str) -> list[str]:
    return sorted({m.group(1).lower() for m in _ES_BANNED_RE.finditer(text)})
