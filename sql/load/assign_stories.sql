-- A story is one event reported by many outlets in many languages: clusters (copies of one text)
-- whose events have the same kind and country pair, on days at most a week apart, in the same
-- place when both say where. A cluster keeps the story it was given, so reruns never renumber;
-- a new cluster joins the earliest story it links to, else the earliest new cluster it links to
-- tonight (one hop), else starts its own story named after itself. Only unassigned rows change.
create or replace temp table cluster_events as
select
    articles.cluster_id,
    events.kind,
    least(a.country, b.country) as country_a,
    greatest(a.country, b.country) as country_b,
    events.place_country,
    coalesce(events.event_date, articles.published_date) as day
from events
inner join articles on events.article_id = articles.article_id
inner join event_actors as a on events.event_id = a.event_id
inner join event_actors as b on events.event_id = b.event_id and a.country < b.country
where not articles.is_listing;

create or replace temp table cluster_stories as
select cluster_id, min(story_id) as story_id, min(ingested_at) as first_ingested_at
from articles
group by cluster_id;

-- A copy that joined a cluster (tonight, or re-read from an edited file) takes its cluster's story.
update articles
set story_id = cluster_stories.story_id
from cluster_stories
where articles.cluster_id = cluster_stories.cluster_id and articles.story_id is null and cluster_stories.story_id is not null;

create or replace temp table story_links as
select distinct
    mine.cluster_id,
    theirs.cluster_id as linked_cluster_id
from cluster_events as mine
inner join cluster_events as theirs
    on mine.kind = theirs.kind
    and mine.country_a = theirs.country_a
    and mine.country_b = theirs.country_b
    and mine.cluster_id <> theirs.cluster_id
    and abs(datediff('day', mine.day, theirs.day)) <= 7
    and (mine.place_country is null or theirs.place_country is null or mine.place_country = theirs.place_country);

update articles
set story_id = decided.story_id
from (
    with
    new_clusters as (select cluster_id, first_ingested_at from cluster_stories where story_id is null),
    candidates as (
        -- an existing story it links to (rank 0), else a new cluster it links to or itself (rank 1),
        -- the earliest ingested first, then the smallest id
        select new_clusters.cluster_id, linked.story_id as candidate, 0 as rank_, linked.first_ingested_at
        from new_clusters
        inner join story_links on new_clusters.cluster_id = story_links.cluster_id
        inner join cluster_stories as linked on story_links.linked_cluster_id = linked.cluster_id
        where linked.story_id is not null
        union all
        select new_clusters.cluster_id, linked.cluster_id, 1, linked.first_ingested_at
        from new_clusters
        inner join story_links on new_clusters.cluster_id = story_links.cluster_id
        inner join cluster_stories as linked on story_links.linked_cluster_id = linked.cluster_id
        where linked.story_id is null
        union all
        select cluster_id, cluster_id, 1, first_ingested_at from new_clusters
    )
    select cluster_id, arg_min(candidate, (rank_, first_ingested_at, candidate)) as story_id
    from candidates
    group by cluster_id
) as decided
where articles.cluster_id = decided.cluster_id and articles.story_id is null;
