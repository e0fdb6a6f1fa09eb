-- every cluster has exactly one canonical article
select cluster_id, count(*) filter (where is_canonical) as canonical from articles group by 1 having count(*) filter (where is_canonical) <> 1
