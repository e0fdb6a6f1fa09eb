"""Each article's fingerprints for finding its copies: the hash of its normalized text (exact
copies) and a MinHash signature over word shingles with its LSH band keys (near copies),
computed as NumPy over a whole batch. `tasks/dedupe.py` clusters with them.
"""

from __future__ import annotations

import functools
import hashlib
import zlib
from dataclasses import dataclass

import numpy as np
import polars as pl

from khabar.tasks.folding import term_key
from khabar.tasks.terms import with_match_text


@dataclass(frozen=True)
class DedupeConfig:
    """Shared by signing, bucketing and matching, and stored in the warehouse beside the signatures.

    Chosen by `bench/dedupe.py` on the shared corpus (README, "Near duplicates"): 4-word
    shingles, 25 bands of 5 rows (the LSH's S-curve midpoint near 0.52) and a 0.5 estimated
    Jaccard or 0.8 containment threshold gave pair precision 1.0 and recall 0.997.
    """

    shingle_words: int = 4
    num_perm: int = 125
    bands: int = 25
    rows: int = 5
    threshold: float = 0.5
    # A trimmed copy (the last paragraph cut) lies almost wholly inside its original even when
    # their Jaccard similarity is low: the share of the smaller one found in the larger.
    containment: float = 0.8
    seed: int = 1
    max_bucket: int = 500  # a band value shared by more articles is boilerplate, not a story


SIGNATURE_SCHEMA = {"article_id": pl.String, "signature": pl.Binary, "shingles": pl.Int32}
BAND_SCHEMA = {"article_id": pl.String, "band": pl.Int16, "band_key": pl.Int64}


def content_hash(text: str) -> str:
    """Same for texts that differ only in punctuation, spacing, ZWNJ, digit script or ي/ی, ك/ک."""
    return _digest(term_key(text))


def _digest(match_text: str) -> str:
    return hashlib.sha256(match_text.encode("utf-8")).hexdigest()[:32]


def hash_contents(articles: pl.DataFrame) -> pl.DataFrame:
    """Add `match_text` (folded words) and `content_hash` of the cleaned text."""
    articles = with_match_text(articles)
    return articles.with_columns(content_hash=pl.Series([_digest(t) for t in articles["match_text"].to_list()], dtype=pl.String))


SHINGLE_BASE = np.uint64(1_000_003)
MASK_32 = np.uint64(0xFFFFFFFF)
# MurmurHash3's 32-bit finalizer, which datasketch's "affine32" scheme applies to each input hash
# before its permutations (a * h + b in uint32, wrapping).
FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def word_hashes(match_texts: pl.Series) -> tuple[np.ndarray, np.ndarray]:
    """(hashes, lengths): the CRC-32 of every word of every text, one flat array, and each text's
    word count. Each distinct word is hashed once; Polars maps them back."""
    words = pl.DataFrame({"words": match_texts.str.split(" ").list.filter(pl.element() != "")})
    flat = words["words"].explode(empty_as_null=False).drop_nulls()
    distinct = flat.unique()
    crc = pl.Series([zlib.crc32(word.encode()) for word in distinct.to_list()], dtype=pl.UInt64)
    return flat.replace_strict(distinct, crc).to_numpy(), words["words"].list.len().to_numpy().astype(np.int64)


