-- grain: one row per (article_id, country)
with
article_countries as (select * from article_countries),
renamed as (
    select article_id, upper(country) as country, mentions
    from article_countries
)
select * from renamed
