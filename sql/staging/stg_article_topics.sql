-- grain: one row per (article_id, topic): every topic the article mentions, `is_main` when it is about it
with
article_topics as (select * from article_topics),
renamed as (
    select article_id, topic, mentions, score, is_main
    from article_topics
)
select * from renamed