def shingle_sets(match_texts: pl.Series, size: int) -> tuple[np.ndarray, np.ndarray]:
    """(hashes, counts): the sorted distinct 32-bit hashes of each text's `size`-word shingles, one
    flat array in text order, and how many each text has.

    A shingle's hash rolls its word hashes (h * 1,000,003 + word, kept to 32 bits). A text shorter
    than a shingle is one shingle of all its words; a text with no words is the one shingle 0.
    """
    words, lengths = word_hashes(match_texts)
    texts, total = len(lengths), len(words)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
    padded = np.concatenate((words, np.zeros(size, dtype=np.uint64)))
    owner = np.repeat(np.arange(texts, dtype=np.uint64), lengths)
    rolled, short = np.zeros(total, dtype=np.uint64), [np.zeros(0, dtype=np.uint64)]
    for offset in range(size):
        rolled = (rolled * SHINGLE_BASE + padded[offset : offset + total]) & MASK_32
        # after offset + 1 words: the whole of each text that long
        ends = np.flatnonzero(lengths == offset + 1) if offset + 1 < size else np.zeros(0, dtype=np.int64)
        short.append((ends.astype(np.uint64) << np.uint64(32)) | rolled[starts[ends]])
    full = (np.arange(total) - starts[owner.astype(np.int64)]) <= (lengths[owner.astype(np.int64)] - size)
    empty = np.flatnonzero(lengths == 0).astype(np.uint64) << np.uint64(32)
    keys = np.sort(np.concatenate([(owner[full] << np.uint64(32)) | rolled[full], *short, empty]))
    keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]  # np.unique hashes: 30x slower here
    return (keys & MASK_32).astype(np.uint32), np.bincount((keys >> np.uint64(32)).astype(np.int64), minlength=texts)


@functools.cache
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's permutations for these settings (its "affine32" scheme: odd multipliers and
    offsets, drawn in this order from NumPy's generator with the seed), so the signatures stay
    theirs, comparable with every earlier night's. Drawn here rather than taken from a `MinHash`:
    importing datasketch imports SciPy, 54 MB in every process that signs (tests/tasks/test_dedupe.py
    checks them against datasketch's own)."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def minhash_signatures(hashes: np.ndarray, counts: np.ndarray, config: DedupeConfig) -> np.ndarray:
    """One row of `num_perm` uint32 minima per text, as datasketch's affine32 MinHash gives."""
    a, b = _permutations(config.num_perm, config.seed)
    s1, m1, s2, m2, s3 = FMIX32
    mixed = hashes ^ (hashes >> s1)
    mixed = mixed * m1
    mixed = mixed ^ (mixed >> s2)
    mixed = mixed * m2
    mixed = mixed ^ (mixed >> s3)
    signatures = np.empty((len(counts), config.num_perm), dtype=np.uint32)
    # Text by text into one reused buffer: the block stays in cache, and nothing is allocated.
    block = np.empty((int(counts.max(initial=1)), config.num_perm), dtype=np.uint32)
    end = 0
    for text, count in enumerate(counts.tolist()):
        permuted = block[:count]
        np.multiply(mixed[end : end + count, None], a, out=permuted)
        permuted += b
        permuted.min(axis=0, out=signatures[text])
        end += count
    return signatures


def band_keys(signature: bytes, config: DedupeConfig) -> list[int]:
    width = config.rows * 4  # uint32 hash values
    return [
        int.from_bytes(hashlib.blake2b(signature[band * width : (band + 1) * width], digest_size=8).digest(), "little", signed=True)
        for band in range(config.bands)
    ]


SIGN_INPUT = ("article_id", "match_text")  # the columns `sign_articles` reads


def sign_articles(articles: pl.DataFrame, config: DedupeConfig = DedupeConfig()) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(signatures, bands): a MinHash signature per article and its LSH band keys."""
    if articles.is_empty():
        return pl.DataFrame(schema=SIGNATURE_SCHEMA), pl.DataFrame(schema=BAND_SCHEMA)
    hashes, counts = shingle_sets(with_match_text(articles)["match_text"], config.shingle_words)
    signatures = [row.astype("<u4").tobytes() for row in minhash_signatures(hashes, counts, config)]
    ids = articles["article_id"].to_list()
    bands = [(article_id, band, key) for article_id, signature in zip(ids, signatures) for band, key in enumerate(band_keys(signature, config))]
    return (
        pl.DataFrame({"article_id": ids, "signature": signatures, "shingles": counts}, schema=SIGNATURE_SCHEMA),
        pl.DataFrame(bands, schema=BAND_SCHEMA, orient="row"),
    )
