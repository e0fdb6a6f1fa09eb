-- article_topics and article_countries: one row per (article, tag)
select 'article_topics' as in_table, article_id, topic as tag, count(*) as rows_ from article_topics group by all having count(*) > 1
union all
select 'article_countries', article_id, country, count(*) from article_countries group by all having count(*) > 1
