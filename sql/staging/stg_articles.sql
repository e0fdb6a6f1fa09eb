-- grain: one row per article (all of them; marts filter canonical ones)
with
articles as (select * from articles),
renamed as (
    select
        -- ids
        article_id,
        cluster_id,
        content_hash,
        -- text
        source,
        url,
        title,
        language,
        -- dates: an article whose text gives no date is counted in the month it was ingested
        published_date,
        published_precision,
        date_trunc('month', published_date)::date as published_month,
        coalesce(date_trunc('month', published_date), date_trunc('month', ingested_at))::date as report_month,
        ingested_at,
        -- booleans
        is_canonical,
        published_date is not null as is_dated
    from articles
)
select * from renamed
