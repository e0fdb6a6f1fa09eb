-- grain: one row per (month, country_a, country_b, topic) with country_a < country_b; counted articles only (canonical, not listing pages); month is NULL for undated articles
with
pairs as (select * from article_country_pairs),
topics as (select * from stg_article_topics),
pair_topic_articles as (
    select pairs.month, pairs.country_a, pairs.country_b, topics.topic, pairs.article_id
    from pairs
    inner join topics on pairs.article_id = topics.article_id
),
monthly as (
    select month, country_a, country_b, topic, count(distinct article_id) as articles
    from pair_topic_articles
    group by 1, 2, 3, 4
)
select * from monthly
