-- One canonical article per cluster. A new cluster takes its best member: the earliest known
-- publication date, then the first ingested, then the smallest article_id. A cluster that has a
-- canonical article keeps it, unless a member is provably older (both dated, strictly earlier),
-- so reruns never flip it and a late undated copy never displaces it. Only changed rows are written.
update articles
set is_canonical = decided.should_be_canonical
from (
    with
    ranked as (
        select
            article_id,
            cluster_id,
            row_number() over by_precedence = 1 as is_best,
            first_value(published_date) over by_precedence as best_date
        from articles
        window by_precedence as (partition by cluster_id order by published_date asc nulls last, ingested_at asc, article_id asc)
    ),
    current_canonical as (
        select
            cluster_id,
            count(*) filter (where is_canonical) as canonical_rows,
            max(article_id) filter (where is_canonical) as canonical_id,
            max(published_date) filter (where is_canonical) as canonical_date
        from articles
        group by cluster_id
    )
    select
        ranked.article_id,
        case
            when current_canonical.canonical_rows <> 1 or ranked.best_date < current_canonical.canonical_date then ranked.is_best
            else ranked.article_id = current_canonical.canonical_id
        end as should_be_canonical
    from ranked
    inner join current_canonical on ranked.cluster_id = current_canonical.cluster_id
) as decided
where articles.article_id = decided.article_id
    and articles.is_canonical <> decided.should_be_canonical;
