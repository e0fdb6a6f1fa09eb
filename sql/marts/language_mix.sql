-- grain: one row per (month, language); canonical articles only
with
articles as (select * from stg_articles),
monthly as (
    select
        report_month as month,
        language,
        count(*) as articles,
        count(distinct source) as sources
    from articles
    where is_canonical
    group by 1, 2
)
select * from monthly
