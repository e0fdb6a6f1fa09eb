-- One canonical article per cluster: the earliest known publication date, then the first
-- ingested, then the smallest article_id. Only rows whose flag changes are written.
update articles
set is_canonical = ranked.should_be_canonical
from (
    select
        article_id,
        row_number() over (
            partition by cluster_id
            order by published_date asc nulls last, ingested_at asc, article_id asc
        ) = 1 as should_be_canonical
    from articles
) as ranked
where articles.article_id = ranked.article_id
    and articles.is_canonical <> ranked.should_be_canonical;
