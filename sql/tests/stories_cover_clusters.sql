-- every article has a story, and all copies of one text (a cluster) are in the same story
select 'no story' as problem, article_id as id from articles where story_id is null
union all
select 'cluster in two stories', cluster_id from articles group by cluster_id having count(distinct story_id) > 1
