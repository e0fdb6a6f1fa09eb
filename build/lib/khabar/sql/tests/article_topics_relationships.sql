-- every tagged topic and country belongs to an article that exists
select 'article_topics' as in_table, article_id from article_topics where article_id not in (select article_id from articles)
union all
select 'article_countries', article_id from article_countries where article_id not in (select article_id from articles)
