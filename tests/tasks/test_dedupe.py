import zlib
from pathlib import Path

import duckdb
import polars as pl
import pytest

from khabar.tasks.dedupe import EARLIER_SCHEMA, assign_clusters, similarity
from khabar.tasks.signing import DedupeConfig, content_hash, hash_contents, sign_articles
from khabar.tasks.folding import term_key

SEEDS = Path(__file__).resolve().parents[2] / "samples" / "landing" / "seeds"
SQL_DIR = Path(__file__).resolve().parents[2] / "sql"
STORY = (SEEDS / "004_6115d0bf09f38642.txt").read_text(encoding="utf-8").split("المصدر")[0].strip()
PARAGRAPHS = [p for p in STORY.split("\n") if p.strip()]


def articles(texts: dict[str, str]) -> pl.DataFrame:
    return hash_contents(pl.DataFrame({"article_id": list(texts), "text": list(texts.values())}))


def cluster(texts: dict[str, str], earlier: pl.DataFrame | None = None) -> dict[str, tuple[str, bool]]:
    frame = articles(texts)
    signatures, _ = sign_articles(frame)
    result = assign_clusters(frame, signatures, earlier if earlier is not None else pl.DataFrame(schema=EARLIER_SCHEMA))
    return {r["article_id"]: (r["cluster_id"], r["is_duplicate"]) for r in result.iter_rows(named=True)}


def test_hash_ignores_letter_variants_digits_and_spacing():
    text = "وزیر امور خارجه ایران و پاکستان درباره امنیت مرزها در سال ۱۴۰۳ گفتگو کردند."
    assert content_hash(text.replace("ی", "ي").replace("ک", "ك") + "  ") == content_hash(text)
    assert content_hash(text.replace("۱۴۰۳", "1403")) == content_hash(text)
    assert content_hash(text) != content_hash(text.replace("ایران", "افغانستان"))


def test_exact_copies_share_the_smallest_id():
    clusters = cluster({"b": STORY, "a": STORY.replace("ي", "ی"), "c": (SEEDS / "000_d1af859b2bf76117.txt").read_text(encoding="utf-8")})
    assert clusters["a"] == ("a", False) and clusters["b"] == ("a", True)
    assert clusters["c"] == ("c", False)


def test_trimmed_and_reheadlined_copy_is_a_near_duplicate():
    copy = "باكستان وإيران: شراكة دائمة\n" + "\n".join(PARAGRAPHS[:-2]) + "\nشارك الخبر"
    clusters = cluster({"original": STORY, "copy": copy})
    assert clusters["copy"][0] == clusters["original"][0]


def test_different_stories_on_the_same_event_stay_apart():
    texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}
    clusters = cluster(texts)
    assert len({cluster_id for cluster_id, _ in clusters.values()}) == len(texts)


def test_a_copy_on_a_later_night_joins_the_earlier_cluster():
    night1 = articles({"first": STORY})
    signatures, _ = sign_articles(night1)
    earlier = night1.join(signatures, on="article_id").select(
        "article_id", pl.lit("cluster-of-first").alias("cluster_id"), "content_hash", "signature", "shingles"
    )
    trimmed = "\n".join(PARAGRAPHS[1:])
    assert cluster({"late": trimmed}, earlier.cast(EARLIER_SCHEMA)) == {"late": ("cluster-of-first", True)}


