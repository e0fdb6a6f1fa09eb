-- story_clusters: one row per cluster, each with its canonical article and a non-negative copy count
select cluster_id, count(*) as rows_ from story_clusters
group by all
having count(*) > 1 or min(canonical_article_id) is null or min(copies) < 0
