-- grain: one row per (month, language); counted articles only; month is NULL for undated articles
-- `articles` is the denominator for shares of coverage (topic_trends.share reads it)
with
articles as (select * from stg_articles),
monthly as (
    select
        published_month as month,
        language,
        count(*) as articles,
        count(distinct source) as sources
    from articles
    where is_counted
    group by 1, 2
)
select * from monthly
