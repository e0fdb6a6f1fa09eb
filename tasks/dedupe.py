"""Cluster each article with its copies, tonight's and earlier nights': exact copies by the hash
of their normalized text, near copies (another headline, a trimmed paragraph, added chrome) by
MinHash signatures over word shingles, bucketed by LSH band keys (both from `tasks/signing.py`).

Earlier nights are never reloaded whole: the warehouse keeps each article's signature and band
keys, and only the earlier articles that share a band key with tonight's are read back.
"""

from __future__ import annotations

from dataclasses import asdict

import numpy as np
import polars as pl

from khabar.tasks.signing import SIGNATURE_SCHEMA, DedupeConfig, band_keys

EARLIER_SCHEMA = {"article_id": pl.String, "cluster_id": pl.String, "content_hash": pl.String, "signature": pl.Binary, "shingles": pl.Int32}

PAIR_BLOCK = 100_000


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal hash values."""
    return float(np.mean(np.frombuffer(a, dtype="<u4") == np.frombuffer(b, dtype="<u4")))


class _Components:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, node: str) -> str:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


def assign_clusters(
    articles: pl.DataFrame,
    signatures: pl.DataFrame,
    earlier: pl.DataFrame,
    config: DedupeConfig = DedupeConfig(),
) -> pl.DataFrame:
    """Add `cluster_id` and `is_duplicate` to tonight's articles.

    Two articles are copies when their texts hash the same, or when they share an LSH band and
    their signatures agree on at least `config.threshold` of the hash values. A copy of an
    earlier article joins that article's cluster (the smallest such cluster id if it matches
    several); otherwise tonight's copies share the smallest `article_id` among them. Earlier
    clusters are never merged with each other, so earlier rows never change cluster.
    `is_duplicate` marks all but the first member of each cluster; the canonical article is
    chosen in the warehouse, where every member of a cluster is known.
    """
    tonight = dict(zip(articles["article_id"].to_list(), articles["content_hash"].to_list()))
    earlier_cluster = dict(zip(earlier["article_id"].to_list(), earlier["cluster_id"].to_list()))
    components = _Components()
    for article_id in tonight:
        components.find(article_id)

    # Exact copies: the same normalized text.
    first_with_hash: dict[str, str] = {}
    for article_id, digest in earlier.select("article_id", "content_hash").iter_rows():
        first_with_hash.setdefault(digest, article_id)
    for article_id, digest in tonight.items():
        if digest in first_with_hash:
            components.union(article_id, first_with_hash[digest])
        else:
            first_with_hash[digest] = article_id

    # Near copies: pairs that share an LSH bucket, confirmed on their signatures.
    for a, b in near_copies(signatures, earlier.filter(pl.col("signature").is_not_null()), config):
        components.union(a, b)

    members_of: dict[str, list[str]] = {}
    for node in list(components.parent):
        members_of.setdefault(components.find(node), []).append(node)
    cluster_of: dict[str, str] = {}
    for nodes in members_of.values():
        earlier_ids = sorted(earlier_cluster[n] for n in nodes if n in earlier_cluster)
        cluster_id = earlier_ids[0] if earlier_ids else min(nodes)
        for node in nodes:
            if node in tonight:
                cluster_of[node] = cluster_id
    ids = articles["article_id"].to_list()
    return articles.with_columns(
        cluster_id=pl.Series([cluster_of[a] for a in ids], dtype=pl.String),
        is_duplicate=pl.Series([cluster_of[a] != a for a in ids], dtype=pl.Boolean),
    )


def near_copies(signatures: pl.DataFrame, earlier: pl.DataFrame, config: DedupeConfig) -> list[tuple[str, str]]:
    """Pairs (at least one of tonight's) sharing a band bucket whose signatures agree: an estimated
    Jaccard similarity of at least `threshold`, or the smaller text at least `containment` inside
    the larger (a trimmed copy), from |A ∩ B| = J / (1 + J) * (|A| + |B|).

    Buckets are counted by a NumPy sort, pairs are a Polars join and the check is one NumPy
    comparison over all pairs, so a night of 100,000 articles never builds a Python object per
    pair or holds a hash table per band.
    """
    columns = list(SIGNATURE_SCHEMA)
    known = pl.concat([signatures.select(columns).with_columns(tonight=pl.lit(True)), earlier.select(columns).with_columns(tonight=pl.lit(False))])
    known = known.unique("article_id", keep="first").with_row_index("row")
    if known.height < 2:
        return []
    matrix = np.frombuffer(b"".join(known["signature"].to_list()), dtype="<u4").reshape(known.height, config.num_perm)
    keys = np.empty((known.height, config.bands), dtype=np.int64)
    for row, signature in enumerate(known["signature"].to_list()):
        keys[row] = band_keys(signature, config)
    shared = pl.DataFrame({"row": np.repeat(np.arange(known.height, dtype=np.uint32), config.bands), "bucket": _buckets(keys, config.max_bucket)})
    shared = shared.filter(pl.col("bucket") >= 0)
    pairs = (
        shared.join(shared, on="bucket", suffix="_b")
        .filter(pl.col("row") < pl.col("row_b"))
        .select("row", "row_b")
        .unique()
        .join(known.select("row", "tonight"), on="row")
        .join(known.select(pl.col("row").alias("row_b"), pl.col("tonight").alias("tonight_b")), on="row_b")
        .filter(pl.col("tonight") | pl.col("tonight_b"))
    )
    if pairs.is_empty():
        return []
    a, b = pairs["row"].to_numpy().astype(np.int64), pairs["row_b"].to_numpy().astype(np.int64)
    # Compared in blocks: a night full of copies can hold millions of candidate pairs.
    jaccard = np.concatenate(
        [(matrix[a[i : i + PAIR_BLOCK]] == matrix[b[i : i + PAIR_BLOCK]]).mean(axis=1) for i in range(0, len(a), PAIR_BLOCK)]
    )
    counts = known["shingles"].fill_null(1).to_numpy().astype(np.float64)
    shared_shingles = jaccard / (1 + jaccard) * (counts[a] + counts[b])
    containment = shared_shingles / np.maximum(1, np.minimum(counts[a], counts[b]))
    copies = (jaccard >= config.threshold) | (containment >= config.containment)
    ids = known["article_id"].to_list()
    return [(ids[i], ids[j]) for i, j in zip(a[copies], b[copies], strict=True)]


def _buckets(keys: np.ndarray, max_bucket: int) -> np.ndarray:
    """Per (article, band) of `keys`, the number of its bucket (the same band and key), or -1
    where the bucket holds one article or more than `max_bucket`. Counted by sorting in NumPy:
    a Polars window over the 2.5 million (band, key) pairs of 100,000 articles held half a
    gigabyte."""
    bands = np.tile(np.arange(keys.shape[1]), keys.shape[0])
    flat = keys.ravel()
    order = np.lexsort((flat, bands))
    sorted_keys, sorted_bands = flat[order], bands[order]
    starts = np.concatenate(([True], (sorted_keys[1:] != sorted_keys[:-1]) | (sorted_bands[1:] != sorted_bands[:-1])))
    bucket = np.empty(len(flat), dtype=np.int64)
    bucket[order] = np.cumsum(starts) - 1
    size = np.bincount(bucket)[bucket]
    return np.where((size >= 2) & (size <= max_bucket), bucket, -1)


def config_row(config: DedupeConfig) -> pl.DataFrame:
    return pl.DataFrame([asdict(config)])
