-- grain: one row per (month, topic, language); counted articles only; month is NULL for undated articles
-- `articles` are about the topic (it is main), `share` their part of the month's articles in that
-- language; `mentioning_articles` mention the topic at all, main or in passing
with
articles as (select * from stg_articles),
topics as (select * from stg_article_topics),
languages as (select * from language_mix),
counted_topics as (
    select articles.published_month as month, topics.topic, articles.language, articles.article_id, topics.is_main
    from topics
    inner join articles on topics.article_id = articles.article_id
    where articles.is_counted
),
monthly as (
    select
        month, topic, language,
        count(distinct article_id) filter (where is_main) as articles,
        count(distinct article_id) as mentioning_articles
    from counted_topics
    group by 1, 2, 3
),
with_share as (
    select
        monthly.month,
        monthly.topic,
        monthly.language,
        monthly.articles,
        monthly.mentioning_articles,
        -- the denominator: every counted article of that month and language, with or without the topic
        languages.articles as language_articles,
        round(monthly.articles / languages.articles, 4) as share
    from monthly
    inner join languages
        on monthly.language = languages.language and monthly.month is not distinct from languages.month
)
select * from with_share
