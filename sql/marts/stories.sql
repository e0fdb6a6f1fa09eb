-- grain: one row per story_id: one event reported by one or more clusters (copies of one text), in
-- one or more languages, over one or more nights; named after its first cluster, whose canonical
-- headline is its title. Listing pages are left out.
with
articles as (select * from stg_articles where not is_listing),
stories as (
    select
        story_id,
        coalesce(
            max(title) filter (where is_canonical and cluster_id = story_id),
            min(title) filter (where is_canonical)
        ) as title,
        min(published_date) as first_date,
        max(published_date) as last_date,
        list(distinct language order by language) as languages,
        count(distinct cluster_id) as clusters,
        count(*) as articles
    from articles
    group by story_id
)
select * from stories
