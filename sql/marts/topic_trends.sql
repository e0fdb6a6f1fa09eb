-- grain: one row per (month, topic, language); canonical articles only
with
articles as (select * from stg_articles),
topics as (select * from stg_article_topics),
canonical_topics as (
    select articles.report_month as month, topics.topic, articles.language, articles.article_id
    from topics
    inner join articles on topics.article_id = articles.article_id
    where articles.is_canonical
),
monthly as (
    select month, topic, language, count(distinct article_id) as articles
    from canonical_topics
    group by 1, 2, 3
)
select * from monthly
