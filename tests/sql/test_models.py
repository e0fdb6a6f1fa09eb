"""SQL models on an in-memory-sized DuckDB file with a few hand-made rows."""


import duckdb
import pytest

from khabar.flows.models import SQL_DIR, build_order, discover_models, upstreams


def test_upstreams_ignore_the_models_own_ctes():
    assert upstreams((SQL_DIR / "marts" / "topic_trends.sql").read_text()) == {"stg_articles", "stg_article_topics", "language_mix"}
    assert upstreams("with articles as (select * from articles) select * from articles") == {"articles"}


def test_build_order_puts_staging_before_marts():
    order = [m.name for m in build_order(discover_models())]
    assert order.index("stg_articles") < order.index("topic_trends")
    assert order.index("stg_article_countries") < order.index("country_pairs")


def test_a_cycle_is_named_by_its_path(tmp_path):
    (tmp_path / "staging").mkdir()
    (tmp_path / "marts").mkdir()
    (tmp_path / "marts" / "a.sql").write_text("select * from b")
    (tmp_path / "marts" / "b.sql").write_text("select * from a")
    with pytest.raises(RuntimeError, match=r"cycle: (a -> b -> a|b -> a -> b)"):
        build_order(discover_models(tmp_path))


@pytest.fixture
def warehouse(tmp_path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute((SQL_DIR / "load" / "schema.sql").read_text())
    con.execute(
        """
        insert into articles by name
        select * from (values
            ('a1', 'f', null, 'fa', date '2024-11-06', 'c1', true),
            ('a2', 'g', null, 'ar', date '2024-11-20', 'c1', false),
            ('a3', 'h', null, 'ar', null, 'c3', true),
            ('a5', 'k', null, 'fa', date '2024-11-09', 'c5', true)
        ) as t(article_id, input_file, input_line, language, published_date, cluster_id, is_canonical)
        cross join (select 'x' as text, timestamp '2024-12-01 02:00' as ingested_at, 'h' as content_hash,
                    'raw' as raw_text, 'fh' as file_hash, 'r' as run_id)
        """
    )
    # a4 is an outlet's section page of headlines: loaded, never counted.
    con.execute(
        """
        insert into articles by name
        select 'a4' as article_id, 'l' as input_file, 'fa' as language, date '2024-11-06' as published_date, 'c4' as cluster_id,
            true as is_canonical, true as is_listing, 'x' as text, timestamp '2024-12-01 02:00' as ingested_at, 'h' as content_hash,
            'raw' as raw_text, 'fh' as file_hash, 'r' as run_id
        """
    )
    con.execute("update articles set published_precision = 'day', date_method = 'header' where published_date is not null")
    con.execute("insert into article_countries values ('a1', 'PK', 3), ('a1', 'IR', 2), ('a2', 'PK', 1), ('a2', 'IR', 1), ('a3', 'AF', 1), ('a3', 'TJ', 4), ('a4', 'IR', 1), ('a4', 'PK', 1)")
    # a5 mentions diplomacy in passing: it counts among the articles mentioning it, not those about it.
    con.execute(
        "insert into article_topics (article_id, topic, score, is_main) values ('a1', 'diplomacy', 2.0, true), ('a2', 'diplomacy', 1.0, true),"
        " ('a3', 'terrorism', 1.5, true), ('a4', 'diplomacy', 3.0, true), ('a5', 'diplomacy', 0.4, false)"
    )
    for model in build_order(discover_models()):
        con.execute(f"create or replace {model.materialization} {model.name} as {model.path.read_text()}")
    yield con
    con.close()


def test_country_pairs_count_canonical_articles_in_order(warehouse):
    rows = warehouse.execute("select month::varchar, country_a, country_b, articles from country_pairs order by 1 nulls last, 2").fetchall()
    # a2 is a copy of a1; a3 has no date: it counts under a NULL month, not the month it was ingested;
    # a4 is a listing page and counts nowhere.
    assert rows == [("2024-11-01", "IR", "PK", 1), (None, "AF", "TJ", 1)]


def test_topic_trends_per_month_topic_language(warehouse):
    rows = warehouse.execute(
        "select month::varchar, topic, language, articles, mentioning_articles, language_articles, share from topic_trends order by 1 nulls last"
    ).fetchall()
    # November has two counted Persian articles (a1, a5), one of them about diplomacy: a share of
    # 0.5; a5 mentions it in passing, so two mention it.
    assert rows == [("2024-11-01", "diplomacy", "fa", 1, 2, 2, 0.5), (None, "terrorism", "ar", 1, 1, 1, 1.0)]


def test_data_tests_catch_two_canonical_rows_in_a_cluster(warehouse):
    warehouse.execute("update articles set is_canonical = true where article_id = 'a2'")
    offending = warehouse.execute(f"select count(*) from ({(SQL_DIR / 'tests' / 'articles_one_canonical_per_cluster.sql').read_text()})").fetchall()[0][0]
    assert offending == 1


def test_a_failing_data_test_fails_the_model_build(warehouse, tmp_path):
    """The real `build_models` tasks in a flow, on a warehouse whose cluster c1 has two canonical rows."""
    from prefect import flow

    from khabar.flows.models import DataTestFailure, build_models

    warehouse.execute("update articles set is_canonical = true where article_id = 'a2'")
    warehouse.close()
    with pytest.raises(DataTestFailure, match=r"articles_one_canonical_per_cluster \(1 rows\)"):
        flow(build_models)(tmp_path / "w.duckdb")


def test_pair_topics_join_pairs_and_topics_of_canonical_articles(warehouse):
    rows = warehouse.execute("select month::varchar, country_a, country_b, topic, articles from pair_topics order by 1 nulls last").fetchall()
    assert rows == [("2024-11-01", "IR", "PK", "diplomacy", 1), (None, "AF", "TJ", "terrorism", 1)]


def test_language_mix_and_source_activity_count_canonical_articles(warehouse):
    assert warehouse.execute("select month::varchar, language, articles from language_mix order by 1 nulls last").fetchall() == [
        ("2024-11-01", "fa", 2),
        (None, "ar", 1),
    ]
    assert warehouse.execute("select source, sum(articles) from source_activity group by 1").fetchall() == [("(unknown)", 3)]


def test_story_clusters_name_the_canonical_article_and_count_copies(warehouse):
    rows = warehouse.execute("select cluster_id, canonical_article_id, copies, languages from story_clusters order by 1").fetchall()
    assert rows == [("c1", "a1", 1, ["ar", "fa"]), ("c3", "a3", 0, ["ar"]), ("c5", "a5", 0, ["fa"])]


def test_data_tests_pass_on_a_consistent_warehouse_and_catch_a_method_without_its_date(warehouse):
    def offending(name: str) -> int:
        return warehouse.execute(f"select count(*) from ({(SQL_DIR / 'tests' / name).read_text()})").fetchall()[0][0]

    assert offending("articles_date_and_source_methods.sql") == 0 and offending("listing_pages_not_counted.sql") == 0
    warehouse.execute("update articles set date_method = 'header' where article_id = 'a3'")  # a method with no date
    assert offending("articles_date_and_source_methods.sql") == 1
