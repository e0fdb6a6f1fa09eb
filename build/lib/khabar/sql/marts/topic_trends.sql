-- grain: one row per (month, topic, language); counted articles only; month is NULL for undated articles
with
articles as (select * from stg_articles),
topics as (select * from stg_article_topics),
languages as (select * from language_mix),
counted_topics as (
    select articles.published_month as month, topics.topic, articles.language, articles.article_id
    from topics
    inner join articles on topics.article_id = articles.article_id
    where articles.is_counted
),
monthly as (
    select month, topic, language, count(distinct article_id) as articles
    from counted_topics
    group by 1, 2, 3
),
with_share as (
    select
        monthly.month,
        monthly.topic,
        monthly.language,
        monthly.articles,
        -- the denominator: every counted article of that month and language, with or without the topic
        languages.articles as language_articles,
        round(monthly.articles / languages.articles, 4) as share
    from monthly
    inner join languages
        on monthly.language = languages.language and monthly.month is not distinct from languages.month
)
select * from with_share
