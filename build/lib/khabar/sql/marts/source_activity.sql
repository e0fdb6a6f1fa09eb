-- grain: one row per (source, month); counted articles only ("(unknown)" when no source is known;
-- month is NULL for undated articles)
with
articles as (select * from stg_articles),
monthly as (
    select
        coalesce(source, '(unknown)') as source,
        published_month as month,
        count(*) as articles,
        list(distinct language order by language) as languages,
        min(published_date) as first_published,
        max(published_date) as last_published
    from articles
    where is_counted
    group by 1, 2
)
select * from monthly
