-- grain: one row per (month, country_a, country_b) with country_a < country_b; counted articles only (canonical, not listing pages); month is NULL for undated articles
with
pairs as (select * from article_country_pairs),
monthly as (
    select month, country_a, country_b, count(distinct article_id) as articles
    from pairs
    group by 1, 2, 3
)
select * from monthly
