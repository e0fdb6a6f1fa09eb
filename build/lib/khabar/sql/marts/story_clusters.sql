-- grain: one row per cluster_id: a story, its canonical article and its copies (listing pages left out)
with
articles as (select * from stg_articles),
clusters as (
    select
        -- ids
        cluster_id,
        max(article_id) filter (where is_canonical) as canonical_article_id,
        max(title) filter (where is_canonical) as canonical_title,
        -- counts
        count(*) as articles,
        count(*) - 1 as copies,
        -- where it ran
        list(distinct source order by source) filter (where source is not null) as sources,
        list(distinct language order by language) as languages,
        -- dates
        min(published_date) as first_published,
        max(published_date) as last_published,
        min(ingested_at) as first_ingested_at,
        max(ingested_at) as last_ingested_at
    from articles
    group by cluster_id
    having not bool_or(is_canonical and is_listing)
)
select * from clusters
