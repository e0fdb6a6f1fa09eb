-- grain: one row per (article_id, country_a, country_b) with country_a < country_b; counted articles only
with
articles as (select * from stg_articles),
countries as (select * from stg_article_countries),
counted_countries as (
    select articles.published_month as month, articles.article_id, countries.country
    from countries
    inner join articles on countries.article_id = articles.article_id
    where articles.is_counted
),
pairs as (
    select a.month, a.article_id, a.country as country_a, b.country as country_b
    from counted_countries as a
    inner join counted_countries as b
        on a.article_id = b.article_id and a.country < b.country
)
select * from pairs
