import polars as pl

from tasks.dedupe import EARLIER_SCHEMA, assign_clusters, content_hash, hash_contents

TEXT = "وزیر امور خارجه ایران و پاکستان درباره امنیت مرزها گفتگو کردند."


def frame(rows):
    return hash_contents(pl.DataFrame(rows, schema={"article_id": pl.String, "text": pl.String}))


def test_hash_ignores_letter_variants_digits_and_spacing():
    variant = TEXT.replace("ی", "ي").replace("ک", "ك") + "  "
    assert content_hash(variant) == content_hash(TEXT)
    assert content_hash("در سال ۱۴۰۳") == content_hash("در سال 1403")
    assert content_hash(TEXT) != content_hash(TEXT.replace("ایران", "افغانستان"))


def test_copies_tonight_share_the_smallest_id():
    clustered = assign_clusters(frame([{"article_id": "b", "text": TEXT}, {"article_id": "a", "text": TEXT.replace("ی", "ي")}, {"article_id": "c", "text": "خبر دیگر"}]), pl.DataFrame(schema=EARLIER_SCHEMA))
    rows = {r["article_id"]: r for r in clustered.iter_rows(named=True)}
    assert rows["a"]["cluster_id"] == rows["b"]["cluster_id"] == "a"
    assert rows["c"]["cluster_id"] == "c"
    assert [rows[k]["is_duplicate"] for k in "abc"] == [False, True, False]


def test_a_copy_of_an_earlier_night_joins_its_cluster():
    earlier = pl.DataFrame({"content_hash": [content_hash(TEXT)], "cluster_id": ["old"]})
    clustered = assign_clusters(frame([{"article_id": "new", "text": TEXT}]), earlier)
    assert clustered.row(0, named=True)["cluster_id"] == "old"
    assert clustered.row(0, named=True)["is_duplicate"]
