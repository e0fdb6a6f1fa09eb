-- grain: one row per (source, month); canonical articles only ("(unknown)" when no source is known)
with
articles as (select * from stg_articles),
monthly as (
    select
        coalesce(source, '(unknown)') as source,
        report_month as month,
        count(*) as articles,
        list(distinct language order by language) as languages,
        min(published_date) as first_published,
        max(published_date) as last_published
    from articles
    where is_canonical
    group by 1, 2
)
select * from monthly