def test_signatures_are_deterministic_and_estimate_overlap():
    one, _ = sign_articles(articles({"x": STORY}))
    two, _ = sign_articles(articles({"y": STORY}))
    half, _ = sign_articles(articles({"z": "\n".join(PARAGRAPHS[: len(PARAGRAPHS) // 2])}))
    assert one["signature"][0] == two["signature"][0]
    assert 0.2 < similarity(one["signature"][0], half["signature"][0]) < 0.8
    assert len(one["signature"][0]) == DedupeConfig().num_perm * 4


@pytest.fixture
def warehouse(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute((SQL_DIR / "load" / "schema.sql").read_text())
    yield con
    con.close()


def add(con, article_id, published, night, canonical=False):
    con.execute(
        "insert into articles by name select ? as article_id, 'f' as input_file, 'x' as text, 'ar' as language, ?::date as published_date, "
        "?::timestamp as ingested_at, 'h' as content_hash, 'c1' as cluster_id, ? as is_canonical, 'x' as raw_text, 'fh' as file_hash, 'r' as run_id",
        [article_id, published, night, canonical],
    )


def canonical(con) -> list[str]:
    con.execute((SQL_DIR / "load" / "recompute_canonical.sql").read_text())
    return [r[0] for r in con.execute("select article_id from articles where is_canonical").fetchall()]


def test_canonical_is_the_earliest_dated_then_first_ingested(warehouse):
    add(warehouse, "b", "2024-05-06", "2024-05-07")
    add(warehouse, "a", None, "2024-05-07")
    add(warehouse, "c", "2024-05-06", "2024-05-07")
    assert canonical(warehouse) == ["b"]


def test_a_late_copy_never_displaces_the_canonical_unless_provably_older(warehouse):
    add(warehouse, "first", "2024-05-06", "2024-05-07")
    assert canonical(warehouse) == ["first"]
    add(warehouse, "later-undated", None, "2024-05-09")
    add(warehouse, "later-same-day", "2024-05-06", "2024-05-09")
    assert canonical(warehouse) == ["first"]
    add(warehouse, "older", "2024-05-01", "2024-05-10")
    assert canonical(warehouse) == ["older"]
    assert canonical(warehouse) == ["older"]  # a rerun flips nothing


def test_an_undated_canonical_is_kept_when_a_dated_copy_arrives(warehouse):
    add(warehouse, "undated", None, "2024-05-07")
    assert canonical(warehouse) == ["undated"]
    add(warehouse, "dated", "2024-05-01", "2024-05-09")
    assert canonical(warehouse) == ["undated"]


def test_signatures_made_with_other_settings_stop_the_run_instead_of_being_compared(tmp_path):
    from khabar.tasks.load import DedupeSettingsChanged, read_earlier_candidates

    warehouse = tmp_path / "w.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute((SQL_DIR / "load" / "schema.sql").read_text())
        con.execute("insert into dedupe_config values (4, 128, 32, 4, 0.5, 0.8, 1, 500)")  # 128 permutations, 32 bands
    frame = articles({"a": STORY})
    _, bands = sign_articles(frame)
    with pytest.raises(DedupeSettingsChanged, match=r"num_perm 128 -> 125.*bands 32 -> 25"):
        read_earlier_candidates(warehouse, frame["content_hash"], bands)
    with duckdb.connect(str(warehouse)) as con:  # the settings of this Khabar: compared as usual
        con.execute("delete from dedupe_config; insert into dedupe_config values (4, 125, 25, 5, 0.5, 0.8, 1, 500)")
    assert read_earlier_candidates(warehouse, frame["content_hash"], bands).is_empty()


def test_signatures_stay_datasketchs_so_earlier_nights_still_compare():
    """The batch signing must give, bit for bit, what the warehouse already holds: datasketch's
    affine32 MinHash over the CRC-32 word hashes rolled into 4-word shingles."""
    from datasketch import MinHash

    config = DedupeConfig()
    texts = [STORY, PARAGRAPHS[0], "", "کابل", "دو کلمه", "سه کلمه اینجا", "وزير الخارجية ٢٠٢٤ " * 3]
    signatures, _ = sign_articles(pl.DataFrame({"article_id": [str(i) for i in range(len(texts))], "text": texts}), config)
    for text, ours in zip(texts, signatures["signature"].to_list()):
        words = [zlib.crc32(word.encode()) for word in term_key(text).split()]
        shingles = {0} if not words else set()
        for start in range(max(1, len(words) - config.shingle_words + 1)):
            rolled = 0
            for word in words[start : start + config.shingle_words]:
                rolled = (rolled * 1_000_003 + word) & 0xFFFFFFFF
            shingles.add(rolled)
        reference = MinHash(num_perm=config.num_perm, seed=config.seed, scheme="affine32", hashfunc=int)
        reference.update_batch(sorted(shingles))
        assert ours == reference.hashvalues.astype("<u4").tobytes()
