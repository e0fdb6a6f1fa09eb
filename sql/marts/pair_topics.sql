-- grain: one row per (month, country_a, country_b, topic) with country_a < country_b; counted articles only (canonical, not listing pages); month is NULL for undated articles
-- `articles` are about the topic (it is main); `mentioning_articles` mention it at all, main or in passing
with
pairs as (select * from article_country_pairs),
topics as (select * from stg_article_topics),
pair_topic_articles as (
    select pairs.month, pairs.country_a, pairs.country_b, topics.topic, pairs.article_id, topics.is_main
    from pairs
    inner join topics on pairs.article_id = topics.article_id
),
-- One row per article here: a pair is one row per article (its grain) and a topic one row per
-- article (data test tags_one_row_per_article_and_tag), so rows are counted, not distinct ids
-- (at 100,000 articles 0.25 s against 1.8 s, the same table).
monthly as (
    select
        month, country_a, country_b, topic,
        count(*) filter (where is_main) as articles,
        count(*) as mentioning_articles
    from pair_topic_articles
    group by 1, 2, 3, 4
)
select * from monthly
