"""Language of each article: script evidence first, langdetect for what letters cannot settle."""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from langdetect import DetectorFactory, LangDetectException, detect_langs
from langdetect.detector_factory import init_factory

# langdetect is random unless seeded; this is its only global, set once so runs are repeatable.
DetectorFactory.seed = 0
# Its profiles load lazily into a module global, which races when batches run on threads; a run
# with nothing new should not pay the 0.3 s load at all.
PROFILES_LOADING = threading.Lock()


@dataclass(frozen=True)
class LanguageConfig:
    prefix_chars: int = 600  # long articles cost no more than short ones
    min_letters: int = 12  # below this, a guess is noise: "und"


# Letters that only one language of the region writes. Counted, never first-hit: a Persian
# article quotes Urdu names and an Urdu one quotes Arabic.
PASHTO = set("ټډړږښګڼېۍځڅ")
URDU = set("ٹڈڑںھہے")
PERSIAN = set("پچژگ")
ARABIC_ONLY = set("ةى")
# Russian letters neither Ukrainian nor Bulgarian write (Bulgarian writes ъ all the time).
RUSSIAN_ONLY = set("ыэЫЭ")
UKRAINIAN_ONLY = set("іїєґІЇЄҐ")
# Macedonian and Serbian letters Russian and Bulgarian never write.
SOUTH_SLAVIC_ONLY = set("ѓќѕљњџјђћЃЌЅЉЊЏЈЂЋ")
# Bulgarian words Russian does not have (Russian writes "и", "на", "за", "от" too).
BULGARIAN_WORDS = frozenset({"е", "са", "това", "които", "който", "която", "ще", "във", "със", "беше", "бяха", "след", "година", "днес", "още"})
TURKISH_LETTERS = set("çşğıöüÇŞĞİÖÜ")
KAZAKH_OR_TAJIK = set("қғҚҒ")
UZBEK_SHAPE = re.compile(r"q|x|(?:lar|lari|ning|dagi|gan|moq|ish|lik|chi)$")
ENGLISH_WORDS = frozenset({"the", "and", "of", "to", "in", "a", "is", "was", "for", "on", "that", "with", "by", "said", "were", "from"})
# Kazakh also writes і, but so does Ukrainian: і alone never makes a text Kazakh.
KAZAKH = set("әөүұңһӘӨҮҰҢҺ")
TAJIK = set("ҷӣӯҶӢӮ")
UZBEK_CYRILLIC = set("ўЎ")
TAJIK_OR_UZBEK = set("ҳҲ")
# Cyrillic function words of Tajik (Persian grammar): Russian has none of them as words.
TAJIK_WORDS = frozenset({"дар", "ва", "ба", "аз", "ки", "бо", "барои", "мебошад", "буд", "шуд"})
UZBEK_LATIN_WORDS = frozenset({"va", "bilan", "uchun", "ham", "bu", "edi", "qilib", "bo'lgan", "boʻlgan", "esa", "yil"})
UZBEK_APOSTROPHE = re.compile(r"[oOgG][ʻ'‘’`]")

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
CYRILLIC = re.compile(r"[\u0400-\u052f]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
NOISE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|[\d\u06f0-\u06f9\u0660-\u0669]+")
WORD = re.compile(r"[^\W\d_]+(?:['ʻ‘’][^\W\d_]+)?")

GUESS = pl.Struct({"language": pl.String, "language_method": pl.String, "language_score": pl.Float64})
LANGUAGE_SCHEMA = {"article_id": pl.String, "language": pl.String, "language_method": pl.String, "language_score": pl.Float64}
# A rule returns (language, probability): the model's probability when langdetect decided, None
# when the letters did (`language_method` "letters"); a letter count is not a probability.
Guess = tuple[str, float | None]


def letters_in(text: str, letters: set[str]) -> int:
    """How many of `text`'s characters are in `letters`: one C-level count per letter, far quicker
    than a Python loop over the text."""
    return sum(map(text.count, letters))


def _langdetect(text: str) -> Guess:
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return "und", 0.0
    return best.lang.split("-")[0], round(best.prob, 3)


def _arabic_script(text: str, letters: int) -> Guess:
    pashto = letters_in(text, PASHTO)
    urdu = letters_in(text, URDU)
    if pashto >= max(1, 0.015 * letters) and pashto > urdu:
        return "ps", None
    if urdu >= max(2, 0.03 * letters) and urdu > pashto:
        return "ur", None
    # Persian writes پ چ ژ گ and almost never ة or ى; Arabic the other way round. Only mixed or
    # silent evidence goes to the statistical model.
    persian = letters_in(text, PERSIAN)
    arabic = letters_in(text, ARABIC_ONLY)
    if persian >= 2 and persian >= 4 * arabic:
        return "fa", None
    if arabic >= 2 and persian == 0:
        return "ar", None
    language, score = _langdetect(text)
    if language in {"fa", "ar", "ur"}:
        return language, score
    return ("fa" if persian else "ar"), None


def _cyrillic(text: str) -> Guess:
    counts = {
        "kk": letters_in(text, KAZAKH),
        "tg": letters_in(text, TAJIK),
        "uz": letters_in(text, UZBEK_CYRILLIC),
    }
    best = max(counts, key=counts.get)
    if counts[best]:
        return best, None
    words = WORD.findall(text.lower())
    if letters_in(text, TAJIK_OR_UZBEK) or sum(w in TAJIK_WORDS for w in words) >= 2:
        return "tg", None
    if letters_in(text, KAZAKH_OR_TAJIK):
        # Both write қ and ғ; only Kazakh also writes ы (Tajik has no ы).
        return ("kk" if "ы" in text.lower() else "tg"), None
    ukrainian = letters_in(text, UKRAINIAN_ONLY)
    russian = letters_in(text, RUSSIAN_ONLY)
    if russian and not ukrainian:
        return "ru", None
    if ukrainian >= 2 and not russian:
        return "uk", None
    language, score = _langdetect(text)
    # Ukrainian and Belarusian text always shows і, ї, є or ў; without them it is Russian.
    if language in {"uk", "be"} and not ukrainian and "ў" not in text.lower():
        return "ru", None
    # A short Russian sentence reads to the model as Bulgarian or Macedonian: those need their own
    # letters or words.
    if language in {"mk", "sr"} and not letters_in(text, SOUTH_SLAVIC_ONLY):
        return "ru", None
    if language == "bg" and sum(w in BULGARIAN_WORDS for w in WORD.findall(text.lower())) < 2:
        return "ru", None
    return language, score


def _latin(text: str) -> Guess:
    words = WORD.findall(text.lower())
    turkish = letters_in(text, TURKISH_LETTERS) > 0
    marks = len(UZBEK_APOSTROPHE.findall(text)) + sum(w in UZBEK_LATIN_WORDS for w in words)
    # Uzbek Latin writes q, x, sh, ch and o', g' but never Turkish ç ş ğ ı ö ü.
    shapes = sum(bool(UZBEK_SHAPE.search(w)) for w in words)
    english = sum(w in ENGLISH_WORDS for w in words)
    if not turkish and (marks >= 2 or (marks + shapes >= 3 and shapes >= 0.15 * len(words) and english < 2)):
        return "uz", None
    if english >= 0.15 * len(words) and english >= 3 and not turkish:
        return "en", None
    return _langdetect(text)


def script_counts(text: pl.Expr, config: LanguageConfig) -> list[pl.Expr]:
    """The bounded, de-noised prefix a guess reads, and its letters per script, for a whole batch
    at once (Rust's regex is linear where Python's backtracks on `\\S+@\\S+`)."""
    prefix = text.str.slice(0, config.prefix_chars * 2).str.replace_all(NOISE.pattern, " ").str.slice(0, config.prefix_chars)
    return [
        prefix.alias("prefix"),
        # Python's `[^\\W\\d_]`: letters, and numbers that are not digits (², ½); no marks.
        prefix.str.count_matches(r"[\p{L}\p{Nl}\p{No}]").alias("letters"),
        *(prefix.str.count_matches(script.pattern).alias(name) for name, script in (("arabic", ARABIC_SCRIPT), ("cyrillic", CYRILLIC), ("latin", LATIN))),
    ]


def decide(prefix: str, letters: int, arabic: int, cyrillic: int, latin: int, config: LanguageConfig) -> dict:
    """ISO 639-1 code for one text from its prefix and script counts (`script_counts`);
    `language_method` says whether its letters or the statistical model decided, `language_score`
    is the model's probability."""
    if letters < config.min_letters:
        return {"language": "und", "language_method": "too_few_letters", "language_score": None}
    # Brand names in Latin letters inside a Cyrillic or Arabic sentence do not make it Latin.
    if arabic >= max(cyrillic, latin) and arabic > letters / 3:
        language, score = _arabic_script(prefix, arabic)
    elif cyrillic > letters / 3:
        language, score = _cyrillic(prefix)
    elif latin > letters / 3:
        language, score = _latin(prefix)
    else:
        language, score = _langdetect(prefix)
    return {"language": language, "language_method": "letters" if score is None else "model", "language_score": score}


def guesses(texts: pl.Series, config: LanguageConfig = LanguageConfig()) -> pl.DataFrame:
    """`language`, `language_method` and `language_score` of each text."""
    counts = pl.DataFrame({"text": texts}).select(script_counts(pl.col("text"), config))
    rows = [decide(*row, config) for row in counts.select("prefix", "letters", "arabic", "cyrillic", "latin").iter_rows()]
    return pl.DataFrame(rows, schema=dict(GUESS.to_schema()))


def guess_language(text: str, config: LanguageConfig = LanguageConfig()) -> dict:
    """`guesses` of one text (for tests and one-off use)."""
    return guesses(pl.Series([text], dtype=pl.String), config).row(0, named=True)


def detect_language(articles: pl.DataFrame, config: LanguageConfig = LanguageConfig()) -> pl.DataFrame:
    """Add `language` (ISO 639-1, "und" when unsure), `language_method` and `language_score`; never drops a row."""
    with PROFILES_LOADING:
        init_factory()
    return articles.with_columns(guesses(articles["raw_text"], config))


# The columns `detect_language_batch` reads: with Prefect's process or Dask runner a batch crosses pickled.
LANGUAGE_INPUT = ("article_id", "raw_text")


def detect_language_batch(articles: pl.DataFrame, config: LanguageConfig = LanguageConfig()) -> pl.DataFrame:
    """`article_id`, `language`, `language_method`, `language_score` of a batch: small enough to keep as a checkpoint."""
    return detect_language(articles, config).select(*LANGUAGE_SCHEMA)


# Any edit of this module (rules, letter sets) must invalidate earlier checkpoints.
CODE_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def batch_cache_key(context, parameters: dict) -> str:
    """Same articles (ids include their content) and same settings: same answer, so a retried run reuses it."""
    digest = hashlib.sha256((CODE_VERSION + repr(parameters.get("config", LanguageConfig()))).encode())
    for article_id in parameters["articles"]["article_id"].to_list():
        digest.update(article_id.encode())
    return f"detect-language-{digest.hexdigest()}"
