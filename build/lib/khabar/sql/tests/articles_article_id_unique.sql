-- articles.article_id is the key: each at most once
select article_id, count(*) as copies from articles group by 1 having count(*) > 1
