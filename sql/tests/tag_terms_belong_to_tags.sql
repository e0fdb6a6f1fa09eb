-- the evidence rows: one per (article, tag, term), each behind a tag that exists, and a country's
-- names add up to its mentions (topics weigh their terms, so only their presence is checked)
with
topic_terms as (select article_id, topic, term, count(*) as rows_ from article_topic_terms group by all),
country_terms as (select article_id, country, term, count(*) as rows_, sum(hits) as hits from article_country_terms group by all),
country_hits as (select article_id, country, sum(hits) as hits from country_terms group by all)
select 'article_topic_terms' as in_table, article_id, topic as tag, 'duplicate term' as problem from topic_terms where rows_ > 1
union all
select 'article_topic_terms', article_id, topic, 'no such tag' from topic_terms
where (article_id, topic) not in (select (article_id, topic) from article_topics)
union all
select 'article_country_terms', article_id, country, 'duplicate term' from country_terms where rows_ > 1
union all
select 'article_country_terms', article_id, country, 'hits differ from mentions' from country_hits
left join article_countries using (article_id, country)
where article_countries.mentions is distinct from country_hits.hits
