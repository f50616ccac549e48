"""Words of a visitor's query: cleaning, stop words, a light stem and edit distance.

The databases stem the text they search (PostgreSQL's text search configurations, "english" or
"spanish"; SQLite's FTS5 porter tokenizer); the light stems here are only used in Python, to rank
title and summary matches first and to mark the matched words in result snippets.

Language-specific lists are keyed by language code ("en", "es"); another language adds its own
entries (and falls back to English until then).
"""

import re
import unicodedata

DEFAULT_LANGUAGE = "en"
MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
# Format characters that are part of ordinary text: emoji sequences (👩🏽‍⚕️) and Persian or
# Indic spelling need the zero-width joiner and non-joiner, so they are kept.
JOINERS = {"\u200c", "\u200d"}
WORD_RE = re.compile(r"\w+")

# The Snowball English stop words (the list PostgreSQL's "english" configuration uses), so both
# databases ignore the same small words: "how much does it cost" searches for "much cost".
STOP_WORDS = {
    "en": frozenset(
        """i me my myself we our ours ourselves you your yours yourself yourselves he him his
        himself she her hers herself it its itself they them their theirs themselves what which
        who whom this that these those am is are was were be been being have has had having do
        does did doing a an the and but if or because as until while of at by for with about
        against between into through during before after above below to from up down in out on
        off over under again further then once here there when where why how all any both each
        few more most other some such no nor not only own same so than too very s t can will
        just don should now""".split()  # noqa: SIM905 (the list reads as Snowball prints it)
    ),
    # The Snowball Spanish stop words, as PostgreSQL's "spanish" configuration has them
    # (tsearch_data/spanish.stop): "¿cuánto cuesta la kap?" searches for "cuánto cuesta kap".
    "es": frozenset(
        """de la que el en y a los del se las por un para con no una su al lo como más pero sus le
        ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien
        desde todo nos durante todos uno les ni contra otros ese eso ante ellos e esto mí antes
        algunos qué unos yo otro otras otra él tanto esa estos mucho quienes nada muchos cual
        poco ella estar estas algunas algo nosotros mi mis tú te ti tu tus ellas nosotras
        vosostros vosostras os mío mía míos mías tuyo tuya tuyos tuyas suyo suya suyos suyas
        nuestro nuestra nuestros nuestras vuestro vuestra vuestros vuestras esos esas estoy
        estás está estamos estáis están esté estés estemos estéis estén estaré estarás estará
        estaremos estaréis estarán estaría estarías estaríamos estaríais estarían estaba
        estabas estábamos estabais estaban estuve estuviste estuvo estuvimos estuvisteis
        estuvieron estuviera estuvieras estuviéramos estuvierais estuvieran estuviese
        estuvieses estuviésemos estuvieseis estuviesen estando estado estada estados estadas
        estad he has ha hemos habéis han haya hayas hayamos hayáis hayan habré habrás habrá
        habremos habréis habrán habría habrías habríamos habríais habrían había habías habíamos
        habíais habían hube hubiste hubo hubimos hubisteis hubieron hubiera hubieras hubiéramos
        hubierais hubieran hubiese hubieses hubiésemos hubieseis hubiesen habiendo habido
        habida habidos habidas soy eres es somos sois son sea seas seamos seáis sean seré serás
        será seremos seréis serán sería serías seríamos seríais serían era eras éramos erais
        eran fui fuiste fue fuimos fuisteis fueron fuera fueras fuéramos fuerais fueran fuese
        fueses fuésemos fueseis fuesen sintiendo sentido sentida sentidos sentidas siente
        sentid tengo tienes tiene tenemos tenéis tienen tenga tengas tengamos tengáis tengan
        tendré tendrás tendrá tendremos tendréis tendrán tendría tendrías tendríamos tendríais
        tendrían tenía tenías teníamos teníais tenían tuve tuviste tuvo tuvimos tuvisteis
        tuvieron tuviera tuvieras tuviéramos tuvierais tuvieran tuviese tuvieses tuviésemos
        tuvieseis tuviesen teniendo tenido tenida tenidos tenidas tened""".split()  # noqa: SIM905
    ),
}


def stop_words(language: str = DEFAULT_LANGUAGE) -> frozenset:
    return STOP_WORDS.get(language, STOP_WORDS[DEFAULT_LANGUAGE])


def clean_query(raw: str | None) -> str:
    """Normalised, printable, single-spaced and at most MAX_QUERY_LENGTH characters long.

    NUL and other control or format characters become spaces (PostgreSQL refuses NUL in text),
    except the joiners emoji and some scripts need.
    """
    if not raw:
        return ""
    text = unicodedata.normalize("NFKC", str(raw)[: MAX_QUERY_LENGTH * 4])
    text = "".join(
        " " if unicodedata.category(ch)[0] == "C" and ch not in JOINERS else ch for ch in text
    )
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def words(text: str) -> list[str]:
    """The words of a text, lower-cased (quotes, operators and punctuation dropped)."""
    return [w.casefold() for w in WORD_RE.findall(text or "")]


def content_words(text: str, language: str = DEFAULT_LANGUAGE) -> list[str]:
    """The query's words without stop words (all of them when every word is a stop word),
    at most MAX_WORDS, in order."""
    all_words = words(text)
    kept = [w for w in all_words if w not in stop_words(language)] or all_words
    return kept[:MAX_WORDS]


# Accents a Spanish reader may leave out ("depresion", "cuanto"): acute and diaeresis. The
# tilde of ñ is kept ("año" and "ano" are different words).
FOLDED_ACCENTS = {"\u0301", "\u0308"}


def fold(word: str) -> str:
    """The word without acute accents or diaeresis: 'depresión' → 'depresion', 'año' stays."""
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if ch not in FOLDED_ACCENTS)
    )


def stem(word: str, language: str = DEFAULT_LANGUAGE) -> str:
    """A light stem for comparing words in Python, in the query's language."""
    if language == "es":
        return spanish_stem(word)
    return english_stem(word)


def spanish_stem(word: str) -> str:
    """A light Spanish stem: accents folded, the plural and the final gender vowel dropped, so
    'efectos' and 'efecto', 'reacciones' and 'reacción', 'costo' and 'costos' have the same stem.
    Not a full stemmer (PostgreSQL's Snowball one matches the pages on that database)."""
    word = fold(word.casefold())
    if len(word) > 4 and word.endswith("es") and word[-3] not in "aeiou":
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    if len(word) > 4 and word[-1] in "aoe":
        word = word[:-1]
    return word


def english_stem(word: str) -> str:
    """A light English stem for comparing words in Python: 'effects' and 'effect', 'driving'
    and 'drive', 'studies' and 'study' have the same stem. Not a full stemmer."""
    word = word.casefold()
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Levenshtein distance counting a swap of two neighbouring letters as one edit
    ('ketmaine' is one edit from 'ketamine'). Stops early once every path exceeds ``limit``."""
    if a == b:
        return 0
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if limit is not None and min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
