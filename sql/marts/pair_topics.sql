-- grain: one row per (month, country_a, country_b, topic) with country_a < country_b; canonical articles only
with
articles as (select * from stg_articles),
countries as (select * from stg_article_countries),
topics as (select * from stg_article_topics),
canonical_countries as (
    select articles.report_month as month, articles.article_id, countries.country
    from countries
    inner join articles on countries.article_id = articles.article_id
    where articles.is_canonical
),
pairs as (
    select a.month, a.article_id, a.country as country_a, b.country as country_b
    from canonical_countries as a
    inner join canonical_countries as b
        on a.article_id = b.article_id and a.country < b.country
),
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
