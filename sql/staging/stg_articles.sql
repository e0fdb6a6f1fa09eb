-- grain: one row per article (all of them; marts count only `is_counted` ones)
with
articles as (select * from articles),
renamed as (
    select
        -- ids
        article_id,
        cluster_id,
        story_id,
        content_hash,
        -- text
        source,
        source_method,
        url,
        title,
        language,
        -- dates: `published_month` is NULL for an article whose text gives no date; the marts
        -- count such articles in a `month is null` bucket, never in the month they were ingested
        published_date,
        published_precision,
        date_method,
        date_trunc('month', published_date)::date as published_month,
        date_trunc('month', ingested_at)::date as ingested_month,
        ingested_at,
        -- booleans
        is_canonical,
        is_listing,
        published_date is not null as is_dated,
        is_canonical and not is_listing as is_counted
    from articles
)
select * from renamed
