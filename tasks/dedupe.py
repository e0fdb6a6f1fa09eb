"""Cluster each article with its copies, tonight's and earlier nights'."""

from __future__ import annotations

import hashlib
import re

import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.dates import fold

NOT_WORD = re.compile(r"[\W_]+")
EARLIER_SCHEMA = {"content_hash": pl.String, "cluster_id": pl.String}


def content_hash(text: str) -> str:
    """Same for texts that differ only in punctuation, spacing, ZWNJ, digit script or ي/ی, ك/ک."""
    key = NOT_WORD.sub(" ", fold(text)).split()
    return hashlib.sha256(" ".join(key).encode("utf-8")).hexdigest()[:32]


def hash_contents(articles: pl.DataFrame) -> pl.DataFrame:
    """Add `content_hash` of the cleaned text."""
    return articles.with_columns(content_hash=pl.Series([content_hash(t) for t in articles["text"].to_list()], dtype=pl.String))


def assign_clusters(articles: pl.DataFrame, earlier: pl.DataFrame) -> pl.DataFrame:
    """Add `cluster_id` and `is_duplicate`.

    An exact copy of an earlier night's article joins that article's cluster. Otherwise tonight's
    copies share the smallest `article_id` among them as their cluster, so reruns give the same ids.
    `is_duplicate` marks every article but the first of its cluster; which one is canonical is
    decided in the warehouse, where all members of a cluster are known.
    """
    earlier = earlier.unique("content_hash", keep="first")
    clustered = (
        articles.join(earlier.rename({"cluster_id": "earlier_cluster"}), on="content_hash", how="left")
        .with_columns(tonight_cluster=pl.col("article_id").min().over("content_hash"))
        .with_columns(cluster_id=pl.coalesce("earlier_cluster", "tonight_cluster"))
        .with_columns(
            is_duplicate=pl.col("earlier_cluster").is_not_null() | (pl.col("article_id") != pl.col("tonight_cluster"))
        )
    )
    return clustered.drop("earlier_cluster", "tonight_cluster")


hash_contents_task = task(hash_contents, name="hash-contents", cache_policy=NO_CACHE)
assign_clusters_task = task(assign_clusters, name="deduplicate", cache_policy=NO_CACHE)
