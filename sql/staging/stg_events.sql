-- grain: one row per event read from an article (tasks/events.py)
with
events as (select * from events),
renamed as (
    select event_id, article_id, kind, event_date, place_country, place, sentence
    from events
)
select * from renamed
