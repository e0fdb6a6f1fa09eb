-- grain: one row per (article_id, topic)
with
article_topics as (select * from article_topics),
renamed as (
    select article_id, topic, score
    from article_topics
)
select * from renamed
